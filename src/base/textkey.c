/* textkey.c - match keys with a map back to the source; see textkey.h. */
#include "textkey.h"

#include <stdbool.h>
#include <string.h>

#include "t2s_table.h"
#include "text.h"

uint32_t bl_key_simplify(uint32_t cp)
{
    if (cp < 0x3400)
        return cp;
    if (cp <= 0x9FFF && !((bl_t2s_bits[(cp - 0x3400) >> 3] >> ((cp - 0x3400) & 7)) & 1))
        return cp;
    /* Binary search in the table OpenCC's t2s gave at build time. */
    size_t lo = 0, hi = bl_t2s_count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (bl_t2s_pairs[mid].from < cp)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < bl_t2s_count && bl_t2s_pairs[lo].from == cp ? bl_t2s_pairs[lo].to : cp;
}

bool bl_key_common_hanzi(uint32_t cp)
{
    cp = bl_key_simplify(cp);
    if (cp < 0x4E00 || cp > 0x9FFF)
        return false;
    return (bl_common_bits[(cp - 0x4E00) >> 3] >> ((cp - 0x4E00) & 7)) & 1;
}

bool bl_key_is_cjk(uint32_t cp)
{
    return (cp >= 0x3400 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
           (cp >= 0x20000 && cp <= 0x3134F);
}

/* Pinyin residue ------------------------------------------------------------
 * Pages converted from simplified to traditional by some sites keep a
 * reading after characters: 實(shí)事, 區(qū), 項(xiàng). The group is
 * dropped from the key when its content is 1-6 letters with a tone mark
 * (or ü), or, without marks, one lower-case pinyin syllable of two letters
 * or more; "(2)", "(PPP)", "(a)" and "(kg)" stay. */

/* The plain vowel behind a tone-marked one (ü as 'v'), or 0. */
static char toned_base(uint32_t cp)
{
    switch (cp) {
    case 0x0101: case 0x00E1: case 0x01CE: case 0x00E0: return 'a';
    case 0x0113: case 0x00E9: case 0x011B: case 0x00E8: return 'e';
    case 0x012B: case 0x00ED: case 0x01D0: case 0x00EC: return 'i';
    case 0x014D: case 0x00F3: case 0x01D2: case 0x00F2: return 'o';
    case 0x016B: case 0x00FA: case 0x01D4: case 0x00F9: return 'u';
    case 0x01D6: case 0x01D8: case 0x01DA: case 0x01DC: case 0x00FC: return 'v';
    default: return 0;
    }
}

static bool is_pinyin_syllable(const char *s, size_t n)
{
    static const char *const initials[] = {
        "zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k",
        "h", "j", "q", "x", "r", "z", "c", "s", "y", "w", "",
    };
    static const char *const finals[] = {
        "a", "o", "e", "ai", "ei", "ao", "ou", "an", "en", "ang", "eng",
        "ong", "er", "i", "ia", "ie", "iao", "iu", "ian", "in", "iang", "ing",
        "iong", "u", "ua", "uo", "uai", "ui", "uan", "un", "uang", "ueng",
        "ue", "v", "ve", "van", "vn",
    };
    for (size_t i = 0; i < sizeof initials / sizeof initials[0]; i++) {
        size_t li = strlen(initials[i]);
        if (li > n || memcmp(s, initials[i], li) != 0)
            continue;
        for (size_t f = 0; f < sizeof finals / sizeof finals[0]; f++)
            if (strlen(finals[f]) == n - li && memcmp(s + li, finals[f], n - li) == 0)
                return true;
    }
    return false;
}

/* Length in bytes of a pinyin group whose '(' was just read, from p through
 * its closing parenthesis; 0 when what follows is not one. */
static size_t pinyin_group(const char *p, const char *end)
{
    const char *start = p;
    char plain[8];
    size_t n = 0;
    bool marked = false, upper = false;
    while (p < end) {
        uint32_t cp = bl_utf8_next(&p, end);
        if (cp == ')' || cp == 0xFF09) {
            if (n == 0)
                return 0;
            if (marked)
                return (size_t)(p - start);
            if (upper || n < 2 || !is_pinyin_syllable(plain, n))
                return 0;
            return (size_t)(p - start);
        }
        if (n == 6)
            return 0;
        char base = toned_base(cp);
        if (base) {
            marked = true;
        } else if (cp >= 'a' && cp <= 'z') {
            base = (char)cp;
        } else if (cp >= 'A' && cp <= 'Z') {
            base = (char)(cp - 'A' + 'a');
            upper = true;
        } else {
            return 0;
        }
        plain[n++] = base;
    }
    return 0;
}

/* One code point of the key, or 0 to drop it. */
static uint32_t key_of(uint32_t cp)
{
    if (cp >= 0xFF01 && cp <= 0xFF5E)
        return cp - 0xFF01 + 0x21;
    switch (cp) {
    case 0x3000: case 0xA0: case '\t': case '\v': case '\f':
        return ' ';
    case 0xFE54: return ';'; /* ﹔ */
    case 0xFE50: return ','; /* ﹐ */
    case 0xFE55: return ':'; /* ﹕ */
    default:
        return bl_key_simplify(cp);
    }
}

/* The key of src[0..n) into key (n + 1 bytes), with its map when at (n + 1
 * offsets) is not NULL. A key is never longer than its source: every
 * folded character is at most as long in UTF-8 as the one it replaces. */
static void build_key_into(const char *src, size_t n, char *key, uint32_t *at,
                           bl_keyed *out)
{
    size_t k = 0;
    const char *p = src, *end = src + n;
    bool after_cjk = false;
    while (p < end) {
        const char *start = p;
        unsigned char c = (unsigned char)*p;
        /* Most of a key is ASCII that stays as it is: no decoding. */
        if (c < 0x80 && c && c != '\t' && c != '\v' && c != '\f' &&
            (c != '(' || !after_cjk)) {
            if (at)
                at[k] = (uint32_t)(start - src);
            key[k++] = (char)c;
            p++;
            after_cjk = false;
            continue;
        }
        uint32_t src_cp = bl_utf8_next(&p, end);
        if (p == start) /* a NUL byte: no key, move on */
            p++;
        if (after_cjk && (src_cp == '(' || src_cp == 0xFF08)) {
            size_t skip = pinyin_group(p, end);
            if (skip) { /* dropped: these bytes have no key bytes */
                p += skip;
                after_cjk = false;
                continue;
            }
        }
        after_cjk = bl_key_is_cjk(src_cp);
        uint32_t cp = key_of(src_cp);
        if (!cp)
            continue;
        if (cp == src_cp && (cp != 0xFFFD || p - start == 3)) {
            /* unchanged: the source's own bytes */
            for (const char *q = start; q < p; q++) {
                if (at)
                    at[k] = (uint32_t)(start - src);
                key[k++] = *q;
            }
            continue;
        }
        char enc[4];
        int w = bl_utf8_put(enc, cp);
        if (k + (size_t)w > (size_t)(p - src)) { /* cannot happen; keep source */
            w = (int)(p - start);
            memcpy(enc, start, (size_t)w);
        }
        for (int i = 0; i < w; i++) {
            key[k] = enc[i];
            if (at)
                at[k] = (uint32_t)(start - src);
            k++;
        }
    }
    key[k] = '\0';
    if (at)
        at[k] = (uint32_t)n;
    out->src = src;
    out->src_len = n;
    out->key = key;
    out->len = k;
    out->at = at;
}

static void build_key(bl_arena *a, const char *src, size_t n, bool with_map,
                      bl_keyed *out)
{
    char *key = bl_arena_alloc(a, n + 1);
    uint32_t *at = with_map ? bl_arena_alloc(a, (n + 1) * sizeof *at) : NULL;
    build_key_into(src, n, key, at, out);
}

void bl_key_map(bl_arena *a, const char *src, size_t n, bl_keyed *out)
{
    build_key(a, src, n, true, out);
}

void bl_key_map_into(const char *src, size_t n, char *key, uint32_t *at,
                     bl_keyed *out)
{
    build_key_into(src, n, key, at, out);
}

char *bl_key(bl_arena *a, const char *s)
{
    bl_keyed k;
    build_key(a, s, strlen(s), false, &k);
    return k.key;
}

size_t bl_keyed_src_offset(const bl_keyed *k, size_t i)
{
    return i >= k->len ? k->src_len : k->at[i];
}

char *bl_keyed_source(bl_arena *a, const bl_keyed *k, size_t from, size_t to)
{
    if (to > k->len)
        to = k->len;
    if (from >= to)
        return bl_text_trim(a, "", 0);
    size_t s = k->at[from], e = bl_keyed_src_offset(k, to);
    return bl_text_trim(a, k->src + s, e - s);
}

const char *bl_keyed_source_rest(bl_arena *a, const bl_keyed *k, size_t from)
{
    if (from >= k->len)
        return bl_text_trim(a, "", 0);
    size_t s = k->at[from], n = k->src_len - s, start;
    size_t len = bl_text_trim_span(k->src + s, n, &start);
    if (start + len == n && k->src[k->src_len] == '\0')
        return k->src + s + start; /* the source's own tail: no copy */
    return bl_arena_strndup(a, k->src + s + start, len);
}
