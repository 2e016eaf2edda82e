/* text.c - UTF-8 checks, encoding conversion, helpers; see text.h. */
#include "text.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <uchardet/uchardet.h>

#include "lazylib.h"
#include "textkey.h"

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
    /* The checks of bl_utf8_valid_prefix on the one character at *pp,
     * decoded as they are made (this runs for every character of every
     * key: the call per character on a copy was a tenth of a parse). */
    const unsigned char *p = (const unsigned char *)*pp;
    if ((const char *)p >= end || *p == 0)
        return 0;
    unsigned c = p[0];
    if (c < 0x80) {
        *pp += 1;
        return c;
    }
    size_t avail = (size_t)(end - (const char *)p), n;
    uint32_t cp;
    if ((c & 0xE0) == 0xC0) {
        n = 2;
        cp = c & 0x1Fu;
    } else if ((c & 0xF0) == 0xE0) {
        n = 3;
        cp = c & 0x0Fu;
    } else if ((c & 0xF8) == 0xF0) {
        n = 4;
        cp = c & 0x07u;
    } else {
        goto bad;
    }
    if (avail < n)
        goto bad;
    for (size_t k = 1; k < n; k++) {
        if ((p[k] & 0xC0) != 0x80)
            goto bad;
        cp = (cp << 6) | (p[k] & 0x3Fu);
    }
    if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
        cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        goto bad;
    *pp += n;
    return cp;
bad:
    *pp += 1;
    return 0xFFFD;
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

/* Converts data[0..len) from `from` to UTF-8 with iconv. Returns NULL when
 * the bytes are not valid in that encoding (or it is unknown); *bad_at is
 * then the offset of the first bad byte. */
