/* status.c - the status vocabulary (data/status.json) and its matcher; see
 * status.h and docs/status.md.
 *
 * A text is matched on its key. Every vocabulary word found in the key is a
 * match; at each position only the longest plain phrase counts, and a plain
 * phrase that lies inside a longer one found earlier is hidden (未按计划推进
 * hides 按计划推进, a decoy 滞后风险 hides 滞后). A phrase with '*' never
 * hides another. Then each match learns its context within its clause
 * (a negation just before it, a past-tense or plan word anywhere before it)
 * and its sentence (a resolution after it); a match is present when no
 * context undoes it.
 */
#include "status.h"
#include "alloc.h"

#include <cjson/cJSON.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "embedded.h"
#include "io.h"
#include "text.h"
#include "textkey.h"

#define BUILTIN_WORDS "data/status.json"
#define WILD_MAX 8  /* characters a '*' stands for */
#define NEG_GAP 4   /* characters allowed between a negation and its word */
#define NEG_LOOK 8  /* matches looked back for a negation */
#define BUCKETS 1024

/* Kinds of words, in the order of their JSON keys below. */
typedef enum kind {
    K_CLASS,
    K_BEHIND,
    K_DECOY,
    K_NEGATION,
    K_PAST,
    K_RESOLVED,
    K_FUTURE,
    K_REASON,
    K_COUNT
} kind;

static const char *const kind_keys[K_COUNT] = {
    "classes", "behind_words", "decoys", "negations",
    "past",    "resolved",     "future", "reasons"};

typedef struct word {
    char *pre; /* the phrase, or what precedes '*' */
    size_t npre;
    char *post; /* what follows '*'; NULL for a plain phrase */
    size_t npost;
    unsigned char kind, cls;
} word;

/* One group of status columns: headers and the classes of their values. */
typedef struct column {
    char **headers;
    size_t n_headers;
    char **values;
    unsigned char *cls;
    size_t n_values;
} column;

struct bl_status_words {
    word *w;
    size_t n, cap;
    size_t bucket[BUCKETS + 1]; /* offsets into items, by first character */
    size_t *items;
    unsigned char precedence[BL_STATUS_COUNT];
    size_t n_precedence;
    bool from_progress[BL_STATUS_COUNT];
    column *cols;
    size_t n_cols;
    /* words that are a class only as the whole text ("完成") */
    char **alone;
    unsigned char *alone_cls;
    size_t n_alone;
};

static void *xrealloc(void *p, size_t size)
{
    p = bl_realloc(p, size ? size : 1);
    return p;
}

static char *xstrdup(const char *s)
{
    char *d = bl_strdup(s);
    return d;
}

/* --- loading ------------------------------------------------------------ */

static int class_of_name(const char *name)
{
    for (int c = 1; c < BL_STATUS_COUNT; c++)
        if (strcmp(bl_status_class_name((bl_status_class)c), name) == 0)
            return c;
    return -1;
}

static int line_at(const char *json, const char *needle)
{
    const char *at = needle ? strstr(json, needle) : NULL;
    int line = 1;
    for (const char *p = json; at && p < at; p++)
        line += *p == '\n';
    return line;
}

typedef struct loader {
    const char *path, *json;
    bl_error *err;
} loader;

static int fail(const loader *l, const char *where, const char *msg)
{
    char needle[256];
    snprintf(needle, sizeof needle, "\"%s\"", where ? where : "");
    return bl_error_set(l->err, BL_EINPUT, l->path,
                        where ? line_at(l->json, needle) : 1,
                        "status words: %s%s%s", where ? where : "",
                        where ? ": " : "", msg);
}

/* A phrase: non-empty, at most one '*', not at either end. */
static bool phrase_ok(const char *s)
{
    const char *star = strchr(s, '*');
    if (!*s)
        return false;
    if (!star)
        return true;
    return star != s && star[1] && !strchr(star + 1, '*');
}

static int check_list(const loader *l, const cJSON *it, const char *where)
{
    if (!cJSON_IsArray(it))
        return fail(l, where, "must be an array of phrases");
    for (const cJSON *s = it->child; s; s = s->next)
        if (!cJSON_IsString(s) || !phrase_ok(s->valuestring))
            return fail(l, where,
                        "phrases must be non-empty strings with at most one "
                        "'*' inside");
    return BL_OK;
}

static int check_classes(const loader *l, const cJSON *it, const char *where)
{
    if (!cJSON_IsArray(it))
        return fail(l, where, "must be an array of class names");
    for (const cJSON *s = it->child; s; s = s->next)
        if (!cJSON_IsString(s) || class_of_name(s->valuestring) < 0)
            return fail(l, where,
                        "class names are ahead, done, mostly_done, partial, "
                        "not_done, on_schedule, behind");
    return BL_OK;
}

