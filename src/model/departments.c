/* departments.c - department keys by rules plus an alias table; see
 * departments.h. */
#include "departments.h"
#include "alloc.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "embedded.h"
#include "io.h"
#include "text.h"
#include "textkey.h"

typedef struct alias {
    char *name;
    char *key;
} alias;

struct bl_aliases {
    alias *items;
    size_t n, cap;
};

#define BUILTIN_ALIASES "data/departments.json"

static char *xstrdup(const char *s)
{
    char *d = bl_strdup(s);
    return d;
}

static void aliases_put(bl_aliases *a, const char *name, const char *key)
{
    if (a->n == a->cap) {
        size_t cap = a->cap ? a->cap * 2 : 32;
        alias *items = bl_realloc(a->items, cap * sizeof *items);
        a->items = items;
        a->cap = cap;
    }
    a->items[a->n].name = xstrdup(name);
    a->items[a->n].key = xstrdup(key);
    a->n++;
}

/* The line of offset `at` in json, for messages. */
static int line_at(const char *json, const char *at)
{
    int line = 1;
    for (const char *p = json; p < at && *p; p++)
        line += *p == '\n';
    return line;
}

int bl_aliases_add_json(bl_aliases *a, const char *path, const char *json,
                        bl_error *err)
{
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithOpts(json, &end, 1);
    if (!root)
        return bl_error_set(err, BL_EINPUT, path, line_at(json, end ? end : json),
                            "alias table is not valid JSON");
    if (!cJSON_IsObject(root)) {
        cJSON_Delete(root);
        return bl_error_set(err, BL_EINPUT, path, 1,
                            "alias table must be a JSON object {\"alias\": \"key\"}");
    }
    for (cJSON *it = root->child; it; it = it->next) {
        if (!cJSON_IsString(it) || !it->string[0] || !it->valuestring[0]) {
            int line = line_at(json, strstr(json, it->string));
            cJSON_Delete(root);
            return bl_error_set(err, BL_EINPUT, path, line,
                                "alias values must be non-empty strings");
        }
    }
    for (cJSON *it = root->child; it; it = it->next)
        aliases_put(a, it->string, it->valuestring);
    cJSON_Delete(root);
    return BL_OK;
}

int bl_aliases_new(bl_aliases **out, bl_error *err)
{
    bl_aliases *a = bl_calloc(1, sizeof *a);
    const bl_embedded_file *f = bl_embedded_find(BUILTIN_ALIASES);
    if (f) {
        int rc = bl_aliases_add_json(a, BUILTIN_ALIASES, (const char *)f->data, err);
        if (rc) {
            bl_aliases_free(a);
            return rc;
        }
    }
    *out = a;
    return BL_OK;
}

int bl_aliases_add_file(bl_aliases *a, const char *path, bl_error *err)
{
    bl_buf b = BL_BUF_INIT;
    int rc = bl_read_file(path, &b, err);
    if (rc == BL_OK)
        rc = bl_aliases_add_json(a, path, bl_buf_cstr(&b), err);
    bl_buf_free(&b);
    return rc;
}

void bl_aliases_free(bl_aliases *a)
{
    if (!a)
        return;
    for (size_t i = 0; i < a->n; i++) {
        free(a->items[i].name);
        free(a->items[i].key);
    }
    free(a->items);
    free(a);
}

/* Later entries win, so the search runs from the end. */
static const char *alias_of(const bl_aliases *a, const char *name)
{
    for (size_t i = a ? a->n : 0; i > 0; i--)
        if (strcmp(a->items[i - 1].name, name) == 0)
            return a->items[i - 1].key;
    return NULL;
}

/* The county's own bureau is written with or without its level:
 * 县教育局 = 教育局. The level is kept where it is part of the word that
 * follows: 县委宣传部, 市政府, 县府办, 市场监管局, 市政公用…. */
static const char *drop_level(const char *s)
{
    static const char *const levels[] = {"县", "市", "区", "省"};
    static const char *const keep[] = {"委", "府", "政", "场"};
    for (size_t i = 0; i < sizeof levels / sizeof *levels; i++) {
        if (!bl_text_starts_with(s, levels[i]))
            continue;
        const char *rest = s + strlen(levels[i]);
        for (size_t k = 0; k < sizeof keep / sizeof *keep; k++)
            if (bl_text_starts_with(rest, keep[k]))
                return s;
        return bl_utf8_count(rest) >= 2 ? rest : s;
    }
    return s;
}

/* The match key without any white space: "责任 单位" style gaps are
 * layout, and 縣住建局 is 县住建局. */
static char *squeeze(bl_arena *arena, const char *name)
{
    char *s = bl_key(arena, name), *o = s;
    for (const char *p = s; *p; p++)
        if (*p != ' ' && *p != '\t' && *p != '\r' && *p != '\n')
            *o++ = *p;
    *o = '\0';
    return s;
}

const char *bl_department_key(bl_arena *arena, const bl_aliases *a,
                              const char *name)
{
    if (!name)
        return NULL;
    char *s = squeeze(arena, name);
    if (!*s)
        return NULL;
    /* An alias is looked up as printed, then after the rules; its key goes
     * through the same rules, so "县卫生健康局" and "卫生健康局" are one. */
    const char *key = alias_of(a, s);
    if (!key)
        key = alias_of(a, drop_level(s));
    return key ? drop_level(squeeze(arena, key)) : drop_level(s);
}
