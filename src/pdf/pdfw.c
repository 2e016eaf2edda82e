/* pdfw.c - a PDF file written object by object (see pdfw.h).
 *
 * The file has the shape pdf_rewrite.c gives cairo's output: plain
 * objects packed 100 to a deflated object stream, streams written as they
 * come, a cross-reference stream with the PNG Up predictor as trailer.
 * Unlike the rewrite, numbers are the caller's, reserved before the
 * objects are written and written in any order, so an object stream takes
 * the next free number when its first object comes, and the
 * cross-reference entries grow with the reservations. An entry of type 0
 * is a number not written yet: pdfw_close refuses to finish a file that
 * would point at nothing.
 *
 * The value helpers at the end (pdfw_num, pdfw_text_string, pdfw_name)
 * format without printf: a content stream is mostly numbers, printf's
 * %f is slow and follows the locale's decimal point, and its %g turns to
 * exponents, which PDF does not read.
 */
#include "pdfw.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <string.h>

#include <glib.h>

#include "alloc.h"
#include "pdf_deflate.h"
#include "pdf_xref.h"

enum {
    PER_STREAM = 100, /* objects per object stream, as qpdf packs them */
    OBJSTM_LEVEL = 6, /* libdeflate's 6: as fast as zlib's 3, smaller than its 6 */
    MIN_LEVEL = 1,
    MAX_LEVEL = 12,
    MAX_NUM = 8388607, /* the most objects ISO 32000-1 (annex C) lets a file have */
};

struct pdfw {
    FILE *out;
    long long pos;  /* bytes written */
    GChecksum *md5; /* of every byte before the cross-reference stream */
    bool failed;
    int level;
    unsigned next;        /* the next number pdfw_reserve gives */
    size_t cap;           /* entries allocated below */
    unsigned char *type;  /* per number: 0 not written, 1 in the file, 2 packed */
    long long *f2;        /* offset (type 1) or object stream (type 2) */
    unsigned char *f3;    /* index in the object stream (below PER_STREAM) */
    bl_buf head, body;    /* the object stream being filled: "num off ..." */
    unsigned packed;      /* objects in it */
    unsigned stm_num;     /* its number, while packed > 0 */
    bl_buf tmp;           /* deflated bytes on their way out */
    bl_buf hdr;           /* a stream's "N 0 obj << ... >> stream" */
};

/* ---- the file --------------------------------------------------------- */

static void put(pdfw *w, const void *data, size_t len)
{
    if (!len || w->failed)
        return;
    if (fwrite(data, 1, len, w->out) != len) {
        w->failed = true;
        return;
    }
    if (w->md5)
        g_checksum_update(w->md5, data, (gssize)len);
    w->pos += (long long)len;
}

static void put_buf(pdfw *w, const bl_buf *b) { put(w, b->data, b->len); }

static void entry(pdfw *w, unsigned num, unsigned char type, long long f2, unsigned f3)
{
    w->type[num] = type;
    w->f2[num] = f2;
    w->f3[num] = (unsigned char)f3;
}

/* Whether num may be written now: reserved, not written yet and not the
 * open object stream's. Anything else is the caller's mistake, which
 * fails the file rather than writing one that points wrong. */
static bool claim(pdfw *w, unsigned num)
{
    if (w->failed)
        return false;
    if (num == 0 || num >= w->next || w->type[num] != 0 ||
        (w->packed && num == w->stm_num)) {
        w->failed = true;
        return false;
    }
    return true;
}

int pdfw_level(const pdfw *w)
{
    return w->level;
}

pdfw *pdfw_open(FILE *out, int level)
{
    pdfw *w = bl_calloc(1, sizeof *w);
    w->out = out;
    w->md5 = g_checksum_new(G_CHECKSUM_MD5);
    w->level = level;
    w->next = 1;
    w->cap = 64;
    w->type = bl_calloc(w->cap, sizeof *w->type);
    w->f2 = bl_calloc(w->cap, sizeof *w->f2);
    w->f3 = bl_calloc(w->cap, sizeof *w->f3);
    /* A level libdeflate refuses would fail at the first stream; failing
     * now makes it fail whatever the file holds. */
    w->failed = level < MIN_LEVEL || level > MAX_LEVEL;
    static const char head[] = "%PDF-1.7\n%\xbf\xf7\xa2\xfe\n";
    put(w, head, sizeof head - 1);
    return w;
}