static int check_columns(const loader *l, const cJSON *it)
{
    if (!cJSON_IsArray(it))
        return fail(l, "columns", "must be an array of {\"headers\", \"values\"}");
    for (const cJSON *g = it->child; g; g = g->next) {
        const cJSON *h = cJSON_GetObjectItemCaseSensitive(g, "headers");
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(g, "values");
        if (!cJSON_IsObject(g) || check_list(l, h, "headers") ||
            (v && !cJSON_IsObject(v)))
            return fail(l, "columns",
                        "each group needs \"headers\" (phrases) and may have "
                        "\"values\" {\"value\": \"class\"}");
        for (const cJSON *x = v ? v->child : NULL; x; x = x->next)
            if (!x->string[0] || !cJSON_IsString(x) ||
                class_of_name(x->valuestring) < 0)
                return fail(l, x->string, "a column value maps to a class name");
    }
    return BL_OK;
}

static int check_root(const loader *l, const cJSON *root)
{
    if (!cJSON_IsObject(root))
        return fail(l, NULL, "the file must be a JSON object");
    for (const cJSON *it = root->child; it; it = it->next) {
        const char *k = it->string;
        int rc = BL_OK;
        if (strcmp(k, "about") == 0)
            continue;
        if (strcmp(k, "classes") == 0) {
            if (!cJSON_IsObject(it))
                return fail(l, k, "must be an object {\"class\": [phrases]}");
            for (const cJSON *c = it->child; c && !rc; c = c->next)
                rc = class_of_name(c->string) < 0
                         ? fail(l, c->string, "is not a status class")
                         : check_list(l, c, c->string);
        } else if (strcmp(k, "precedence") == 0 ||
                   strcmp(k, "from_progress") == 0) {
            rc = check_classes(l, it, k);
        } else if (strcmp(k, "columns") == 0) {
            rc = check_columns(l, it);
        } else if (strcmp(k, "alone") == 0) {
            if (!cJSON_IsObject(it))
                return fail(l, k, "must be an object {\"word\": \"class\"}");
            for (const cJSON *x = it->child; x && !rc; x = x->next)
                if (!x->string[0] || !cJSON_IsString(x) ||
                    class_of_name(x->valuestring) < 0)
                    rc = fail(l, x->string, "a word alone maps to a class name");
        } else {
            int known = 0;
            for (int i = K_BEHIND; i < K_COUNT; i++)
                known |= strcmp(k, kind_keys[i]) == 0;
            rc = known ? check_list(l, it, k) : fail(l, k, "unknown key");
        }
        if (rc)
            return rc;
    }
    return BL_OK;
}

/* The key of a phrase from the file: folded, without white space. */
static char *phrase_key(bl_arena *a, const char *s)
{
    char *k = bl_key(a, s), *o = k;
    for (const char *p = k; *p; p++)
        if (*p != ' ' && *p != '\r' && *p != '\n')
            *o++ = *p;
    *o = '\0';
    return k;
}

static bool same_text(const word *w, const char *pre, const char *post)
{
    return strcmp(w->pre, pre) == 0 &&
           (w->post ? post && strcmp(w->post, post) == 0 : !post);
}

static void add_word(bl_status_words *v, bl_arena *a, const char *text,
                     kind k, int cls)
{
    char *key = phrase_key(a, text), *star = strchr(key, '*');
    const char *post = NULL;
    if (!*key)
        return;
    if (star) {
        *star = '\0';
        post = star + 1;
        if (!*key || !*post)
            return;
    }
    /* A phrase met again: a class phrase takes the class given last. */
    for (size_t i = 0; i < v->n; i++)
        if (v->w[i].kind == k && same_text(&v->w[i], key, post)) {
            v->w[i].cls = (unsigned char)cls;
            return;
        }
    if (v->n == v->cap) {
        v->cap = v->cap ? v->cap * 2 : 128;
        v->w = xrealloc(v->w, v->cap * sizeof *v->w);
    }
    word *w = &v->w[v->n++];
    w->pre = xstrdup(key);
    w->npre = strlen(key);
    w->post = post ? xstrdup(post) : NULL;
    w->npost = post ? strlen(post) : 0;
    w->kind = (unsigned char)k;
    w->cls = (unsigned char)cls;
}

static void add_list(bl_status_words *v, bl_arena *a, const cJSON *list,
                     kind k, int cls)
{
    for (const cJSON *s = list ? list->child : NULL; s; s = s->next)
        add_word(v, a, s->valuestring, k, cls);
}

static void set_classes(const cJSON *list, unsigned char *out, size_t *n)
{
    *n = 0;
    for (const cJSON *s = list->child; s; s = s->next) {
        int c = class_of_name(s->valuestring);
        bool dup = false;
        for (size_t i = 0; i < *n; i++)
            dup |= out[i] == c;
        if (!dup && *n < BL_STATUS_COUNT)
            out[(*n)++] = (unsigned char)c;
    }
}

static void add_columns(bl_status_words *v, bl_arena *a, const cJSON *groups)
{
    for (const cJSON *g = groups->child; g; g = g->next) {
        const cJSON *h = cJSON_GetObjectItemCaseSensitive(g, "headers");
        const cJSON *vals = cJSON_GetObjectItemCaseSensitive(g, "values");
        v->cols = xrealloc(v->cols, (v->n_cols + 1) * sizeof *v->cols);
        column *c = &v->cols[v->n_cols++];
        memset(c, 0, sizeof *c);
        size_t nh = (size_t)cJSON_GetArraySize(h);
        size_t nv = vals ? (size_t)cJSON_GetArraySize(vals) : 0;
        c->headers = xrealloc(NULL, nh * sizeof *c->headers);
        c->values = xrealloc(NULL, nv * sizeof *c->values);
        c->cls = xrealloc(NULL, nv);
        for (const cJSON *s = h->child; s; s = s->next)
            c->headers[c->n_headers++] = xstrdup(phrase_key(a, s->valuestring));
        for (const cJSON *x = vals ? vals->child : NULL; x; x = x->next) {
            c->values[c->n_values] = xstrdup(phrase_key(a, x->string));
            c->cls[c->n_values++] = (unsigned char)class_of_name(x->valuestring);
        }
    }
}

