/* t2s_table.h - the tables generated at build time by cmake/gen_t2s.c
 * (OpenCC t2s, character by character; GB 2312 level 1). Private to
 * src/base: textkey.c is their only reader. Static data, owned by nobody. */
#ifndef BL_T2S_TABLE_H
#define BL_T2S_TABLE_H

#include <stddef.h>
#include <stdint.h>

typedef struct bl_t2s_pair {
    uint32_t from; /* traditional (or variant) code point */
    uint32_t to;   /* its simplified form */
} bl_t2s_pair;

/* Sorted by from. */
extern const bl_t2s_pair bl_t2s_pairs[];
extern const size_t bl_t2s_count;

/* Bit (cp - 0x3400) set when cp (U+3400-U+9FFF) has a pair. */
extern const unsigned char bl_t2s_bits[];

/* Bit (cp - 0x4E00) set for the 3,755 level-1 hanzi of GB 2312. */
extern const unsigned char bl_common_bits[];

#endif
