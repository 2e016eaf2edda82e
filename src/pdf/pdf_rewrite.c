/* pdf_rewrite.c - cairo's PDF written again as it streams by (see
 * pdf_rewrite.h): read the cross-reference table, scan each object once
 * for its references and stream length, then copy the reachable objects
 * through, packed into object streams, with a new cross-reference stream. */
#include "alloc.h"
#include "buf.h"
#include "pdf_deflate.h"
#include "pdf_lex.h"
#include "pdf_rewrite.h"
#include "pdf_xref.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>

enum {
    SCAN_CAP = 65536,   /* bytes read at first to scan an object */
    PER_STREAM = 100,   /* objects per object stream, as qpdf packs them */
    COPY_CHUNK = 65536, /* stream data copied this much at a time */
};

typedef struct {
    long long off;            /* "N 0 obj" in the input; -1: left out */
    long long end;            /* the next object's offset */
    long long body, body_end; /* the value (of a stream: its dictionary) */
    long long data;           /* a stream's first data byte, or -1 */
    long long len;            /* a stream's data length */
    long long len_ref;        /* the object holding that length, or -1 */
    size_t refs;              /* its references: rd.refs[refs …] */
    uint32_t nrefs;
    unsigned renum;           /* its new number; 0: not written */
} obj;

typedef struct {
    int fd;
    long long size;
    obj *o;
    size_t n; /* the trailer's /Size */
    uint32_t *refs; /* object numbers (below n, which fits in 32 bits) */
    size_t nrefs, refcap;
    long long root, info; /* old numbers; info -1 when there is none */
    int minor;            /* the x of %PDF-1.x */
    char *buf;            /* one object's bytes */
    size_t cap;
    const bl_rewrite_streams *streams; /* may be NULL */
} rd;

/* buf gets len bytes of file fd from off; -1 on a short read. */
static int read_from(rd *R, int fd, long long off, size_t len)
{
    if (len + 1 > R->cap) {
        R->cap = len + 1;
        R->buf = bl_realloc(R->buf, R->cap);
    }
    size_t got = 0;
    while (got < len) {
        ssize_t k = pread(fd, R->buf + got, len - got, (off_t)(off + (long long)got));
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return -1;
        got += (size_t)k;
    }
    R->buf[len] = '\0';
    return 0;
}

/* buf gets len bytes of the input from off; -1 on a short read. */
static int read_at(rd *R, long long off, size_t len)
{
    return read_from(R, R->fd, off, len);
}

static void push_ref(rd *R, uint32_t target)
{
    if (R->nrefs == R->refcap) {
        R->refcap = R->refcap ? 2 * R->refcap : 4096;
        R->refs = bl_realloc(R->refs, R->refcap * sizeof *R->refs);
    }
    R->refs[R->nrefs++] = target;
}

/* Whether s[*pos…] continues "G R" after the number just read: a
 * reference. *pos moves past the R when it does. */
static bool ref_follows(const char *s, size_t n, size_t *pos)
{
    size_t p = *pos;
    pdf_tok g = pdf_lex_next(s, n, &p);
    if (g.type != PDF_TOK_INT)
        return false;
    pdf_tok r = pdf_lex_next(s, n, &p);
    if (r.type != PDF_TOK_WORD || !pdf_tok_is(s, &r, "R"))
        return false;
    *pos = p;
    return true;
}

/* ---- the cross-reference table and trailer ------------------------- */

/* The offset after the last "startxref", or -1. */
static long long find_startxref(rd *R)
{
    size_t tail = R->size < 1024 ? (size_t)R->size : 1024;
    if (tail < 16 || read_at(R, R->size - (long long)tail, tail) != 0)
        return -1;
    size_t at = tail - 9;
    while (at > 0 && memcmp(R->buf + at, "startxref", 9) != 0)
        at--;
    if (memcmp(R->buf + at, "startxref", 9) != 0)
        return -1;
    size_t pos = at + 9;
    pdf_tok t = pdf_lex_next(R->buf, tail, &pos);
    long long x = pdf_tok_int(R->buf, &t);
    return x >= 0 && x < R->size ? x : -1;
}

/* The trailer dictionary at s[*pos…]: /Size, /Root, /Info. -1 for a key
 * cairo does not write (/Prev, /Encrypt, /XRefStm). */