/* A word met again takes the class given last. */
static void add_alone(bl_status_words *v, bl_arena *a, const cJSON *map)
{
    for (const cJSON *x = map->child; x; x = x->next) {
        const char *key = phrase_key(a, x->string);
        unsigned char cls = (unsigned char)class_of_name(x->valuestring);
        size_t i = 0;
        while (i < v->n_alone && strcmp(v->alone[i], key) != 0)
            i++;
        if (i == v->n_alone) {
            v->alone = xrealloc(v->alone, (i + 1) * sizeof *v->alone);
            v->alone_cls = xrealloc(v->alone_cls, i + 1);
            v->alone[v->n_alone++] = xstrdup(key);
        }
        v->alone_cls[i] = cls;
    }
}

static uint32_t first_cp(const char *s)
{
    const char *p = s;
    return bl_utf8_next(&p, s + strlen(s));
}

/* Words by the bucket of their first character. */
static void build_index(bl_status_words *v)
{
    memset(v->bucket, 0, sizeof v->bucket);
    for (size_t i = 0; i < v->n; i++)
        v->bucket[first_cp(v->w[i].pre) % BUCKETS + 1]++;
    for (size_t b = 0; b < BUCKETS; b++)
        v->bucket[b + 1] += v->bucket[b];
    size_t fill[BUCKETS];
    memcpy(fill, v->bucket, sizeof fill);
    v->items = xrealloc(v->items, v->n * sizeof *v->items);
    for (size_t i = 0; i < v->n; i++)
        v->items[fill[first_cp(v->w[i].pre) % BUCKETS]++] = i;
}

int bl_status_words_add_json(bl_status_words *v, const char *path,
                             const char *json, bl_error *err)
{
    loader l = {path, json, err};
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithOpts(json, &end, 1);
    if (!root) {
        int line = 1;
        for (const char *p = json; end && p < end; p++)
            line += *p == '\n';
        return bl_error_set(err, BL_EINPUT, path, line,
                            "status words are not valid JSON");
    }
    int rc = check_root(&l, root);
    if (rc) {
        cJSON_Delete(root);
        return rc;
    }
    bl_arena *a = bl_arena_new();
    const cJSON *classes = cJSON_GetObjectItemCaseSensitive(root, "classes");
    for (const cJSON *c = classes ? classes->child : NULL; c; c = c->next)
        add_list(v, a, c, K_CLASS, class_of_name(c->string));
    for (int k = K_BEHIND; k < K_COUNT; k++)
        add_list(v, a, cJSON_GetObjectItemCaseSensitive(root, kind_keys[k]),
                 (kind)k, BL_STATUS_UNKNOWN);
    const cJSON *prec = cJSON_GetObjectItemCaseSensitive(root, "precedence");
    if (prec)
        set_classes(prec, v->precedence, &v->n_precedence);
    const cJSON *prog = cJSON_GetObjectItemCaseSensitive(root, "from_progress");
    if (prog) {
        unsigned char list[BL_STATUS_COUNT];
        size_t n;
        set_classes(prog, list, &n);
        memset(v->from_progress, 0, sizeof v->from_progress);
        for (size_t i = 0; i < n; i++)
            v->from_progress[list[i]] = true;
    }
    const cJSON *cols = cJSON_GetObjectItemCaseSensitive(root, "columns");
    if (cols)
        add_columns(v, a, cols);
    const cJSON *alone = cJSON_GetObjectItemCaseSensitive(root, "alone");
    if (alone)
        add_alone(v, a, alone);
    bl_arena_free(a);
    cJSON_Delete(root);
    build_index(v);
    return BL_OK;
}

int bl_status_words_new(bl_status_words **out, bl_error *err)
{
    bl_status_words *v = bl_calloc(1, sizeof *v);
    const bl_embedded_file *f = bl_embedded_find(BUILTIN_WORDS);
    if (f) {
        int rc = bl_status_words_add_json(v, BUILTIN_WORDS,
                                          (const char *)f->data, err);
        if (rc) {
            bl_status_words_free(v);
            return rc;
        }
    }
    *out = v;
    return BL_OK;
}

int bl_status_words_add_file(bl_status_words *v, const char *path,
                             bl_error *err)
{
    bl_buf b = BL_BUF_INIT;
    int rc = bl_read_file(path, &b, err);
    if (rc == BL_OK)
        rc = bl_status_words_add_json(v, path, bl_buf_cstr(&b), err);
    bl_buf_free(&b);
    return rc;
}

