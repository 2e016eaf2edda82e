/* test_write_json.c - the JSON of issue 2 item 7 from the three seeds:
 * the fields, their order, stable number text, and identical bytes from
 * identical input. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <cjson/cJSON.h>
#include <stdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "seeds.h"
#include "write_json.h"

static char *all_seeds_json(void)
{
    bl_model *m = bl_model_new();
    bl_aliases *a = NULL;
    bl_error err = {0};
    bl_buf out = BL_BUF_INIT;
    const char *seeds[] = {SEED_CELLS, SEED_PIPE, SEED_PROSE};
    for (int i = 0; i < 3; i++)
        assert_int_equal(bl_read_file_into(m, seed_path(seeds[i]), NULL, &err), BL_OK);
    assert_int_equal(bl_aliases_new(&a, &err), BL_OK);
    assert_int_equal(bl_analyze(m, a, &err), BL_OK);
    assert_int_equal(bl_write_json(m, &out, &err), BL_OK);
    bl_aliases_free(a);
    bl_model_free(m);
    return bl_buf_detach(&out);
}

static cJSON *at(cJSON *o, const char *key)
{
    cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    if (!v)
        fail_msg("missing key %s", key);
    return v;
}

static cJSON *nth(cJSON *a, int i)
{
    cJSON *v = cJSON_GetArrayItem(a, i);
    assert_non_null(v);
    return v;
}

/* The project of a list by its printed sequence number. */
static cJSON *project(cJSON *doc, int list, const char *seq)
{
    cJSON *p;
    cJSON_ArrayForEach(p, at(nth(at(doc, "lists"), list), "projects"))
        if (strcmp(at(p, "seq")->valuestring, seq) == 0)
            return p;
    fail_msg("no project %s", seq);
    return NULL;
}

static void same_bytes(void **state)
{
    (void)state;
    char *a = all_seeds_json(), *b = all_seeds_json();
    assert_string_equal(a, b);
    /* Stable number text, 2-space indentation, no tabs. */
    assert_non_null(strstr(a, "\"rates\": [215, 214.75]"));
    assert_null(strchr(a, '\t'));
    assert_non_null(strstr(a, "\n  \"departments\": ["));
    assert_true(bl_text_ends_with(a, "}\n"));
    free(a);
    free(b);
}

static void documents(void **state)
{
    (void)state;
    char *text = all_seeds_json();
    cJSON *root = cJSON_Parse(text);
    assert_non_null(root);
    cJSON *docs = at(root, "documents");
    assert_int_equal(cJSON_GetArraySize(docs), 3);
    cJSON *cells = nth(docs, 0), *pipe = nth(docs, 1), *prose = nth(docs, 2);
    assert_string_equal(at(cells, "format")->valuestring, "cells");
    assert_string_equal(at(cells, "stem")->valuestring, "000_03b3a4d07901329f");
    assert_string_equal(at(cells, "encoding")->valuestring, "UTF-8");
    assert_string_equal(at(cells, "published")->valuestring, "2023-11-21");
    assert_int_equal(at(at(cells, "period"), "year")->valueint, 2023);
    assert_int_equal(at(at(cells, "period"), "month")->valueint, 10);
    assert_string_equal(at(nth(at(cells, "lists"), 0), "level")->valuestring, "province");
    assert_int_equal(at(at(nth(at(cells, "lists"), 1), "summary"), "projects")->valueint, 52);
    /* Unknown values are null, not absent. */
    assert_true(cJSON_IsNull(at(pipe, "title")));
    assert_true(cJSON_IsNull(at(at(pipe, "period"), "year")));
    assert_int_equal(at(at(pipe, "period"), "month")->valueint, 8);
    assert_true(cJSON_IsNull(at(nth(at(pipe, "lists"), 0), "level")));
    assert_int_equal(cJSON_GetArraySize(at(prose, "indicators")), 27);
    assert_true(cJSON_IsArray(at(cells, "departments")));
    cJSON_Delete(root);
    free(text);
}

