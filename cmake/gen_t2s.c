/* gen_t2s.c - build-time generator of the tables behind match keys.
 *
 *   gen_t2s CONFIG OUT.c
 *
 * Converts every CJK code point (U+3400-U+9FFF, U+F900-U+FAFF and
 * U+20000-U+2A6DF), one per line, with OpenCC's CONFIG (t2s.json), and
 * writes to OUT.c:
 *
 *   bl_t2s_pairs[]  sorted (traditional, simplified) pairs: the lines that
 *                   came back as one different character, no longer in
 *                   UTF-8 than the original (a key is never longer than its
 *                   source), plus the variants below that t2s leaves alone;
 *   bl_t2s_bits     a bitmap over U+3400-U+9FFF of the code points that have
 *                   a pair;
 *   bl_common_bits  a bitmap over U+4E00-U+9FFF of the 3,755 level-1 hanzi
 *                   of GB 2312 (read through iconv), the common characters
 *                   the decoder counts to tell GB18030 from Big5.
 *
 * Runs once per build; the program never calls OpenCC itself.
 */
#include <iconv.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <opencc/opencc.h>

static const uint32_t ranges[][2] = {
    {0x3400, 0x9FFF}, {0xF900, 0xFAFF}, {0x20000, 0x2A6DF},
};

/* Variant forms seen in converted and Big5 pages that t2s keeps as they
 * are: old, Japanese and Taiwanese shapes of simplified characters.
 * Pairs of characters, variant then standard. */
static const char extra_variants[] =
    "竝并㑹会硏研衞卫吿告靑青淸清擧举廸迪囘回衹只搾榨痺痹敍叙値值栢柏髙高"
    "寛宽㸃点歳岁緖绪槪概郞郎鄕乡晩晚凾函凖准朶朵秊年冐冒隣邻";

typedef struct { uint32_t from, to; } pair;

static int by_from(const void *a, const void *b)
{
    uint32_t x = ((const pair *)a)->from, y = ((const pair *)b)->from;
    return x < y ? -1 : x > y;
}