void bl_status_words_free(bl_status_words *v)
{
    if (!v)
        return;
    for (size_t i = 0; i < v->n; i++) {
        free(v->w[i].pre);
        free(v->w[i].post);
    }
    for (size_t g = 0; g < v->n_cols; g++) {
        column *c = &v->cols[g];
        for (size_t i = 0; i < c->n_headers; i++)
            free(c->headers[i]);
        for (size_t i = 0; i < c->n_values; i++)
            free(c->values[i]);
        free(c->headers);
        free(c->values);
        free(c->cls);
    }
    free(v->cols);
    for (size_t i = 0; i < v->n_alone; i++)
        free(v->alone[i]);
    free(v->alone);
    free(v->alone_cls);
    free(v->w);
    free(v->items);
    free(v);
}

static bl_status_words *builtin;
static pthread_once_t builtin_once = PTHREAD_ONCE_INIT;

static void builtin_init(void)
{
    bl_error err = {0};
    /* The file is compiled in and covered by the tests; a broken one is a
     * build error, not an input error. */
    if (bl_status_words_new(&builtin, &err))
        abort();
}

const bl_status_words *bl_status_words_builtin(void)
{
    pthread_once(&builtin_once, builtin_init);
    return builtin;
}

static const bl_status_words *vocab(const bl_status_words *v)
{
    return v ? v : bl_status_words_builtin();
}

/* --- scanning ----------------------------------------------------------- */

typedef struct clause {
    size_t s, e;     /* key offsets, separators and white space excluded */
    size_t sentence; /* index of its sentence */
} clause;

typedef struct match {
    size_t s, e; /* key offsets */
    unsigned char kind, cls;
    bool wild;
    bool negated, past, future, resolved;
    size_t clause;
} match;

/* A scan is made for every status cell and progress text: its key, map,
 * clauses and matches live in the scan itself up to these sizes (no
 * allocation for the usual short text), on the heap past them. */
#define SCAN_KEY 384
#define SCAN_CLAUSES 16
#define SCAN_MATCHES 32

typedef struct scan {
    const bl_status_words *v;
    bl_keyed k;
    clause *c;
    size_t nc, ccap;
    match *m;
    size_t nm, mcap;
    char *key_heap;
    uint32_t *at_heap;
    char key[SCAN_KEY + 1];
    uint32_t at[SCAN_KEY + 1];
    clause c_own[SCAN_CLAUSES];
    match m_own[SCAN_MATCHES];
} scan;

/* Room for one more of an array that starts in the scan's own storage. */
static void *grow_own(void *items, const void *own, size_t n, size_t *cap, size_t size)
{
    size_t bigger = *cap * 2;
    void *p;
    if (items == own) {
        p = xrealloc(NULL, bigger * size);
        memcpy(p, items, n * size);
    } else {
        p = xrealloc(items, bigger * size);
    }
    *cap = bigger;
    return p;
}

/* Length of a separator at key offset i (0 when none). */
static size_t sep_at(const char *k, size_t n, size_t i, bool *sentence)
{
    *sentence = false;
    switch (k[i]) {
    case ',': case ';': case ':': case '(': case ')': case '\n': case '\r':
        return 1;
    case '!': case '?':
        *sentence = true;
        return 1;
    default:
        break;
    }
    if (n - i >= 3 && memcmp(k + i, "。", 3) == 0) {
        *sentence = true;
        return 3;
    }
    return 0;
}

static void split_clauses(scan *sc)
{
    const char *k = sc->k.key;
    size_t n = sc->k.len, from = 0, sentence = 0;
    for (size_t i = 0;; i++) {
        bool ends = false;
        size_t sep = i < n ? sep_at(k, n, i, &ends) : 1;
        if (!sep)
            continue;
        size_t s = from, e = i;
        while (s < e && k[s] == ' ')
            s++;
        while (e > s && k[e - 1] == ' ')
            e--;
        if (e > s) {
            if (sc->nc == sc->ccap)
                sc->c = grow_own(sc->c, sc->c_own, sc->nc, &sc->ccap, sizeof *sc->c);
            sc->c[sc->nc++] = (clause){s, e, sentence};
        }
        if (ends && sc->nc && sc->c[sc->nc - 1].sentence == sentence)
            sentence++;
        if (i >= n)
            break;
        i += sep - 1;
        from = i + 1;
    }
}

static void push(scan *sc, size_t s, size_t e, const word *w, bool wild)
{
    if (sc->nm == sc->mcap)
        sc->m = grow_own(sc->m, sc->m_own, sc->nm, &sc->mcap, sizeof *sc->m);
    sc->m[sc->nm++] = (match){.s = s, .e = e, .kind = w->kind, .cls = w->cls,
                              .wild = wild};
}

/* End of a '*' word whose prefix ends at i: the first place within WILD_MAX
 * characters of the same clause where its suffix follows; 0 when none. */
static size_t wild_end(const char *k, size_t n, size_t i, const word *w)
{
    for (int chars = 0; chars <= WILD_MAX && i < n; chars++) {
        bool ends;
        if (w->npost <= n - i && memcmp(k + i, w->post, w->npost) == 0)
            return i + w->npost;
        if (sep_at(k, n, i, &ends))
            return 0;
        const char *p = k + i;
        bl_utf8_next(&p, k + n);
        i = (size_t)(p - k);
    }
    return 0;
}

