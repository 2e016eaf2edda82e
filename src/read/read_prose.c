/* read_prose.c - reader for narrative reports (情况汇报, 通报, news).
 *
 * Matching is done on the text's key (textkey.h: widths, traditional forms
 * and pinyin residue folded); every string put in the model is the
 * source's own text behind the matched key range.
 *
 * The report is running text. Its items are found in the first of these
 * shapes that names any:
 *  - sections "(二)幼有善育方面。涉及3个重点指标。1.… 2.… 三是…" whose
 *    numbered indicators are a name (up to 。 or ':') and the text stating
 *    its figures; a section whose numbering starts over (targets 1、2、
 *    then progress 1、2、) is one item, the section's action;
 *  - line headings, each leading its paragraph: "第一项:…。", "关于…。",
 *    "1.…" or "(1)…" opening a line, "一、…" alone on a line, bullets "●…:",
 *    "--…" and "【…】", and short heading lines (one may wrap over two);
 *  - lists: "分别是:A…;B…。" (clauses), "其中,A、B、C等项目…" (names),
 *    "A、B等2项完成率分别达a%、b%" (names, counted, rates zipped),
 *    "…已完成8个(53%)、…" (pieces closed by their rate in brackets),
 *    "A、B完成率分别为a%、b%" and "A完成率35%" (names glued to rates);
 *  - runs "一是…,二是…" in a sentence;
 *  - clauses of news prose that state their own completion rate;
 *  - sections "(一)促进就业。…" of prose alone, one item each.
 * Each item becomes an indicator; its rates are only the explicit
 * completion percentages (完成率NN%, 为任务的NN%, 占年度目标任务的NN%,
 * 完成…目标的NN%), never coverage, shares, thresholds or the time
 * benchmark. A paragraph printed twice names its items once.
 *
 * Major projects are stated as "县妇幼保健院年度计划投资1.3亿元,完成投资
 * 1.955亿元,完成率150%" and become one list per part.
 *
 * A sentence broken over lines (a page copied line by line) is read as one
 * line: the key leaves the break out, and so do the texts put in the model.
 *
 * The period is the latest a part's heading names: "2024年一季度" reads as
 * 2024/3, the last month of the quarter the figures stand at.
 */
#define _GNU_SOURCE /* memmem */
#include <stdio.h>
#include <string.h>

#include "wraps.h"
#include "rate.h"
#include "reader.h"
#include "table.h"
#include "text.h"
#include "textkey.h"

typedef struct span {
    const char *s, *e;
} span;

/* Names of the items read so far, hashed: a page that prints a paragraph
 * twice names its items twice, and they count once. */
typedef struct seen_name {
    const char *name;
    const char *text;
    struct seen_name *next;
} seen_name;

/* Buckets of the items seen (a power of two): a report of 100,000 items
 * keeps short chains. */
#define SEEN_BUCKETS 65536

/* A line break inside a sentence (a page copied line by line from a PDF
 * or a narrow column): the source bytes [s, e) around it, left out of the
 * key and of the text. */
typedef struct wrap {
    size_t s, e;
} wrap;

typedef struct prose {
    bl_model *m;
    bl_document *d;
    bl_keyed k;       /* the text's match key and its map to the source */
    const char *t;    /* k.key: every match is made here */
    const char *end;  /* t + k.len */
    const char *seen; /* line_of's cache (in the source): the line of `seen` */
    int seen_line;
    wrap *wraps;      /* the line breaks joined, in order */
    size_t n_wraps;
    seen_name **names; /* SEEN_BUCKETS chains, made at the first item */
    bool bare;        /* read a section without numbered items as one item */
} prose;

static const char *const numerals[] = {"一", "二", "三", "四", "五",
                                       "六", "七", "八", "九", "十"};

/* The first wrap that ends past source offset o (n_wraps when none). */
static size_t wrap_after(const prose *p, size_t o)
{
    size_t lo = 0, hi = p->n_wraps;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (p->wraps[mid].e <= o)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* The source's own text behind the key range [s, e), trimmed, without
 * the line breaks joined inside it. */
static char *src(const prose *p, const char *s, const char *e)
{
    size_t from = (size_t)(s - p->t), to = (size_t)(e - p->t);
    size_t so = bl_keyed_src_offset(&p->k, from), eo = bl_keyed_src_offset(&p->k, to);
    size_t w = wrap_after(p, so);
    if (from >= to || w == p->n_wraps || p->wraps[w].s >= eo)
        return bl_keyed_source(p->m->arena, &p->k, from, to);
    char *out = bl_arena_alloc(p->m->arena, eo - so + 1);
    size_t n = 0;
    for (size_t o = so; o < eo; w++) {
        size_t stop = w < p->n_wraps && p->wraps[w].s < eo ? p->wraps[w].s : eo;
        memcpy(out + n, p->k.src + o, stop - o);
        n += stop - o;
        o = stop < eo ? p->wraps[w].e : eo;
    }
    return bl_text_trim(p->m->arena, out, n);
}

/* Lines (of the source: a joined break still counts) are asked for near
 * the last one asked: counting on (or back) from the last answer keeps a
 * report of many indicators linear. */
static int line_of(prose *p, const char *at)
{
    const char *o = p->k.src + bl_keyed_src_offset(&p->k, (size_t)(at - p->t));
    if (!p->seen) {
        p->seen = p->k.src;
        p->seen_line = 1;
    }
    for (; p->seen < o; p->seen++)
        p->seen_line += *p->seen == '\n';
    while (p->seen > o)
        p->seen_line -= *--p->seen == '\n';
    return p->seen_line;
}

/* needle within [s, e), or NULL. Every search of this reader is bounded by
 * the span it is about: an unbounded strstr per heading or per indicator
 * would scan the rest of the report each time, and a hostile report of
 * thousands of headings would then never finish. */
static const char *find(const char *s, const char *e, const char *needle)
{
    size_t n = strlen(needle);
    for (const char *q = s; q && q + n <= e; q++) {
        q = memchr(q, needle[0], (size_t)(e - q));
        if (q && q + n <= e && memcmp(q, needle, n) == 0)
            return q;
        if (!q)
            break;
    }
    return NULL;
}

/* A heading or a number can only start a sentence or a cell. */
static bool at_boundary(const char *text, const char *p)
{
    static const char *const before[] = {"。", ";", "；", ")", "）", " ", "\n",
                                         "|", ":", "："};
    if (p == text)
        return true;
    for (size_t i = 0; i < sizeof before / sizeof *before; i++) {
        size_t n = strlen(before[i]);
        if ((size_t)(p - text) >= n && memcmp(p - n, before[i], n) == 0)
            return true;
    }
    return false;
}

/* The Chinese numeral 一..十 at p (1..10), setting *len; 0 when none. */
static int numeral_at(const char *p, size_t *len)
{
    /* All ten start with E4 B8/B9/BA or E5 85/8D/9B: a cheap test for the
     * common case, since this runs at every byte of the report. */
    unsigned char b0 = (unsigned char)p[0], b1 = b0 ? (unsigned char)p[1] : 0;
    if (!(b0 == 0xE4 && b1 >= 0xB8 && b1 <= 0xBA) &&
        !(b0 == 0xE5 && (b1 == 0x85 || b1 == 0x8D || b1 == 0x9B)))
        return 0;
    for (int i = 0; i < 10; i++)
        if (bl_text_starts_with(p, numerals[i])) {
            *len = strlen(numerals[i]);
            return i + 1;
        }
    return 0;
}

/* Next part heading "二、" at or after from, or NULL. */
static const char *next_part(const prose *p, const char *from)
{
    for (const char *q = from; *q; q++) {
        size_t n;
        if (numeral_at(q, &n) && bl_text_starts_with(q + n, "、") &&
            at_boundary(p->t, q))
            return q;
    }
    return NULL;
}

/* Next section heading "(三)" at or after from, or NULL. */
static const char *next_section(const prose *p, const char *from)
{
    for (const char *q = from; *q; q++) {
        size_t n;
        if (*q == '(' && at_boundary(p->t, q) && numeral_at(q + 1, &n) &&
            q[1 + n] == ')')
            return q;
    }
    return NULL;
}

static const char *min_ptr(const char *a, const char *b)
{
    return !a ? b : !b ? a : a < b ? a : b;
}

/* Title, date and office: "平阳县公共服务“七优享”工程情况汇报 2024年4月30日 县府办". */
static void read_heading(prose *p)
{
    char date[11];
    size_t len;
    const char *at = bl_find_date(p->t, date, &len);
    if (!at)
        return;
    p->d->published = bl_arena_strdup(p->m->arena, date);
    const char *start = at;
    while (start > p->t && start[-1] != '\n' && start[-1] != '|')
        start--;
    /* "平阳县…情况汇报 2024年4月30日 县府办" titles its date; "发布时间:"
     * only labels it. */
    char *title = src(p, start, at);
    if (*title && !find(start, at, ":"))
        p->d->title = title;
    const char *o = at + len;
    while (*o == ' ')
        o++;
    size_t k = strcspn(o, " \n");
    char *office = bl_arena_strndup(p->m->arena, o, k);
    if (k && bl_is_department_name(office))
        p->d->office = src(p, o, o + k);
}

/* A part heading runs to the first space, line end or 。, and is short:
 * past HEADING_MAX bytes it is cut (a heading is a line's worth, and the
 * bound keeps a run of headings with no space between them linear). */
#define HEADING_MAX 360

static size_t heading_len(const char *h)
{
    size_t n = 0;
    while (n < HEADING_MAX && h[n] && h[n] != ' ' && h[n] != '\n' &&
           !bl_text_starts_with(h + n, "。"))
        n++;
    /* Never cut inside a character. */
    while (n && ((unsigned char)h[n] & 0xC0) == 0x80)
        n--;
    return n;
}

/* The latest period a part heading names. */
static void read_period(prose *p)
{
    int best = 0;
    for (const char *h = next_part(p, p->t); h; h = next_part(p, h + 1)) {
        char *head = bl_arena_strndup(p->m->arena, h, heading_len(h));
        int y = 0, m = 0;
        if (bl_parse_period(head, &y, &m) && y * 100 + m > best) {
            best = y * 100 + m;
            p->d->year = y;
            p->d->month = m;
        }
    }
}

/* ---- completion rates ---- */

static bool ends_with_n(const char *s, size_t n, const char *w)
{
    size_t k = strlen(w);
    return n >= k && memcmp(s + n - k, w, k) == 0;
}

static bool holds_n(const char *s, size_t n, const char *w)
{
    return find(s, s + n, w) != NULL;
}

/* The cue of a rate is in the clause right before it; a clause is looked
 * at for at most this many bytes back (a character boundary is kept). */
#define CLAUSE_MAX 240

static const char *clause_from(const char *text, const char *at)
{
    static const char *const seps[] = {"。", ",", ";", ":", "(", "、", "\n"};
    const char *q = at;
    for (; q > text && at - q < CLAUSE_MAX; q--)
        for (size_t i = 0; i < sizeof seps / sizeof *seps; i++) {
            size_t n = strlen(seps[i]);
            if ((size_t)(q - text) >= n && memcmp(q - n, seps[i], n) == 0)
                return q;
        }
    while (q < at && ((unsigned char)*q & 0xC0) == 0x80)
        q++;
    return q;
}

/* Does the clause [from, from+len) state that what follows is how much of
 * the item's task is done? 完成率, 完工率, (已)完成, and the task, target or
 * plan named after 完成/为/占 (为任务的, 占年度目标任务的, 完成第一季度目标的).
 * Coverage, screening, start rates, shares and the time benchmark are
 * figures: they name no task. */
static bool rate_cue(const char *text, size_t n)
{
    static const char *const links[] = {"达到", "达", "为", "的", "是", "了", "分别"};
    /* Letter-spaced pages ("完 成 年 度 目 标 任 务 的 110%") say the same
     * words: the cue is read without its spaces. */
    char from[CLAUSE_MAX + 1];
    size_t len = 0;
    for (size_t i = 0; i < n && len < CLAUSE_MAX; i++)
        if (text[i] != ' ')
            from[len++] = text[i];
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < sizeof links / sizeof *links; i++)
            if (ends_with_n(from, len, links[i])) {
                len -= strlen(links[i]);
                break;
            }
    if (ends_with_n(from, len, "完成率") || ends_with_n(from, len, "完工率") ||
        ends_with_n(from, len, "完成"))
        return true;
    if (!ends_with_n(from, len, "任务") && !ends_with_n(from, len, "目标") &&
        !ends_with_n(from, len, "计划"))
        return false;
    return holds_n(from, len, "完成") || holds_n(from, len, "为") || holds_n(from, len, "占");
}

