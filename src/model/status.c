/* status.c - status phrases and lagging wording; see status.h. */
#include "status.h"

#include <string.h>

#include "text.h"

static bool has_any(const char *s, const char *const *words, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strstr(s, words[i]))
            return true;
    return false;
}

#define HAS_ANY(s, words) has_any((s), (words), sizeof(words) / sizeof *(words))

static const char *const behind_words[] = {"滞后", "慢序时", "推进缓慢",
                                           "进度缓慢", "未按计划推进",
                                           "未按序时"};

/* "已全部安装完成": a short phrase opening with 已 and closing with 完成. */
static bool says_done(const char *s)
{
    static const char *const done_words[] = {"已完成", "全部完成"};
    if (HAS_ANY(s, done_words))
        return true;
    char buf[64];
    size_t n = strlen(s);
    if (n >= sizeof buf)
        return false;
    memcpy(buf, s, n + 1);
    /* Drop trailing punctuation before looking at the ending. */
    while (n && (buf[n - 1] == '.' || buf[n - 1] == ';' || buf[n - 1] == ',')) {
        buf[--n] = '\0';
    }
    while (bl_text_ends_with(buf, "。") || bl_text_ends_with(buf, "；") ||
           bl_text_ends_with(buf, "，")) {
        n -= 3;
        buf[n] = '\0';
    }
    return bl_text_starts_with(buf, "已") && bl_text_ends_with(buf, "完成");
}

bl_status_class bl_status_classify(const char *s)
{
    static const char *const ahead[] = {"提前完成", "超额完成"};
    static const char *const on_schedule[] = {"按序时", "正常推进",
                                              "按计划推进", "序时推进"};
    if (!s)
        return BL_STATUS_UNKNOWN;
    /* Order matters: 未完成 and 未按计划推进 contain the words of other
     * classes, so the negative forms are tested first. */
    if (strstr(s, "未完成"))
        return BL_STATUS_NOT_DONE;
    if (HAS_ANY(s, behind_words))
        return BL_STATUS_BEHIND;
    if (HAS_ANY(s, ahead))
        return BL_STATUS_AHEAD;
    if (strstr(s, "基本完成"))
        return BL_STATUS_MOSTLY_DONE;
    if (strstr(s, "部分完成"))
        return BL_STATUS_PARTIAL;
    if (says_done(s))
        return BL_STATUS_DONE;
    if (HAS_ANY(s, on_schedule))
        return BL_STATUS_ON_SCHEDULE;
    return BL_STATUS_UNKNOWN;
}

/* Punctuation that separates clauses inside a cell. */
static const char *const clause_marks[] = {",", "，", ";", "；", ":", "：", "、"};

bool bl_status_is_phrase(const char *cell)
{
    if (!cell || bl_utf8_count(cell) > 12 || strpbrk(cell, "0123456789"))
        return false;
    if (HAS_ANY(cell, clause_marks))
        return false;
    return bl_status_classify(cell) != BL_STATUS_UNKNOWN;
}

bool bl_text_says_behind(const char *text)
{
    return text && HAS_ANY(text, behind_words);
}

typedef struct clause {
    const char *s;
    size_t n;
    bool sentence_start; /* first clause of a sentence */
} clause;

/* Length of the separator at p (0 when none); *ends_sentence tells 。. */
static size_t separator_at(const char *p, bool *ends_sentence)
{
    static const char *const seps[] = {"。", ",", "，", ";", "；", "(", "（",
                                       ")", "）", ":", "：", "!", "！"};
    for (size_t i = 0; i < sizeof seps / sizeof *seps; i++) {
        size_t n = strlen(seps[i]);
        if (strncmp(p, seps[i], n) == 0) {
            *ends_sentence = i == 0 || i == 11 || i == 12;
            return n;
        }
    }
    return 0;
}

static size_t split_clauses(const char *text, clause *out, size_t max)
{
    size_t k = 0;
    bool start = true;
    const char *from = text;
    for (const char *p = text;; p++) {
        bool ends = false;
        size_t sep = *p ? separator_at(p, &ends) : 1;
        if (!sep)
            continue;
        if (p > from && k < max)
            out[k++] = (clause){from, (size_t)(p - from), start};
        if (p > from || ends)
            start = ends;
        if (!*p)
            break;
        p += sep - 1;
        from = p + 1;
    }
    return k;
}

/* A clause that carries no reason: a bare rate ("63%") or a date
 * ("截至10月初"). */
static bool is_filler_clause(const clause *c)
{
    static const char *const dates[] = {"截至", "截止", "目前", "至今"};
    bool only_rate = true;
    for (size_t i = 0; i < c->n; i++)
        if (!strchr("0123456789.% ", c->s[i]))
            only_rate = false;
    if (only_rate)
        return true;
    for (size_t i = 0; i < sizeof dates / sizeof *dates; i++)
        if (c->n >= strlen(dates[i]) &&
            strncmp(c->s, dates[i], strlen(dates[i])) == 0)
            return true;
    return false;
}

static bool clause_says_behind(bl_arena *a, const clause *c)
{
    return bl_text_says_behind(bl_arena_strndup(a, c->s, c->n));
}

/* True when the clause is the lagging phrase and nothing else:
 * "滞后进度", "进度严重滞后". */
static bool is_bare_behind(const clause *c)
{
    static const char *const filler[] = {"滞后", "慢序时", "推进缓慢", "进度缓慢",
                                         "进度", "严重", "明显", "较", "已",
                                         "。", " "};
    /* One pass, word by word (deleting each word with memmove is
     * quadratic on a long clause). */
    for (size_t at = 0; at < c->n;) {
        size_t n = 0;
        for (size_t i = 0; i < sizeof filler / sizeof *filler && !n; i++) {
            size_t k = strlen(filler[i]);
            if (k <= c->n - at && memcmp(c->s + at, filler[i], k) == 0)
                n = k;
        }
        if (!n)
            return false;
        at += n;
    }
    return true;
}

const char *bl_behind_reason(bl_arena *a, const char *text)
{
    clause cl[64];
    if (!bl_text_says_behind(text))
        return NULL;
    size_t n = split_clauses(text, cl, 64), at = n;
    for (size_t i = 0; i < n && at == n; i++)
        if (clause_says_behind(a, &cl[i]))
            at = i;
    if (at == n)
        return NULL;
    size_t first = at;
    while (first > 0 && !cl[first].sentence_start)
        first--;
    const char *from = NULL, *to = NULL;
    for (size_t i = first; i < at; i++) {
        if (is_filler_clause(&cl[i]))
            continue;
        if (!from)
            from = cl[i].s;
        to = cl[i].s + cl[i].n;
    }
    if (from) /* the reason's own commas are kept as printed */
        return bl_text_trim(a, from, (size_t)(to - from));
    if (is_bare_behind(&cl[at]))
        return NULL;
    return bl_text_trim(a, cl[at].s, cl[at].n);
}

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
