/* text.h - UTF-8 checks, encoding conversion, and small string helpers.
 *
 * All text inside bulletin is UTF-8. Input in UTF-16 (with a byte-order
 * mark), GB18030/GBK or Big5 is converted on the way in (iconv); anything
 * else that is not valid UTF-8 is rejected with its line.
 */
#ifndef BL_TEXT_H
#define BL_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "error.h"

/* Turns raw file bytes into NUL-terminated UTF-8 owned by the arena.
 * The encoding is told from the bytes: a UTF-16 byte-order mark (FF FE,
 * FE FF) first; then UTF-8 (a BOM is dropped); otherwise GB18030 or Big5,
 * whichever the bytes are valid in, and when both, the one whose text holds
 * clearly more common hanzi and fewer private-use, kana or rare characters,
 * uchardet deciding when neither is clearly better. Bytes that are mostly
 * UTF-8, or make more sense as UTF-8 than as the other reading, are broken
 * UTF-8, never read as mojibake.
 * Rejects empty input, binary data (NUL or other control bytes, in UTF-16
 * after decoding) and bytes valid in none of these, naming path and the line
 * ("invalid UTF-8 ..."; "invalid GB18030/GBK ..." or "invalid Big5 ..." when
 * that reading got further, as in a GBK file cut short).
 * CRLF is kept (readers split on '\n' and trim).
 * *encoding is set to "UTF-8", "UTF-16LE", "UTF-16BE", "GB18030" or "BIG5"
 * (static strings). */
int bl_text_decode(const char *path, const char *data, size_t len,
                   bl_arena *arena, char **out, size_t *out_len,
                   const char **encoding, bl_error *err);

/* Length of the valid UTF-8 prefix of s[0..len). */
size_t bl_utf8_valid_prefix(const char *s, size_t len);

/* Decodes one code point at *p (advancing it); returns 0xFFFD on bad bytes,
 * 0 at end. */
uint32_t bl_utf8_next(const char **p, const char *end);
/* Appends the UTF-8 encoding of cp to out (4 bytes room needed); returns
 * the number of bytes written. */
int bl_utf8_put(char *out, uint32_t cp);
/* Number of code points in s. */
size_t bl_utf8_count(const char *s);

/* Copy of s into the arena with ASCII-equivalent full-width characters
 * folded (（）：，；％ and full-width digits/letters become ASCII, the ideographic
 * space becomes ' '), so that parsers can match one form. */
char *bl_text_fold(bl_arena *a, const char *s);

/* Copy of s[0..n) without leading/trailing white space (ASCII, U+3000, NBSP). */
/* The span of s[0..n) without leading and trailing white space: its
 * length, and its offset in *start. */
size_t bl_text_trim_span(const char *s, size_t n, size_t *start);
char *bl_text_trim(bl_arena *a, const char *s, size_t n);

/* True when s (or s[0..n)) holds nothing but white space. */
bool bl_text_blank_n(const char *s, size_t n);
bool bl_text_blank(const char *s);

bool bl_text_starts_with(const char *s, const char *prefix);
bool bl_text_ends_with(const char *s, const char *suffix);

#endif