static int read_trailer(rd *R, const char *s, size_t n, size_t pos)
{
    pdf_tok t = pdf_lex_next(s, n, &pos);
    if (t.type != PDF_TOK_DICT_OPEN)
        return -1;
    R->root = R->info = -1;
    long long size = -1;
    for (;;) {
        t = pdf_lex_next(s, n, &pos);
        if (t.type == PDF_TOK_DICT_CLOSE)
            break;
        if (t.type != PDF_TOK_NAME)
            return -1;
        pdf_tok v = pdf_lex_next(s, n, &pos);
        long long x = pdf_tok_int(s, &v);
        bool ref = v.type == PDF_TOK_INT && ref_follows(s, n, &pos);
        if (pdf_tok_is(s, &t, "/Size") && !ref)
            size = x;
        else if (pdf_tok_is(s, &t, "/Root") && ref)
            R->root = x;
        else if (pdf_tok_is(s, &t, "/Info") && ref)
            R->info = x;
        else if (!pdf_tok_is(s, &t, "/ID"))
            return -1;
        if (pdf_tok_is(s, &t, "/ID")) /* an array of two strings */
            for (int k = 0; k < 3; k++)
                pdf_lex_next(s, n, &pos);
    }
    if (size != (long long)R->n || R->root <= 0 || R->root >= size ||
        R->info >= size)
        return -1;
    return 0;
}

/* The entries of the classic table at s[*pos…] into R->o (their offsets,
 * -1 for free ones), then the trailer. */
static int read_xref_entries(rd *R, const char *s, size_t n, size_t pos)
{
    for (;;) {
        size_t at = pos;
        pdf_tok t = pdf_lex_next(s, n, &at);
        if (t.type == PDF_TOK_WORD && pdf_tok_is(s, &t, "trailer"))
            return read_trailer(R, s, n, at);
        pdf_tok c = pdf_lex_next(s, n, &at);
        long long first = pdf_tok_int(s, &t), count = pdf_tok_int(s, &c);
        /* each entry takes 20 bytes of the table: no larger claim holds */
        if (first < 0 || count < 0 || count > (long long)(n / 20) ||
            first > (long long)(n / 20) || first + count > (long long)UINT32_MAX)
            return -1;
        if (R->n < (size_t)(first + count)) {
            R->o = bl_realloc(R->o, (size_t)(first + count) * sizeof *R->o);
            for (size_t i = R->n; i < (size_t)(first + count); i++)
                R->o[i] = (obj){.off = -1, .data = -1, .len_ref = -1};
            R->n = (size_t)(first + count);
        }
        for (long long i = first; i < first + count; i++) {
            pdf_tok o = pdf_lex_next(s, n, &at), g = pdf_lex_next(s, n, &at),
                    k = pdf_lex_next(s, n, &at);
            long long off = pdf_tok_int(s, &o), gen = pdf_tok_int(s, &g);
            if (off < 0 || gen < 0 || k.type != PDF_TOK_WORD)
                return -1;
            if (pdf_tok_is(s, &k, "n") && (gen != 0 || off >= R->size))
                return -1; /* cairo writes generation 0 only */
            R->o[i].off = pdf_tok_is(s, &k, "n") && i > 0 ? off : -1;
        }
        pos = at;
    }
}

static int read_xref(rd *R)
{
    long long x = find_startxref(R);
    if (x < 0 || read_at(R, x, (size_t)(R->size - x)) != 0)
        return -1;
    size_t n = (size_t)(R->size - x), pos = 0;
    pdf_tok t = pdf_lex_next(R->buf, n, &pos);
    if (t.type != PDF_TOK_WORD || !pdf_tok_is(R->buf, &t, "xref"))
        return -1; /* a cross-reference stream: not cairo 1.16's */
    int rc = read_xref_entries(R, R->buf, n, pos);
    /* the table (20 bytes an object) is not read again: the buffer starts
     * over at the size of the objects and stream pieces read next */
    free(R->buf);
    R->buf = NULL;
    R->cap = 0;
    if (rc == 0 && read_at(R, 0, 16) == 0 && memcmp(R->buf, "%PDF-1.", 7) == 0 &&
        R->buf[7] >= '0' && R->buf[7] <= '9')
        R->minor = R->buf[7] - '0';
    else
        rc = -1;
    return rc;
}