static void find_matches(scan *sc)
{
    const bl_status_words *v = sc->v;
    const char *k = sc->k.key;
    size_t n = sc->k.len, cover = 0;
    for (size_t p = 0; p < n;) {
        const char *q = k + p;
        uint32_t cp = bl_utf8_next(&q, k + n);
        size_t b = cp % BUCKETS, best = 0, first = sc->nm;
        for (size_t j = v->bucket[b]; j < v->bucket[b + 1]; j++) {
            const word *w = &v->w[v->items[j]];
            if (w->npre > n - p || memcmp(k + p, w->pre, w->npre) != 0)
                continue;
            if (w->post) {
                size_t e = wild_end(k, n, p + w->npre, w);
                if (e > cover)
                    push(sc, p, e, w, true);
                continue;
            }
            if (w->npre < best)
                continue;
            if (w->npre > best) { /* drop the shorter plain phrases here */
                size_t o = first;
                for (size_t i = first; i < sc->nm; i++)
                    if (sc->m[i].wild)
                        sc->m[o++] = sc->m[i];
                sc->nm = o;
                best = w->npre;
            }
            if (p + best > cover)
                push(sc, p, p + best, w, false);
        }
        if (p + best > cover)
            cover = p + best;
        p = (size_t)(q - k);
    }
}

static size_t chars_between(const char *k, size_t from, size_t to)
{
    size_t n = 0;
    for (size_t i = from; i < to; i++)
        n += ((unsigned char)k[i] & 0xC0) != 0x80;
    return n;
}

/* "因无法施工导致滞后": a cause between a negation and its word. */
static bool gap_has_cause(const char *k, size_t from, size_t to)
{
    static const char *const causes[] = {"导致", "造成", "致使", "但"};
    for (size_t c = 0; c < sizeof causes / sizeof *causes; c++) {
        size_t len = strlen(causes[c]);
        for (size_t i = from; i + len <= to; i++)
            if (memcmp(k + i, causes[c], len) == 0)
                return true;
    }
    return false;
}

static void mark_contexts(scan *sc)
{
    const char *k = sc->k.key;
    size_t ci = 0, past = SIZE_MAX, future = SIZE_MAX;
    for (size_t i = 0; i < sc->nm; i++) {
        match *m = &sc->m[i];
        while (ci + 1 < sc->nc && sc->c[ci].e <= m->s)
            ci++;
        m->clause = ci;
        m->past = past == ci;
        m->future = future == ci;
        for (size_t back = 1; back <= i && back <= NEG_LOOK; back++) {
            const match *x = &sc->m[i - back];
            if (x->clause != ci)
                break;
            if (x->kind == K_NEGATION && x->e <= m->s &&
                chars_between(k, x->e, m->s) <= NEG_GAP &&
                !gap_has_cause(k, x->e, m->s)) {
                m->negated = true;
                break;
            }
        }
        if (m->kind == K_PAST)
            past = ci;
        if (m->kind == K_FUTURE)
            future = ci;
    }
    size_t resolved = SIZE_MAX;
    for (size_t i = sc->nm; i > 0;) {
        match *m = &sc->m[--i];
        size_t sentence = sc->nc ? sc->c[m->clause].sentence : 0;
        m->resolved = resolved == sentence;
        if (m->kind == K_RESOLVED)
            resolved = sentence;
    }
}

static void scan_init(scan *sc, const bl_status_words *v, const char *text)
{
    sc->v = vocab(v);
    sc->nc = sc->nm = 0;
    sc->c = sc->c_own;
    sc->ccap = SCAN_CLAUSES;
    sc->m = sc->m_own;
    sc->mcap = SCAN_MATCHES;
    sc->key_heap = NULL;
    sc->at_heap = NULL;
    size_t n = strlen(text);
    if (n <= SCAN_KEY) {
        bl_key_map_into(text, n, sc->key, sc->at, &sc->k);
    } else {
        sc->key_heap = xrealloc(NULL, n + 1);
        sc->at_heap = xrealloc(NULL, (n + 1) * sizeof *sc->at_heap);
        bl_key_map_into(text, n, sc->key_heap, sc->at_heap, &sc->k);
    }
    split_clauses(sc);
    find_matches(sc);
    mark_contexts(sc);
}

static void scan_free(scan *sc)
{
    if (sc->c != sc->c_own)
        free(sc->c);
    if (sc->m != sc->m_own)
        free(sc->m);
    free(sc->key_heap);
    free(sc->at_heap);
}

/* Lagging wording: a behind phrase, or a not-done one (尚未完成). */
static bool behindish(const match *m)
{
    return m->kind == K_BEHIND ||
           (m->kind == K_CLASS &&
            (m->cls == BL_STATUS_BEHIND || m->cls == BL_STATUS_NOT_DONE));
}

/* Stated in the present: not negated, not planned, not past; lagging
 * that was resolved is not present either. */
static bool present(const match *m)
{
    return !m->negated && !m->future && !m->past && !(behindish(m) && m->resolved);
}

/* The words that say "behind" (bl_text_says_behind). */
static bool says_behind(const match *m)
{
    return (m->kind == K_BEHIND ||
            (m->kind == K_CLASS && m->cls == BL_STATUS_BEHIND)) &&
           present(m);
}

