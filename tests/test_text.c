/* test_text.c - bl_text_decode: the encodings told from the bytes (UTF-8
 * with or without BOM, UTF-16LE/BE with BOM, GB18030/GBK, Big5) and the
 * errors (empty, binary, invalid UTF-8 with its line, never mojibake).
 * The legacy inputs are made here with iconv(3) from UTF-8 strings. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

/* s converted from UTF-8 to `to` with iconv, behind the prefix bytes
 * (a byte-order mark); the caller frees. */
static char *encode(const char *to, const char *prefix, size_t prefix_len,
                    const char *s, size_t *out_len)
{
    iconv_t cd = iconv_open(to, "UTF-8");
    assert_true(cd != (iconv_t)-1);
    size_t len = strlen(s), cap = prefix_len + len * 4 + 16;
    char *out = malloc(cap);
    memcpy(out, prefix, prefix_len);
    char *in = (char *)s, *o = out + prefix_len;
    size_t in_left = len, out_left = cap - prefix_len;
    assert_true(iconv(cd, &in, &in_left, &o, &out_left) != (size_t)-1);
    assert_int_equal(in_left, 0);
    iconv_close(cd);
    *out_len = cap - out_left;
    return out;
}

typedef struct {
    int rc;
    char *text;
    size_t len;
    const char *encoding;
    bl_error err;
} decoded;

static decoded decode(bl_arena *a, const char *data, size_t len)
{
    decoded d = {0};
    d.rc = bl_text_decode("t.txt", data, len, a, &d.text, &d.len, &d.encoding, &d.err);
    return d;
}

/* Decodes `data` and checks it gives `want` in `encoding`. */
static void expect(const char *data, size_t len, const char *want, const char *encoding)
{
    bl_arena *a = bl_arena_new();
    decoded d = decode(a, data, len);
    if (d.rc != BL_OK)
        fail_msg("%s: %s (line %d)", encoding, d.err.message, d.err.line);
    assert_string_equal(d.encoding, encoding);
    assert_string_equal(d.text, want);
    assert_int_equal(d.len, strlen(want));
    bl_arena_free(a);
}

/* Decodes `data` and checks it fails on `line` with a message starting
 * with `message`. */
static void expect_error(const char *data, size_t len, int line, const char *message)
{
    bl_arena *a = bl_arena_new();
    decoded d = decode(a, data, len);
    if (d.rc == BL_OK)
        fail_msg("read as %s: %s", d.encoding, d.text);
    assert_int_equal(d.rc, BL_EINPUT);
    assert_string_equal(d.err.file, "t.txt");
    assert_int_equal(d.err.line, line);
    if (!bl_text_starts_with(d.err.message, message))
        fail_msg("message \"%s\", expected \"%s...\"", d.err.message, message);
    bl_arena_free(a);
}

static const char simplified[] =
    "2024年民生实事项目进展情况\n"
    "序号 | 项目名称 | 牵头部门 | 进展情况\n"
    "1 | 新建城区公园3个 | 县住建局 | 已完成，完成率100%\n"
    "2 | 改造老旧小区（一期） | 县住建局、各乡镇 | 滞后，完成率50%\n";

static const char traditional[] =
    "2024年民生實事項目進展情況\n"
    "序號 | 項目名稱 | 牽頭部門 | 進展情況\n"
    "1 | 新建城區公園3個 | 縣住建局 | 已完成，完成率100%\n"
    "2 | 改造老舊小區（一期） | 縣住建局、各鄉鎮 | 滯後，完成率50%\n";

static void utf8(void **state)
{
    (void)state;
    expect(simplified, strlen(simplified), simplified, "UTF-8");
    expect(traditional, strlen(traditional), traditional, "UTF-8");
    /* The BOM is dropped. */
    char *bom = malloc(strlen(simplified) + 4);
    memcpy(bom, "\xEF\xBB\xBF", 3);
    strcpy(bom + 3, simplified);
    expect(bom, strlen(bom), simplified, "UTF-8");
    free(bom);
}