/* ---- the objects' places: valid, dangling, their spans --------------- */

static int cmp_ll(const void *a, const void *b)
{
    long long x = *(const long long *)a, y = *(const long long *)b;
    return (x > y) - (x < y);
}

/* Whether the input has "i 0 obj" at off. */
static bool header_at(rd *R, size_t i, long long off)
{
    size_t len = R->size - off < 40 ? (size_t)(R->size - off) : 40;
    if (read_at(R, off, len) != 0)
        return false;
    size_t pos = 0;
    pdf_tok a = pdf_lex_next(R->buf, len, &pos), g = pdf_lex_next(R->buf, len, &pos),
            k = pdf_lex_next(R->buf, len, &pos);
    return pdf_tok_int(R->buf, &a) == (long long)i && pdf_tok_int(R->buf, &g) == 0 &&
           k.type == PDF_TOK_WORD && pdf_tok_is(R->buf, &k, "obj") && a.start == 0;
}

/* The first offset in sorted[0..n) above off, else the end of the file. */
static long long next_offset(const long long *sorted, size_t n, long long off,
                             long long size)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (sorted[mid] <= off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n ? sorted[lo] : size;
}

/* Entries whose offset holds another object's header are cairo's dangling
 * ones (left out); any other entry that misses its header makes the file
 * foreign. Each valid object's span ends where the next one begins. */
static int place_objects(rd *R)
{
    long long *valid = bl_malloc((R->n + 1) * sizeof *valid);
    size_t nv = 0;
    bool *bad = bl_calloc(R->n + 1, 1);
    for (size_t i = 1; i < R->n; i++) {
        if (R->o[i].off < 0)
            continue;
        if (header_at(R, i, R->o[i].off))
            valid[nv++] = R->o[i].off;
        else
            bad[i] = true;
    }
    qsort(valid, nv, sizeof *valid, cmp_ll);
    int rc = 0;
    for (size_t i = 1; i < R->n && !rc; i++) {
        obj *o = &R->o[i];
        if (o->off < 0)
            continue;
        if (bad[i]) {
            if (!bsearch(&o->off, valid, nv, sizeof *valid, cmp_ll))
                rc = -1;
            o->off = -1;
            continue;
        }
        o->end = next_offset(valid, nv, o->off, R->size);
    }
    free(bad);
    free(valid);
    return rc;
}

/* ---- the scan: each object's value, references, stream length -------- */

typedef struct {
    long long len_direct; /* a stream dictionary's /Length number, or -1 */
    long long len_ref;    /* its /Length reference, or -1 */
    size_t kw;            /* where "endobj" or "stream" begins */
    bool stream;
} scan;

/* The tokens of s[pos…n) up to "endobj" or "stream" at depth 0. 1 when
 * the bytes end first, -1 on anything cairo does not write. */
static int scan_value(rd *R, const char *s, size_t n, size_t pos, scan *sc)
{
    int depth = 0;
    bool after_length = false;
    sc->len_direct = sc->len_ref = -1;
    for (;;) {
        pdf_tok t = pdf_lex_next(s, n, &pos);
        bool was_length = after_length;
        after_length = false;
        switch (t.type) {
        case PDF_TOK_END:
            return 1;
        case PDF_TOK_BAD:
            return 1; /* perhaps a string cut by the first read */
        case PDF_TOK_DICT_OPEN:
        case PDF_TOK_ARRAY_OPEN:
            depth++;
            break;
        case PDF_TOK_DICT_CLOSE:
        case PDF_TOK_ARRAY_CLOSE:
            if (--depth < 0)
                return -1;
            break;
        case PDF_TOK_NAME:
            after_length = depth == 1 && pdf_tok_is(s, &t, "/Length");
            break;
        case PDF_TOK_INT: {
            long long v = pdf_tok_int(s, &t);
            bool ref = ref_follows(s, n, &pos);
            if (ref && (v <= 0 || (size_t)v >= R->n))
                return -1;
            if (was_length)
                *(ref ? &sc->len_ref : &sc->len_direct) = v;
            else if (ref)
                push_ref(R, (uint32_t)v);
            break;
        }
        case PDF_TOK_WORD:
            if (depth == 0 && (pdf_tok_is(s, &t, "endobj") || pdf_tok_is(s, &t, "stream"))) {
                sc->kw = t.start;
                sc->stream = s[t.start] == 's';
                return 0;
            }
            break;
        default:
            break;
        }
    }
}

