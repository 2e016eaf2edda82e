/* pdf_lex.h - the tokens of PDF's object syntax (ISO 32000 7.2-7.3), read
 * from a byte range in memory: enough for pdf_rewrite.c to copy cairo's
 * objects through with a few keys dropped and references renumbered.
 *
 * White space and comments are skipped. A literal string "( ... )" (nested
 * parentheses, backslash escapes) and a hex string "< ... >" are one token
 * each, so nothing inside a string is ever read as a name or a reference.
 * Nothing is allocated: a token is a span of the caller's bytes.
 */
#ifndef BL_PDF_LEX_H
#define BL_PDF_LEX_H

#include <stdbool.h>
#include <stddef.h>

typedef enum {
    PDF_TOK_END,     /* no more bytes */
    PDF_TOK_BAD,     /* an unterminated string */
    PDF_TOK_NAME,    /* "/Type" */
    PDF_TOK_INT,     /* "12", "-3" */
    PDF_TOK_WORD,    /* any other regular token: 1.5, true, R, obj, stream */
    PDF_TOK_STRING,  /* "(…)" or "<…>" */
    PDF_TOK_DICT_OPEN,
    PDF_TOK_DICT_CLOSE,
    PDF_TOK_ARRAY_OPEN,
    PDF_TOK_ARRAY_CLOSE,
    PDF_TOK_DELIM    /* '{', '}', a stray ')' or '>' */
} pdf_tok_type;

typedef struct {
    pdf_tok_type type;
    size_t start, end; /* the token's bytes: s[start..end) */
} pdf_tok;

/* The next token of s[0..n) at or after *pos; *pos moves past it. */
pdf_tok pdf_lex_next(const char *s, size_t n, size_t *pos);

/* Whether the token's bytes are exactly word (a keyword or a name). */
bool pdf_tok_is(const char *s, const pdf_tok *t, const char *word);

/* The value of a PDF_TOK_INT that fits in long long; -1 when it does not or
 * is negative (object numbers, offsets and lengths are never negative). */
long long pdf_tok_int(const char *s, const pdf_tok *t);

#endif