static void utf16_with_bom(void **state)
{
    (void)state;
    size_t len;
    char *le = encode("UTF-16LE", "\xFF\xFE", 2, simplified, &len);
    expect(le, len, simplified, "UTF-16LE");
    /* Cut inside a character: invalid, and the line is named. */
    expect_error(le, len - 1, 4, "invalid UTF-16LE");
    free(le);
    char *be = encode("UTF-16BE", "\xFE\xFF", 2, traditional, &len);
    expect(be, len, traditional, "UTF-16BE");
    free(be);
    /* Characters past the BMP (surrogate pairs). */
    be = encode("UTF-16BE", "\xFE\xFF", 2, "𠀀𪚥 ok\n", &len);
    expect(be, len, "𠀀𪚥 ok\n", "UTF-16BE");
    free(be);
    /* Only a mark, or only white space: empty. */
    expect_error("\xFF\xFE", 2, 0, "file is empty");
    le = encode("UTF-16LE", "\xFF\xFE", 2, " \n\t\n", &len);
    expect_error(le, len, 0, "file is empty");
    free(le);
    /* Control characters are still binary data, on their line. */
    le = encode("UTF-16LE", "\xFF\xFE", 2, "序号\n项目\x01\n", &len);
    expect_error(le, len, 2, "binary data");
    free(le);
    /* An unpaired surrogate, in either byte order: the line is counted in
     * the mark's order. */
    expect_error("\xFF\xFE" "a\0\n\0\x00\xD8" "b\0", 10, 2, "invalid UTF-16LE");
    expect_error("\xFE\xFF" "\0a\0\n\0\n\xD8\x00" "\0b", 12, 3, "invalid UTF-16BE");
}

static void gbk_and_gb18030(void **state)
{
    (void)state;
    size_t len;
    char *g = encode("GBK", "", 0, simplified, &len);
    expect(g, len, simplified, "GB18030");
    free(g);
    /* Traditional characters written in GBK are GBK, not Big5. */
    g = encode("GBK", "", 0, traditional, &len);
    expect(g, len, traditional, "GB18030");
    free(g);
    /* Short cells. */
    const char *cells[] = {"牵头单位", "县住建局", "已完成。", "滞后", "完成率达１００％"};
    for (size_t i = 0; i < sizeof cells / sizeof cells[0]; i++) {
        g = encode("GBK", "", 0, cells[i], &len);
        expect(g, len, cells[i], "GB18030");
        free(g);
    }
    /* GB18030 beyond GBK: four-byte sequences. */
    const char beyond[] = "䶮镕 项目𠀀完成\n";
    g = encode("GB18030", "", 0, beyond, &len);
    expect(g, len, beyond, "GB18030");
    free(g);
}

static void big5(void **state)
{
    (void)state;
    size_t len;
    char *b = encode("BIG5", "", 0, traditional, &len);
    expect(b, len, traditional, "BIG5");
    free(b);
    const char *cells[] = {
        "牽頭部門：縣住建局", "項目名稱", "進展情況：滯後",
        "已完成，完成率100%", "臺北市政府民生實事",
    };
    for (size_t i = 0; i < sizeof cells / sizeof cells[0]; i++) {
        b = encode("BIG5", "", 0, cells[i], &len);
        expect(b, len, cells[i], "BIG5");
        free(b);
    }
}

static void errors(void **state)
{
    (void)state;
    expect_error("", 0, 0, "file is empty");
    expect_error(" \n\r\n\xE3\x80\x80\n", 8, 0, "file is empty");
    expect_error("\xEF\xBB\xBF", 3, 0, "file is empty");
    expect_error("ab\0\x01\x02", 5, 1, "binary data");
    expect_error("序号\n项目\n\x02\n", strlen("序号\n项目\n\x02\n"), 3, "binary data");
    /* Neither UTF-8 nor GB18030 nor Big5 (0xFF is a byte of none). */
    const char bad[] = "序号\n项目内容\n\xff\xfe\xfd\n";
    expect_error(bad, strlen(bad), 3, "invalid UTF-8");

    /* A UTF-8 report with one broken byte is refused on that line, never
     * read as GB18030 or Big5 mojibake, wherever the byte is. */
    size_t n = strlen(simplified);
    char *broken = malloc(n);
    int refused = 0;
    for (size_t at = 0; at < n; at++) {
        if ((unsigned char)simplified[at] < 0x80)
            continue;
        memcpy(broken, simplified, n);
        for (int v = 0; v < 256; v += 37) {
            broken[at] = (char)v;
            if (v < 0x20 || bl_utf8_valid_prefix(broken, n) == n)
                continue;
            int line = 1;
            for (size_t i = 0; i < at; i++)
                line += simplified[i] == '\n';
            bl_arena *a = bl_arena_new();
            decoded d = decode(a, broken, n);
            if (d.rc == BL_OK)
                fail_msg("byte %zu = 0x%02x: read as %s", at, v, d.encoding);
            assert_true(bl_text_starts_with(d.err.message, "invalid UTF-8"));
            assert_int_equal(d.err.line, line);
            refused++;
            bl_arena_free(a);
        }
    }
    assert_true(refused > 100);
    free(broken);

    /* A GBK file cut inside its last character fails on its last line
     * (where GB18030 stops), not on the first hanzi (where UTF-8 does). */
    size_t len;
    char *g = encode("GBK", "", 0, "序号 | 项目\n1 | 公园\n2 | 绿道\n备注：滞后", &len);
    expect_error(g, len - 1, 4, "invalid GB18030/GBK");
    free(g);
}

/* Trimming steps over every byte: a NUL inside the span is content (it
 * used to stop the scan for the span's end without advancing). */