/* Scans object i: its value's span, its references (R->refs), whether it
 * is a stream and where its data begins. */
static int scan_object(rd *R, size_t i)
{
    obj *o = &R->o[i];
    long long span = o->end - o->off;
    size_t len = span > SCAN_CAP ? SCAN_CAP : (size_t)span;
    size_t mark = R->nrefs;
    scan sc;
    int rc;
    for (;;) {
        if (read_at(R, o->off, len) != 0)
            return -1;
        size_t pos = 0;
        for (int k = 0; k < 3; k++) /* "i 0 obj", checked already */
            pdf_lex_next(R->buf, len, &pos);
        o->body = o->off + (long long)pos;
        R->nrefs = mark;
        rc = scan_value(R, R->buf, len, pos, &sc);
        if (rc != 1 || (long long)len == span)
            break;
        len = (size_t)span; /* a large object: all of it */
    }
    if (rc != 0)
        return -1;
    o->refs = mark;
    if (R->nrefs - mark >= UINT32_MAX)
        return -1;
    o->nrefs = (uint32_t)(R->nrefs - mark);
    o->body_end = o->off + (long long)sc.kw;
    if (!sc.stream)
        return sc.len_ref >= 0 ? (push_ref(R, (uint32_t)sc.len_ref), o->nrefs++, 0) : 0;
    size_t d = sc.kw + 6;
    if (d < len && R->buf[d] == '\r')
        d++;
    if (d >= len || R->buf[d] != '\n')
        return -1;
    o->data = o->off + (long long)d + 1;
    o->len = sc.len_direct;
    o->len_ref = sc.len_ref;
    return sc.len_direct >= 0 || sc.len_ref >= 0 ? 0 : -1;
}

/* A stream's length held in an object of its own: that object's value. */
static int resolve_length(rd *R, obj *o)
{
    if (o->len_ref >= 0) {
        obj *l = &R->o[o->len_ref];
        if (l->off < 0 || l->data >= 0 ||
            read_at(R, l->body, (size_t)(l->body_end - l->body)) != 0)
            return -1;
        size_t pos = 0, n = (size_t)(l->body_end - l->body);
        pdf_tok t = pdf_lex_next(R->buf, n, &pos);
        pdf_tok e = pdf_lex_next(R->buf, n, &pos);
        o->len = pdf_tok_int(R->buf, &t);
        if (o->len < 0 || e.type != PDF_TOK_END)
            return -1;
    }
    /* the data must end where "endstream" begins */
    long long at = o->data + o->len;
    if (at + 11 > o->end || read_at(R, at, 11) != 0)
        return -1;
    const char *p = R->buf;
    if (*p == '\r')
        p++;
    if (*p == '\n')
        p++;
    return memcmp(p, "endstream", 9) == 0 ? 0 : -1;
}

static int scan_all(rd *R)
{
    for (size_t i = 1; i < R->n; i++)
        if (R->o[i].off >= 0 && scan_object(R, i) != 0)
            return -1;
    for (size_t i = 1; i < R->n; i++)
        if (R->o[i].off >= 0 && R->o[i].data >= 0 && resolve_length(R, &R->o[i]) != 0)
            return -1;
    return 0;
}

/* Marks what /Root and /Info reach (renum 1 for now); references to left-
 * out entries lead nowhere. */
static void reach(rd *R)
{
    uint32_t *stack = bl_malloc(R->n * sizeof *stack);
    size_t top = 0;
    long long starts[2] = {R->root, R->info};
    for (int k = 0; k < 2; k++)
        if (starts[k] > 0 && R->o[starts[k]].off >= 0 && !R->o[starts[k]].renum) {
            R->o[starts[k]].renum = 1;
            stack[top++] = (uint32_t)starts[k];
        }
    while (top) {
        obj *o = &R->o[stack[--top]];
        for (size_t r = 0; r < o->nrefs; r++) {
            obj *t = &R->o[R->refs[o->refs + r]];
            if (t->off >= 0 && !t->renum) {
                t->renum = 1;
                stack[top++] = R->refs[o->refs + r];
            }
        }
    }
    free(stack);
}

