/* columns.c - header words -> column roles; see columns.h. */
#include "columns.h"

#include <string.h>

#include <cjson/cJSON.h>

#include "embedded.h"
#include "textkey.h"
#include "wraps.h"

#define BUILTIN_COLUMNS "data/columns.json"

typedef struct word {
    const char *key; /* folded, without spaces */
    size_t len;
    bl_col_role role;
    bool exact;      /* must be the whole header */
} word;

/* Words are found by the character they start with: a line is looked up
 * at each of its characters in that character's bucket only, instead of
 * every word being searched for in every line (64,000 one-row tables made
 * that the reader's main cost). */
#define FIRST_BUCKETS 512

/* The roles of headers seen, by their text: the same header words come
 * back in every table (64,000 one-row tables asked for the role of
 * "序号" a few hundred thousand times, each a key built and the vocabulary
 * searched). Direct-mapped, so memory is fixed; longer texts are not kept. */
#define MEMO_SLOTS 512
#define MEMO_TEXT 48

typedef struct memo {
    char text[MEMO_TEXT]; /* "" when empty (the empty header is not kept) */
    unsigned char role;
    bool with_person, percent;
} memo;

struct bl_columns {
    word *words;
    size_t n;
    size_t *order;                     /* word indices by bucket, in order */
    size_t start[FIRST_BUCKETS + 2];   /* bucket b: order[start[b]..start[b+1]);
                                          the last holds the empty words */
    memo *memo;                        /* MEMO_SLOTS; a cache, not content */
    memo *key_memo;                    /* the same by match key (the tables'
                                          interpreter asks by key) */
};

static const char *const role_names[BL_COL_COUNT] = {
    "other", "seq", "category", "content", "department", "co_department",
    "leader", "planned", "progress", "status", "rate", "note"};

/* The key of s without any white space: header names are letter-spaced
 * and wrapped at will. */
static char *tighten(char *k)
{
    char *o = k;
    for (const char *p = k; *p; p++)
        if (*p != ' ' && *p != '\n' && *p != '\r')
            *o++ = *p;
    *o = '\0';
    return k;
}

static char *tight_key(bl_arena *a, const char *s)
{
    return tighten(bl_key(a, s));
}

/* The same from a key already made (copied: the caller's stays whole). */
static char *tight_of_key(bl_arena *a, const char *key)
{
    return tighten(bl_arena_strdup(a, key));
}

static size_t add_words(bl_columns *c, bl_arena *a, const cJSON *list,
                        bl_col_role role, bool exact, size_t cap)
{
    const cJSON *w;
    cJSON_ArrayForEach(w, list) {
        if (!cJSON_IsString(w) || c->n == cap)
            continue;
        word *x = &c->words[c->n++];
        x->key = tight_key(a, w->valuestring);
        x->len = strlen(x->key);
        x->role = role;
        x->exact = exact;
    }
    return c->n;
}

/* The end of the character at s (s itself at the end of the string). */
static const char *char_end(const char *s)
{
    if (!*s)
        return s;
    s++;
    while (((unsigned char)*s & 0xC0) == 0x80)
        s++;
    return s;
}

