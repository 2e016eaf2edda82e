/* text.c - UTF-8 checks, encoding conversion, helpers; see text.h. */
#include "text.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

size_t bl_utf8_valid_prefix(const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    while (i < len) {
        unsigned char c = s[i];
        size_t n;
        uint32_t cp;
        if (c < 0x80) {
            i++;
            continue;
        } else if ((c & 0xE0) == 0xC0) {
            n = 2;
            cp = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            n = 3;
            cp = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            n = 4;
            cp = c & 0x07;
        } else {
            return i;
        }
        if (i + n > len)
            return i;
        for (size_t k = 1; k < n; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                return i;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        /* Reject overlong forms, surrogates and values past U+10FFFF. */
        if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) ||
            (n == 4 && cp < 0x10000) || cp > 0x10FFFF ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return i;
        i += n;
    }
    return i;
}

uint32_t bl_utf8_next(const char **pp, const char *end)
{
    const unsigned char *p = (const unsigned char *)*pp;
    if ((const char *)p >= end || *p == 0)
        return 0;
    size_t avail = (size_t)(end - (const char *)p);
    size_t ok = bl_utf8_valid_prefix((const char *)p, avail < 4 ? avail : 4);
    unsigned char c = p[0];
    size_t n = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
    if (ok < n) {
        *pp += 1;
        return 0xFFFD;
    }
    uint32_t cp = n == 1 ? c : n == 2 ? (c & 0x1Fu) : n == 3 ? (c & 0x0Fu) : (c & 0x07u);
    for (size_t k = 1; k < n; k++)
        cp = (cp << 6) | (p[k] & 0x3Fu);
    *pp += n;
    return cp;
}

int bl_utf8_put(char *out, uint32_t cp)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    } else if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    } else if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

size_t bl_utf8_count(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80)
            n++;
    return n;
}

static int line_of(const char *data, size_t offset)
{
    int line = 1;
    for (size_t i = 0; i < offset; i++)
        if (data[i] == '\n')
            line++;
    return line;
}

/* Control bytes other than tab, CR, LF and form feed mean binary data. */
static bool find_binary(const char *data, size_t len, size_t *at)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)data[i];
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') {
            *at = i;
            return true;
        }
    }
    return false;
}

/* GB18030 is a superset of GBK and GB2312. Returns NULL when the bytes are
 * not valid GB18030 either; *bad_at is then the offset of the first bad
 * byte. */
static char *convert_gb18030(bl_arena *a, const char *data, size_t len,
                             size_t *out_len, size_t *bad_at)
{
    iconv_t cd = iconv_open("UTF-8", "GB18030");
    if (cd == (iconv_t)-1)
        return NULL;
    size_t cap = len * 2 + 16; /* GB18030 -> UTF-8 grows at most 2x (2->3, 4->4, 1->1) */
    char *out = bl_arena_alloc(a, cap);
    char *in = (char *)data;
    size_t in_left = len, out_left = cap - 1;
    char *o = out;
    size_t r = iconv(cd, &in, &in_left, &o, &out_left);
    if (r != (size_t)-1)
        r = iconv(cd, NULL, NULL, &o, &out_left);
    iconv_close(cd);
    if (r == (size_t)-1 || in_left != 0) {
        *bad_at = (size_t)(in - data);
        return NULL;
    }
    *o = '\0';
    *out_len = (size_t)(o - out);
    return out;
}

int bl_text_decode(const char *path, const char *data, size_t len,
                   bl_arena *arena, char **out, size_t *out_len,
                   const char **encoding, bl_error *err)
{
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
        data += 3;
        len -= 3;
    }
    size_t at;
    if (len == 0 || bl_text_blank_n(data, len))
        return bl_error_set(err, BL_EINPUT, path, 0, "file is empty");
    if (find_binary(data, len, &at))
        return bl_error_set(err, BL_EINPUT, path, line_of(data, at),
                            "binary data (byte 0x%02x at offset %zu); expected a text report",
                            (unsigned char)data[at], at);
    size_t valid = bl_utf8_valid_prefix(data, len);
    if (valid == len) {
        *out = bl_arena_strndup(arena, data, len);
        *out_len = len;
        *encoding = "UTF-8";
        return BL_OK;
    }
    size_t bad_gb = 0;
    char *conv = convert_gb18030(arena, data, len, out_len, &bad_gb);
    if (conv) {
        *out = conv;
        *encoding = "GB18030";
        return BL_OK;
    }
    /* Name the line where the bytes stop making sense in the encoding
     * that got further: in a GBK file cut short that is the last line,
     * not the first Chinese character (where UTF-8 fails). */
    if (bad_gb > valid && bad_gb < len)
        return bl_error_set(err, BL_EINPUT, path, line_of(data, bad_gb),
                            "invalid GB18030/GBK (byte 0x%02x at offset %zu) and not UTF-8 either",
                            (unsigned char)data[bad_gb], bad_gb);
    return bl_error_set(err, BL_EINPUT, path, line_of(data, valid),
                        "invalid UTF-8 (byte 0x%02x at offset %zu) and not GB18030/GBK either",
                        (unsigned char)data[valid], valid);
}

char *bl_text_fold(bl_arena *a, const char *s)
{
    size_t n = strlen(s);
    char *out = bl_arena_alloc(a, n + 1);
    char *o = out;
    const char *p = s, *end = s + n;
    while (p < end) {
        const char *start = p;
        uint32_t cp = bl_utf8_next(&p, end);
        if (cp >= 0xFF01 && cp <= 0xFF5E) {
            *o++ = (char)(cp - 0xFF01 + 0x21);
        } else if (cp == 0x3000 || cp == 0xA0) {
            *o++ = ' ';
        } else {
            memcpy(o, start, (size_t)(p - start));
            o += p - start;
        }
    }
    *o = '\0';
    return out;
}

static bool is_space_cp(uint32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == '\r' || cp == '\n' || cp == '\f' ||
           cp == '\v' || cp == 0x3000 || cp == 0xA0 || cp == 0xFEFF;
}

bool bl_text_blank_n(const char *s, size_t n)
{
    const char *p = s, *end = s + n;
    while (p < end) {
        uint32_t cp = bl_utf8_next(&p, end);
        if (!is_space_cp(cp))
            return false;
    }
    return true;
}

bool bl_text_blank(const char *s)
{
    return bl_text_blank_n(s, strlen(s));
}

char *bl_text_trim(bl_arena *a, const char *s, size_t n)
{
    const char *p = s, *end = s + n;
    const char *first = end;
    while (p < end) {
        const char *here = p;
        if (!is_space_cp(bl_utf8_next(&p, end))) {
            first = here;
            break;
        }
    }
    const char *last = first;
    p = first;
    while (p < end) {
        if (!is_space_cp(bl_utf8_next(&p, end)))
            last = p;
    }
    return bl_arena_strndup(a, first, (size_t)(last - first));
}

bool bl_text_starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

bool bl_text_ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && memcmp(s + n - m, suffix, m) == 0;
}