/* ---- the output ------------------------------------------------------ */

typedef struct {
    FILE *out;
    long long pos;
    GChecksum *md5; /* of every byte written before the /ID; then NULL */
    bool failed;
    unsigned char *type; /* the new cross-reference entries */
    long long *f2;
    unsigned char *f3;
    size_t size; /* the new /Size */
    bl_buf head, body; /* the object stream being filled */
    unsigned packed;   /* objects in it */
    unsigned stm_num;  /* its number */
    bl_buf tmp;
} wr;

static void put(wr *W, const void *data, size_t len)
{
    if (!len || W->failed)
        return;
    if (fwrite(data, 1, len, W->out) != len) {
        W->failed = true;
        return;
    }
    if (W->md5)
        g_checksum_update(W->md5, data, (gssize)len);
    W->pos += (long long)len;
}

static void put_buf(wr *W, const bl_buf *b) { put(W, b->data, b->len); }

static void put_sep(bl_buf *out, size_t start)
{
    if (out->len > start)
        bl_buf_putc(out, ' ');
}

/* The value s[0..n) (an object's, or a stream's dictionary) into out:
 * references renumbered (null when their object is not written),
 * /StructParent(s) dropped, a stream's /Length written as stream_len,
 * comments out and white space single. -1 on what cairo does not write. */
static int rewrite_value(const rd *R, const char *s, size_t n, long long stream_len,
                         bl_buf *out)
{
    size_t pos = 0, start = out->len;
    int depth = 0;
    bool skip_int = false; /* the value of a dropped key comes next */
    for (;;) {
        pdf_tok t = pdf_lex_next(s, n, &pos);
        bool skipping = skip_int;
        skip_int = false;
        if (t.type == PDF_TOK_END)
            return depth == 0 ? 0 : -1;
        if (t.type == PDF_TOK_BAD || (skipping && t.type != PDF_TOK_INT))
            return -1;
        if (t.type == PDF_TOK_INT) {
            long long v = pdf_tok_int(s, &t);
            bool ref = ref_follows(s, n, &pos);
            if (skipping)
                continue;
            put_sep(out, start);
            if (!ref)
                bl_buf_append(out, s + t.start, t.end - t.start);
            else if (R->o[v].renum)
                bl_buf_printf(out, "%u 0 R", R->o[v].renum);
            else
                bl_buf_puts(out, "null");
            continue;
        }
        if (t.type == PDF_TOK_NAME &&
            (pdf_tok_is(s, &t, "/StructParent") || pdf_tok_is(s, &t, "/StructParents") ||
             (stream_len >= 0 && depth == 1 && pdf_tok_is(s, &t, "/Length")))) {
            skip_int = true;
            continue;
        }
        if (t.type == PDF_TOK_DICT_OPEN || t.type == PDF_TOK_ARRAY_OPEN)
            depth++;
        if (t.type == PDF_TOK_DICT_CLOSE || t.type == PDF_TOK_ARRAY_CLOSE) {
            if (stream_len >= 0 && depth == 1)
                bl_buf_printf(out, " /Length %lld", stream_len);
            depth--;
        }
        put_sep(out, start);
        bl_buf_append(out, s + t.start, t.end - t.start);
    }
}

/* Compresses a then b into out: libdeflate's level 6, as fast as zlib's
 * level 3 and smaller than its level 6. */
static int deflate_two(bl_buf *a, const bl_buf *b, bl_buf *out)
{
    size_t a_len = a->len;
    bl_buf_append(a, b->data ? b->data : "", b->len);
    bl_buf_reset(out);
    int rc = pdf_deflate_whole(6, a->data ? a->data : "", a->len, out);
    a->len = a_len;
    return rc;
}

static void entry(wr *W, unsigned num, unsigned char type, long long f2, unsigned char f3)
{
    W->type[num] = type;
    W->f2[num] = f2;
    W->f3[num] = f3;
}