/* Room for entry num, doubling: a briefing reserves thousands. */
static void grow(pdfw *w, size_t num)
{
    if (num < w->cap)
        return;
    size_t old = w->cap;
    while (w->cap <= num)
        w->cap *= 2;
    w->type = bl_realloc(w->type, w->cap * sizeof *w->type);
    w->f2 = bl_realloc(w->f2, w->cap * sizeof *w->f2);
    w->f3 = bl_realloc(w->f3, w->cap * sizeof *w->f3);
    memset(w->type + old, 0, (w->cap - old) * sizeof *w->type);
    memset(w->f2 + old, 0, (w->cap - old) * sizeof *w->f2);
    memset(w->f3 + old, 0, (w->cap - old) * sizeof *w->f3);
}

unsigned pdfw_reserve(pdfw *w)
{
    /* Past what a reader takes: 0, which no object may be written as. */
    if (w->next > MAX_NUM) {
        w->failed = true;
        return 0;
    }
    grow(w, w->next);
    return w->next++;
}

/* ---- packed objects --------------------------------------------------- */

/* The filled object stream, written out: its offsets table, then its
 * objects, deflated together. */
static void flush_objects(pdfw *w)
{
    if (!w->packed || w->failed)
        return;
    size_t first = w->head.len;
    bl_buf_append(&w->head, w->body.data ? w->body.data : "", w->body.len);
    bl_buf_reset(&w->tmp);
    if (pdf_deflate_whole(OBJSTM_LEVEL, w->head.data, w->head.len, &w->tmp) != 0) {
        w->failed = true;
        return;
    }
    entry(w, w->stm_num, 1, w->pos, 0);
    char dict[160];
    int k = snprintf(dict, sizeof dict,
                     "%u 0 obj\n<< /Type /ObjStm /N %u /First %zu /Filter /FlateDecode "
                     "/Length %zu >>\nstream\n",
                     w->stm_num, w->packed, first, w->tmp.len);
    put(w, dict, (size_t)k);
    put_buf(w, &w->tmp);
    put(w, "\nendstream\nendobj\n", 18);
    w->packed = 0;
    bl_buf_reset(&w->head);
    bl_buf_reset(&w->body);
}

/* Starts object num in the object stream (opening one, which takes the
 * next number); false when num may not be written. */
static bool pack_begin(pdfw *w, unsigned num)
{
    if (!claim(w, num))
        return false;
    if (!w->packed)
        w->stm_num = pdfw_reserve(w);
    entry(w, num, 2, w->stm_num, w->packed);
    bl_buf_printf(&w->head, "%u %zu ", num, w->body.len);
    return true;
}

/* Ends the object pack_begin started; the stream goes out when full. */
static void pack_end(pdfw *w, size_t start)
{
    /* An empty value would make the object stream unreadable. */
    if (w->body.len == start)
        bl_buf_puts(&w->body, "null");
    bl_buf_putc(&w->body, '\n');
    if (++w->packed == PER_STREAM)
        flush_objects(w);
}

void pdfw_object(pdfw *w, unsigned num, const char *body, size_t len)
{
    if (!pack_begin(w, num))
        return;
    size_t start = w->body.len;
    bl_buf_append(&w->body, body, len);
    pack_end(w, start);
}

void pdfw_objectf(pdfw *w, unsigned num, const char *fmt, ...)
{
    if (!pack_begin(w, num))
        return;
    size_t start = w->body.len;
    va_list ap;
    va_start(ap, fmt);
    bl_buf_vprintf(&w->body, fmt, ap);
    va_end(ap);
    pack_end(w, start);
}

/* ---- streams ---------------------------------------------------------- */

/* Stream num (already claimed) with its len bytes of data as they are. */
static void write_stream(pdfw *w, unsigned num, const char *dict, bool flate,
                         const void *data, size_t len)
{
    bl_buf *h = &w->hdr;
    bl_buf_reset(h);
    bl_buf_printf(h, "%u 0 obj\n<<", num);
    if (dict && *dict) {
        bl_buf_putc(h, ' ');
        bl_buf_puts(h, dict);
    }
    if (flate)
        bl_buf_puts(h, " /Filter /FlateDecode");
    bl_buf_printf(h, " /Length %zu >>\nstream\n", len);
    entry(w, num, 1, w->pos, 0);
    put_buf(w, h);
    put(w, data, len);
    put(w, "\nendstream\nendobj\n", 18);
}

void pdfw_stream(pdfw *w, unsigned num, const char *dict, const void *data,
                 size_t len, bool deflate)
{
    if (!claim(w, num))
        return;
    if (!deflate) {
        write_stream(w, num, dict, false, data, len);
        return;
    }
    bl_buf_reset(&w->tmp);
    if (pdf_deflate_whole(w->level, len ? data : "", len, &w->tmp) != 0) {
        w->failed = true;
        return;
    }
    write_stream(w, num, dict, true, w->tmp.data, w->tmp.len);
}