static char *convert(bl_arena *a, const char *from, const char *data, size_t len,
                     size_t *out_len, size_t *bad_at)
{
    *bad_at = 0;
    iconv_t cd = iconv_open("UTF-8", from);
    if (cd == (iconv_t)-1)
        return NULL;
    /* UTF-8 is at most twice as long as GB18030, Big5 or UTF-16 (2 -> 3,
     * 4 -> 4, 1 -> 1). */
    size_t cap = len * 2 + 16;
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

/* UTF-16 with a byte-order mark. Lines are counted in 16-bit units. */
static int decode_utf16(const char *path, const char *data, size_t len, bool le,
                        bl_arena *arena, char **out, size_t *out_len,
                        const char **encoding, bl_error *err)
{
    const char *name = le ? "UTF-16LE" : "UTF-16BE";
    data += 2; /* the mark */
    len -= 2;
    size_t bad = 0, n = 0;
    char *text = convert(arena, name, data, len, &n, &bad);
    if (!text) {
        int line = 1;
        for (size_t i = 0; i + 1 < len && i < bad; i += 2)
            if ((unsigned char)data[i + (le ? 0 : 1)] == '\n' && data[i + (le ? 1 : 0)] == 0)
                line++;
        return bl_error_set(err, BL_EINPUT, path, line,
                            "invalid %s (offset %zu after the byte-order mark)", name, bad);
    }
    if (n == 0 || bl_text_blank_n(text, n))
        return bl_error_set(err, BL_EINPUT, path, 0, "file is empty");
    size_t at;
    if (find_binary(text, n, &at))
        return bl_error_set(err, BL_EINPUT, path, line_of(text, at),
                            "binary data (U+%04X in %s text); expected a text report",
                            (unsigned char)text[at], name);
    *out = text;
    *out_len = n;
    *encoding = name;
    return BL_OK;
}

/* True when the bytes read as UTF-8 with a few broken sequences rather
 * than as another encoding: at least three in four of the bytes past ASCII
 * make well-formed UTF-8. In GBK or Big5 text a pair of bytes happens to be
 * a UTF-8 sequence about one time in ten. */
static bool mostly_utf8(const char *data, size_t len)
{
    size_t good = 0, bad = 0, i = 0;
    while (i < len) {
        if ((unsigned char)data[i] < 0x80) {
            i++;
            continue;
        }
        size_t avail = len - i < 4 ? len - i : 4;
        size_t ok = bl_utf8_valid_prefix(data + i, avail);
        size_t w = 0; /* the length of the one character at i, when valid */
        for (size_t k = 1; k < ok; k++)
            if (((unsigned char)data[i + k] & 0xC0) != 0x80) {
                w = k;
                break;
            }
        if (ok > 0 && !w)
            w = ok;
        if (w >= 2) {
            good += w;
            i += w;
        } else {
            bad++;
            i++;
        }
    }
    return good >= 3 * bad;
}

/* How plausible a reading of Chinese text is: common hanzi (GB 2312 level
 * 1, directly or through their simplified form) count for it, other
 * ideographs a little against it (mojibake is full of rare ones); much
 * against it: private-use characters, kana, Greek, Cyrillic and the scripts
 * after them, box drawing (where Big5's common characters land when read as
 * GBK, and GBK's when read as UTF-8), and each run of bad bytes. */
static long plausibility(const char *s, size_t n)
{
    long score = 0;
    bool in_bad = false;
    const char *p = s, *end = s + n;
    while (p < end) {
        uint32_t cp = bl_utf8_next(&p, end);
        if (cp == 0xFFFD) {
            if (!in_bad)
                score -= 3;
            in_bad = true;
            continue;
        }
        in_bad = false;
        if (cp < 0x80)
            continue;
        if (bl_key_common_hanzi(cp))
            score += 2;
        else if (bl_key_is_cjk(cp))
            score -= 1;
        else if ((cp >= 0xE000 && cp <= 0xF8FF) || (cp >= 0x3040 && cp <= 0x30FF) ||
                 (cp >= 0x0370 && cp <= 0x07FF) || (cp >= 0x2500 && cp <= 0x257F))
            score -= 3;
    }
    return score;
}

/* uchardet, opened the first time a file reads as both GB18030 and Big5
 * (lazylib.h): linked, it would cost every run the loading of libstdc++. */
#define UCHARDET_CALLS(X)                                                      \
    X(uchardet_new) X(uchardet_handle_data) X(uchardet_data_end)               \
    X(uchardet_get_charset) X(uchardet_delete)

BL_LAZYLIB(U, BL_UCHARDET_SONAME, UCHARDET_CALLS)

/* uchardet's reading of the bytes into *vote: 'G' (GB18030 family), 'B'
 * (Big5) or 0; an error only when uchardet cannot be opened. */
static int detector_vote(const char *path, const char *data, size_t len, char *vote,
                         bl_error *err)
{
    *vote = 0;
    int rc = bl_lazy_open(path, err);
    if (rc)
        return rc;
    uchardet_t ud = U.uchardet_new();
    if (!ud)
        return BL_OK;
    if (U.uchardet_handle_data(ud, data, len) == 0) {
        U.uchardet_data_end(ud);
        const char *cs = U.uchardet_get_charset(ud);
        if (cs && (!strcasecmp(cs, "GB18030") || !strcasecmp(cs, "GBK") ||
                   !strcasecmp(cs, "GB2312") || !strcasecmp(cs, "HZ-GB-2312")))
            *vote = 'G';
        else if (cs && (!strcasecmp(cs, "BIG5") || !strcasecmp(cs, "BIG5-HKSCS") ||
                        !strcasecmp(cs, "EUC-TW")))
            *vote = 'B';
    }
    U.uchardet_delete(ud);
    return BL_OK;
}

int bl_text_decode(const char *path, const char *data, size_t len,
                   bl_arena *arena, char **out, size_t *out_len,
                   const char **encoding, bl_error *err)
{
    /* A UTF-16 mark first: UTF-16 text is full of NUL bytes. */
    if (len >= 2 && (unsigned char)data[0] == 0xFF && (unsigned char)data[1] == 0xFE)
        return decode_utf16(path, data, len, true, arena, out, out_len, encoding, err);
    if (len >= 2 && (unsigned char)data[0] == 0xFE && (unsigned char)data[1] == 0xFF)
        return decode_utf16(path, data, len, false, arena, out, out_len, encoding, err);
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
    size_t gb_len = 0, b5_len = 0, bad_gb = 0, bad_b5 = 0;
    char *gb = convert(arena, "GB18030", data, len, &gb_len, &bad_gb);
    char *b5 = convert(arena, "BIG5", data, len, &b5_len, &bad_b5);
    long sg = gb ? plausibility(gb, gb_len) : 0, sb = b5 ? plausibility(b5, b5_len) : 0;
    bool use_b5 = b5 && !gb;
    if (gb && b5) {
        /* Both read: uchardet decides unless one reading is clearly more
         * plausible Chinese than the other. */
        long margin = 4 + (sg > sb ? sg : sb) / 8;
        if (sb > sg + margin)
            use_b5 = true;
        else if (sg > sb + margin)
            use_b5 = false;
        else {
            char vote;
            int rc = detector_vote(path, data, len, &vote, err);
            if (rc)
                return rc;
            use_b5 = vote ? vote == 'B' : sb > sg;
        }
    }
    /* UTF-8 with a broken byte is refused, never read as mojibake: the
     * bytes are taken for UTF-8 when, read as UTF-8 (a bad byte counting
     * against), they make more sense than the other reading, or as much
     * and most of them are well-formed UTF-8. */
    long su = plausibility(data, len), sl = use_b5 ? sb : sg;
    bool utf8 = su > sl || (su == sl && mostly_utf8(data, len));
    if ((gb || b5) && !utf8) {
        *out = use_b5 ? b5 : gb;
        *out_len = use_b5 ? b5_len : gb_len;
        *encoding = use_b5 ? "BIG5" : "GB18030";
        return BL_OK;
    }
    if (!gb && !b5 && !mostly_utf8(data, len)) {
        /* Name the line where the bytes stop making sense in the encoding
         * that got further: in a GBK file cut short that is the last line,
         * not the first Chinese character (where UTF-8 fails). */
        bool b5_further = bad_b5 > bad_gb;
        size_t bad = b5_further ? bad_b5 : bad_gb;
        if (bad > valid && bad < len)
            return bl_error_set(err, BL_EINPUT, path, line_of(data, bad),
                                "invalid %s (byte 0x%02x at offset %zu) and not UTF-8 either",
                                b5_further ? "Big5" : "GB18030/GBK",
                                (unsigned char)data[bad], bad);
    }
    return bl_error_set(err, BL_EINPUT, path, line_of(data, valid),
                        "invalid UTF-8 (byte 0x%02x at offset %zu)%s",
                        (unsigned char)data[valid], valid,
                        gb || b5 ? "" : " and not GB18030/GBK or Big5 either");
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

/* ASCII bytes are whole characters: only the others need decoding. */
static bool ascii_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

size_t bl_text_trim_span(const char *s, size_t n, size_t *start)
{
    const char *p = s, *end = s + n;
    const char *first = end;
    while (p < end) {
        const char *here = p;
        unsigned char c = (unsigned char)*p;
        if (c < 0x80 ? (p++, !ascii_space(c)) : !is_space_cp(bl_utf8_next(&p, end))) {
            first = here;
            break;
        }
    }
    const char *last = first;
    p = first;
    while (p < end) {
        unsigned char c = (unsigned char)*p;
        if (c < 0x80) { /* a NUL too: bl_utf8_next would not step over it */
            p++;
            if (!ascii_space(c))
                last = p;
        } else if (!is_space_cp(bl_utf8_next(&p, end))) {
            last = p;
        }
    }
    *start = (size_t)(first - s);
    return (size_t)(last - first);
}

char *bl_text_trim(bl_arena *a, const char *s, size_t n)
{
    size_t start, len = bl_text_trim_span(s, n, &start);
    return bl_arena_strndup(a, s + start, len);
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