/* "(85%)" right after an item's name states its progress; after 进度, a
 * rate or a standard it is the benchmark or a figure. */
static bool paren_rate(const char *text, const char *at)
{
    static const char *const not_after[] = {"进度", "率", "比", "比例", "标准", "目标"};
    if (at - text < 2 || at[-1] != '(')
        return false;
    const char *from = clause_from(text, at - 1);
    size_t n = (size_t)(at - 1 - from);
    if (!n)
        return false;
    for (size_t i = 0; i < sizeof not_after / sizeof *not_after; i++)
        if (ends_with_n(from, n, not_after[i]))
            return false;
    return true;
}

/* Completion rates of one item's text (a key): explicit completion
 * percentages, a list of them continued by 、 (分别占…的101.74%、104.28%),
 * and with `paren` the "(85%)" after a name. Thresholds (92%以上) are
 * never rates. Writes at most max; returns how many were written. */
static size_t completion_rates(const char *text, bool paren, double *out, size_t max,
                               const char **first)
{
    size_t k = 0;
    const char *last_end = NULL;
    for (const char *q = text; *q && k < max;) {
        double v;
        bool inside = q > text && ((q[-1] >= '0' && q[-1] <= '9') || q[-1] == '.');
        size_t n = inside ? 0 : bl_parse_number(q, &v);
        if (!n || q[n] != '%') {
            q += n ? n : 1;
            continue;
        }
        const char *after = q + n + 1;
        bool limit = bl_text_starts_with(after, "以上") || bl_text_starts_with(after, "以内") ||
                     bl_text_starts_with(after, "左右");
        const char *from = clause_from(text, q);
        bool listed = last_end && q == last_end + strlen("、") &&
                      bl_text_starts_with(last_end, "、");
        if (!limit && (listed || rate_cue(from, (size_t)(q - from)) ||
                       (paren && paren_rate(text, q)))) {
            if (!k && first)
                *first = q;
            out[k++] = v;
            last_end = after;
        }
        q = after;
    }
    return k;
}

/* ---- items ---- */