void pdfw_stream_deflated(pdfw *w, unsigned num, const char *dict,
                          const void *zdata, size_t zlen)
{
    if (claim(w, num))
        write_stream(w, num, dict, true, zdata, zlen);
}

/* ---- the cross-reference stream --------------------------------------- */

/* The MD5 so far as 32 hex digits; no byte after this is in it. */
static void file_id(pdfw *w, char id[33])
{
    unsigned char digest[16];
    gsize dlen = sizeof digest;
    g_checksum_get_digest(w->md5, digest, &dlen);
    g_checksum_free(w->md5);
    w->md5 = NULL;
    static const char hex[] = "0123456789abcdef";
    for (int k = 0; k < 16; k++) {
        id[2 * k] = hex[digest[k] >> 4];
        id[2 * k + 1] = hex[digest[k] & 15];
    }
    id[32] = '\0';
}

/* The cross-reference stream, the last number, which is also the trailer. */
static void write_xref(pdfw *w, unsigned root, unsigned info)
{
    unsigned num = pdfw_reserve(w);
    long long at = w->pos;
    entry(w, num, 1, at, 0);
    char id[33];
    file_id(w, id);
    unsigned long long top = (unsigned long long)at > w->next ? (unsigned long long)at : w->next;
    unsigned w2 = pdf_xref_width(top);
    bl_buf_reset(&w->hdr);
    pdf_xref_rows(w->type, w->f2, w->f3, w->next, w2, &w->hdr);
    bl_buf_reset(&w->tmp);
    if (pdf_deflate_whole(OBJSTM_LEVEL, w->hdr.data, w->hdr.len, &w->tmp) != 0) {
        w->failed = true;
        return;
    }
    bl_buf *d = &w->hdr;
    bl_buf_reset(d);
    bl_buf_printf(d, "%u 0 obj\n<< /Type /XRef /Size %u /W [ 1 %u 1 ] /Root %u 0 R",
                  num, w->next, w2, root);
    if (info)
        bl_buf_printf(d, " /Info %u 0 R", info);
    bl_buf_printf(d, " /ID [ <%s> <%s> ] /DecodeParms << /Columns %u /Predictor 12 >>"
                     " /Filter /FlateDecode /Length %zu >>\nstream\n",
                  id, id, 2 + w2, w->tmp.len);
    put_buf(w, d);
    put_buf(w, &w->tmp);
    char tail[64];
    int k = snprintf(tail, sizeof tail, "\nendstream\nendobj\nstartxref\n%lld\n%%%%EOF\n", at);
    put(w, tail, (size_t)k);
}

/* Whether every reserved number is written and root and info (0: none)
 * name objects of the file. */
static bool complete(const pdfw *w, unsigned root, unsigned info)
{
    for (unsigned i = 1; i < w->next; i++)
        if (!w->type[i])
            return false;
    return root > 0 && root < w->next && info < w->next;
}

int pdfw_close(pdfw *w, unsigned root, unsigned info, long long *bytes)
{
    if (!w)
        return -1;
    flush_objects(w);
    bool ok = !w->failed && complete(w, root, info);
    if (ok) {
        write_xref(w, root, info);
        ok = !w->failed && fflush(w->out) == 0 && !ferror(w->out);
    }
    if (ok && bytes)
        *bytes = w->pos;
    pdfw_abort(w);
    return ok ? 0 : -1;
}

void pdfw_abort(pdfw *w)
{
    if (!w)
        return;
    if (w->md5)
        g_checksum_free(w->md5);
    bl_free(w->type);
    bl_free(w->f2);
    bl_free(w->f3);
    bl_buf_free(&w->head);
    bl_buf_free(&w->body);
    bl_buf_free(&w->tmp);
    bl_buf_free(&w->hdr);
    bl_free(w);
}

/* ---- values ----------------------------------------------------------- */

/* The next code point of s[0..n) (n > 0) and the bytes it took. A byte
 * that cannot begin a sequence, or the longest start of a sequence cut
 * short, is one U+FFFD (Unicode's "maximal subpart" practice); the ranges
 * of the second byte keep out overlong forms, surrogates and code points
 * above U+10FFFF (Unicode's table 3-7). */