static void projects_and_entries(void **state)
{
    (void)state;
    char *text = all_seeds_json();
    cJSON *root = cJSON_Parse(text);
    cJSON *docs = at(root, "documents");
    cJSON *p = project(nth(docs, 0), 2, "2");
    assert_string_equal(at(p, "status")->valuestring, "not_done");
    assert_true(cJSON_IsTrue(at(p, "behind")));
    assert_true(at(p, "rate")->valuedouble == 50);
    cJSON *e = nth(at(p, "entries"), 0);
    assert_string_equal(at(e, "department")->valuestring, "罗阳镇");
    assert_string_equal(at(e, "department_key")->valuestring, "罗阳镇");
    assert_string_equal(at(e, "status_text")->valuestring, "未完成。");
    assert_string_equal(at(e, "rate_source")->valuestring, "text");
    assert_string_equal(at(e, "behind_reason")->valuestring, "该项目仍在开展前期工作");
    assert_true(cJSON_IsNull(at(e, "investment")));
    assert_int_equal(at(e, "line")->valueint, 975);
    /* Entry keys in the documented order. */
    static const char *const keys[] = {
        "department", "department_key", "department_carried", "leader", "target",
        "planned", "status", "status_text", "progress", "rates", "rate_source",
        "behind", "behind_reason", "investment", "line"};
    cJSON *k = e->child;
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++, k = k->next)
        assert_string_equal(k->string, keys[i]);
    assert_null(k);
    e = nth(at(project(nth(docs, 1), 0, "22"), "entries"), 1);
    assert_string_equal(at(e, "leader")->valuestring, "徐祥忠");
    e = nth(at(project(nth(docs, 2), 0, "1"), "entries"), 0);
    assert_true(at(at(e, "investment"), "planned")->valuedouble == 1.3);
    assert_true(at(at(e, "investment"), "actual")->valuedouble == 1.955);
    assert_string_equal(at(at(e, "investment"), "unit")->valuestring, "亿元");
    cJSON_Delete(root);
    free(text);
}

static void departments(void **state)
{
    (void)state;
    char *text = all_seeds_json();
    cJSON *root = cJSON_Parse(text);
    cJSON *d, *edu = NULL;
    cJSON_ArrayForEach(d, at(root, "departments"))
        if (strcmp(at(d, "key")->valuestring, "教育局") == 0)
            edu = d;
    assert_non_null(edu);
    /* Over all documents: 县教育局, 教育局 (000) and 市教育局 (002). */
    assert_int_equal(cJSON_GetArraySize(at(edu, "names")), 3);
    assert_true(at(edu, "rate_mean")->valuedouble <= 100);
    assert_true(cJSON_IsObject(at(edu, "status_counts")));
    assert_int_equal(cJSON_GetArraySize(at(edu, "status_counts")), BL_STATUS_COUNT);
    cJSON_Delete(root);
    free(text);
}

/* The entry that says why a project lags, and the reasons made of it. */
static void lag_reasons(void **state)
{
    (void)state;
    bl_model *m = bl_model_new();
    bl_document *d = bl_model_add_document(m, "t.txt");
    bl_list *l = bl_model_add_list(m, d, "县级", 1);
    bl_project *p = bl_model_add_project(m, l, "1", 2);
    bl_entry *done = bl_model_add_entry(m, p, 2);
    done->status = BL_STATUS_DONE;
    done->progress = "已完工";
    assert_ptr_equal(bl_lag_entry(p), done); /* none lags: the first */
    const bl_status_class lags[] = {BL_STATUS_NOT_DONE, BL_STATUS_PARTIAL, BL_STATUS_BEHIND};
    bl_entry *late = bl_model_add_entry(m, p, 3);
    late->progress = "路基施工";
    late->status_text = "部分完成";
    for (int i = 0; i < 3; i++) {
        late->status = lags[i];
        assert_ptr_equal(bl_lag_entry(p), late);
    }
    p->lag = BL_LAG_TEXT | BL_LAG_STATUS;
    cJSON *r = bl_lag_reasons_json(d, p);
    char *s = cJSON_PrintUnformatted(r);
    assert_string_equal(s, "[{\"kind\":\"text\",\"text\":\"路基施工\"},"
                           "{\"kind\":\"status\",\"text\":\"部分完成\"}]");
    free(s);
    cJSON_Delete(r);
    /* A behind entry comes first, its reason before its progress text. */
    bl_entry *behind = bl_model_add_entry(m, p, 4);
    behind->behind = true;
    behind->behind_reason = "征地未完成";
    behind->progress = "停工";
    assert_ptr_equal(bl_lag_entry(p), behind);
    r = bl_lag_reasons_json(d, p);
    s = cJSON_PrintUnformatted(r);
    assert_string_equal(s, "[{\"kind\":\"text\",\"text\":\"征地未完成\"},"
                           "{\"kind\":\"status\",\"text\":null}]");
    free(s);
    cJSON_Delete(r);
    bl_model_free(m);
}

typedef struct chunks {
    bl_buf text;
    int calls, fail_at; /* fail_at: the call that fails, 0 never */
} chunks;

static int chunk_sink(void *ctx, const char *data, size_t len)
{
    chunks *c = ctx;
    if (++c->calls == c->fail_at)
        return BL_EIO;
    bl_buf_append(&c->text, data, len);
    return BL_OK;
}

/* A model whose JSON passes the 64 KiB of the printer's buffer: streamed in
 * pieces that make the same bytes as the whole; a sink that fails stops
 * the stream and is reported. A --previous document is not written. */