/* The filled object stream, written out. */
static int flush_objects(wr *W)
{
    if (!W->packed)
        return 0;
    if (deflate_two(&W->head, &W->body, &W->tmp) != 0)
        return -1;
    entry(W, W->stm_num, 1, W->pos, 0);
    char dict[160];
    int k = snprintf(dict, sizeof dict,
                     "%u 0 obj\n<< /Type /ObjStm /N %u /First %zu /Filter /FlateDecode "
                     "/Length %zu >>\nstream\n",
                     W->stm_num, W->packed, W->head.len, W->tmp.len);
    put(W, dict, (size_t)k);
    put_buf(W, &W->tmp);
    put(W, "\nendstream\nendobj\n", 18);
    W->stm_num++;
    W->packed = 0;
    bl_buf_reset(&W->head);
    bl_buf_reset(&W->body);
    return 0;
}

/* Object o (not a stream) into the object stream being filled. */
static int pack_object(rd *R, wr *W, const obj *o)
{
    size_t n = (size_t)(o->body_end - o->body);
    if (read_at(R, o->body, n) != 0)
        return -1;
    entry(W, o->renum, 2, W->stm_num, (unsigned char)W->packed);
    bl_buf_printf(&W->head, "%u %zu ", o->renum, W->body.len);
    if (rewrite_value(R, R->buf, n, -1, &W->body) != 0)
        return -1;
    bl_buf_putc(&W->body, '\n');
    return ++W->packed == PER_STREAM ? flush_objects(W) : 0;
}

/* Where stream o's data is to be copied from: the input itself, or where
 * the lookup of R->streams says its placeholder's bytes are. 0, or -1
 * when the lookup fails (W->failed: an I/O error, not a foreign file). */
static int stream_source(rd *R, wr *W, const obj *o, int *fd, long long *off,
                         long long *len)
{
    *fd = R->fd;
    *off = o->data;
    *len = o->len;
    const bl_rewrite_streams *st = R->streams;
    if (!st || o->len != (long long)st->token_len)
        return 0;
    if (read_at(R, o->data, st->token_len) != 0)
        return -1;
    int k = st->lookup(st->ctx, (const unsigned char *)R->buf, fd, off, len);
    if (k < 0)
        W->failed = true;
    if (k <= 0) {
        *fd = R->fd;
        *off = o->data;
        *len = o->len;
    }
    return k < 0 ? -1 : 0;
}

/* Stream object o: its new dictionary, then its data as it is. */
static int copy_stream(rd *R, wr *W, const obj *o)
{
    int fd;
    long long from, len;
    if (stream_source(R, W, o, &fd, &from, &len) != 0)
        return -1;
    size_t n = (size_t)(o->body_end - o->body);
    if (read_at(R, o->body, n) != 0)
        return -1;
    bl_buf_reset(&W->tmp);
    bl_buf_printf(&W->tmp, "%u 0 obj\n", o->renum);
    if (rewrite_value(R, R->buf, n, len, &W->tmp) != 0)
        return -1;
    bl_buf_puts(&W->tmp, "\nstream\n");
    entry(W, o->renum, 1, W->pos, 0);
    put_buf(W, &W->tmp);
    for (long long done = 0; done < len;) {
        size_t k = len - done > COPY_CHUNK ? COPY_CHUNK : (size_t)(len - done);
        if (read_from(R, fd, from + done, k) != 0) {
            W->failed |= fd != R->fd;
            return -1;
        }
        put(W, R->buf, k);
        done += (long long)k;
    }
    put(W, "\nendstream\nendobj\n", 18);
    return 0;
}