static size_t utf8_next(const unsigned char *s, size_t n, uint32_t *cp)
{
    unsigned char b = s[0], lo = 0x80, hi = 0xbf;
    size_t need;
    *cp = 0xfffd;
    if (b < 0x80) {
        *cp = b;
        return 1;
    }
    if (b >= 0xc2 && b <= 0xdf) {
        need = 1;
    } else if (b >= 0xe0 && b <= 0xef) {
        need = 2;
        lo = b == 0xe0 ? 0xa0 : 0x80;
        hi = b == 0xed ? 0x9f : 0xbf;
    } else if (b >= 0xf0 && b <= 0xf4) {
        need = 3;
        lo = b == 0xf0 ? 0x90 : 0x80;
        hi = b == 0xf4 ? 0x8f : 0xbf;
    } else {
        return 1;
    }
    uint32_t c = b & (0x3fu >> need);
    for (size_t i = 1; i <= need; i++) {
        if (i >= n || s[i] < lo || s[i] > hi)
            return i;
        c = c << 6 | (s[i] & 0x3fu);
        lo = 0x80;
        hi = 0xbf;
    }
    *cp = c;
    return need + 1;
}

static void put_hex16(bl_buf *out, unsigned u)
{
    static const char hex[] = "0123456789ABCDEF";
    char d[4] = {hex[(u >> 12) & 15], hex[(u >> 8) & 15], hex[(u >> 4) & 15], hex[u & 15]};
    bl_buf_append(out, d, 4);
}

static void text_utf16(bl_buf *out, const unsigned char *s, size_t n)
{
    bl_buf_puts(out, "<FEFF");
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        i += utf8_next(s + i, n - i, &cp);
        if (cp >= 0x10000) {
            cp -= 0x10000;
            put_hex16(out, 0xd800 + (cp >> 10));
            put_hex16(out, 0xdc00 + (cp & 0x3ff));
        } else {
            put_hex16(out, cp);
        }
    }
    bl_buf_putc(out, '>');
}

/* Control characters as octal escapes: a raw CR or LF in a literal would
 * be read back as a single LF. */
static void text_literal(bl_buf *out, const unsigned char *s, size_t n)
{
    bl_buf_putc(out, '(');
    for (size_t i = 0; i < n; i++) {
        unsigned char c = s[i];
        if (c == '\\' || c == '(' || c == ')') {
            char e[2] = {'\\', (char)c};
            bl_buf_append(out, e, 2);
        } else if (c < 0x20 || c == 0x7f) {
            char e[4] = {'\\', (char)('0' + (c >> 6)), (char)('0' + ((c >> 3) & 7)),
                         (char)('0' + (c & 7))};
            bl_buf_append(out, e, 4);
        } else {
            bl_buf_putc(out, (char)c);
        }
    }
    bl_buf_putc(out, ')');
}

void pdfw_text_string(bl_buf *out, const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < n; i++)
        if (u[i] >= 0x80) {
            text_utf16(out, u, n);
            return;
        }
    text_literal(out, u, n);
}

void pdfw_name(bl_buf *out, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    bl_buf_putc(out, '/');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p < '!' || *p > '~' || strchr("()<>[]{}/%#", *p)) {
            char e[3] = {'#', hex[*p >> 4], hex[*p & 15]};
            bl_buf_append(out, e, 3);
        } else {
            bl_buf_putc(out, (char)*p);
        }
    }
}

/* Scaled values stay below this, well inside an unsigned long long; PDF
 * readers' own limits are far lower. */
#define NUM_LIMIT 1e18

void pdfw_num(bl_buf *out, double v, int decimals)
{
    static const double scale[] = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6};
    static const unsigned long long unit[] = {1, 10, 100, 1000, 10000, 100000, 1000000};
    int d = decimals < 0 ? 0 : decimals > 6 ? 6 : decimals;
    if (!isfinite(v))
        v = 0;
    bool neg = v < 0;
    double a = fmin(neg ? -v : v, NUM_LIMIT);
    /* Huge values give up decimals rather than overflow. */
    while (d > 0 && a * scale[d] > NUM_LIMIT)
        d--;
    /* Rounded half away from zero. */
    unsigned long long q = (unsigned long long)(a * scale[d] + 0.5);
    unsigned long long ip = q / unit[d], fp = q % unit[d];
    for (; d > 0 && fp % 10 == 0; d--)
        fp /= 10;
    char buf[32], *end = buf + sizeof buf, *p = end;
    for (int k = 0; k < d; k++, fp /= 10)
        *--p = (char)('0' + fp % 10);
    if (d > 0)
        *--p = '.';
    do
        *--p = (char)('0' + ip % 10);
    while (ip /= 10);
    if (neg && q)
        *--p = '-';
    bl_buf_append(out, p, (size_t)(end - p));
}
