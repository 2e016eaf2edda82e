/* json_path.h - for the cmocka tests of views: a cJSON value by a dotted
 * path of keys and array positions ("lists.0.chart.points.3.x"), failing
 * the test when it is not there. Header-only; include after cmocka.h. */
#ifndef BL_TEST_JSON_PATH_H
#define BL_TEST_JSON_PATH_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

static inline const cJSON *at(const cJSON *o, const char *path)
{
    char buf[256];
    snprintf(buf, sizeof buf, "%s", path);
    char *save = NULL;
    for (char *k = strtok_r(buf, ".", &save); k; k = strtok_r(NULL, ".", &save)) {
        o = (*k >= '0' && *k <= '9') ? cJSON_GetArrayItem(o, atoi(k))
                                     : cJSON_GetObjectItem(o, k);
        if (!o)
            fail_msg("no %s (at %s)", path, k);
    }
    return o;
}

static inline const char *str(const cJSON *o, const char *path)
{
    const cJSON *v = at(o, path);
    if (!cJSON_IsString(v))
        fail_msg("%s is not a string", path);
    return v->valuestring;
}

#endif
