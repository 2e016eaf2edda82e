/* checks_json.c - findings as cJSON; see checks_json.h. */
#include "checks_json.h"

#include <stdio.h>

#include "check.h"

typedef struct collect {
    cJSON *arr;
    const char *errors;
    int n_errors;
} collect;

/* Absent values are null. */
static void add_int_or_null(cJSON *o, const char *key, int n)
{
    cJSON_AddItemToObject(o, key, n ? cJSON_CreateNumber(n) : cJSON_CreateNull());
}

static void add_finding(void *ctx, const bl_finding *f)
{
    collect *c = ctx;
    bool error = bl_check_code_listed(c->errors, f->code);
    c->n_errors += error;
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "file", f->doc->source ? f->doc->source : "");
    add_int_or_null(o, "line", f->line);
    cJSON_AddStringToObject(o, "code", f->code);
    cJSON_AddStringToObject(o, "level", error ? "error" : "warning");
    cJSON_AddStringToObject(o, "message", f->message);
    cJSON_AddStringToObject(o, "message_zh", f->message_zh);
    add_int_or_null(o, "list", f->list ? f->list_index : 0);
    const char *title = f->list ? f->list->title : NULL;
    const char *seq = f->project ? f->project->seq : NULL;
    cJSON_AddItemToObject(o, "list_title", title ? cJSON_CreateString(title) : cJSON_CreateNull());
    cJSON_AddItemToObject(o, "seq", seq ? cJSON_CreateString(seq) : cJSON_CreateNull());
    add_int_or_null(o, "project_line", f->project ? f->project->line : 0);
    cJSON_AddItemToArray(c->arr, o);
}

cJSON *bl_findings_json(bl_model *m, const bl_document *d, const char *error_codes,
                        int *n_errors)
{
    collect c = {cJSON_CreateArray(), error_codes, 0};
    if (d)
        bl_check_document(m, d, add_finding, &c);
    else
        bl_check_model(m, add_finding, &c);
    if (n_errors)
        *n_errors = c.n_errors;
    return c.arr;
}

cJSON *bl_checks_view(bl_model *m, const bl_document *d, const char *error_codes)
{
    cJSON *arr = bl_findings_json(m, d, error_codes, NULL), *it;
    cJSON_ArrayForEach(it, arr)
    {
        const char *level = cJSON_GetObjectItem(it, "level")->valuestring;
        cJSON_AddStringToObject(it, "level_label", level[0] == 'e' ? "错误" : "警告");
        cJSON *list = cJSON_GetObjectItem(it, "list");
        cJSON *seq = cJSON_GetObjectItem(it, "seq");
        char where[160];
        if (cJSON_IsNumber(list) && cJSON_IsString(seq))
            snprintf(where, sizeof where, "清单%d第%s项", list->valueint, seq->valuestring);
        else if (cJSON_IsNumber(list))
            snprintf(where, sizeof where, "清单%d", list->valueint);
        else
            snprintf(where, sizeof where, "全文");
        cJSON_AddStringToObject(it, "where_label", where);
    }
    return arr;
}
