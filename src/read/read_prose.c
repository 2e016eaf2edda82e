/* read_prose.c - reader for narrative reports (情况汇报).
 *
 * The report is running text: a title, its date and office, then parts
 * "一、2023年工作完成情况 … 二、2024年一季度完成情况 …" whose sections
 * "(二)幼有善育方面。涉及3个重点指标。1.… 2.… 三是…" list numbered
 * indicators. Each indicator is its name (up to the first 。) and the text
 * stating its figures, up to the next number. Major projects are stated as
 * "县妇幼保健院年度计划投资1.3亿元,完成投资1.955亿元,完成率150%" and become
 * one list per part, with planned and actual investment.
 *
 * The period is the latest a part's heading names: "2024年一季度" reads as
 * 2024/3, the last month of the quarter the figures stand at.
 */
#include <stdio.h>
#include <string.h>

#include "rate.h"
#include "reader.h"
#include "table.h"
#include "text.h"

typedef struct prose {
    bl_model *m;
    bl_document *d;
    const char *t;    /* folded text */
    const char *seen; /* line_of's cache: the line of `seen` is seen_line */
    int seen_line;
} prose;

typedef struct span {
    const char *s, *e;
} span;

static const char *const numerals[] = {"一", "二", "三", "四", "五",
                                       "六", "七", "八", "九", "十"};

/* Lines are asked for near the last one asked: counting on (or back) from
 * the last answer keeps a report of many indicators linear. */
static int line_of(prose *p, const char *at)
{
    if (!p->seen) {
        p->seen = p->t;
        p->seen_line = 1;
    }
    for (; p->seen < at; p->seen++)
        p->seen_line += *p->seen == '\n';
    while (p->seen > at)
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
    char *title = bl_text_trim(p->m->arena, start, (size_t)(at - start));
    if (*title)
        p->d->title = title;
    const char *o = at + len;
    while (*o == ' ')
        o++;
    size_t k = strcspn(o, " \n");
    char *office = bl_arena_strndup(p->m->arena, o, k);
    if (k && bl_is_department_name(office))
        p->d->office = office;
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

/* Marker of indicator k (written num) at q: "k." (not a decimal), "k、",
 * or "三是". Returns its length, 0 when q holds no such marker. */
static size_t marker_at(const prose *p, const char *q, int k, const char *num)
{
    size_t n = strlen(num), len = 0;
    if (strncmp(q, num, n) == 0) {
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
static char *indicator_text(bl_arena *a, const char *s, const char *e)
{
    char *t = bl_text_trim(a, s, (size_t)(e - s));
    char *tail = strstr(t, "以上指标");
    if (tail && (tail == t || bl_text_ends_with(bl_arena_strndup(a, t, (size_t)(tail - t)), "。")))
        *tail = '\0';
    return bl_text_trim(a, t, strlen(t));
}

static void add_indicator(prose *p, const char *section, int k, const char *marker,
                          size_t mlen, const char *end)
{
    const char *name = marker + mlen;
    const char *stop = find(name, end, "。");
    if (!stop)
        stop = end;
    char seq[16];
    if (mlen > 1 && (unsigned char)*marker >= 0x80) /* 三是: as printed */
        snprintf(seq, sizeof seq, "%s", numerals[k - 1]);
    else
        snprintf(seq, sizeof seq, "%d", k);
    bl_indicator *ind = bl_model_add_indicator(p->m, p->d, section, seq, line_of(p, marker));
    ind->name = bl_text_trim(p->m->arena, name, (size_t)(stop - name));
    const char *from = stop < end ? stop + strlen("。") : end;
    ind->text = indicator_text(p->m->arena, from, end);
    double v[64];
    size_t n = bl_numbers(ind->text, v, 64);
    ind->values = bl_arena_alloc(p->m->arena, (n ? n : 1) * sizeof *v);
    for (ind->n_values = 0; ind->n_values < n && ind->n_values < 64; ind->n_values++)
        ind->values[ind->n_values] = v[ind->n_values];
    n = bl_percentages(ind->text, v, 64);
    ind->rates = bl_arena_alloc(p->m->arena, (n ? n : 1) * sizeof *v);
    for (ind->n_rates = 0; ind->n_rates < n && ind->n_rates < 64; ind->n_rates++)
        ind->rates[ind->n_rates] = v[ind->n_rates];
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

static void read_section(prose *p, const char *head, const char *end)
{
    const char *name = strchr(head, ')') + 1;
    const char *dot = find(name, end, "。");
    if (!dot)
        return;
    char *sec = bl_text_trim(p->m->arena, name, (size_t)(dot - name));
    if (bl_text_ends_with(sec, "方面"))
        sec[strlen(sec) - strlen("方面")] = '\0';
    span body = {dot + strlen("。"), end};
    int want = stated_count(body);
    size_t len;
    const char *at = find_marker(p, body, 1, &len);
    for (int k = 1; at && (!want || k <= want); k++) {
        size_t next_len = 0;
        span rest = {at + len, end};
        const char *next = find_marker(p, rest, k + 1, &next_len);
        if (want && k == want)
            next = NULL;
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
    proj->content = bl_arena_strndup(p->m->arena, name, (size_t)(at - name));
    bl_entry *e = bl_model_add_entry(p->m, proj, line_of(p, name));
    e->planned = bl_arena_strndup(p->m->arena, at, (size_t)(q + n - at));
    e->progress = bl_arena_strndup(p->m->arena, r, (size_t)(r_end - r));
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

int bl_read_prose(bl_model *m, bl_document *d, const char *text, size_t len,
                  bl_error *err)
{
    prose p = {m, d, bl_report_fold(m->arena, text), NULL, 0};
    (void)len;
    d->format = "prose";
    read_heading(&p);
    read_period(&p);
    read_projects(&p);
    read_sections(&p);
    if (!d->n_indicators && !d->n_lists)
        return bl_error_set(err, BL_EINPUT, d->source, 1,
                            "no numbered indicators or major projects found in the report");
    return BL_OK;
}

int bl_sniff_prose(const char *text, size_t len)
{
    int stops = 0, headings = 0;
    const char *end = text + len;
    for (const char *q = text; q + 3 <= end; q++) {
        stops += memcmp(q, "。", 3) == 0;
        size_t n;
        if (numeral_at(q, &n) && q + n + 3 <= end && memcmp(q + n, "、", 3) == 0)
            headings++;
    }
    if (stops < 5)
        return 0;
    return headings ? 60 : 20;
}