/* The cross-reference stream (object size - 1), which is also the trailer. */
static int write_xref(const rd *R, wr *W)
{
    unsigned num = (unsigned)(W->size - 1);
    long long at = W->pos;
    entry(W, num, 1, at, 0);
    unsigned char digest[16];
    gsize dlen = sizeof digest;
    g_checksum_get_digest(W->md5, digest, &dlen);
    g_checksum_free(W->md5);
    W->md5 = NULL;
    char id[33];
    for (int k = 0; k < 16; k++)
        snprintf(id + 2 * k, 3, "%02x", digest[k]);
    unsigned w2 = pdf_xref_width((unsigned long long)(at > (long long)W->size ? at : (long long)W->size));
    bl_buf rows = BL_BUF_INIT;
    pdf_xref_rows(W->type, W->f2, W->f3, W->size, w2, &rows);
    bl_buf_reset(&W->tmp);
    int rc = pdf_deflate_whole(6, rows.data ? rows.data : "", rows.len, &W->tmp);
    bl_buf_free(&rows);
    if (rc)
        return -1;
    bl_buf d = BL_BUF_INIT;
    bl_buf_printf(&d, "%u 0 obj\n<< /Type /XRef /Size %zu /W [ 1 %u 1 ] /Root %u 0 R",
                  num, W->size, w2, R->o[R->root].renum);
    if (R->info > 0 && R->o[R->info].renum)
        bl_buf_printf(&d, " /Info %u 0 R", R->o[R->info].renum);
    bl_buf_printf(&d, " /ID [ <%s> <%s> ] /DecodeParms << /Columns %u /Predictor 12 >>"
                      " /Filter /FlateDecode /Length %zu >>\nstream\n",
                  id, id, 2 + w2, W->tmp.len);
    put_buf(W, &d);
    bl_buf_free(&d);
    put_buf(W, &W->tmp);
    char tail[64];
    int k = snprintf(tail, sizeof tail, "\nendstream\nendobj\nstartxref\n%lld\n%%%%EOF\n", at);
    put(W, tail, (size_t)k);
    return 0;
}

/* Numbers the reached objects: first those packed into object streams, in
 * their old order (so that the entries of one object stream are
 * consecutive, which the cross-reference stream's predictor compresses to
 * almost nothing), then the streams, then the object streams and the
 * cross-reference stream. */
static void number(rd *R, wr *W)
{
    unsigned packed = 0, streams = 0;
    for (size_t i = 1; i < R->n; i++)
        if (R->o[i].renum && R->o[i].data < 0)
            packed++;
    for (size_t i = 1; i < R->n; i++)
        if (R->o[i].renum)
            R->o[i].renum = R->o[i].data < 0 ? ++W->stm_num : packed + ++streams;
    unsigned stms = (packed + PER_STREAM - 1) / PER_STREAM;
    W->stm_num = packed + streams + 1;
    W->size = (size_t)packed + streams + stms + 2;
    W->type = bl_calloc(W->size, 1);
    W->f2 = bl_calloc(W->size, sizeof *W->f2);
    W->f3 = bl_calloc(W->size, sizeof *W->f3);
}

static int write_all(rd *R, wr *W)
{
    char head[32];
    int k = snprintf(head, sizeof head, "%%PDF-1.%d\n%%\xbf\xf7\xa2\xfe\n",
                     R->minor < 5 ? 5 : R->minor);
    put(W, head, (size_t)k);
    for (size_t i = 1; i < R->n && !W->failed; i++) {
        const obj *o = &R->o[i];
        if (!o->renum)
            continue;
        if ((o->data >= 0 ? copy_stream(R, W, o) : pack_object(R, W, o)) != 0)
            return -1;
    }
    if (flush_objects(W) != 0 || write_xref(R, W) != 0)
        return -1;
    return 0;
}

bl_rewrite_status bl_pdf_rewrite(int in_fd, long long in_size,
                                 const bl_rewrite_streams *streams, FILE *out,
                                 long long *bytes)
{
    rd R = {.fd = in_fd, .size = in_size, .info = -1, .streams = streams};
    wr W = {.out = out, .md5 = g_checksum_new(G_CHECKSUM_MD5)};
    bl_rewrite_status st = BL_REWRITE_FOREIGN;
    if (read_xref(&R) == 0 && place_objects(&R) == 0 && R.o[R.root].off >= 0 &&
        scan_all(&R) == 0) {
        reach(&R);
        number(&R, &W);
        int rc = write_all(&R, &W);
        if (W.failed)
            st = BL_REWRITE_IO;
        else if (rc == 0)
            st = fflush(out) == 0 ? BL_REWRITE_OK : BL_REWRITE_IO;
    }
    if (st == BL_REWRITE_OK && bytes)
        *bytes = W.pos;
    if (W.md5)
        g_checksum_free(W.md5);
    free(W.type);
    free(W.f2);
    free(W.f3);
    bl_buf_free(&W.head);
    bl_buf_free(&W.body);
    bl_buf_free(&W.tmp);
    free(R.o);
    free(R.refs);
    free(R.buf);
    return st;
}