static void trim_span_with_nul(void **state)
{
    (void)state;
    const char s[] = "\xE3\x80\x80 ab\0cd \t";
    size_t start, n = bl_text_trim_span(s, sizeof s - 1, &start);
    assert_int_equal(start, 4);
    assert_int_equal(n, 5);
    assert_int_equal(bl_text_trim_span("  \0 ", 4, &start), 1);
    assert_int_equal(start, 2);
    assert_int_equal(bl_text_trim_span(" \xE3\x80\x80\t", 5, &start), 0);
}

/* The UTF-8 rules of the readers: overlong forms, surrogates, values past
 * U+10FFFF, cut and stray bytes end the valid prefix, and bl_utf8_next
 * reads each such byte as one U+FFFD. */
static void utf8_forms(void **state)
{
    (void)state;
    static const struct {
        const char *s;
        size_t valid;  /* bytes of the valid prefix */
        uint32_t first; /* what bl_utf8_next reads first */
    } cases[] = {
        {"a\xC3\xA9", 3, 'a'},            /* é: two bytes */
        {"\xF0\x9F\x98\x80z", 5, 0x1F600}, /* four bytes */
        {"\xC1\xBF", 0, 0xFFFD},          /* overlong 2-byte '\x7f' */
        {"\xE0\x9F\xBF", 0, 0xFFFD},      /* overlong 3-byte */
        {"\xF0\x8F\xBF\xBF", 0, 0xFFFD},  /* overlong 4-byte */
        {"\xF4\x90\x80\x80", 0, 0xFFFD},  /* past U+10FFFF */
        {"\xED\xA0\x80", 0, 0xFFFD},      /* a surrogate, U+D800 */
        {"\xED\xBF\xBF", 0, 0xFFFD},      /* U+DFFF */
        {"\xEE\x80\x80", 3, 0xE000},      /* just past the surrogates */
        {"\xF8\x88\x80\x80\x80", 0, 0xFFFD}, /* no 5-byte forms */
        {"\x80", 0, 0xFFFD},              /* a continuation byte alone */
        {"\xE4\xB8", 0, 0xFFFD},          /* cut short */
        {"\xE4(\xAD", 0, 0xFFFD},         /* not a continuation */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *s = cases[i].s, *p = s;
        size_t n = strlen(s);
        assert_int_equal(bl_utf8_valid_prefix(s, n), cases[i].valid);
        assert_int_equal(bl_utf8_next(&p, s + n), cases[i].first);
        assert_true(p > s);
        if (cases[i].first == 0xFFFD)
            assert_ptr_equal(p, s + 1);
    }
    /* bl_utf8_put writes each length back. */
    const uint32_t cps[] = {0x41, 0xE9, 0x5E8F, 0x1F600};
    for (size_t i = 0; i < 4; i++) {
        char out[4];
        int n = bl_utf8_put(out, cps[i]);
        assert_int_equal(n, (int)i + 1);
        const char *p = out;
        assert_int_equal(bl_utf8_next(&p, out + n), cps[i]);
        assert_ptr_equal(p, out + n);
    }
    /* A NUL or the end reads as 0 and does not move. */
    const char *p = "";
    assert_int_equal(bl_utf8_next(&p, p + 1), 0);
}

/* Every kind of white space of the reports is blank and trimmed: ASCII
 * form feed and vertical tab, the ideographic space, no-break space and a
 * stray byte-order mark. */
static void white_space(void **state)
{
    (void)state;
    const char *blank = " \t\r\n\f\v\xE3\x80\x80\xC2\xA0\xEF\xBB\xBF";
    assert_true(bl_text_blank(blank));
    assert_false(bl_text_blank("\f\vx"));
    assert_false(bl_text_blank("\xC2\xA0\xE5\xBA\x8F"));
    bl_arena *a = bl_arena_new();
    char s[64];
    snprintf(s, sizeof s, "%s序号%s", blank, blank);
    assert_string_equal(bl_text_trim(a, s, strlen(s)), "序号");
    snprintf(s, sizeof s, "\v\f1 |\xC2\xA0" "a\f\v\xEF\xBB\xBF");
    assert_string_equal(bl_text_trim(a, s, strlen(s)), "1 |\xC2\xA0" "a");
    /* Folding: full-width forms to ASCII, the two wide spaces to one. */
    assert_string_equal(bl_text_fold(a, "（１）\xE3\x80\x80Ａ\xC2\xA0ｚ～序"), "(1) A z~序");
    bl_arena_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(utf8),
        cmocka_unit_test(utf16_with_bom),
        cmocka_unit_test(gbk_and_gb18030),
        cmocka_unit_test(big5),
        cmocka_unit_test(errors),
        cmocka_unit_test(trim_span_with_nul),
        cmocka_unit_test(utf8_forms),
        cmocka_unit_test(white_space),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