BL_WRAPS static unsigned first_bucket(const char *s)
{
    unsigned h = 2166136261u;
    for (const char *e = char_end(s); s < e; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h % FIRST_BUCKETS;
}

static unsigned bucket_of(const word *w)
{
    return w->len ? first_bucket(w->key) : FIRST_BUCKETS;
}

static void index_words(bl_columns *c, bl_arena *a)
{
    memset(c->start, 0, sizeof c->start);
    for (size_t i = 0; i < c->n; i++)
        c->start[bucket_of(&c->words[i]) + 1]++;
    for (size_t b = 1; b < FIRST_BUCKETS + 2; b++)
        c->start[b] += c->start[b - 1];
    size_t fill[FIRST_BUCKETS + 1];
    memcpy(fill, c->start, sizeof fill);
    c->order = bl_arena_alloc(a, (c->n + 1) * sizeof *c->order);
    for (size_t i = 0; i < c->n; i++)
        c->order[fill[bucket_of(&c->words[i])]++] = i;
}

int bl_columns_new(bl_arena *a, bl_columns **out, bl_error *err)
{
    const bl_embedded_file *f = bl_embedded_find(BUILTIN_COLUMNS);
    cJSON *root = f ? cJSON_ParseWithLength((const char *)f->data, f->len) : NULL;
    if (!root)
        return bl_error_set(err, BL_EINPUT, BUILTIN_COLUMNS, 0,
                            "the built-in column vocabulary is missing or not JSON");
    bl_columns *c = bl_arena_alloc(a, sizeof *c);
    size_t cap = 0;
    const cJSON *group;
    cJSON_ArrayForEach(group, root) {
        const cJSON *l;
        cJSON_ArrayForEach(l, group) cap += (size_t)cJSON_GetArraySize(l);
    }
    c->words = bl_arena_alloc(a, (cap + 1) * sizeof *c->words);
    for (int r = 1; r < BL_COL_COUNT; r++) {
        const cJSON *g = cJSON_GetObjectItemCaseSensitive(root, role_names[r]);
        add_words(c, a, cJSON_GetObjectItemCaseSensitive(g, "exact"), (bl_col_role)r, true, cap);
        add_words(c, a, cJSON_GetObjectItemCaseSensitive(g, "words"), (bl_col_role)r, false, cap);
    }
    cJSON_Delete(root);
    index_words(c, a);
    c->memo = bl_arena_alloc(a, MEMO_SLOTS * sizeof *c->memo);
    c->key_memo = bl_arena_alloc(a, MEMO_SLOTS * sizeof *c->key_memo);
    *out = c;
    return BL_OK;
}

/* The longest word of the vocabulary found in k (or equal to it). */
static const word *best_word(const bl_columns *c, const char *k)
{
    const word *best = NULL;
    size_t best_i = 0, klen = strlen(k);
    /* words with an empty key are found anywhere, exact ones in "" only */
    for (size_t j = c->start[FIRST_BUCKETS]; j < c->start[FIRST_BUCKETS + 1]; j++) {
        size_t i = c->order[j];
        if ((!c->words[i].exact || !*k) && (!best || i < best_i)) {
            best = &c->words[i];
            best_i = i;
        }
    }
    for (const char *p = k; *p; p = char_end(p)) {
        unsigned b = first_bucket(p);
        size_t left = klen - (size_t)(p - k);
        for (size_t j = c->start[b]; j < c->start[b + 1]; j++) {
            size_t i = c->order[j];
            const word *w = &c->words[i];
            bool hit = w->exact ? p == k && strcmp(k, w->key) == 0
                                : w->len <= left && memcmp(p, w->key, w->len) == 0;
            /* the longest; of equal ones the first in the vocabulary */
            if (hit && (!best || w->len > best->len || (w->len == best->len && i < best_i))) {
                best = w;
                best_i = i;
            }
        }
    }
    return best;
}

/* Bytes of k outside brackets: "完成情况(截止4月15日)" is named by its
 * first four characters. */
static size_t outside_parens(const char *k)
{
    size_t n = 0;
    int depth = 0;
    for (const char *p = k; *p; p++) {
        if (*p == '(')
            depth++;
        else if (*p == ')' && depth)
            depth--;
        else if (!depth)
            n++;
    }
    return n;
}

/* "2024年": column names do not carry a year; titles do. */
static bool names_year(const char *k)
{
    for (const char *p = k; *p; p++)
        if ((p[0] == '1' || p[0] == '2') && p[1] >= '0' && p[1] <= '9' && p[2] >= '0' &&
            p[2] <= '9' && p[3] >= '0' && p[3] <= '9' && strncmp(p + 4, "年", 3) == 0)
            return true;
    return false;
}

static bl_col_role role_of_tight(const bl_columns *c, const char *k,
                                 bool *with_person, bool *percent);

BL_WRAPS static memo *memo_slot(memo *table, const char *s, size_t len)
{
    unsigned h = 2166136261u;
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return &table[h % MEMO_SLOTS];
}

/* The role of s (a header's text, or its match key when is_key),
 * remembered in table. */
static bl_col_role remembered_role(const bl_columns *c, bl_arena *a, memo *table,
                                   const char *s, bool is_key, bool *with_person,
                                   bool *percent)
{
    size_t len = strlen(s);
    memo *m = len && len < MEMO_TEXT ? memo_slot(table, s, len) : NULL;
    if (m && strcmp(m->text, s) == 0) {
        *with_person = m->with_person;
        *percent = m->percent;
        return (bl_col_role)m->role;
    }
    bl_col_role role = role_of_tight(c, is_key ? tight_of_key(a, s) : tight_key(a, s),
                                     with_person, percent);
    if (m) {
        memcpy(m->text, s, len + 1);
        m->role = (unsigned char)role;
        m->with_person = *with_person;
        m->percent = *percent;
    }
    return role;
}

bl_col_role bl_columns_role(const bl_columns *c, bl_arena *a,
                            const char *header, bool *with_person,
                            bool *percent)
{
    return remembered_role(c, a, c->memo, header, false, with_person, percent);
}

bl_col_role bl_columns_role_of_key(const bl_columns *c, bl_arena *a,
                                   const char *key, bool *with_person,
                                   bool *percent)
{
    return remembered_role(c, a, c->key_memo, key, true, with_person, percent);
}

static bl_col_role role_of_tight(const bl_columns *c, const char *k,
                                 bool *with_person, bool *percent)
{
    *with_person = false;
    *percent = strstr(k, "(%)") != NULL || strstr(k, "%)") != NULL ||
               strcmp(k, "%") == 0;
    /* A long header is a sentence, not a column name. */
    if (!*k || strlen(k) > 60)
        return BL_COL_OTHER;
    if (strstr(k, "。") || strchr(k, ',') || strchr(k, ';') || strchr(k, ':'))
        return BL_COL_OTHER; /* a sentence or a label, not a column name */
    if (names_year(k) || outside_parens(k) > 16 * 3)
        return BL_COL_OTHER; /* a title ("2024年…情况表"), not a column */
    const word *w = best_word(c, k);
    if (!w || w->len * 3 < outside_parens(k))
        return BL_COL_OTHER; /* "项目" in a project's name is no header */
    if (w->role == BL_COL_DEPARTMENT)
        *with_person = strstr(k, "负责人") || strstr(k, "责任人") ||
                       strstr(k, "领导");
    return w->role;
}

static size_t split_tight(const bl_columns *c, bl_arena *a, const char *k,
                          bl_col_role *roles, const char **words, size_t max);

size_t bl_columns_split_glued(const bl_columns *c, bl_arena *a,
                              const char *line, bl_col_role *roles,
                              const char **words, size_t max)
{
    return split_tight(c, a, tight_key(a, line), roles, words, max);
}

size_t bl_columns_split_glued_key(const bl_columns *c, bl_arena *a,
                                  const char *key, bl_col_role *roles,
                                  const char **words, size_t max)
{
    return split_tight(c, a, tight_of_key(a, key), roles, words, max);
}

static size_t split_tight(const bl_columns *c, bl_arena *a, const char *k,
                          bl_col_role *roles, const char **words, size_t max)
{
    size_t n = 0;
    for (const char *p = k; *p;) {
        /* Only the words that start with p's character can start here (a
         * word's bucket is that of its first character); in vocabulary
         * order, so of equal lengths the first still wins. */
        const word *best = NULL;
        unsigned b = first_bucket(p); /* the words starting with p's character */
        for (size_t j = c->start[b]; j < c->start[b + 1]; j++) {
            const word *w = &c->words[c->order[j]];
            if (!w->exact && w->len >= 6 && strncmp(p, w->key, w->len) == 0 &&
                (!best || w->len > best->len))
                best = w;
        }
        if (!best || n == max)
            return 0;
        roles[n] = best->role;
        words[n] = bl_arena_strndup(a, p, best->len);
        n++;
        p += best->len;
    }
    return n >= 2 ? n : 0;
}
