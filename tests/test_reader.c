/* test_reader.c - choosing a reader by content, forcing one, and the
 * inputs issue 2 says must fail cleanly: garbage, empty, binary, invalid
 * UTF-8; and a GBK copy of examples/002 that must read as the original. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <iconv.h>

#include "seeds.h"
#include "write_json.h"

static char *slurp(const char *rel, size_t *len)
{
    bl_buf b = BL_BUF_INIT;
    bl_error err = {0};
    assert_int_equal(bl_read_file(seed_path(rel), &b, &err), BL_OK);
    *len = b.len;
    return bl_buf_detach(&b);
}

static void sniffing(void **state)
{
    (void)state;
    const char *seeds[] = {SEED_CELLS, SEED_PIPE, SEED_PROSE};
    const char *formats[] = {"cells", "pipe", "prose"};
    for (int i = 0; i < 3; i++) {
        size_t len;
        char *text = slurp(seeds[i], &len);
        const bl_reader *best = NULL;
        int score = -1;
        for (const bl_reader *r = bl_readers; r->name; r++)
            if (r->sniff(text, len) > score) {
                score = r->sniff(text, len);
                best = r;
            }
        assert_string_equal(best->name, formats[i]);
        free(text);
    }
    assert_non_null(bl_reader_find("pipe"));
    assert_null(bl_reader_find("xlsx"));
}

static void document_fields(void **state)
{
    (void)state;
    bl_model *m = seed_model(SEED_PIPE, false);
    bl_document *d = m->documents;
    assert_string_equal(d->stem, "002_d2b346bc7988df13");
    assert_string_equal(d->encoding, "UTF-8");
    assert_non_null(strstr(d->source, SEED_PIPE));
    bl_model_free(m);
}

static int read_bytes(bl_model *m, const char *name, const char *data, size_t len,
                      const char *format, bl_error *err)
{
    return bl_read_bytes_into(m, name, data, len, format, err);
}

static void rejects(void **state)
{
    (void)state;
    bl_model *m = bl_model_new();
    bl_error err = {0};
    const char garbage[] = "hello world\nthis is not a report\n12\n";
    assert_int_equal(read_bytes(m, "garbage.txt", garbage, strlen(garbage), NULL, &err), BL_EINPUT);
    assert_string_equal(err.file, "garbage.txt");
    assert_int_equal(err.line, 1);
    char msg[2048];
    bl_error_format(&err, msg, sizeof msg);
    assert_true(bl_text_starts_with(msg, "garbage.txt:1: error: "));
    assert_int_equal(read_bytes(m, "empty.txt", "", 0, NULL, &err), BL_EINPUT);
    assert_int_equal(read_bytes(m, "bin.dat", "ab\0\x01\x02", 5, NULL, &err), BL_EINPUT);
    const char bad[] = "序号\n\xff\xfe\xfd\n";
    assert_int_equal(read_bytes(m, "bad.txt", bad, strlen(bad), NULL, &err), BL_EINPUT);
    /* A forced reader that finds nothing fails too. */
    assert_int_equal(read_bytes(m, "g.txt", garbage, strlen(garbage), "cells", &err), BL_EINPUT);
    assert_int_equal(read_bytes(m, "g.txt", garbage, strlen(garbage), "nosuch", &err), BL_EUSAGE);
    assert_int_equal(bl_read_file_into(m, "/nonexistent/report.txt", NULL, &err), BL_EIO);
    assert_int_equal(m->n_documents, 0);
    assert_null(m->documents);
    bl_model_free(m);
}

/* Converts UTF-8 to `to` with iconv(3), behind `mark` (a byte-order mark,
 * or ""); the caller frees. */
static char *convert_to(const char *to, const char *mark, size_t mark_len,
                        const char *in, size_t len, size_t *out_len)
{
    iconv_t cd = iconv_open(to, "UTF-8");
    assert_true(cd != (iconv_t)-1);
    size_t cap = mark_len + len * 2 + 16, in_left = len, out_left = cap - mark_len;
    char *out = malloc(cap), *o = out + mark_len, *i = (char *)in;
    memcpy(out, mark, mark_len);
    assert_true(iconv(cd, &i, &in_left, &o, &out_left) != (size_t)-1);
    iconv_close(cd);
    *out_len = cap - out_left;
    return out;
}