static bl_status_class pick(const bl_status_words *v, const bool *seen)
{
    for (size_t i = 0; i < v->n_precedence; i++)
        if (seen[v->precedence[i]])
            return (bl_status_class)v->precedence[i];
    for (int c = 1; c < BL_STATUS_COUNT; c++)
        if (seen[c])
            return (bl_status_class)c;
    return BL_STATUS_UNKNOWN;
}

static bool column_matches(const column *c, const char *key)
{
    for (size_t i = 0; i < c->n_headers; i++)
        if (strstr(key, c->headers[i]))
            return true;
    return false;
}

/* The value of group c at key offset p: the longest, followed by the end,
 * a separator or a space. */
static int column_value(const column *c, const char *k, size_t n, size_t p)
{
    int cls = -1;
    size_t best = 0;
    for (size_t i = 0; i < c->n_values; i++) {
        size_t len = strlen(c->values[i]);
        bool ends;
        if (len <= best || len > n - p || memcmp(k + p, c->values[i], len) != 0)
            continue;
        if (p + len < n && k[p + len] != ' ' && !sep_at(k, n, p + len, &ends))
            continue;
        best = len;
        cls = c->cls[i];
    }
    return cls;
}

/* "是否达序:否", "进度状态=正常" written inside a text. */
static bl_status_class inline_column(const bl_status_words *v, const bl_keyed *kd)
{
    const char *k = kd->key;
    for (size_t g = v->n_cols; g > 0;) {
        const column *c = &v->cols[--g];
        for (size_t h = 0; h < c->n_headers; h++)
            for (const char *at = strstr(k, c->headers[h]); at;
                 at = strstr(at + 1, c->headers[h])) {
                size_t p = (size_t)(at - k) + strlen(c->headers[h]);
                while (k[p] == ' ')
                    p++;
                if (k[p] != ':' && k[p] != '=')
                    continue;
                p++;
                while (k[p] == ' ')
                    p++;
                int cls = column_value(c, k, kd->len, p);
                if (cls > 0)
                    return (bl_status_class)cls;
            }
    }
    return BL_STATUS_UNKNOWN;
}

/* True when m covers the whole of its clause. */
static bool whole_clause(const scan *sc, const match *m)
{
    return sc->nc && m->s <= sc->c[m->clause].s && m->e >= sc->c[m->clause].e;
}