BL_WRAPS static unsigned hash_of(const char *s)
{
    unsigned h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

/* True when an item of this name and text was read before (and records it
 * otherwise). */
static bool seen_before(prose *p, const char *name, const char *text)
{
    if (!p->names) {
        p->names = bl_arena_alloc(p->m->arena, SEEN_BUCKETS * sizeof *p->names);
        memset(p->names, 0, SEEN_BUCKETS * sizeof *p->names);
    }
    seen_name **b = &p->names[hash_of(name) % SEEN_BUCKETS];
    for (seen_name *s = *b; s; s = s->next)
        if (strcmp(s->name, name) == 0 && strcmp(s->text, text) == 0)
            return true;
    seen_name *s = bl_arena_alloc(p->m->arena, sizeof *s);
    s->name = name;
    s->text = text;
    s->next = *b;
    *b = s;
    return false;
}

static bool ends_sentence(const char *s, const char *e)
{
    static const char *const stops[] = {"。", ";", "!", "?", "”", ")", "」", "』"};
    while (e > s && (e[-1] == ' ' || e[-1] == '\r' || e[-1] == '\n'))
        e--;
    for (size_t i = 0; i < sizeof stops / sizeof *stops; i++)
        if (ends_with_n(s, (size_t)(e - s), stops[i]))
            return true;
    return false;
}

/* Is [s, e) all that is left of the text? */
static bool at_text_end(const prose *p, const char *e)
{
    while (e < p->end && (*e == ' ' || *e == '\r' || *e == '\n'))
        e++;
    return e >= p->end;
}

/* Fills an indicator's text, figures and completion rates from the key
 * range of its text. */
static void set_text(prose *p, bl_indicator *ind, span text, bool paren)
{
    bl_arena *a = p->m->arena;
    ind->text = src(p, text.s, text.e);
    char *key = bl_arena_strndup(a, text.s, (size_t)(text.e - text.s));
    double v[64];
    size_t n = bl_numbers(key, v, 64);
    ind->n_values = n < 64 ? n : 64;
    ind->values = bl_arena_alloc(a, (ind->n_values ? ind->n_values : 1) * sizeof *v);
    memcpy(ind->values, v, ind->n_values * sizeof *v);
    ind->n_rates = completion_rates(key, paren, v, 64, NULL);
    ind->rates = bl_arena_alloc(a, (ind->n_rates ? ind->n_rates : 1) * sizeof *v);
    memcpy(ind->rates, v, ind->n_rates * sizeof *v);
}

/* One item of the report as an indicator: its name and text are the
 * source's own. A repeat of an earlier item (a copied paragraph) is
 * dropped when `once`; a text that the page cuts off is kept with a
 * warning. Returns the indicator, or NULL when nothing was added. */
static bl_indicator *add_item(prose *p, const char *section, const char *seq,
                              const char *nm, const char *at, span text, bool once,
                              bool paren)
{
    if (!*nm)
        return NULL;
    if (once && seen_before(p, nm, bl_arena_strndup(p->m->arena, text.s,
                                                    (size_t)(text.e - text.s))))
        return NULL;
    bl_indicator *ind = bl_model_add_indicator(p->m, p->d, section, seq,
                                               line_of(p, at));
    ind->name = nm;
    set_text(p, ind, text, paren);
    if (at_text_end(p, text.e) && !ends_sentence(text.s, text.e))
        bl_document_warn(p->m, p->d, line_of(p, text.e),
                         "item \"%s\" is cut off: the text ends mid-sentence", nm);
    return ind;
}

/* ---- numbered sections: (二)幼有善育方面。1.… 2.… ---- */

/* Marker of indicator k (written num) at q: "k." (not a decimal), "k、",
 * "(k)", or "三是". Returns its length, 0 when q holds no such marker. */
static size_t marker_at(const prose *p, const char *q, int k, const char *num)
{
    size_t n = strlen(num), len = 0;
    if (*q == '(' && strncmp(q + 1, num, n) == 0 && q[1 + n] == ')') {
        len = n + 2; /* "(2)" */
    } else if (strncmp(q, num, n) == 0) {
        if (q[n] == '.' && !(q[n + 1] >= '0' && q[n + 1] <= '9'))
            len = n + 1;
        else if (bl_text_starts_with(q + n, "、"))
            len = n + strlen("、");
    } else if (k <= 10 && bl_text_starts_with(q, numerals[k - 1]) &&
               bl_text_starts_with(q + strlen(numerals[k - 1]), "是")) {
        len = strlen(numerals[k - 1]) + strlen("是");
    }
    /* The boundary last: it is the costlier test. */
    return len && at_boundary(p->t, q) ? len : 0;
}

static const char *find_marker(const prose *p, span body, int k, size_t *len)
{
    char num[16];
    snprintf(num, sizeof num, "%d", k);
    for (const char *q = body.s; q < body.e; q++)
        if ((*len = marker_at(p, q, k, num)))
            return q;
    return NULL;
}

/* Drops closing sentences about the whole section ("以上指标均达…。"). */
static const char *indicator_end(const char *s, const char *e)
{
    const char *tail = find(s, e, "以上指标");
    if (tail && (tail == s || (tail - s >= 3 && memcmp(tail - 3, "。", 3) == 0)))
        return tail;
    return e;
}

/* An indicator's name runs to the first 。, ':' or line end. */
static const char *name_stop(const char *s, const char *e)
{
    const char *stop = min_ptr(find(s, e, "。"), find(s, e, "\n"));
    const char *colon = find(s, stop ? stop : e, ":");
    /* "创业就业工程:…" names the item before the colon; a colon late in a
     * long sentence does not. */
    if (colon && colon - s <= 60)
        stop = colon;
    return stop ? stop : e;
}

static void add_indicator(prose *p, const char *section, int k, const char *marker,
                          size_t mlen, const char *end)
{
    const char *name = marker + mlen;
    const char *stop = name_stop(name, end);
    char seq[16];
    if (mlen > 1 && (unsigned char)*marker >= 0x80) /* 三是: as printed */
        snprintf(seq, sizeof seq, "%s", numerals[k - 1]);
    else
        snprintf(seq, sizeof seq, "%d", k);
    const char *from = stop < end ? stop + (*stop == ':' || *stop == '\n' ? 1 : 3) : end;
    span text = {from, indicator_end(from, end)};
    add_item(p, section, seq, src(p, name, stop), name, text, false, false);
}

/* "涉及3个重点指标": how many indicators the section announces, 0 if none. */
static int stated_count(span body)
{
    const char *q = find(body.s, body.e, "涉及");
    if (!q)
        return 0;
    q += strlen("涉及");
    const char *dot = find(q, body.e, "。"), *what = find(q, body.e, "指标");
    if (!what || (dot && what > dot)) /* 涉及六个专班 counts no indicators */
        return 0;
    size_t n;
    int k = numeral_at(q, &n);
    if (k)
        return k;
    /* A count past what a section could hold is no count (and must not
     * overflow). */
    int v = 0;
    while (*q >= '0' && *q <= '9' && v < 100000)
        v = v * 10 + (*q++ - '0');
    return v < 100000 ? v : 0;
}

/* How many numbered items run 1, 2, … in body (up to want when stated);
 * *again is set when the numbering starts over at 1 after them. */
static int count_markers(const prose *p, span body, int want, bool *again)
{
    size_t len;
    const char *at = find_marker(p, body, 1, &len);
    int k = 0;
    while (at && (!want || k < want)) {
        k++;
        size_t next_len;
        const char *next = find_marker(p, (span){at + len, body.e}, k + 1, &next_len);
        if (!next)
            break;
        at = next;
        len = next_len;
    }
    *again = at && k && !want && find_marker(p, (span){at + len, body.e}, 1, &len);
    return k;
}

static void read_section(prose *p, const char *head, const char *end)
{
    const char *name = strchr(head, ')') + 1;
    const char *dot = min_ptr(find(name, end, "。"), find(name, end, "\n"));
    if (!dot)
        return;
    const char *sec_end = dot;
    if (sec_end - name >= 6 && memcmp(sec_end - 6, "方面", 6) == 0)
        sec_end -= 6;
    char *sec = src(p, name, sec_end);
    span body = {dot + (*dot == '\n' ? 1 : 3), end};
    int want = stated_count(body);
    bool again = false;
    int n = count_markers(p, body, want, &again);
    if ((n && again) || (!n && p->bare)) {
        /* Targets 1、2、 then progress 1、2、: the lists describe one item,
         * the section's action; so does a section of prose alone. */
        char *seq = bl_arena_strndup(p->m->arena, head + 1, (size_t)(name - 1 - (head + 1)));
        add_item(p, NULL, seq, src(p, name, dot), name, body, true, false);
        return;
    }
    size_t len;
    const char *at = find_marker(p, body, 1, &len);
    for (int k = 1; at && k <= n; k++) {
        size_t next_len = 0;
        const char *next = k < n ? find_marker(p, (span){at + len, end}, k + 1, &next_len) : NULL;
        add_indicator(p, sec, k, at, len, next ? next : end);
        at = next;
        len = next_len;
    }
}

static void read_sections(prose *p)
{
    /* The next part heading is looked for again only once a section has
     * passed it: sections far outnumber parts. */
    const char *part = next_part(p, p->t);
    for (const char *s = next_section(p, p->t); s;) {
        const char *next = next_section(p, s + 1);
        if (part && part <= s)
            part = next_part(p, s + 1);
        const char *end = min_ptr(next, part);
        read_section(p, s, end ? end : s + strlen(s));
        s = next;
    }
}
/* ---- major projects: "NAME年度计划投资X亿元,完成投资Y亿元,完成率Z%" ---- */

/* An amount "1.3亿元" at q: value, unit, and the bytes spanned. */
static size_t amount_at(const char *q, double *v, const char **unit)
{
    static const char *const units[] = {"亿元", "万元", "元"};
    size_t n = bl_parse_number(q, v);
    if (!n)
        return 0;
    for (size_t i = 0; i < sizeof units / sizeof *units; i++)
        if (bl_text_starts_with(q + n, units[i])) {
            *unit = units[i];
            return n + strlen(units[i]);
        }
    return 0;
}

/* Start of the clause that names the project before `at`: just past the
 * last separator, found going back from `at` (not forward from the start
 * of the report, which is quadratic over many projects). */
static const char *name_start(const prose *p, const char *at)
{
    static const char *const seps[] = {"。", ",", "，", ";", "；", ":", "：", " "};
    for (const char *q = at; q > p->t; q--)
        for (size_t i = 0; i < sizeof seps / sizeof *seps; i++) {
            size_t n = strlen(seps[i]);
            if ((size_t)(q - p->t) >= n && memcmp(q - n, seps[i], n) == 0)
                return q;
        }
    return p->t;
}

static const char *skip_sep(const char *q)
{
    if (*q == ',')
        return q + 1;
    return bl_text_starts_with(q, "，") ? q + 3 : q;
}

/* One "NAME年度计划投资X亿元,完成投资Y亿元,完成率Z%" clause at `at` (the
 * 年度计划投资). Aggregates ("3个重大项目…") are left out. */
static void read_investment(prose *p, bl_list **l, const char *heading,
                            const char *at, const char *end)
{
    static const char *const kw = "年度计划投资", *const done = "完成投资";
    double plan = 0, actual = 0, rate = 0;
    const char *unit = NULL, *unit2 = NULL;
    const char *q = at + strlen(kw);
    size_t n = amount_at(q, &plan, &unit);
    const char *name = name_start(p, at);
    if (!n || name == at || (*name >= '0' && *name <= '9'))
        return;
    const char *r = skip_sep(q + n);
    if (!bl_text_starts_with(r, done) || !amount_at(r + strlen(done), &actual, &unit2))
        return;
    const char *r_end = r + strlen(done) + amount_at(r + strlen(done), &actual, &unit2);
    if (!*l) {
        int y = 0, mo = 0;
        const char *title = bl_parse_period(heading, &y, &mo)
                                ? bl_arena_printf(p->m->arena, "%d年重大项目", y)
                                : "重大项目";
        *l = bl_model_add_list(p->m, p->d, title, line_of(p, at));
        (*l)->level = bl_level_guess(p->d->office ? p->d->office : "");
        if ((*l)->level == BL_LEVEL_NONE && p->d->title)
            (*l)->level = bl_level_guess(p->d->title);
    }
    char seq[16];
    snprintf(seq, sizeof seq, "%zu", (*l)->n_projects + 1);
    bl_project *proj = bl_model_add_project(p->m, *l, seq, line_of(p, name));
    proj->content = src(p, name, at);
    bl_entry *e = bl_model_add_entry(p->m, proj, line_of(p, name));
    e->planned = src(p, at, q + n);
    e->progress = src(p, r, r_end);
    e->has_investment = true;
    e->investment_planned = plan;
    e->investment_actual = actual;
    e->investment_unit = unit;
    const char *clause_end = min_ptr(find(r_end, end, ";"), find(r_end, end, "。"));
    if (!clause_end)
        clause_end = end;
    char *tail = bl_arena_strndup(p->m->arena, r_end,
                                  r_end < clause_end ? (size_t)(clause_end - r_end) : 0);
    if (bl_rates_from_text(tail, &rate, 1))
        bl_entry_add_rate(p->m, e, rate, BL_RATE_TEXT);
}

static void read_projects(prose *p)
{
    for (const char *h = next_part(p, p->t); h;) {
        const char *next = next_part(p, h + 1);
        const char *end = next ? next : h + strlen(h);
        const char *heading = bl_arena_strndup(p->m->arena, h, heading_len(h));
        bl_list *l = NULL;
        for (const char *q = find(h, end, "年度计划投资"); q;
             q = find(q + 1, end, "年度计划投资"))
            read_investment(p, &l, heading, q, end);
        h = next;
    }
}


/* ---- lines: headings on their own line, each leading a paragraph ---- */

static const char *line_end(const prose *p, const char *s)
{
    const char *nl = memchr(s, '\n', (size_t)(p->end - s));
    return nl ? nl : p->end;
}

static span trimmed(const char *s, const char *e)
{
    while (s < e && (*s == ' ' || *s == '\r'))
        s++;
    while (e > s && (e[-1] == ' ' || e[-1] == '\r'))
        e--;
    return (span){s, e};
}

/* The first non-blank line at or after s, trimmed; empty at the end. */
static span next_line(const prose *p, const char *s)
{
    while (s < p->end) {
        const char *e = line_end(p, s);
        span l = trimmed(s, e);
        if (l.s < l.e)
            return l;
        s = e + 1;
    }
    return (span){p->end, p->end};
}

static size_t chars_of(span l)
{
    size_t n = 0;
    for (const char *q = l.s; q < l.e; q++)
        n += ((unsigned char)*q & 0xC0) != 0x80;
    return n;
}

/* A heading found on a line: the item's name, its number as printed, and
 * where the item's own text starts (the rest of the line, or the next
 * paragraph when the rest is empty). */
typedef struct heading {
    span name;
    const char *seq;
    const char *rest;
} heading;

typedef bool (*heading_fn)(const prose *p, span line, heading *h);

static const char *after_sep(const char *q)
{
    if (*q == ':' || *q == ' ' || *q == '.')
        return q + 1;
    return bl_text_starts_with(q, "、") ? q + 3 : NULL;
}

/* Chinese numerals or digits at q, up to e: their length, 0 when none. */
static size_t number_at(const char *q, const char *e)
{
    const char *r = q;
    size_t n;
    while (r < e && (numeral_at(r, &n) || (*r >= '0' && *r <= '9')))
        r += numeral_at(r, &n) ? n : 1;
    return (size_t)(r - q);
}

/* "第三项:校舍维修建设工程。" (also 件, 个, 条). */
static bool ordinal_heading(const prose *p, span l, heading *h)
{
    static const char *const units[] = {"项", "件", "个", "条"};
    if (!bl_text_starts_with(l.s, "第"))
        return false;
    const char *num = l.s + strlen("第"), *r = num + number_at(num, l.e);
    if (r == num || r - num > 12)
        return false;
    for (size_t i = 0; i < sizeof units / sizeof *units; i++) {
        const char *after = bl_text_starts_with(r, units[i]) ? after_sep(r + strlen(units[i])) : NULL;
        if (!after || after > l.e)
            continue;
        const char *stop = find(after, l.e, "。");
        h->name = trimmed(after, stop ? stop : l.e);
        h->seq = bl_arena_strndup(p->m->arena, num, (size_t)(r - num));
        h->rest = stop ? stop + 3 : l.e;
        return h->name.s < h->name.e;
    }
    return false;
}

/* A title, not an item: "…情况的通报", "…完成情况报告". */
static bool title_like(span l)
{
    static const char *const ends[] = {"报告", "通报", "汇报", "公示", "公告", "通知", "简报"};
    for (size_t i = 0; i < sizeof ends / sizeof *ends; i++)
        if (ends_with_n(l.s, (size_t)(l.e - l.s), ends[i]))
            return true;
    return false;
}

/* "关于推进青年人才公寓建设。一是…": a topic sentence opening its
 * paragraph. */
static bool topic_heading(const prose *p, span l, heading *h)
{
    (void)p;
    if (!bl_text_starts_with(l.s, "关于"))
        return false;
    const char *name = l.s + strlen("关于");
    const char *stop = find(name, l.e, "。");
    if (!stop || stop - name > 180)
        return false;
    h->name = trimmed(name, stop);
    h->seq = NULL;
    h->rest = stop + 3;
    return h->name.s < h->name.e && !title_like(h->name);
}

/* "1.城镇新增就业。…", "2、基础设施建设:…", "(3)…" opening its line. */
static bool numbered_heading(const prose *p, span l, heading *h)
{
    bool bracket = *l.s == '(';
    const char *num = l.s + bracket, *r = num;
    while (r < l.e && *r >= '0' && *r <= '9')
        r++;
    if (r == num || r - num > 3)
        return false;
    const char *name;
    if (bracket)
        name = *r == ')' ? r + 1 : NULL; /* "(1)新建公园。" */
    else if (*r == '.' && !(r[1] >= '0' && r[1] <= '9'))
        name = r + 1;
    else if (bl_text_starts_with(r, "、"))
        name = r + 3;
    else
        return false;
    if (!name)
        return false;
    const char *stop = name_stop(name, l.e);
    h->name = trimmed(name, stop);
    h->seq = bl_arena_strndup(p->m->arena, num, (size_t)(r - num));
    h->rest = stop < l.e ? stop + (*stop == ':' ? 1 : 3) : l.e;
    return h->name.s < h->name.e;
}

/* A part of the report rather than an item: "基本情况", "存在问题",
 * "下步举措" (short, or naming problems and measures). */
static bool report_part(span name)
{
    static const char *const ends[] = {"问题", "建议", "举措", "措施", "打算", "思路", "安排"};
    if (chars_of(name) <= 8)
        return true;
    for (size_t i = 0; i < sizeof ends / sizeof *ends; i++)
        if (ends_with_n(name.s, (size_t)(name.e - name.s), ends[i]))
            return true;
    return false;
}

/* "一、“书香大陈”文化健身公园建设项目完成情况" alone on its line. */
static bool part_heading(const prose *p, span l, heading *h)
{
    size_t n = number_at(l.s, l.e);
    if (!n || (unsigned char)l.s[0] < 0x80 || !bl_text_starts_with(l.s + n, "、"))
        return false;
    const char *name = l.s + n + 3;
    if (find(name, l.e, "。") || chars_of((span){name, l.e}) > 40)
        return false;
    h->name = trimmed(name, l.e);
    h->seq = bl_arena_strndup(p->m->arena, l.s, n);
    h->rest = l.e;
    return h->name.s < h->name.e && !report_part(h->name);
}

/* "●就业方面:…", "--家电下乡:…", "【教育惠民】…": a bullet and the item it
 * names. */
static bool bullet_heading(const prose *p, span l, heading *h)
{
    static const char *const bullets[] = {"●", "■", "◆", "▲", "★", "——", "--", "—"};
    (void)p;
    const char *close = bl_text_starts_with(l.s, "【") ? find(l.s, l.e, "】") : NULL;
    if (close) { /* "【教育惠民】新增学位2000个…" */
        h->name = trimmed(l.s + 3, close);
        h->seq = NULL;
        h->rest = close + 3;
        return h->name.s < h->name.e && chars_of(h->name) <= 20;
    }
    for (size_t i = 0; i < sizeof bullets / sizeof *bullets; i++) {
        if (!bl_text_starts_with(l.s, bullets[i]))
            continue;
        const char *name = l.s + strlen(bullets[i]);
        const char *stop = min_ptr(find(name, l.e, ":"), find(name, l.e, "。"));
        const char *comma = find(name, l.e, ",");
        if (!stop || (comma && comma < stop && stop - name > 90))
            stop = comma;
        if (!stop || stop - name > 90)
            stop = l.e;
        h->name = trimmed(name, stop);
        h->seq = NULL;
        h->rest = stop < l.e ? stop + (*stop == ':' || *stop == ',' ? 1 : 3) : l.e;
        return h->name.s < h->name.e;
    }
    return false;
}

/* Reads every line `is` takes for a heading as one item, when there are
 * at least `least` of them; returns how many items were added. */
static size_t read_headed(prose *p, heading_fn is, size_t least)
{
    size_t found = 0, before = p->d->n_indicators;
    heading h;
    span first = {NULL, NULL};
    /* Heading lines are counted when they differ from the first: a title
     * printed twice ("【湘潭市】…" at the top and the foot) is no list. */
    for (span l = next_line(p, p->t); l.s < p->end; l = next_line(p, line_end(p, l.s))) {
        if (!is(p, l, &h))
            continue;
        size_t n = (size_t)(l.e - l.s);
        if (!first.s)
            first = l;
        found += found == 0 || n != (size_t)(first.e - first.s) || memcmp(l.s, first.s, n) != 0;
    }
    if (found < least)
        return 0;
    int k = 0;
    for (span l = next_line(p, p->t); l.s < p->end; l = next_line(p, line_end(p, l.s))) {
        if (!is(p, l, &h))
            continue;
        span text = trimmed(h.rest, line_end(p, h.rest));
        heading other;
        if (text.s == text.e) {
            text = next_line(p, line_end(p, h.rest));
            if (text.s < p->end && is(p, text, &other))
                text.e = text.s; /* the next heading: this item has no text */
        }
        const char *seq = h.seq ? h.seq : bl_arena_printf(p->m->arena, "%d", ++k);
        add_item(p, NULL, seq, src(p, h.name.s, h.name.e), h.name.s, text, true, false);
    }
    return p->d->n_indicators - before;
}

/* A line that can only be a heading: short, with no sentence or label
 * punctuation, not a figure and not the report's title. */
static bool short_line(span l)
{
    static const char *const marks[] = {"。", ":", "|", ";", "!", "?", ","};
    size_t n = chars_of(l);
    if (n < 4 || n > 40 || (*l.s >= '0' && *l.s <= '9') || title_like(l))
        return false;
    size_t num = number_at(l.s, l.e);
    if (num && bl_text_starts_with(l.s + num, "、") && report_part(trimmed(l.s + num + 3, l.e)))
        return false;
    for (size_t i = 0; i < sizeof marks / sizeof *marks; i++)
        if (find(l.s, l.e, marks[i]))
            return false;
    return true;
}

static bool paragraph_line(span l)
{
    return l.s < l.e && (find(l.s, l.e, "。") || chars_of(l) > 50);
}

/* A heading wrapped over two lines leaves the first open: "…筛查、". */
static bool left_open(span l)
{
    static const char *const opens[] = {"、", "和", "及", "与"};
    for (size_t i = 0; i < sizeof opens / sizeof *opens; i++)
        if (ends_with_n(l.s, (size_t)(l.e - l.s), opens[i]))
            return true;
    return false;
}

/* Heading line (or two) at l followed by its paragraph: sets *name2 (empty
 * when the heading is one line) and *text. */
static bool heading_line_at(const prose *p, span l, span *name2, span *text)
{
    if (!short_line(l))
        return false;
    span n1 = next_line(p, line_end(p, l.s));
    *name2 = (span){l.e, l.e};
    if (left_open(l) && short_line(n1)) {
        *name2 = n1;
        n1 = next_line(p, line_end(p, n1.s));
    }
    *text = n1;
    /* The page may cut the last paragraph short of its first 。. */
    return paragraph_line(n1) || (n1.s < n1.e && at_text_end(p, n1.e) && find(n1.s, n1.e, ","));
}

/* Headings on their own line, each followed by one paragraph; at least
 * two, or a title and its lead would make one. */
static size_t read_heading_lines(prose *p)
{
    size_t found = 0, before = p->d->n_indicators;
    span name2, text;
    for (span l = next_line(p, p->t); l.s < p->end; l = next_line(p, line_end(p, l.s)))
        found += heading_line_at(p, l, &name2, &text);
    if (found < 2)
        return 0;
    int k = 0;
    for (span l = next_line(p, p->t); l.s < p->end; l = next_line(p, line_end(p, l.s))) {
        if (!heading_line_at(p, l, &name2, &text))
            continue;
        const char *name = src(p, l.s, l.e);
        if (name2.s < name2.e)
            name = bl_arena_printf(p->m->arena, "%s%s", name, src(p, name2.s, name2.e));
        add_item(p, NULL, bl_arena_printf(p->m->arena, "%d", ++k), name, l.s, text, true,
                 false);
        l = text;
    }
    return p->d->n_indicators - before;
}

/* ---- enumerations: "分别是:A…;B…。", "其中,A、B、C等项目进展较快" ---- */

/* A list is a sentence's worth: it is looked for within this many bytes,
 * which keeps a text of many cues and no 。 linear. */
#define LIST_MAX 4000

static const char *window(const prose *p, const char *s)
{
    return (size_t)(p->end - s) > LIST_MAX ? s + LIST_MAX : p->end;
}

/* Clauses split at ';' each name their item before the first ','; names
 * split at 、 (or ';' between groups of names) are the items. */
typedef enum split_mode { SPLIT_CLAUSES, SPLIT_NAMES } split_mode;

static size_t sep_at(const char *q, split_mode mode)
{
    if (*q == ';')
        return 1;
    return mode == SPLIT_NAMES && bl_text_starts_with(q, "、") ? 3 : 0;
}

/* The end of the piece starting at s: the next separator outside brackets
 * and quotes ("初中(幼儿园)建设" is one name), or e. */
static const char *piece_end(const char *s, const char *e, split_mode mode, size_t *sep)
{
    static const char *const open[] = {"(", "“", "《", "["}, *const close[] = {")", "”", "》", "]"};
    int depth = 0;
    for (const char *q = s; q < e; q++) {
        for (size_t i = 0; i < sizeof open / sizeof *open; i++) {
            if (bl_text_starts_with(q, open[i]))
                depth++;
            else if (bl_text_starts_with(q, close[i]) && depth > 0)
                depth--;
        }
        if (!depth && (*sep = sep_at(q, mode)) && q + *sep <= e)
            return q;
    }
    *sep = 0;
    return e;
}

/* The pieces of [s, e), in the arena; -1 when the list holds figures
 * ("分别为58.79万例、59.11万例") or prose rather than names. */
static int split_list(prose *p, const char *s, const char *e, split_mode mode, span **out)
{
    int n = 0;
    size_t sep;
    for (const char *q = s; q < e; n++) {
        const char *pe = piece_end(q, e, mode, &sep);
        span piece = trimmed(q, pe);
        double v;
        size_t num = piece.s < piece.e ? bl_parse_number(piece.s, &v) : 0;
        if (num && chars_of((span){piece.s + num, piece.e}) <= 4)
            return -1;
        if (mode == SPLIT_NAMES && chars_of(piece) > 60)
            return -1;
        q = pe + (sep ? sep : 1);
    }
    *out = bl_arena_alloc(p->m->arena, (size_t)(n ? n : 1) * sizeof **out);
    int k = 0;
    for (const char *q = s; q < e && k < n; k++) {
        const char *pe = piece_end(q, e, mode, &sep);
        (*out)[k] = trimmed(q, pe);
        q = pe + (sep ? sep : 1);
    }
    return n;
}

/* "等2项": a count after the 等 that closes a list; 0 when none. */
static int counted_at(const char *q, const char *e)
{
    if (!bl_text_starts_with(q, "等"))
        return 0;
    q += 3;
    size_t n = number_at(q, e);
    if (!n || n > 9 || !(bl_text_starts_with(q + n, "项") || bl_text_starts_with(q + n, "件") ||
                         bl_text_starts_with(q + n, "个")))
        return 0;
    if (*q >= '0' && *q <= '9') {
        int v = 0;
        for (size_t i = 0; i < n && v < 1000; i++)
            v = v * 10 + (q[i] - '0');
        return v;
    }
    size_t len;
    return (int)n == 3 ? numeral_at(q, &len) : 0;
}

static void add_pieces(prose *p, span *pieces, int n, split_mode mode, const double *rates)
{
    int k = 0;
    for (int i = 0; i < n; i++) {
        span piece = pieces[i];
        const char *ne = piece.e, *comma = find(piece.s, piece.e, ",");
        if (mode == SPLIT_CLAUSES && comma)
            ne = comma;
        if (piece.s == piece.e)
            continue;
        bl_indicator *ind = add_item(p, NULL, bl_arena_printf(p->m->arena, "%d", ++k),
                                     src(p, piece.s, ne), piece.s, piece, true,
                                     mode == SPLIT_NAMES);
        if (ind && rates && !ind->n_rates) {
            ind->rates = bl_arena_alloc(p->m->arena, sizeof *ind->rates);
            ind->rates[0] = rates[i];
            ind->n_rates = 1;
        }
    }
}

/* One list, [s, e), after its cue. A colon in the first piece opens the
 * list proper ("已有10项:A…;B…"). Returns where to look for the next cue
 * when that is past the list (a list of clauses holds no other), else NULL. */
static const char *read_list(prose *p, const char *s, const char *e, bool named)
{
    size_t sep;
    const char *first = piece_end(s, e, SPLIT_NAMES, &sep), *colon = find(s, first, ":");
    if (colon)
        s = colon + 1;
    split_mode mode = find(s, e, ";") && find(s, e, ",") ? SPLIT_CLAUSES : SPLIT_NAMES;
    if (mode == SPLIT_NAMES) {
        /* The names end at their 等 ("…等项目进展较快"), or for 分别为 at
         * the clause end; 其中 and 包括 name no list without 等. A counted
         * list ("…等2项") is read as one (read_counted). */
        const char *etc = find(s, e, "等"), *comma = find(s, e, ",");
        if (etc && comma && comma < etc)
            etc = NULL;
        if (etc && counted_at(etc, e))
            return NULL;
        if (etc)
            e = etc;
        else if (named && comma)
            e = comma;
        else if (!named)
            return NULL;
    }
    span *pieces;
    int n = split_list(p, s, e, mode, &pieces);
    if (n < (mode == SPLIT_NAMES && !named ? 3 : 2))
        return NULL;
    add_pieces(p, pieces, n, mode, NULL);
    return mode == SPLIT_CLAUSES ? e : NULL;
}

/* Rates zipped to a counted list: "…等5项完成率分别达38%、64%…". */
static bool zipped_rates(const char *s, const char *e, int n, double *out)
{
    const char *each = find(s, e, "分别");
    if (!each)
        return false;
    int k = 0;
    for (const char *q = each; q < e && k <= n;) {
        double v;
        size_t len = bl_parse_number(q, &v);
        if (len && q[len] == '%') {
            if (k < n)
                out[k] = v;
            k++;
            q += len + 1;
            if (!bl_text_starts_with(q, "、"))
                break;
            continue;
        }
        q += len ? len : 1;
    }
    return k == n;
}

/* "A、B、C等3项…": the names before a 等 that counts them, from the last
 * clause break; read only when the count agrees with the names. */
static void read_counted(prose *p, const char *etc, int count)
{
    static const char *const breaks[] = {"。", ",", ";", ":", "\n"};
    const char *s = etc;
    bool found = false;
    while (s > p->t && etc - s < LIST_MAX && !found) {
        s--;
        for (size_t i = 0; i < sizeof breaks / sizeof *breaks && !found; i++) {
            size_t n = strlen(breaks[i]);
            if (s + n <= etc && memcmp(s, breaks[i], n) == 0) {
                s += n;
                found = true;
            }
        }
    }
    if (!found && s > p->t)
        return;
    if (bl_text_starts_with(s, "其中"))
        s += strlen("其中");
    span *pieces;
    int n = split_list(p, s, etc, SPLIT_NAMES, &pieces);
    if (n < 2 || n != count || n > 64)
        return;
    const char *w = window(p, etc), *stop = min_ptr(find(etc, w, "。"), find(etc, w, ";"));
    double rates[64];
    bool zipped = zipped_rates(etc, stop ? stop : w, n, rates);
    add_pieces(p, pieces, n, SPLIT_NAMES, zipped ? rates : NULL);
}

/* "65件", "3个重大项目", or the whole programme ("总体完成率", "民生实事
 *综合完成率"): what a summary states, not an item. */
static bool sums_up(const char *s, const char *e)
{
    static const char *const what[] = {"件", "项", "大类"};
    static const char *const whole[] = {"总体", "整体", "综合", "平均", "民生实事", "民生工程"};
    for (size_t i = 0; i < sizeof whole / sizeof *whole; i++)
        if (find(s, e, whole[i]))
            return true;
    for (const char *q = s; q < e; q++) {
        if (!(*q >= '0' && *q <= '9') || (q + 1 < e && q[1] >= '0' && q[1] <= '9'))
            continue;
        for (size_t i = 0; i < sizeof what / sizeof *what; i++)
            if (bl_text_starts_with(q + 1, what[i]))
                return true;
        /* 个…项目 within a few characters: "3个重大项目", "12个事项" */
        if (bl_text_starts_with(q + 1, "个")) {
            const char *w = q + 1 + 15 < e ? q + 1 + 15 : e;
            if (find(q + 1, w, "项目") || find(q + 1, w, "事项") || find(q + 1, w, "小项"))
                return true;
        }
    }
    return false;
}

/* The start of the piece that ends at q: past the last separator of
 * seps within 200 bytes; NULL when there is none that near. */
static const char *piece_start(const prose *p, const char *q, const char *const *seps, size_t n_seps)
{
    for (const char *s = q; s > p->t && q - s < 200;) {
        s--;
        /* Separators are ASCII or start with E3 (、。): the cheap test first. */
        if (*s != ',' && *s != ';' && *s != ':' && *s != '\n' && (unsigned char)*s != 0xE3)
            continue;
        for (size_t i = 0; i < n_seps; i++) {
            size_t k = strlen(seps[i]);
            if (s + k <= q && memcmp(s, seps[i], k) == 0)
                return s + k;
        }
    }
    return q - p->t < 200 ? p->t : NULL;
}

static const char *const clause_breaks[] = {"。", ",", ";", ":", "\n"};

/* "为A提供…、B提供…,分别完成年度目标任务的116.95%、108.61%" and
 * "A、B、C完成率分别为12.6%、14%、23%": as many names before 分别 as
 * rates after it, zipped. q is at 分别. A counted list ("…等5项") is
 * read_counted's. */
static bool read_each(prose *p, const char *q)
{
    const char *ne = q;
    if (ne - p->t >= 9 && memcmp(ne - 9, "完成率", 9) == 0)
        ne -= 9;
    else {
        while (ne > p->t && q - ne < 200 && ne[-1] != ',' && ne[-1] != ';')
            ne--;
        if (ne == p->t || ne[-1] != ',')
            return false;
        ne--;
    }
    const char *s = piece_start(p, ne, clause_breaks, sizeof clause_breaks / sizeof *clause_breaks);
    const char *etc = s ? find(s, ne, "等") : NULL;
    if (!s || s == ne || (etc && counted_at(etc, ne + 9)))
        return false;
    /* The rates follow within a clause's worth. */
    const char *w = p->end - q > 400 ? q + 400 : p->end;
    const char *stop = min_ptr(min_ptr(find(q, w, "。"), find(q, w, ";")), find(q, w, ","));
    char *key = bl_arena_strndup(p->m->arena, ne, (size_t)((stop ? stop : w) - ne));
    double rates[64];
    size_t n = completion_rates(key, false, rates, 64, NULL);
    span *pieces;
    if (n < 2 || split_list(p, s, ne, SPLIT_NAMES, &pieces) != (int)n)
        return false;
    add_pieces(p, pieces, (int)n, SPLIT_NAMES, rates);
    return true;
}

/* "安心托幼行动完成率35%": a piece that names its item right before its
 * rate. q is at 完成率. */
static void read_rated_piece(prose *p, const char *q)
{
    static const char *const seps[] = {"、", ",", ";", "。", ":", "\n"};
    const char *r = q + 9;
    for (size_t i = 0; i < 3; i++) {
        static const char *const links[] = {"达到", "达", "为"};
        if (bl_text_starts_with(r, links[i])) {
            r += strlen(links[i]);
            break;
        }
    }
    double v;
    size_t n = bl_parse_number(r, &v);
    const char *s = piece_start(p, q, seps, sizeof seps / sizeof *seps);
    if (!n || r[n] != '%' || !s || chars_of((span){s, q}) < 4 || sums_up(s, q))
        return;
    char seq[16];
    snprintf(seq, sizeof seq, "%zu", p->d->n_indicators + 1);
    add_item(p, NULL, seq, src(p, s, q), s, (span){s, r + n + 1}, true, false);
}

/* "15个农村幸福院建设已完成8个(53%)": a piece of a sentence, named
 * before the rate in brackets that closes it. Returns past the bracket, or
 * NULL when q opens no such rate. */
static const char *read_paren_item(prose *p, const char *q)
{
    static const char *const seps[] = {"、", ",", ";", "。", ":", "\n"};
    double v;
    size_t n = bl_parse_number(q + 1, &v);
    if (!n || q[1 + n] != '%' || q[2 + n] != ')')
        return NULL;
    const char *s = piece_start(p, q, seps, sizeof seps / sizeof *seps);
    if (!s || s == q || !paren_rate(s, q + 1))
        return NULL;
    char seq[16];
    snprintf(seq, sizeof seq, "%zu", p->d->n_indicators + 1);
    add_item(p, NULL, seq, src(p, s, q), s, (span){s, q + 3 + n}, true, true);
    return q + 3 + n;
}

static size_t read_enumerations(prose *p)
{
    static const struct {
        const char *cue;
        bool named; /* 分别为: what follows is the list itself */
    } cues[] = {{"分别是", true}, {"分别为", true}, {"其中", false}, {"包括", false}};
    size_t before = p->d->n_indicators, loose = 0;
    for (const char *q = p->t; q < p->end; q++) {
        const char *past = *q == '(' ? read_paren_item(p, q) : NULL;
        if (past) {
            q = past - 1;
            continue;
        }
        /* Zipped and rated pieces are read here too, but count as news
         * prose: they do not make the report one of lists. */
        size_t had = p->d->n_indicators;
        bool each = bl_text_starts_with(q, "分别") && read_each(p, q);
        if (!each && bl_text_starts_with(q, "完成率"))
            read_rated_piece(p, q);
        loose += p->d->n_indicators - had;
        if (each)
            continue;
        int count = counted_at(q, p->end);
        if (count) {
            read_counted(p, q, count);
            continue;
        }
        for (size_t i = 0; i < sizeof cues / sizeof *cues; i++) {
            if (!bl_text_starts_with(q, cues[i].cue))
                continue;
            const char *s = q + strlen(cues[i].cue);
            if (*s == ':' || *s == ',')
                s++;
            const char *w = window(p, s), *stop = find(s, w, "。");
            /* A list must end within its window (or with the text). */
            const char *next = stop || w == p->end ? read_list(p, s, stop ? stop : w, cues[i].named)
                                                   : NULL;
            if (next && next > q)
                q = next - 1;
            break;
        }
    }
    return p->d->n_indicators - before - loose;
}

/* ---- "一是…,二是…": items counted in a sentence ---- */

/* Marker "k是" (Chinese numeral k) at q after a boundary; its length. */
static size_t shi_at(const prose *p, const char *q, int k)
{
    size_t n;
    if (numeral_at(q, &n) != k || !bl_text_starts_with(q + n, "是") || k > 10)
        return 0;
    /* "二是" after a comma, 。 or ; (at_boundary), but not inside a word. */
    return at_boundary(p->t, q) || (q - p->t >= 1 && q[-1] == ',') ? n + 3 : 0;
}

static const char *find_shi(const prose *p, const char *s, const char *e, int k, size_t *len)
{
    for (const char *q = s; q < e; q++)
        if ((*len = shi_at(p, q, k)))
            return q;
    return NULL;
}

/* The end of the sentence at s: past its 。 or ';' (within a window). */
static const char *sentence_end(const prose *p, const char *s)
{
    const char *w = window(p, s), *e = min_ptr(find(s, w, "。"), find(s, w, ";"));
    return e ? e + (*e == ';' ? 1 : 3) : w;
}

/* Runs of 一是, 二是, … (at least two): each item is named to its first
 * stop and runs to the next marker, the last to its sentence end. */
static size_t read_shi_lists(prose *p)
{
    size_t before = p->d->n_indicators, len, next_len;
    for (const char *at = find_shi(p, p->t, p->end, 1, &len); at;) {
        const char *resume = at + len;
        const char *next = find_shi(p, at + len, window(p, at), 2, &next_len);
        for (int k = 1; next || k > 1; k++) {
            const char *name = at + len, *end = next ? next : sentence_end(p, name);
            const char *stop = min_ptr(min_ptr(find(name, end, "。"), find(name, end, ",")),
                                       find(name, end, ";"));
            add_item(p, NULL, numerals[k - 1], src(p, name, stop ? stop : end), name,
                     trimmed(name, end), true, false);
            resume = end;
            if (!next)
                break;
            at = next;
            len = next_len;
            next = k + 2 <= 10 ? find_shi(p, at + len, window(p, at), k + 2, &next_len) : NULL;
        }
        at = find_shi(p, resume, p->end, 1, &len);
    }
    return p->d->n_indicators - before;
}

/* ---- news prose: clauses that state an item's completion ---- */

/* The sub-clause holding `at` and the one before it, back to `s`. */
static const char *subclauses_from(const char *s, const char *at)
{
    int commas = 0;
    for (const char *q = at; q > s; q--)
        if (q[-1] == ',' && ++commas == 2)
            return q;
    return s;
}

/* The first needle at or after q, given the last answer `last` (found
 * from an earlier q; NULL before the first); the text's end when none. */
static const char *next_stop(const prose *p, const char *q, const char *last,
                             const char *needle)
{
    if (last && last >= q)
        return last;
    const char *f = find(q, p->end, needle);
    return f ? f : p->end;
}

/* "县体育馆年度计划投资1亿元,完成投资0.6亿元,完成率60%": a major project,
 * read_projects' (a project of its list, not an item besides). */
static bool major_project(span c)
{
    return find(c.s, c.e, "年度计划投资") && find(c.s, c.e, "完成投资");
}

/* A clause (to 。 or ';') that states a completion rate of its own names
 * an item: "农村低保对象月人均补助达到118元,占目标任务的107.27%". One whose
 * rate follows a count of items ("65件已完成26件,完成率40%") sums up. */
static size_t read_rated_clauses(prose *p)
{
    size_t before = p->d->n_indicators;
    int k = 0;
    /* The next of each stop is looked for again only once passed: a text
     * of many ';' and no 。 stays linear. */
    const char *dot = NULL, *semi = NULL, *nl = NULL;
    for (const char *q = p->t; q < p->end;) {
        dot = next_stop(p, q, dot, "。");
        semi = next_stop(p, q, semi, ";");
        nl = next_stop(p, q, nl, "\n");
        const char *ce = min_ptr(min_ptr(dot, semi), nl);
        span c = trimmed(q, ce);
        q = ce + (ce < p->end ? (*ce == ';' || *ce == '\n' ? 1 : 3) : 0);
        /* "13 标准化建设改造农贸市场 区商务粮食局 2家 98%": a row of a
         * table, numbered, whose cells a space separates. */
        size_t num = number_at(c.s, c.e);
        if (c.s == c.e || (num && c.s[num] == ' ') || major_project(c))
            continue;
        char *key = bl_arena_strndup(p->m->arena, c.s, (size_t)(c.e - c.s));
        double v[16];
        const char *first = NULL;
        size_t n = completion_rates(key, false, v, 16, &first);
        if (!n)
            continue;
        const char *at = c.s + (first - key);
        const char *each = n >= 2 ? find(c.s, at, "分别") : NULL;
        if (sums_up(subclauses_from(c.s, at), at) || (each && read_each(p, each)))
            continue;
        const char *comma = find(c.s, c.e, ",");
        add_item(p, NULL, bl_arena_printf(p->m->arena, "%d", ++k),
                 src(p, c.s, comma ? comma : c.e), c.s, c, true, false);
    }
    return p->d->n_indicators - before;
}

/* ---- the title ---- */

/* A line that reads as the report's title: short, no label, navigation
 * or sentence, and naming a report or the livelihood work. */
static bool title_line(span l)
{
    static const char *const marks[] = {":", "|", ">", "。"};
    static const char *const words[] = {"情况", "报告", "通报", "汇报", "进展", "实事", "民生"};
    size_t n = chars_of(l);
    /* A bullet or a number ("1、", "一、", "(一)") opens an item, not a
     * title ("2021年…报告" is one). */
    static const char *const bullets[] = {"●", "■", "◆", "▲", "★", "—", "-", "·", "("};
    size_t num = number_at(l.s, l.e);
    if (n < 6 || n > 60 || (num && (bl_text_starts_with(l.s + num, "、") || l.s[num] == '.')))
        return false;
    for (size_t i = 0; i < sizeof bullets / sizeof *bullets; i++)
        if (bl_text_starts_with(l.s, bullets[i]))
            return false;
    for (size_t i = 0; i < sizeof marks / sizeof *marks; i++)
        if (find(l.s, l.e, marks[i]))
            return false;
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (find(l.s, l.e, words[i]))
            return true;
    return false;
}

/* Without a dated heading, the title is the first title line near the
 * top; a period it names ("2023年1-6月") is the report's when no part
 * heading names one. */
#define TITLE_LINES 20

static void read_title(prose *p)
{
    span l = next_line(p, p->t);
    for (int k = 0; !p->d->title && l.s < p->end && k < TITLE_LINES; k++) {
        if (title_line(l)) {
            p->d->title = src(p, l.s, l.e);
            break;
        }
        l = next_line(p, line_end(p, l.s));
    }
    int y = 0, m = 0;
    if (!p->d->year && p->d->title && bl_parse_period(bl_key(p->m->arena, p->d->title), &y, &m)) {
        p->d->year = y;
        p->d->month = m;
    }
}

/* ---- lines broken inside a sentence ---- */

/* Does line l open an item or a row ("2.", "(三)", "第二项", "一是", "●",
 * "13 标准化…")? Such a line starts anew, whatever the line before it. */
static bool opens_item(span l)
{
    static const char *const marks[] = {"(", "第", "关于", "【", "●", "■", "◆", "▲", "★",
                                        "—", "-", "·"};
    for (size_t i = 0; i < sizeof marks / sizeof *marks; i++)
        if (bl_text_starts_with(l.s, marks[i]))
            return true;
    size_t n = number_at(l.s, l.e);
    if (!n)
        return false;
    const char *r = l.s + n;
    return bl_text_starts_with(r, "、") || bl_text_starts_with(r, "是") || *r == ')' ||
           *r == ' ' || (*r == '.' && !(r[1] >= '0' && r[1] <= '9'));
}

/* Is the break after line l (a line of a sentence, not a heading: a
 * full line holding clause marks, or itself the rest of a sentence) one
 * inside a sentence that goes on at line next? */
static bool breaks_sentence(span l, bool continued, span next)
{
    static const char *const stops[] = {"。", ";", ":", "!", "?", "”", ")", "」", "』",
                                        "】", "》", "…"};
    if (next.s == next.e || chars_of(l) < 20 || find(l.s, l.e, "|") || opens_item(next))
        return false;
    if (!continued && !find(l.s, l.e, ",") && !find(l.s, l.e, "。") && !find(l.s, l.e, ";"))
        return false;
    for (size_t i = 0; i < sizeof stops / sizeof *stops; i++)
        if (ends_with_n(l.s, (size_t)(l.e - l.s), stops[i]))
            return false;
    return true;
}

/* Joins the lines of a sentence broken over several: the key loses the
 * break (and the blanks around it), and p->wraps records its source
 * bytes, which the model's texts leave out too. */
static void unwrap(prose *p)
{
    char *key = p->k.key;
    uint32_t *at = p->k.at;
    size_t lines = 1;
    for (size_t i = 0; i < p->k.len; i++)
        lines += key[i] == '\n';
    p->wraps = bl_arena_alloc(p->m->arena, lines * sizeof *p->wraps);
    size_t w = 0, out = 0;
    bool continued = false;
    for (size_t i = 0; i < p->k.len;) {
        const char *e = memchr(key + i, '\n', p->k.len - i);
        if (!e) {
            memmove(key + out, key + i, p->k.len - i);
            memmove(at + out, at + i, (p->k.len - i) * sizeof *at);
            out += p->k.len - i;
            break;
        }
        span l = trimmed(key + i, e);
        const char *ne = memchr(e + 1, '\n', (size_t)(p->end - (e + 1)));
        span next = trimmed(e + 1, ne ? ne : p->end);
        size_t keep = (size_t)(e + 1 - (key + i)), skip = 0;
        continued = breaks_sentence(l, continued, next);
        if (continued) {
            keep = (size_t)(l.e - (key + i));
            skip = (size_t)(next.s - l.e);
            p->wraps[w++] = (wrap){at[l.e - key], at[next.s - key]};
        }
        memmove(key + out, key + i, keep);
        memmove(at + out, at + i, keep * sizeof *at);
        out += keep;
        i += keep + skip;
    }
    at[out] = (uint32_t)p->k.src_len;
    key[out] = '\0';
    p->k.len = out;
    p->end = p->t + out;
    p->n_wraps = w;
}

/* ---- the reader ---- */

/* The shapes in the order tried: the first that names items is the
 * report's (a report numbers its items one way; the looser shapes would
 * read the stricter ones' headings as items of their own). */
static void read_items(prose *p)
{
    read_sections(p);
    if (p->d->n_indicators || read_headed(p, ordinal_heading, 2) ||
        read_headed(p, topic_heading, 2) || read_headed(p, numbered_heading, 2) ||
        read_headed(p, part_heading, 2) ||
        read_headed(p, bullet_heading, 2) || read_heading_lines(p) || read_enumerations(p) ||
        read_shi_lists(p))
        return;
    if (read_rated_clauses(p))
        return;
    /* Sections "(一)促进就业。…" of running prose: each is an item. */
    int sections = 0;
    for (const char *q = next_section(p, p->t); q && sections < 2; q = next_section(p, q + 1))
        sections++;
    p->bare = sections >= 2;
    if (p->bare)
        read_sections(p);
}

/* The file a summary page names as its attachment ("附件:2024年…完成情况表
 * .docx"), as printed, and its line; or NULL: where the report's tables
 * are. */
static const char *attachment_named(bl_arena *a, const char *text, size_t len,
                                    int *line)
{
    static const char *const exts[] = {".docx", ".doc", ".xlsx", ".xls", ".wps",
                                       ".et", ".pdf", ".DOCX", ".DOC", ".XLSX",
                                       ".XLS", ".PDF"};
    const char *end = text + len;
    for (const char *p = memmem(text, len, "附件", 6); p;
         p = memmem(p + 6, (size_t)(end - p - 6), "附件", 6)) {
        const char *q = p + 6; /* "附件", "附件1", then ":" or "：" */
        while (q < end && *q >= '0' && *q <= '9')
            q++;
        if (q < end && *q == ':')
            q++;
        else if (end - q >= 3 && memcmp(q, "：", 3) == 0)
            q += 3;
        while (q < end && (*q == ' ' || *q == '\t'))
            q++;
        const char *eol = q;
        while (eol < end && *eol != '\n' && *eol != '\r' && eol - q < 240)
            eol++;
        for (size_t i = 0; i < sizeof exts / sizeof *exts; i++) {
            size_t n = strlen(exts[i]);
            for (const char *e = q; e + n <= eol; e++)
                if (memcmp(e, exts[i], n) == 0 && e > q) {
                    *line = 1;
                    for (const char *c = text; c < p; c++)
                        *line += *c == '\n';
                    return bl_arena_strndup(a, q, (size_t)(e + n - q));
                }
        }
    }
    return NULL;
}

int bl_read_prose(bl_model *m, bl_document *d, const char *text, size_t len,
                  bl_error *err)
{
    prose p = {.m = m, .d = d};
    bl_key_map(m->arena, text, len, &p.k);
    p.t = p.k.key;
    p.end = p.t + p.k.len;
    unwrap(&p);
    d->format = "prose";
    read_heading(&p);
    read_period(&p);
    read_title(&p);
    read_projects(&p);
    read_items(&p);
    if (!d->n_indicators && !d->n_lists) {
        int line;
        const char *att = attachment_named(m->arena, text, len, &line);
        if (att)
            return bl_error_set(err, BL_EINPUT, d->source, line,
                                "no project list found: the report names no numbered, "
                                "headed or listed items; its tables are in the "
                                "attachment %s: read that file instead", att);
        return bl_error_set(err, BL_EINPUT, d->source, 1,
                            "no project list found: the report names no numbered, "
                            "headed or listed items (a summary only?)");
    }
    return BL_OK;
}

/* Narrative text: sentences, and headings "二、" to number them. A
 * department label per item (责任单位:) is a record the kv reader reads:
 * prose then claims the text only weakly. */
int bl_sniff_prose(const char *text, size_t len)
{
    int stops = 0, headings = 0, labels = 0;
    const char *end = text + len;
    for (const char *q = text; q + 3 <= end; q++) {
        stops += memcmp(q, "。", 3) == 0;
        size_t n;
        if (numeral_at(q, &n) && q + n + 3 <= end && memcmp(q + n, "、", 3) == 0)
            headings++;
        if (q + 12 <= end && (memcmp(q, "责任单位", 12) == 0 || memcmp(q, "牵头单位", 12) == 0 ||
                              memcmp(q, "责任部门", 12) == 0 || memcmp(q, "牵头部门", 12) == 0))
            labels++;
    }
    if (stops < 2)
        return 0;
    if (labels >= 3)
        return 25;
    return headings ? 60 : 20;
}