static int put_utf8(char *o, uint32_t cp)
{
    if (cp < 0x80) {
        o[0] = (char)cp;
        return 1;
    } else if (cp < 0x800) {
        o[0] = (char)(0xC0 | (cp >> 6));
        o[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    } else if (cp < 0x10000) {
        o[0] = (char)(0xE0 | (cp >> 12));
        o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | (cp >> 18));
    o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* Decodes the one code point that makes up s[0..n); 0 when s is not
 * exactly one well-formed character. */
static uint32_t one_char(const unsigned char *s, size_t n)
{
    if (n == 0)
        return 0;
    size_t w = s[0] < 0x80 ? 1 : (s[0] & 0xE0) == 0xC0 ? 2
             : (s[0] & 0xF0) == 0xE0 ? 3 : (s[0] & 0xF8) == 0xF0 ? 4 : 0;
    if (w != n)
        return 0;
    uint32_t cp = w == 1 ? s[0] : w == 2 ? (s[0] & 0x1Fu)
                : w == 3 ? (s[0] & 0x0Fu) : (s[0] & 0x07u);
    for (size_t i = 1; i < w; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3Fu);
    }
    return cp;
}

static size_t utf8_len(uint32_t cp)
{
    return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

static int common_bits(uint8_t *bits)
{
    iconv_t cd = iconv_open("UTF-32LE", "GB2312");
    if (cd == (iconv_t)-1)
        return -1;
    for (int b1 = 0xB0; b1 <= 0xD7; b1++) {
        for (int b2 = 0xA1; b2 <= 0xFE; b2++) {
            if (b1 == 0xD7 && b2 > 0xF9)
                break; /* level 1 ends at D7F9 */
            char in[2] = {(char)b1, (char)b2};
            unsigned char out[4];
            char *ip = in, *op = (char *)out;
            size_t il = 2, ol = 4;
            if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1 || ol != 0) {
                iconv(cd, NULL, NULL, NULL, NULL);
                continue;
            }
            uint32_t cp = (uint32_t)out[0] | (uint32_t)out[1] << 8 |
                          (uint32_t)out[2] << 16 | (uint32_t)out[3] << 24;
            if (cp >= 0x4E00 && cp <= 0x9FFF)
                bits[(cp - 0x4E00) >> 3] |= (uint8_t)(1u << ((cp - 0x4E00) & 7));
        }
    }
    iconv_close(cd);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: gen_t2s CONFIG OUT.c\n");
        return 2;
    }
    size_t n_cp = 0;
    for (size_t r = 0; r < sizeof ranges / sizeof ranges[0]; r++)
        n_cp += ranges[r][1] - ranges[r][0] + 1;

    /* One character a line. */
    char *in = malloc(n_cp * 5 + 1), *o = in;
    uint32_t *cps = malloc(n_cp * sizeof *cps);
    if (!in || !cps)
        return 1;
    size_t k = 0;
    for (size_t r = 0; r < sizeof ranges / sizeof ranges[0]; r++)
        for (uint32_t cp = ranges[r][0]; cp <= ranges[r][1]; cp++) {
            o += put_utf8(o, cp);
            *o++ = '\n';
            cps[k++] = cp;
        }
    *o = '\0';

    opencc_t cc = opencc_open(argv[1]);
    if (cc == (opencc_t)-1) {
        fprintf(stderr, "gen_t2s: %s: %s\n", argv[1], opencc_error());
        return 1;
    }
    char *conv = opencc_convert_utf8(cc, in, (size_t)(o - in));
    if (!conv) {
        fprintf(stderr, "gen_t2s: conversion failed: %s\n", opencc_error());
        return 1;
    }

    pair *pairs = malloc((n_cp + sizeof extra_variants) * sizeof *pairs);
    if (!pairs)
        return 1;
    size_t n_pairs = 0, line = 0;
    const char *p = conv;
    while (*p && line < n_cp) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        uint32_t to = one_char((const unsigned char *)p, len);
        uint32_t from = cps[line];
        if (to && to != from && utf8_len(to) <= utf8_len(from))
            pairs[n_pairs++] = (pair){from, to};
        line++;
        p += len + (nl ? 1 : 0);
    }
    if (line != n_cp) {
        fprintf(stderr, "gen_t2s: %zu lines back for %zu characters\n", line, n_cp);
        return 1;
    }
    size_t n_t2s = n_pairs;
    for (const char *v = extra_variants; *v;) {
        size_t w1, w2;
        uint32_t from = 0, to = 0;
        for (w1 = 1; w1 <= 4 && !(from = one_char((const unsigned char *)v, w1)); w1++)
            ;
        for (w2 = 1; w2 <= 4 && !(to = one_char((const unsigned char *)v + w1, w2)); w2++)
            ;
        if (!from || !to || utf8_len(to) > utf8_len(from)) {
            fprintf(stderr, "gen_t2s: bad variant pair at \"%s\"\n", v);
            return 1;
        }
        v += w1 + w2;
        bool known = false;
        for (size_t i = 0; i < n_t2s; i++)
            if (pairs[i].from == from)
                known = true;
        if (!known)
            pairs[n_pairs++] = (pair){from, to};
    }
    qsort(pairs, n_pairs, sizeof *pairs, by_from);

    FILE *f = fopen(argv[2], "w");
    if (!f) {
        perror(argv[2]);
        return 1;
    }
    fprintf(f, "/* Generated by cmake/gen_t2s.c from %s; do not edit. */\n"
               "#include \"t2s_table.h\"\n\n"
               "const bl_t2s_pair bl_t2s_pairs[] = {\n", argv[1]);
    for (size_t i = 0; i < n_pairs; i++)
        fprintf(f, "    {0x%05X, 0x%05X},\n", (unsigned)pairs[i].from,
                (unsigned)pairs[i].to);
    fprintf(f, "};\nconst size_t bl_t2s_count = %zu;\n\n", n_pairs);

    /* Which of U+3400-U+9FFF have a pair: most characters of simplified
     * text need no search. */
    static uint8_t has[(0x9FFF - 0x3400 + 1 + 7) / 8];
    for (size_t i = 0; i < n_pairs; i++)
        if (pairs[i].from >= 0x3400 && pairs[i].from <= 0x9FFF)
            has[(pairs[i].from - 0x3400) >> 3] |= (uint8_t)(1u << ((pairs[i].from - 0x3400) & 7));
    fprintf(f, "const unsigned char bl_t2s_bits[%zu] = {", sizeof has);
    for (size_t i = 0; i < sizeof has; i++)
        fprintf(f, "%s0x%02X,", i % 12 ? " " : "\n    ", has[i]);
    fprintf(f, "\n};\n\n");

    static uint8_t bits[(0x9FFF - 0x4E00 + 1 + 7) / 8];
    if (common_bits(bits)) {
        fprintf(stderr, "gen_t2s: no GB2312 converter in iconv\n");
        return 1;
    }
    fprintf(f, "const unsigned char bl_common_bits[%zu] = {", sizeof bits);
    for (size_t i = 0; i < sizeof bits; i++)
        fprintf(f, "%s0x%02X,", i % 12 ? " " : "\n    ", bits[i]);
    fprintf(f, "\n};\n");

    opencc_convert_utf8_free(conv);
    opencc_close(cc);
    free(in);
    free(cps);
    free(pairs);
    if (fclose(f)) {
        perror(argv[2]);
        return 1;
    }
    return 0;
}