static char *to_gbk(const char *in, size_t len, size_t *out_len)
{
    return convert_to("GBK", "", 0, in, len, out_len);
}

static char *model_json(bl_model *m)
{
    bl_aliases *a = NULL;
    bl_error err = {0};
    bl_buf out = BL_BUF_INIT;
    assert_int_equal(bl_aliases_new(&a, &err), BL_OK);
    assert_int_equal(bl_analyze(m, a, &err), BL_OK);
    assert_int_equal(bl_write_json(m, &out, &err), BL_OK);
    bl_aliases_free(a);
    return bl_buf_detach(&out);
}

static void gbk_copy_reads_the_same(void **state)
{
    (void)state;
    size_t len, gbk_len;
    char *utf8 = slurp(SEED_PIPE, &len);
    char *gbk = to_gbk(utf8, len, &gbk_len);
    assert_true(gbk_len < len); /* really converted: 2 bytes a character */
    bl_model *a = bl_model_new(), *b = bl_model_new();
    bl_error err = {0};
    assert_int_equal(read_bytes(a, "002.txt", utf8, len, NULL, &err), BL_OK);
    assert_int_equal(read_bytes(b, "002.txt", gbk, gbk_len, NULL, &err), BL_OK);
    assert_string_equal(b->documents->encoding, "GB18030");
    char *ja = model_json(a), *jb = model_json(b);
    /* Identical but for the encoding the input had. */
    char *at = strstr(jb, "\"GB18030\"");
    assert_non_null(at);
    memmove(at + 1, "UTF-8\"", 6);
    memmove(at + 7, at + 9, strlen(at + 9) + 1);
    assert_string_equal(ja, jb);
    free(ja);
    free(jb);
    bl_model_free(a);
    bl_model_free(b);
    free(utf8);
    free(gbk);
}

/* UTF-16 copies (with their byte-order mark) read as the original, and
 * the JSON names the encoding. */
static void utf16_copies_read_the_same(void **state)
{
    (void)state;
    size_t len, n;
    char *utf8 = slurp(SEED_PIPE, &len);
    bl_model *a = bl_model_new();
    bl_error err = {0};
    assert_int_equal(read_bytes(a, "002.txt", utf8, len, NULL, &err), BL_OK);
    char *ja = model_json(a);
    const char *names[] = {"UTF-16LE", "UTF-16BE"};
    const char *marks[] = {"\xFF\xFE", "\xFE\xFF"};
    for (int k = 0; k < 2; k++) {
        char *u16 = convert_to(names[k], marks[k], 2, utf8, len, &n);
        bl_model *b = bl_model_new();
        assert_int_equal(read_bytes(b, "002.txt", u16, n, NULL, &err), BL_OK);
        assert_string_equal(b->documents->encoding, names[k]);
        char *jb = model_json(b);
        char quoted[32];
        snprintf(quoted, sizeof quoted, "\"encoding\": \"%s\"", names[k]);
        char *at = strstr(jb, quoted);
        assert_non_null(at);
        /* Identical but for the encoding: "UTF-16LE" -> "UTF-8". */
        at += strlen("\"encoding\": \"UTF-");
        memmove(at, "8", 1);
        memmove(at + 1, at + 4, strlen(at + 4) + 1);
        assert_string_equal(ja, jb);
        free(jb);
        bl_model_free(b);
        free(u16);
    }
    free(ja);
    bl_model_free(a);
    free(utf8);
}

static void several_files(void **state)
{
    (void)state;
    bl_model *m = bl_model_new();
    bl_error err = {0};
    assert_int_equal(bl_read_file_into(m, seed_path(SEED_CELLS), NULL, &err), BL_OK);
    assert_int_equal(bl_read_file_into(m, seed_path(SEED_PIPE), "pipe", &err), BL_OK);
    assert_int_equal(bl_read_file_into(m, seed_path(SEED_PROSE), NULL, &err), BL_OK);
    assert_int_equal(m->n_documents, 3);
    assert_string_equal(m->documents->next->next->format, "prose");
    bl_model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sniffing),
        cmocka_unit_test(document_fields),
        cmocka_unit_test(rejects),
        cmocka_unit_test(gbk_copy_reads_the_same),
        cmocka_unit_test(utf16_copies_read_the_same),
        cmocka_unit_test(several_files),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