/* Index of the first match of clause ci (matches are in clause order). */
static size_t first_match(const scan *sc, size_t ci)
{
    size_t lo = 0, hi = sc->nm;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (sc->m[mid].clause < ci)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* The class of a key that is one of the words alone, but for spaces and
 * a closing full stop or separator ("完成。"). */
static bl_status_class alone_class(const bl_status_words *v, const bl_keyed *kd)
{
    const char *k = kd->key;
    size_t s = 0, e = kd->len;
    while (s < e && k[s] == ' ')
        s++;
    for (;;) {
        if (e > s && strchr(" .,;", k[e - 1]))
            e--;
        else if (e >= s + 3 && memcmp(k + e - 3, "。", 3) == 0)
            e -= 3;
        else
            break;
    }
    for (size_t i = 0; i < v->n_alone; i++)
        if (strlen(v->alone[i]) == e - s && memcmp(v->alone[i], k + s, e - s) == 0)
            return (bl_status_class)v->alone_cls[i];
    return BL_STATUS_UNKNOWN;
}

/* Classes of the present class phrases; all of them, or (from progress
 * text) those listed in from_progress and those that are a clause alone;
 * else, with use_alone, a word alone. */
static bl_status_class classify_scan(const scan *sc, bool progress, bool use_alone)
{
    bl_status_class inl = inline_column(sc->v, &sc->k);
    if (inl)
        return inl;
    bool seen[BL_STATUS_COUNT] = {false};
    /* Clauses that are a class phrase alone ("已完成,…"); all the phrases
     * of such a clause count: "已基本完成" is mostly done, though 已*完成
     * spans it. */
    bool *alone = progress ? bl_calloc(sc->nc + 1, sizeof *alone) : NULL;
    for (size_t i = 0; progress && i < sc->nm; i++)
        if (sc->m[i].kind == K_CLASS && present(&sc->m[i]) &&
            whole_clause(sc, &sc->m[i]))
            alone[sc->m[i].clause] = true;
    for (size_t i = 0; i < sc->nm; i++) {
        const match *m = &sc->m[i];
        if (m->kind != K_CLASS || !present(m))
            continue;
        if (!progress || sc->v->from_progress[m->cls] || alone[m->clause])
            seen[m->cls] = true;
    }
    free(alone);
    bl_status_class c = pick(sc->v, seen);
    return c || !use_alone ? c : alone_class(sc->v, &sc->k);
}

bl_status_class bl_status_words_classify(const bl_status_words *v, const char *s)
{
    if (!s)
        return BL_STATUS_UNKNOWN;
    scan sc;
    scan_init(&sc, v, s);
    bl_status_class c = classify_scan(&sc, false, true);
    scan_free(&sc);
    return c;
}

bl_status_class bl_status_words_of_text(const bl_status_words *v, const char *s)
{
    if (!s)
        return BL_STATUS_UNKNOWN;
    scan sc;
    scan_init(&sc, v, s);
    bl_status_class c = classify_scan(&sc, true, true);
    scan_free(&sc);
    return c;
}

bool bl_status_words_is_phrase(const bl_status_words *v, const char *cell)
{
    if (!cell || bl_utf8_count(cell) > 12)
        return false;
    scan sc;
    scan_init(&sc, v, cell);
    const char *k = sc.k.key;
    bool yes = !strpbrk(k, "0123456789,;:") && !strstr(k, "、") &&
               classify_scan(&sc, false, true) != BL_STATUS_UNKNOWN;
    scan_free(&sc);
    return yes;
}

bool bl_status_words_says_behind(const bl_status_words *v, const char *text)
{
    if (!text)
        return false;
    scan sc;
    scan_init(&sc, v, text);
    bool yes = inline_column(sc.v, &sc.k) == BL_STATUS_BEHIND;
    for (size_t i = 0; i < sc.nm && !yes; i++)
        yes = says_behind(&sc.m[i]);
    scan_free(&sc);
    return yes;
}

/* --- reasons ------------------------------------------------------------ */

/* A clause that carries no reason: bare figures ("63%"), a date
 * ("截至10月初"), or a connective alone ("其中"). */
static bool is_filler(const scan *sc, const clause *c)
{
    static const char *const connectives[] = {"其中", "同时", "另外", "此外", "但是",
                                              "但", "然而", "总体", "整体上"};
    static const char *const dates[] = {"截至", "截止", "目前", "至今"};
    for (size_t i = 0; i < sizeof connectives / sizeof *connectives; i++)
        if (c->e - c->s == strlen(connectives[i]) &&
            strncmp(sc->k.key + c->s, connectives[i], c->e - c->s) == 0)
            return true;
    const char *k = sc->k.key + c->s;
    size_t n = c->e - c->s;
    bool figures = true;
    for (size_t i = 0; i < n; i++)
        if (!strchr("0123456789.% ", k[i]))
            figures = false;
    if (figures)
        return true;
    for (size_t i = 0; i < sizeof dates / sizeof *dates; i++)
        if (n >= strlen(dates[i]) && strncmp(k, dates[i], strlen(dates[i])) == 0)
            return true;
    return false;
}

/* True when the clause is lagging wording and nothing else: "滞后进度",
 * "进度严重滞后". */
static bool is_bare(const scan *sc, size_t ci)
{
    static const char *const filler[] = {"进度", "工期", "推进", "实施", "严重",
                                         "明显", "较", "已", " "};
    const clause *c = &sc->c[ci];
    const char *k = sc->k.key;
    size_t j = first_match(sc, ci);
    for (size_t at = c->s; at < c->e;) {
        while (j < sc->nm && sc->m[j].s < at)
            j++;
        size_t next = at;
        for (size_t x = j; x < sc->nm && sc->m[x].s == at; x++)
            if (behindish(&sc->m[x]) && sc->m[x].e > next)
                next = sc->m[x].e;
        for (size_t i = 0; i < sizeof filler / sizeof *filler && next == at; i++) {
            size_t len = strlen(filler[i]);
            if (len <= c->e - at && memcmp(k + at, filler[i], len) == 0)
                next = at + len;
        }
        if (next == at)
            return false;
        at = next;
    }
    return true;
}

/* The first reason word of clause ci, or NULL. */
static const match *reason_in(const scan *sc, size_t ci)
{
    for (size_t i = first_match(sc, ci); i < sc->nm && sc->m[i].clause == ci; i++)
        if (sc->m[i].kind == K_REASON && !sc->m[i].negated)
            return &sc->m[i];
    return NULL;
}

static const char *source(bl_arena *a, const scan *sc, size_t from, size_t to)
{
    if (from >= to || from >= sc->k.len)
        return NULL; /* bl_keyed_source's "" */
    char *s = bl_keyed_source(a, &sc->k, from, to);
    return *s ? s : NULL;
}

/* The reason clause of sentence `sentence`, from clause `from` on: the
 * clause holding a reason word, or, when the clause is the word alone
 * (主要原因:…), the rest of the sentence. */
static const char *reason_clause(bl_arena *a, const scan *sc, size_t from,
                                 size_t sentence)
{
    for (size_t ci = from; ci < sc->nc && sc->c[ci].sentence == sentence; ci++) {
        const match *r = reason_in(sc, ci);
        if (!r || is_filler(sc, &sc->c[ci]))
            continue;
        const clause *c = &sc->c[ci];
        if (r->wild || r->s > c->s || r->e < c->e)
            return source(a, sc, c->s, c->e);
        size_t last = ci;
        while (last + 1 < sc->nc && sc->c[last + 1].sentence == sentence)
            last++;
        if (last > ci)
            return source(a, sc, sc->c[ci + 1].s, sc->c[last].e);
    }
    return NULL;
}

const char *bl_status_words_reason(const bl_status_words *v, bl_arena *a,
                                   const char *text)
{
    if (!text)
        return NULL;
    scan sc;
    scan_init(&sc, v, text);
    const char *out = NULL;
    size_t f = 0;
    while (f < sc.nm && !says_behind(&sc.m[f]))
        f++;
    if (f == sc.nm || !sc.nc) {
        scan_free(&sc);
        return NULL;
    }
    size_t sentence = sc.c[sc.m[f].clause].sentence, first = sc.m[f].clause;
    while (first > 0 && sc.c[first - 1].sentence == sentence)
        first--;
    out = reason_clause(a, &sc, first, sentence);
    if (!out) { /* "进度滞后。主要原因是…" */
        size_t next = first;
        while (next < sc.nc && sc.c[next].sentence == sentence)
            next++;
        if (next < sc.nc && reason_in(&sc, next))
            out = reason_clause(a, &sc, next, sc.c[next].sentence);
    }
    if (!out) {
        /* The clauses before the last lagging clause of the sentence. */
        size_t last = sc.m[f].clause;
        for (size_t i = f; i < sc.nm && sc.c[sc.m[i].clause].sentence == sentence; i++)
            if (says_behind(&sc.m[i]))
                last = sc.m[i].clause;
        size_t from = SIZE_MAX, to = 0;
        for (size_t ci = first; ci < last; ci++) {
            if (is_filler(&sc, &sc.c[ci]) || is_bare(&sc, ci))
                continue;
            if (from == SIZE_MAX)
                from = sc.c[ci].s;
            to = sc.c[ci].e;
        }
        if (from != SIZE_MAX) /* the reason's own commas are kept as printed */
            out = source(a, &sc, from, to);
        else if (!is_bare(&sc, last))
            out = source(a, &sc, sc.c[last].s, sc.c[last].e);
    }
    scan_free(&sc);
    return out;
}

/* --- status columns ----------------------------------------------------- */

static const column *column_of(const bl_status_words *v, bl_arena *a,
                               const char *header)
{
    if (!header)
        return NULL;
    const char *k = phrase_key(a, header);
    for (size_t g = v->n_cols; g > 0; g--)
        if (column_matches(&v->cols[g - 1], k))
            return &v->cols[g - 1];
    return NULL;
}

bool bl_status_words_is_column(const bl_status_words *v, const char *header)
{
    bl_arena *a = bl_arena_new();
    bool yes = column_of(vocab(v), a, header) != NULL;
    bl_arena_free(a);
    return yes;
}

bl_status_class bl_status_words_cell(const bl_status_words *v,
                                     const char *header, const char *value)
{
    if (!value)
        return BL_STATUS_UNKNOWN;
    v = vocab(v);
    bl_arena *a = bl_arena_new();
    const column *c = column_of(v, a, header);
    bool col = c != NULL;
    int cls = -1;
    if (c) {
        char *k = phrase_key(a, value);
        size_t n = strlen(k);
        while (n && strchr(".,;", k[n - 1]))
            k[--n] = '\0';
        while (n >= 3 && strcmp(k + n - 3, "。") == 0)
            k[n -= 3] = '\0';
        for (size_t i = c->n_values; i > 0 && cls < 0; i--)
            if (strcmp(c->values[i - 1], k) == 0)
                cls = c->cls[i - 1];
    }
    bl_arena_free(a);
    if (cls > 0)
        return (bl_status_class)cls;
    /* a word alone is a status only where a status may stand: not in a
     * column named for something else (备注: 正常) */
    scan sc;
    scan_init(&sc, v, value);
    bl_status_class out = classify_scan(&sc, false, !header || col);
    scan_free(&sc);
    return out;
}

/* --- the built-in vocabulary -------------------------------------------- */

bl_status_class bl_status_classify(const char *phrase)
{
    return bl_status_words_classify(NULL, phrase);
}

bool bl_status_is_phrase(const char *cell)
{
    return bl_status_words_is_phrase(NULL, cell);
}

bl_status_class bl_status_of_text(const char *text)
{
    return bl_status_words_of_text(NULL, text);
}

bool bl_text_says_behind(const char *text)
{
    return bl_status_words_says_behind(NULL, text);
}

const char *bl_behind_reason(bl_arena *a, const char *text)
{
    return bl_status_words_reason(NULL, a, text);
}

bool bl_status_is_column(const char *header)
{
    return bl_status_words_is_column(NULL, header);
}

bl_status_class bl_status_of_cell(const char *header, const char *value)
{
    return bl_status_words_cell(NULL, header, value);
}

/* --- ranks and labels --------------------------------------------------- */

int bl_status_rank(bl_status_class s)
{
    switch (s) {
    case BL_STATUS_NOT_DONE: return 0;
    case BL_STATUS_BEHIND: return 1;
    case BL_STATUS_PARTIAL: return 2;
    case BL_STATUS_ON_SCHEDULE: return 3;
    case BL_STATUS_MOSTLY_DONE: return 4;
    case BL_STATUS_DONE: return 5;
    case BL_STATUS_AHEAD: return 6;
    case BL_STATUS_UNKNOWN:
    case BL_STATUS_COUNT: break;
    }
    return -1;
}

const char *bl_status_label(bl_status_class s)
{
    static const char *const labels[BL_STATUS_COUNT] = {
        "未知", "提前完成", "已完成", "基本完成", "部分完成",
        "未完成", "按序时推进", "滞后"};
    return (unsigned)s < BL_STATUS_COUNT ? labels[s] : labels[0];
}
