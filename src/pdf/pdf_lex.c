/* pdf_lex.c - the tokens of PDF's object syntax (see pdf_lex.h). */
#include "pdf_lex.h"

#include <string.h>

static bool is_space(unsigned char c)
{
    return c == 0 || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' ';
}

static bool is_delim(unsigned char c)
{
    return c == '(' || c == ')' || c == '<' || c == '>' || c == '[' || c == ']' ||
           c == '{' || c == '}' || c == '/' || c == '%';
}

/* Past white space and comments (a comment runs to the end of its line). */
static size_t skip_space(const char *s, size_t n, size_t i)
{
    while (i < n) {
        if (s[i] == '%') {
            while (i < n && s[i] != '\n' && s[i] != '\r')
                i++;
        } else if (is_space((unsigned char)s[i])) {
            i++;
        } else {
            break;
        }
    }
    return i;
}

/* The end of the literal string opening at s[i] == '(', or 0 if unclosed. */
static size_t literal_end(const char *s, size_t n, size_t i)
{
    int depth = 0;
    for (; i < n; i++) {
        if (s[i] == '\\')
            i++; /* the escaped byte, whatever it is */
        else if (s[i] == '(')
            depth++;
        else if (s[i] == ')' && --depth == 0)
            return i + 1;
    }
    return 0;
}

static size_t regular_end(const char *s, size_t n, size_t i)
{
    while (i < n && !is_space((unsigned char)s[i]) && !is_delim((unsigned char)s[i]))
        i++;
    return i;
}

static bool all_digits(const char *s, size_t a, size_t b)
{
    if (a < b && (s[a] == '+' || s[a] == '-'))
        a++;
    if (a == b)
        return false;
    for (; a < b; a++)
        if (s[a] < '0' || s[a] > '9')
            return false;
    return true;
}

pdf_tok pdf_lex_next(const char *s, size_t n, size_t *pos)
{
    size_t i = skip_space(s, n, *pos);
    pdf_tok t = {PDF_TOK_END, i, i};
    if (i >= n) {
        *pos = i;
        return t;
    }
    char c = s[i];
    size_t e = i + 1;
    if (c == '(') {
        e = literal_end(s, n, i);
        t.type = e ? PDF_TOK_STRING : PDF_TOK_BAD;
    } else if (c == '<' && i + 1 < n && s[i + 1] == '<') {
        e = i + 2;
        t.type = PDF_TOK_DICT_OPEN;
    } else if (c == '<') {
        const char *close = memchr(s + i, '>', n - i);
        e = close ? (size_t)(close - s) + 1 : 0;
        t.type = e ? PDF_TOK_STRING : PDF_TOK_BAD;
    } else if (c == '>' && i + 1 < n && s[i + 1] == '>') {
        e = i + 2;
        t.type = PDF_TOK_DICT_CLOSE;
    } else if (c == '[' || c == ']') {
        t.type = c == '[' ? PDF_TOK_ARRAY_OPEN : PDF_TOK_ARRAY_CLOSE;
    } else if (c == '/') {
        e = regular_end(s, n, i + 1);
        t.type = PDF_TOK_NAME;
    } else if (is_delim((unsigned char)c)) {
        t.type = PDF_TOK_DELIM;
    } else {
        e = regular_end(s, n, i);
        t.type = all_digits(s, i, e) ? PDF_TOK_INT : PDF_TOK_WORD;
    }
    if (t.type == PDF_TOK_BAD)
        e = n;
    t.end = e;
    *pos = e;
    return t;
}

bool pdf_tok_is(const char *s, const pdf_tok *t, const char *word)
{
    size_t len = strlen(word);
    return t->end - t->start == len && memcmp(s + t->start, word, len) == 0;
}

long long pdf_tok_int(const char *s, const pdf_tok *t)
{
    if (t->type != PDF_TOK_INT || s[t->start] == '-')
        return -1;
    long long v = 0;
    for (size_t i = t->start + (s[t->start] == '+'); i < t->end; i++) {
        if (v > (0x7fffffffffffffffLL - 9) / 10)
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}
