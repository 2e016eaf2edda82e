/* textkey.c - match keys with a map back to the source; see textkey.h. */
#include "textkey.h"

#include <string.h>

#include "text.h"

uint32_t bl_key_simplify(uint32_t cp)
{
    return cp; /* traditional -> simplified table: see t2s */
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

void bl_key_map(bl_arena *a, const char *src, size_t n, bl_keyed *out)
{
    /* A key is never longer than its source: every folded character is
     * at most as long in UTF-8 as the one it replaces. */
    char *key = bl_arena_alloc(a, n + 1);
    uint32_t *at = bl_arena_alloc(a, (n + 1) * sizeof *at);
    size_t k = 0;
    const char *p = src, *end = src + n;
    while (p < end) {
        const char *start = p;
        uint32_t cp = key_of(bl_utf8_next(&p, end));
        if (!cp)
            continue;
        char enc[4];
        int w = bl_utf8_put(enc, cp);
        if (k + (size_t)w > (size_t)(p - src)) { /* cannot happen; keep source */
            w = (int)(p - start);
            memcpy(enc, start, (size_t)w);
        }
        for (int i = 0; i < w; i++) {
            key[k] = enc[i];
            at[k] = (uint32_t)(start - src);
            k++;
        }
    }
    key[k] = '\0';
    at[k] = (uint32_t)n;
    out->src = src;
    out->src_len = n;
    out->key = key;
    out->len = k;
    out->at = at;
}

char *bl_key(bl_arena *a, const char *s)
{
    bl_keyed k;
    bl_key_map(a, s, strlen(s), &k);
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