static void streamed(void **state)
{
    (void)state;
    bl_model *m = bl_model_new();
    bl_document *prev = bl_model_add_document(m, "sep.txt");
    prev->previous_only = true;
    bl_model_add_list(m, prev, "上月", 1);
    bl_document *d = bl_model_add_document(m, "oct.txt");
    bl_list *l = bl_model_add_list(m, d, "县级", 1);
    for (int i = 0; i < 400; i++) {
        char seq[8];
        snprintf(seq, sizeof seq, "%d", i + 1);
        bl_project *p = bl_model_add_project(m, l, bl_arena_strdup(m->arena, seq), i + 2);
        p->content = "新建城东小学教学楼及配套设施";
        bl_entry *e = bl_model_add_entry(m, p, i + 2);
        e->progress = "主体结构施工";
    }
    bl_error err = {0};
    bl_buf whole = BL_BUF_INIT;
    assert_int_equal(bl_write_json(m, &whole, &err), BL_OK);
    assert_true(whole.len > 2 * 65536);
    assert_null(strstr(bl_buf_cstr(&whole), "sep.txt"));
    assert_non_null(strstr(bl_buf_cstr(&whole), "\"source\": \"oct.txt\""));
    chunks c = {BL_BUF_INIT, 0, 0};
    assert_int_equal(bl_write_json_to(m, chunk_sink, &c, &err), BL_OK);
    assert_true(c.calls >= 3);
    assert_int_equal(c.text.len, whole.len);
    assert_memory_equal(c.text.data, whole.data, whole.len);
    /* The document alone, named: the same document. */
    bl_buf one = BL_BUF_INIT;
    assert_int_equal(bl_write_json_document(m, prev, &one, &err), BL_OK);
    assert_non_null(strstr(bl_buf_cstr(&one), "\"source\": \"sep.txt\""));
    assert_non_null(strstr(bl_buf_cstr(&one), "上月"));
    assert_null(strstr(bl_buf_cstr(&one), "oct.txt"));
    bl_buf_free(&one);
    bl_buf_free(&c.text);
    chunks bad = {BL_BUF_INIT, 0, 2};
    assert_int_equal(bl_write_json_to(m, chunk_sink, &bad, &err), BL_EIO);
    assert_string_equal(err.message, "cannot write the JSON");
    assert_int_equal(bad.calls, 2); /* nothing more after the failure */
    bl_buf_free(&bad.text);
    bl_buf_free(&whole);
    bl_model_free(m);
}

/* cJSON_Print's text with each layout tab made two spaces, or one after a
 * key's colon: the layout write_json.c prints without building that text. */
static char *cjson_layout(const cJSON *o)
{
    char *text = cJSON_Print(o);
    bl_buf b = BL_BUF_INIT;
    for (const char *p = text; *p; p++) {
        if (*p != '\t')
            bl_buf_putc(&b, *p);
        else
            bl_buf_puts(&b, p > text && p[-1] == ':' ? " " : "  ");
    }
    bl_buf_putc(&b, '\n');
    free(text);
    return bl_buf_detach(&b);
}

/* Numbers at the edges of cJSON's three forms, escapes, empty and nested
 * containers: the printer's bytes are cJSON's layout. */
static void pretty_is_cjson_layout(void **state)
{
    (void)state;
    cJSON *o = cJSON_CreateObject();
    const double numbers[] = {0, -1, 7, -2147483648.0, 2147483647.0, 3e9, -0.5,
                              0.1 + 0.2, 1.0 / 3, 1e300, -1e-300, 214.75, NAN};
    cJSON_AddItemToObject(o, "numbers", cJSON_CreateDoubleArray(numbers, 13));
    cJSON_AddStringToObject(o, "text", "\"q\" \\ \b\f\n\r\t \x01\x1f\x7f 项目 é");
    cJSON_AddObjectToObject(o, "empty_object");
    cJSON_AddArrayToObject(o, "empty_array");
    cJSON *a = cJSON_AddArrayToObject(o, "objects");
    for (int i = 0; i < 2; i++) {
        cJSON *e = cJSON_CreateObject();
        cJSON_AddNumberToObject(e, "i", i);
        cJSON_AddItemToObject(e, "inner", cJSON_CreateObject());
        cJSON_AddItemToObject(cJSON_GetObjectItem(e, "inner"), "deep", cJSON_CreateArray());
        cJSON_AddItemToArray(a, e);
    }
    cJSON_AddNullToObject(o, "none");
    cJSON_AddTrueToObject(o, "yes");
    cJSON_AddFalseToObject(o, "no");
    cJSON_AddItemToObject(o, "", cJSON_CreateString(""));
    char *want = cjson_layout(o);
    bl_buf got = BL_BUF_INIT;
    bl_json_pretty(o, &got);
    bl_buf_putc(&got, '\0');
    assert_string_equal(got.data, want);
    free(want);
    bl_buf_free(&got);
    cJSON_Delete(o);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(same_bytes),
        cmocka_unit_test(pretty_is_cjson_layout),
        cmocka_unit_test(documents),
        cmocka_unit_test(projects_and_entries),
        cmocka_unit_test(departments),
        cmocka_unit_test(lag_reasons),
        cmocka_unit_test(streamed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
