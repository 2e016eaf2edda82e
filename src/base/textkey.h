/* textkey.h - match keys: the one place where widths and variants are folded.
 *
 * The model keeps every string as the source printed it. Matching (headers,
 * status phrases, department names, numbering) works on a key of the text:
 * full-width ASCII folded to ASCII (，→, （→( ：→: ％→%), the ideographic
 * space, NBSP and tabs as ' ', small-form punctuation (﹔) as ASCII,
 * traditional characters as simplified, and the pinyin that converted pages
 * leave after a character (實(shí) → 实) dropped.
 *
 * bl_key_map also records, for every byte of the key, the byte of the source
 * it came from, so a reader that finds something in the key can hand the
 * model the source's own text for it (bl_keyed_source). Dropped text (a
 * pinyin group) has no key bytes; a source range ending at a key offset runs
 * up to the next kept character, so it carries the group of its last
 * character: the key range of 区 in "區(qū)域" gives "區(qū)".
 *
 * Ownership: everything is allocated in the arena passed in; src is not
 * copied and must outlive the bl_keyed.
 */
#ifndef BL_TEXTKEY_H
#define BL_TEXTKEY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"

typedef struct bl_keyed {
    const char *src;  /* the source text (not owned) */
    size_t src_len;
    char *key;        /* NUL-terminated key */
    size_t len;       /* strlen(key) */
    uint32_t *at;     /* at[i]: offset in src of the character that gave key
                         byte i; at[len] == src_len */
} bl_keyed;

/* Builds the key of src[0..n) with its map. */
void bl_key_map(bl_arena *a, const char *src, size_t n, bl_keyed *out);

/* The same into the caller's storage: key of n + 1 bytes, at of n + 1
 * offsets (a key is never longer than its source). */
void bl_key_map_into(const char *src, size_t n, char *key, uint32_t *at,
                     bl_keyed *out);

/* The key of s alone (no map). */
char *bl_key(bl_arena *a, const char *s);

/* The source text behind key bytes [from, to), trimmed of white space;
 * "" when the range is empty. */
char *bl_keyed_source(bl_arena *a, const bl_keyed *k, size_t from, size_t to);
/* The same for key bytes [from, end): the source's own tail, not a copy,
 * when nothing follows it to trim (the result then lives as long as the
 * source text k was made from, which must be readable at src[src_len]:
 * a C string or a piece of one); else a trimmed copy in a. */
const char *bl_keyed_source_rest(bl_arena *a, const bl_keyed *k, size_t from);

/* Offset in src behind key offset i (i <= len). */
size_t bl_keyed_src_offset(const bl_keyed *k, size_t i);

/* The simplified form of one code point (itself when it has none): OpenCC's
 * t2s character by character, turned into a table at build time
 * (cmake/gen_t2s.c), plus a few variants t2s keeps (硏→研, 衞→卫). */
uint32_t bl_key_simplify(uint32_t cp);

/* True when cp, or its simplified form, is one of the 3,755 common hanzi
 * (GB 2312 level 1). The decoder counts these to tell GB18030 from Big5. */
bool bl_key_common_hanzi(uint32_t cp);

/* True for CJK ideographs (U+3400-9FFF, U+F900-FAFF, planes 2 and 3). */
bool bl_key_is_cjk(uint32_t cp);

#endif
