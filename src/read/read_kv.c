/* read_kv.c - reader for reports that are records carrying a department
 * rather than tables:
 *
 *   key-value records   "1.领办项目:…。工作进展:…", "责任单位:市教育局" on
 *                       its own line under the item, or a label alone on a
 *                       line with its value on the next ("责任单位" / "市教育局")
 *   numbered prose      "1、技能培训提升,牵头单位:市退役军人局。其中,…"
 *   status buckets      "8项进展偏慢的重点工作为:①…(责任单位:市经信局);…",
 *                       "进度偏慢的3项分别是:A、B、C。", "进度较慢的项目,一是…",
 *                       "A、B等2个项目进度滞后"
 *   group headings      "区委办公室(8项)" gives the department of the items below
 *
 * Everything is matched on the match key of the text (textkey.h), and every
 * string put in the model is the source's own text behind a key range.
 * A bucket heading's status applies to its items: "进度偏慢" flags them
 * behind. Ranking lists of places ("1、金寨县;2、裕安区") are not projects.
 */
#include <stdio.h>
#include <string.h>

#include "period.h"
#include "rate.h"
#include "reader.h"
#include "status.h"
#include "table.h"
#include "text.h"
#include "textkey.h"

#define NONE ((size_t)-1)

typedef struct seg {
    size_t s, e; /* key offsets [s, e) */
} seg;

/* What a label names. */
typedef enum field {
    F_NONE = 0,
    F_CONTENT,
    F_DEPT,
    F_CO,
    F_LEADER,
    F_PROGRESS,
    F_PLANNED,
    F_TARGET,
    F_STATUS,
    F_SEQ,
    F_EXTRA
} field;

typedef struct label {
    const char *word;
    field f;
} label;

/* Longer labels first: 牵头责任单位 must not be read as 责任单位 with a
 * prefix left in the content. */
static const label labels[] = {
    {"牵头责任单位", F_DEPT}, {"主要责任单位", F_DEPT}, {"责任单位", F_DEPT},
    {"牵头单位", F_DEPT},     {"牵头部门", F_DEPT},     {"责任部门", F_DEPT},
    {"主办单位", F_DEPT},     {"主责单位", F_DEPT},     {"实施单位", F_DEPT},
    {"承办单位", F_DEPT},     {"承担单位", F_DEPT},     {"实施部门", F_DEPT},
    {"主责部门", F_DEPT},     {"配合单位", F_CO},       {"协办单位", F_CO},
    {"配合部门", F_CO},       {"参与单位", F_CO},       {"协同单位", F_CO},
    {"项目名称", F_CONTENT},  {"项目内容", F_CONTENT},  {"实事内容", F_CONTENT},
    {"实事项目", F_CONTENT},  {"领办项目", F_CONTENT},  {"任务名称", F_CONTENT},
    {"主管领导", F_LEADER},   {"分管领导", F_LEADER},   {"责任领导", F_LEADER},
    {"牵头领导", F_LEADER},   {"主要责任人", F_EXTRA},  {"责任人", F_EXTRA},
    {"负责人", F_EXTRA},      {"工作进展", F_PROGRESS}, {"进展情况", F_PROGRESS},
    {"进度情况", F_PROGRESS}, {"完成情况", F_PROGRESS}, {"落实情况", F_PROGRESS},
    {"实施情况", F_PROGRESS}, {"工作进度", F_PROGRESS}, {"实际进度", F_PROGRESS},
    {"进度安排", F_PLANNED},  {"计划进度", F_PLANNED},  {"时间节点", F_PLANNED},
    {"目标任务", F_TARGET},   {"工作任务", F_TARGET},   {"年度目标", F_TARGET},
    {"完成状态", F_STATUS},   {"进展状态", F_STATUS},   {"进展", F_PROGRESS},
    {"进度", F_PROGRESS},     {"序号", F_SEQ},          {"编号", F_SEQ},
};
#define N_LABELS (sizeof labels / sizeof *labels)

/* Status words of bucket headings. The phrase kept as status_text is the
 * one starting first, the longest there ("尚未完成", not "未完成";
 * "未按序时推进", not "按序时推进"). */
static const char *const bucket_words[] = {
    "进度偏慢", "进展偏慢", "进度较慢", "进展较慢", "推进较慢", "进度缓慢",
    "进展缓慢", "推进缓慢", "尚未完成", "还未完成", "没有完成", "未完成",
    "未开工", "欠序时", "慢序时", "慢于序时", "低于序时", "落后于序时",
    "落后序时", "未达序时", "未达到序时", "未按序时", "未按计划", "进度滞后", "滞后",
    "提前完成", "超额完成", "全面完成", "已完成", "基本完成", "正常推进",
    "序时推进", "按序时推进", "按计划推进", "进展顺利", "进展较快",
};

/* Lagging wording the status vocabulary (status.c) does not hold yet: a
 * word of a bucket heading or of an item's text that flags it behind. */
static const char *const slow_words[] = {"偏慢", "较慢", "缓慢", "欠序时",
                                         "未开工", "慢于序时", "低于序时",
                                         "落后于序时", "落后序时", "未达序时",
                                         "未达到序时"};

typedef struct record {
    bool open;
    const char *seq;
    seg content;
    seg dept, co, progress, status, planned, target, leader;
    seg extra_name[8], extra_val[8];
    size_t n_extra;
    int line;
    seg tail;        /* the last line read into the record */
    field cur;       /* a label alone on its line: the field lines go to */
    bool from_label; /* holds a label line: its values need no closing 。 */
} record;

typedef struct kv {
    bl_model *m;
    bl_document *d;
    bl_keyed k;
    const char *t; /* the key */
    size_t n;
    size_t seen; /* line_of's cache */
    int seen_line;
    bl_list *list;
    seg list_title; /* heading for the next list; s == e when none */
    bool new_list;  /* the next project opens a new list */
    seg group_dept; /* department of a group heading */
    int group_count, group_found, group_line;
    bool in_bucket; /* items of a bucket are projects by themselves */
    bool bucket_behind;
    seg bucket_status;
    record r;
    seg pending; /* last plain line: the title of a record whose labels follow */
    int pending_line;
    seg last_line; /* the page's last non-blank line */
    size_t n_records; /* records made from labelled lines */
} kv;

/* --- key helpers --------------------------------------------------------- */

static bool at(const kv *p, size_t i, const char *w)
{
    size_t n = strlen(w);
    return i + n <= p->n && memcmp(p->t + i, w, n) == 0;
}

static size_t find(const kv *p, size_t s, size_t e, const char *w)
{
    size_t n = strlen(w);
    for (size_t i = s; i + n <= e; i++)
        if (p->t[i] == w[0] && memcmp(p->t + i, w, n) == 0)
            return i;
    return NONE;
}

/* g ends with w (never reading before g). */
static bool ends(const kv *p, seg g, const char *w)
{
    size_t n = strlen(w);
    return g.e >= g.s + n && memcmp(p->t + g.e - n, w, n) == 0;
}

static bool has(const kv *p, seg g, const char *w)
{
    return find(p, g.s, g.e, w) != NONE;
}

static char *src(const kv *p, seg g)
{
    return bl_keyed_source(p->m->arena, &p->k, g.s, g.e);
}

static char *key_copy(const kv *p, seg g)
{
    return bl_arena_strndup(p->m->arena, p->t + g.s, g.e > g.s ? g.e - g.s : 0);
}

static int line_of(kv *p, size_t i)
{
    for (; p->seen < i; p->seen++)
        p->seen_line += p->t[p->seen] == '\n';
    while (p->seen > i)
        p->seen_line -= p->t[--p->seen] == '\n';
    return p->seen_line;
}

static size_t cp_count(const kv *p, seg g)
{
    size_t n = 0;
    for (size_t i = g.s; i < g.e; i++)
        n += ((unsigned char)p->t[i] & 0xC0) != 0x80;
    return n;
}

/* Separators trimmed off both ends of a value. */
static size_t sep_len(const kv *p, size_t i)
{
    static const char *const seps[] = {"。", "、", ";", ",", ":", ".", " "};
    for (size_t j = 0; j < sizeof seps / sizeof *seps; j++)
        if (at(p, i, seps[j]))
            return strlen(seps[j]);
    return 0;
}

static seg trim(const kv *p, seg g)
{
    size_t n;
    while (g.s < g.e && (n = sep_len(p, g.s)) && g.s + n <= g.e)
        g.s += n;
    for (bool cut = true; cut && g.e > g.s;) {
        cut = false;
        for (size_t back = 1; back <= 3 && back <= g.e - g.s; back++)
            if ((n = sep_len(p, g.e - back)) == back) {
                g.e -= back;
                cut = true;
                break;
            }
    }
    return g;
}

static bool empty(seg g)
{
    return g.e <= g.s;
}

/* The line [i, e) without its surrounding spaces and CR. */
static seg line_seg(const kv *p, size_t i, size_t e)
{
    while (i < e && (p->t[i] == ' ' || p->t[i] == '\r'))
        i++;
    while (e > i && (p->t[e - 1] == ' ' || p->t[e - 1] == '\r'))
        e--;
    return (seg){i, e};
}

/* --- vocabulary ---------------------------------------------------------- */

static bool says_slow(const char *s)
{
    for (size_t i = 0; i < sizeof slow_words / sizeof *slow_words; i++)
        if (strstr(s, slow_words[i]))
            return true;
    return bl_text_says_behind(s) || bl_status_classify(s) == BL_STATUS_NOT_DONE;
}

/* The label at i followed by ':' (or, when alone, by the line end). */
static const label *label_at(const kv *p, size_t i, size_t *len)
{
    /* The first character's three bytes first (every label opens with a
     * Han character): the sniffer asks at every character. */
    if (i + 3 > p->n)
        return NULL;
    const char *t = p->t + i;
    for (size_t j = 0; j < N_LABELS; j++)
        if (t[0] == labels[j].word[0] && t[1] == labels[j].word[1] &&
            t[2] == labels[j].word[2] && at(p, i, labels[j].word)) {
            *len = strlen(labels[j].word);
            return &labels[j];
        }
    return NULL;
}

/* A place rather than an office: 各县区政府, 镇街, 各平台. */
static bool is_place(const char *s)
{
    static const char *const places[] = {"镇街", "县区", "乡镇", "街镇", "平台"};
    if (bl_text_starts_with(s, "各"))
        return true;
    for (size_t i = 0; i < sizeof places / sizeof *places; i++)
        if (strcmp(s, places[i]) == 0)
            return true;
    return false;
}

/* A ranking entry: a short name of a county, district or town alone. */
static bool is_place_name(const char *s)
{
    static const char *const ends[] = {"县", "区", "市", "镇", "乡", "街道", "村"};
    if (bl_utf8_count(s) > 8 || bl_has_sentence_punct(s))
        return false;
    for (size_t i = 0; i < sizeof ends / sizeof *ends; i++)
        if (bl_text_ends_with(s, ends[i]))
            return true;
    return false;
}

/* --- markers ------------------------------------------------------------- */

static const char *const numerals[] = {"一", "二", "三", "四", "五",
                                       "六", "七", "八", "九", "十"};

/* An item marker at i: "1、" "01." "1)" "(1)" "①" "一是". Sets *len and
 * writes the number as printed to seq; 0 when none. A decimal ("1.5") is
 * no marker. */
static size_t marker_at(const kv *p, size_t i, char *seq, size_t cap)
{
    size_t j = i, open = 0;
    if (at(p, j, "(")) {
        open = 1;
        j++;
    }
    size_t d = j;
    while (d < p->n && d - j < 3 && p->t[d] >= '0' && p->t[d] <= '9')
        d++;
    if (d > j) {
        size_t n = d - j;
        size_t close = 0;
        if (open)
            close = at(p, d, ")") ? 1 : 0;
        else if (at(p, d, "、"))
            close = 3;
        else if (at(p, d, ".") && !(d + 1 < p->n && p->t[d + 1] >= '0' && p->t[d + 1] <= '9'))
            close = 1;
        else if (at(p, d, ")"))
            close = 1;
        if (!close)
            return 0;
        snprintf(seq, cap, "%.*s", (int)n, p->t + j);
        return d + close - i;
    }
    if (open)
        return 0;
    /* ① .. ⑳ are U+2460 .. U+2473: E2 91 A0 .. E2 91 B3. */
    const unsigned char *u = (const unsigned char *)p->t + i;
    if (i + 3 <= p->n && u[0] == 0xE2 && u[1] == 0x91 && u[2] >= 0xA0 && u[2] <= 0xB3) {
        snprintf(seq, cap, "%d", u[2] - 0xA0 + 1);
        return 3;
    }
    for (int k = 0; k < 10; k++)
        if (at(p, i, numerals[k]) && at(p, i + 3, "是")) {
            snprintf(seq, cap, "%s", numerals[k]);
            return 6;
        }
    return 0;
}

/* "01" alone on a line: a zero-padded or plain record number. */
static bool number_line(const kv *p, seg g, char *seq, size_t cap)
{
    size_t n = g.e - g.s;
    if (!n || n > 3)
        return false;
    for (size_t i = g.s; i < g.e; i++)
        if (p->t[i] < '0' || p->t[i] > '9')
            return false;
    snprintf(seq, cap, "%.*s", (int)n, p->t + g.s);
    return true;
}

/* A section heading "二、部分项目进展情况": a numeral, 、, and a short line
 * without a sentence in it. */
static bool section_heading(const kv *p, seg g, seg *title)
{
    for (int k = 0; k < 10; k++)
        if (at(p, g.s, numerals[k]) && at(p, g.s + 3, "、")) {
            seg rest = {g.s + 6, g.e};
            if (cp_count(p, rest) > 30 || has(p, rest, "。") || has(p, rest, ";"))
                return false;
            *title = g;
            return true;
        }
    return false;
}

/* "区委办公室(8项)", "二、市教育局(共3项)": an office naming how many
 * items follow; "区教育局:" alone on its line heads its items too. */
static bool group_heading(const kv *p, seg g, seg *dept, int *count)
{
    for (int k = 0; k < 10; k++)
        if (at(p, g.s, numerals[k]) && at(p, g.s + 3, "、"))
            g.s += 6;
    if (ends(p, g, ":") && g.e - 1 > g.s) { /* "区教育局:" over its items */
        *dept = (seg){g.s, g.e - 1};
        *count = 0;
        return bl_is_department_name(key_copy(p, *dept));
    }
    size_t open = find(p, g.s, g.e, "(");
    if (open == NONE || open == g.s || !ends(p, g, ")"))
        return false;
    size_t q = open + 1;
    if (at(p, q, "共"))
        q += 3;
    size_t digits = q;
    int v = 0;
    while (q < g.e && p->t[q] >= '0' && p->t[q] <= '9' && v < 10000)
        v = v * 10 + (p->t[q++] - '0');
    if (q == digits || !at(p, q, "项") || q + 3 != g.e - 1)
        return false;
    *dept = (seg){g.s, open};
    *count = v;
    return bl_is_department_name(key_copy(p, *dept));
}

/* --- departments --------------------------------------------------------- */

/* Sets the entry's lead unit and co-units from a value listing units
 * ("市扶贫办、市移民局,各县区政府"): the first is the lead, places are
 * dropped, a trailing 等 is not part of the name. */
static void set_departments(kv *p, bl_entry *e, seg v, bool co_only)
{
    size_t from = v.s;
    for (size_t i = v.s; i <= v.e; i++) {
        size_t n = i < v.e ? sep_len(p, i) : 1;
        if (i < v.e && (!n || at(p, i, " ") || at(p, i, ".")))
            continue;
        seg u = trim(p, (seg){from, i});
        if (ends(p, u, "等"))
            u.e -= 3;
        from = i + n;
        i += n ? n - 1 : 0;
        if (empty(u) || is_place(key_copy(p, u)))
            continue;
        char *name = src(p, u);
        if (!co_only && !e->department)
            e->department = name;
        else
            bl_entry_add_co_department(p->m, e, name);
    }
}

/* A bare "(区民政局)" after an item names its unit when it is an office of
 * a level (区/市/县/省/镇/乡 …局): a site such as "(八公山乡污水处理站)" is
 * part of the item. */
static bool bare_department(const kv *p, seg g)
{
    static const char *const levels[] = {"区", "市", "县", "省", "镇", "乡"};
    char *s = key_copy(p, g);
    if (!bl_is_department_name(s))
        return false;
    for (size_t i = 0; i < sizeof levels / sizeof *levels; i++)
        if (bl_text_starts_with(s, levels[i]))
            return true;
    return false;
}

/* What a "(…)" after items holds is their unit: "区民政局", or
 * "区商务局等" (set_departments drops the 等). */
static bool unit_in_paren(const kv *p, seg in)
{
    return bare_department(p, in) ||
           (ends(p, in, "等") && bare_department(p, (seg){in.s, in.e - 3}));
}

/* --- lists and projects -------------------------------------------------- */

static bl_list *current_list(kv *p, int line)
{
    if (p->list && !p->new_list)
        return p->list;
    const char *title = !empty(p->list_title) ? src(p, p->list_title) : p->d->title;
    p->list = bl_model_add_list(p->m, p->d, title, line);
    p->list->level = bl_level_guess(title ? title : "");
    if (p->list->level == BL_LEVEL_NONE && p->d->title)
        p->list->level = bl_level_guess(p->d->title);
    p->new_list = false;
    return p->list;
}

/* The clause of text (key offsets) holding the first lagging word:
 * "其中,高龄津贴发放进度较慢的为霍邱县" -> "高龄津贴发放进度较慢的为霍邱县". */
static const char *slow_clause(kv *p, seg g)
{
    size_t w = NONE;
    for (size_t i = 0; i < sizeof slow_words / sizeof *slow_words; i++) {
        size_t q = find(p, g.s, g.e, slow_words[i]);
        if (q < w)
            w = q;
    }
    if (w == NONE)
        return NULL;
    size_t s = w, e = w;
    while (s > g.s && !sep_len(p, s - 1) && !(s >= g.s + 3 && sep_len(p, s - 3) == 3))
        s--;
    while (e < g.e && !sep_len(p, e))
        e++;
    return src(p, (seg){s, e});
}

/* Behind when the item's own text or its bucket heading says it lags; the
 * reason is the item's own wording of it. */
static void set_behind(kv *p, bl_entry *e, seg progress)
{
    const char *text = e->progress ? e->progress : "";
    if (p->bucket_behind)
        e->behind = true;
    const char *k = bl_key(p->m->arena, text);
    if (says_slow(k) || (e->status_text && says_slow(bl_key(p->m->arena, e->status_text)))) {
        e->behind = true;
        e->behind_reason = bl_behind_reason(p->m->arena, text);
        if (!e->behind_reason && !empty(progress))
            e->behind_reason = slow_clause(p, progress);
    }
}

/* Completion rates the item's own progress states (完成率64%); other
 * percentages are figures (rate.h). */
static void set_rates(kv *p, bl_entry *e)
{
    double v[16];
    if (!e->progress)
        return;
    size_t n = bl_rates_from_text(bl_key(p->m->arena, e->progress), v, 16);
    for (size_t i = 0; i < n && i < 16; i++)
        bl_entry_add_rate(p->m, e, v[i], BL_RATE_TEXT);
}

static bl_project *add_project(kv *p, const char *seq, seg content, int line)
{
    bl_list *l = current_list(p, line);
    char num[16];
    if (!seq) {
        snprintf(num, sizeof num, "%zu", l->n_projects + 1);
        seq = num;
    }
    bl_project *pr = bl_model_add_project(p->m, l, bl_arena_strdup(p->m->arena, seq), line);
    pr->content = src(p, content);
    p->group_found++;
    return pr;
}

static void add_extra(kv *p, bl_entry *e, seg name, seg value)
{
    bl_entry_add_extra(p->m, e, src(p, name), src(p, value));
}

/* --- records ------------------------------------------------------------- */

static void record_set(kv *p, field f, seg name, seg v)
{
    record *r = &p->r;
    v = trim(p, v);
    seg *to = NULL;
    switch (f) {
    case F_CONTENT: to = &r->content; break;
    case F_DEPT: to = &r->dept; break;
    case F_CO: to = &r->co; break;
    case F_LEADER: to = &r->leader; break;
    case F_PROGRESS: to = &r->progress; break;
    case F_PLANNED: to = &r->planned; break;
    case F_TARGET: to = &r->target; break;
    case F_STATUS: to = &r->status; break;
    case F_EXTRA:
        if (r->n_extra < 8) {
            r->extra_name[r->n_extra] = name;
            r->extra_val[r->n_extra++] = v;
        }
        return;
    case F_SEQ:
        if (!empty(v) && v.e - v.s < 16)
            r->seq = key_copy(p, v);
        return;
    case F_NONE: return;
    }
    if (empty(*to))
        *to = v;
    else if (!empty(v))
        to->e = v.e; /* a value on several lines: one span of the source */
}

/* The "(" of a "(…)" closing g, or NONE. */
static size_t open_paren(const kv *p, seg g)
{
    if (empty(g) || p->t[g.e - 1] != ')')
        return NONE;
    for (size_t i = g.e - 1; i > g.s; i--)
        if (p->t[i - 1] == '(')
            return i - 1;
    return NONE;
}

/* A "(完成)" right after a title: the item's status as printed. */
static seg paren_status(const kv *p, seg *content)
{
    seg none = {0, 0};
    size_t open = open_paren(p, *content);
    if (open == NONE)
        return none;
    seg in = {open + 1, content->e - 1};
    char *s = key_copy(p, in);
    if (bl_utf8_count(s) > 6 || bl_has_digit(s) ||
        (bl_status_classify(s) == BL_STATUS_UNKNOWN && !strstr(s, "完成") &&
         !strstr(s, "推进") && !says_slow(s)))
        return none;
    content->e = open;
    return in;
}

/* A progress opening with a bare status phrase ("已完成。…") states the
 * status; NULL otherwise. */
static const char *progress_status(const kv *p, seg g)
{
    size_t dot = find(p, g.s, g.e, "。");
    seg first = {g.s, dot == NONE ? g.e : dot};
    char *s = key_copy(p, first);
    return bl_status_is_phrase(s) ? src(p, first) : NULL;
}

static bool record_has_detail(const record *r)
{
    return !empty(r->dept) || !empty(r->progress) || !empty(r->status) ||
           !empty(r->planned) || !empty(r->target) || !empty(r->leader) || r->n_extra;
}

static void fill_entry(kv *p, bl_entry *e);

static void record_close(kv *p)
{
    record *r = &p->r;
    if (!r->open)
        return;
    r->open = false;
    seg c = trim(p, r->content);
    if (empty(c) || (!record_has_detail(r) && empty(p->group_dept) && !p->in_bucket))
        return;
    if (is_place_name(key_copy(p, c)) && empty(r->dept))
        return;
    bl_project *pr = add_project(p, r->seq, c, r->line);
    fill_entry(p, bl_model_add_entry(p->m, pr, r->line));
    if (r->from_label)
        p->n_records++;
}

/* The record's fields into its entry, as printed. */
static void fill_entry(kv *p, bl_entry *e)
{
    const record *r = &p->r;
    if (!empty(r->dept))
        set_departments(p, e, r->dept, false);
    else if (!empty(p->group_dept))
        e->department = src(p, p->group_dept);
    if (!empty(r->co))
        set_departments(p, e, r->co, true);
    if (!empty(r->leader))
        e->leader = src(p, r->leader);
    if (!empty(r->progress))
        e->progress = src(p, r->progress);
    if (!empty(r->planned))
        e->planned = src(p, r->planned);
    if (!empty(r->target))
        e->target = src(p, r->target);
    if (!empty(r->status))
        e->status_text = src(p, r->status);
    else if (!empty(p->bucket_status))
        e->status_text = src(p, p->bucket_status);
    else if (!empty(r->progress))
        e->status_text = progress_status(p, r->progress);
    for (size_t i = 0; i < r->n_extra; i++)
        add_extra(p, e, r->extra_name[i], r->extra_val[i]);
    set_behind(p, e, r->progress);
    set_rates(p, e);
}

static void record_open(kv *p, const char *seq, int line)
{
    record_close(p);
    memset(&p->r, 0, sizeof p->r);
    p->r.open = true;
    p->r.seq = seq ? bl_arena_strdup(p->m->arena, seq) : NULL;
    p->r.line = line;
}

/* Is i where an inline label may start: the item's start, or right after
 * a separator or an opening parenthesis. */
static bool label_boundary(const kv *p, size_t s, size_t i)
{
    static const char *const before[] = {"。", ",", ";", "(", " ", "、", "\n", "【", "】"};
    if (i == s)
        return true;
    for (size_t j = 0; j < sizeof before / sizeof *before; j++) {
        size_t n = strlen(before[j]);
        if (i >= s + n && memcmp(p->t + i - n, before[j], n) == 0)
            return true;
    }
    return false;
}

/* What closes a label at i of length len: ":" (1), or "】" (3) when "【"
 * opens it ("【责任单位】市教育局"); 0 when the word is no label there. */
static size_t label_close(const kv *p, size_t i, size_t len)
{
    if (at(p, i + len, ":"))
        return 1;
    if (i >= 3 && at(p, i - 3, "【") && at(p, i + len, "】"))
        return 3;
    return 0;
}

/* The label opening the line g, "LABEL" or "【LABEL】"; for the latter g
 * starts past the "【" (label_close then sees it). */
static const label *line_label(const kv *p, seg *g, size_t *len)
{
    const label *lb = label_at(p, g->s, len);
    if (lb || !at(p, g->s, "【"))
        return lb;
    lb = label_at(p, g->s + 3, len);
    if (!lb || label_close(p, g->s + 3, *len) != 3)
        return NULL;
    g->s += 3;
    return lb;
}

/* The label of len bytes opening g is all of it: its value is below. */
static bool label_alone(const kv *p, seg g, size_t len)
{
    return g.s + len + (label_close(p, g.s, len) == 3 ? 3 : 0) == g.e;
}

/* The next inline "LABEL:" in [s, e) at or after from; NONE when none. */
static size_t next_label(const kv *p, size_t s, size_t from, size_t e,
                         const label **lb, size_t *len)
{
    for (size_t i = from; i < e; i++) {
        if (((unsigned char)p->t[i] & 0xC0) == 0x80)
            continue;
        if ((*lb = label_at(p, i, len)) && label_close(p, i, *len) && label_boundary(p, s, i))
            return i;
    }
    return NONE;
}

/* Whether i lies inside a "(" of [s, i) not closed before it:
 * "(责任单位:市教育局;配合单位:市财政局)" for the second label. */
static bool in_paren(const kv *p, size_t s, size_t i)
{
    size_t depth = 0;
    for (size_t j = s; j < i; j++)
        if (p->t[j] == '(')
            depth++;
        else if (p->t[j] == ')' && depth)
            depth--;
    return depth > 0;
}

/* The end of a department value at v: the closing parenthesis when the
 * label sat in one, else the sentence's end. */
static size_t dept_end(const kv *p, size_t v, size_t e, bool in_paren)
{
    for (size_t i = v; i < e; i++)
        if ((in_paren && p->t[i] == ')') || (!in_paren && (at(p, i, "。") || p->t[i] == ';')))
            return i;
    return e;
}

/* The inline labels of an item from first on, into the record. Sets the
 * head's end (a "(" opening a unit's note belongs to the note) and the
 * text after a department, which is the item's progress when it has no
 * label of its own ("。其中,…进度较慢的为叶集区"). */
static void read_labels(kv *p, seg g, size_t i, const label *lb, size_t len,
                        seg *head, seg *tail)
{
    while (i != NONE) {
        const label *cur = lb;
        size_t v = i + len + label_close(p, i, len);
        bool opens = i > g.s && p->t[i - 1] == '(';
        bool paren = opens || in_paren(p, g.s, i);
        size_t next = next_label(p, g.s, v, g.e, &lb, &len);
        size_t end = next == NONE ? g.e : next;
        if (next != NONE && p->t[next - 1] == '(')
            end = next - 1; /* "市住建局(配合单位:…)": the "(" opens the next */
        else if (next != NONE && label_close(p, next, len) == 3)
            end = next - 3; /* "…【责任单位】": so does the "【" */
        seg name = {i, i + len};
        if (cur->f == F_DEPT || cur->f == F_CO) {
            size_t de = dept_end(p, v, end, paren);
            record_set(p, cur->f, name, (seg){v, de});
            if (opens && head->e == i)
                head->e = i - 1;
            size_t after = de + (de < end && p->t[de] == ')' ? 1 : 0);
            if (after < end && cur->f == F_DEPT)
                *tail = (seg){after, end};
        } else if (cur->f == F_SEQ) {
            /* "序号:01 新建公园 责任单位:…": the title follows the number. */
            size_t se = v;
            while (se < end && p->t[se] >= '0' && p->t[se] <= '9')
                se++;
            record_set(p, F_SEQ, name, (seg){v, se});
            if (empty(trim(p, *head)))
                *head = (seg){se, end};
        } else {
            record_set(p, cur->f, name, (seg){v, end});
        }
        i = next;
    }
}

/* What the title itself carries: "title(完成)" a status, "title(区民政局)"
 * a unit; "title:details" without labels the details. */
static seg read_head(kv *p, seg head, bool labelled)
{
    head = trim(p, head);
    if (!labelled) {
        size_t colon = find(p, head.s, head.e, ":");
        if (colon != NONE && cp_count(p, (seg){head.s, colon}) <= 80) {
            record_set(p, F_PROGRESS, head, (seg){colon + 1, head.e});
            head.e = colon;
        }
    }
    seg st = paren_status(p, &head);
    if (!empty(st))
        record_set(p, F_STATUS, st, st);
    size_t open = empty(p->r.dept) ? open_paren(p, head) : NONE;
    if (open != NONE && unit_in_paren(p, (seg){open + 1, head.e - 1})) {
        record_set(p, F_DEPT, head, (seg){open + 1, head.e - 1});
        head.e = open;
    }
    return trim(p, head);
}

/* The body of one item: its title (head), inline labels and what follows
 * a department. */
static void parse_item(kv *p, seg g)
{
    const label *lb;
    size_t len;
    size_t first = next_label(p, g.s, g.s, g.e, &lb, &len);
    seg head = {g.s, first == NONE ? g.e : first};
    seg tail = {g.e, g.e};
    read_labels(p, g, first, lb, len, &head, &tail);
    head = read_head(p, head, first != NONE);
    if (empty(p->r.content))
        p->r.content = head;
    tail = trim(p, tail);
    if (!empty(tail) && empty(p->r.progress))
        record_set(p, F_PROGRESS, tail, tail);
}

/* --- buckets ------------------------------------------------------------- */

/* The status word of a heading clause, or an empty seg. */
static seg bucket_word(const kv *p, seg g)
{
    seg best = {0, 0};
    for (size_t i = 0; i < sizeof bucket_words / sizeof *bucket_words; i++) {
        size_t n = strlen(bucket_words[i]);
        /* Only a word starting no later than the best so far can win. */
        size_t limit = empty(best) || best.s + n > g.e ? g.e : best.s + n;
        size_t q = find(p, g.s, limit, bucket_words[i]);
        if (q == NONE)
            continue;
        if (empty(best) || q < best.s || (q == best.s && q + n > best.e))
            best = (seg){q, q + n};
    }
    return best;
}

/* Where the clause holding i starts: past the last 。 ; , : or line start. */
static size_t clause_start(const kv *p, size_t lo, size_t i)
{
    while (i > lo) {
        if (p->t[i - 1] == '\n' || p->t[i - 1] == ',' || p->t[i - 1] == ';' ||
            p->t[i - 1] == ':' || (i - lo >= 3 && at(p, i - 3, "。")))
            return i;
        i--;
    }
    return lo;
}

/* A bucket heading ends at the colon of "…项为:", "…分别是:", "…有7项:",
 * or just before the "一是" opening an enumeration. It names a count or
 * 项目/工作 and a status word. Sets the heading clause and the start of
 * its items. */
static bool bucket_at(const kv *p, size_t lo, size_t i, seg *heading, size_t *items)
{
    char seq[16];
    size_t start;
    if (p->t[i] == ':') {
        start = clause_start(p, lo, i);
        *items = i + 1;
    } else if (i > lo && p->t[i - 1] == ',' && marker_at(p, i, seq, sizeof seq) == 6 &&
               strcmp(seq, "一") == 0) {
        start = clause_start(p, lo, i - 1);
        *items = i;
        i--;
    } else {
        return false;
    }
    seg h = {start, i};
    if (empty(h) || cp_count(p, h) > 40)
        return false;
    if (!has(p, h, "项") && !has(p, h, "工作") && !has(p, h, "件"))
        return false;
    if (empty(bucket_word(p, h)))
        return false;
    *heading = h;
    return true;
}

static void start_bucket(kv *p, seg heading)
{
    record_close(p);
    p->list_title = heading;
    p->new_list = true;
    p->in_bucket = true;
    p->bucket_status = bucket_word(p, heading);
    p->bucket_behind = says_slow(key_copy(p, p->bucket_status));
    p->group_dept = (seg){0, 0};
}

/* "8项进展偏慢的…", "进度滞后的项目有3项": the count a heading states
 * before a 项 (not the 项 of 项目), 0 when none. */
static int stated_count(const kv *p, seg h)
{
    for (size_t q = find(p, h.s, h.e, "项"); q != NONE; q = find(p, q + 3, h.e, "项")) {
        size_t d = q;
        while (d > h.s && p->t[d - 1] >= '0' && p->t[d - 1] <= '9' && q - d < 5)
            d--;
        int v = 0;
        for (size_t i = d; i < q; i++)
            v = v * 10 + (p->t[i] - '0');
        if (v)
            return v;
    }
    return 0;
}

static void end_bucket(kv *p)
{
    record_close(p);
    int want = stated_count(p, p->list_title);
    size_t got = p->list && !p->new_list ? p->list->n_projects : 0;
    if (want && got < (size_t)want)
        bl_document_warn(p->m, p->d, line_of(p, p->list_title.s),
                         "%zu of the %d items the heading states were read", got, want);
    p->in_bucket = p->bucket_behind = false;
    p->bucket_status = (seg){0, 0};
    /* What follows the bucket is not in it. */
    p->list_title = (seg){0, 0};
    p->new_list = true;
}

static bool short_piece(const kv *p, seg g)
{
    return cp_count(p, g) <= 2;
}

/* Items joined by 、 under one "(unit)": "A、B、C(区综合执法局)". A piece of
 * one or two characters is no item ("新建、改扩建旅游厕所", "低保、特困、
 * 失独老人"): it stays with its neighbours. */
static void bucket_group(kv *p, seg g, int line)
{
    /* A piece holds at least one 、 (three bytes) after it. */
    seg *pieces = bl_arena_alloc(p->m->arena, ((g.e - g.s) / 3 + 1) * sizeof *pieces);
    size_t n = 0, from = g.s, depth = 0;
    for (size_t i = g.s; i <= g.e; i++) {
        if (i < g.e && p->t[i] == '(')
            depth++;
        else if (i < g.e && p->t[i] == ')' && depth)
            depth--;
        if (i < g.e && !(depth == 0 && at(p, i, "、")))
            continue;
        pieces[n++] = (seg){from, i};
        from = i + 3;
        i += 2;
    }
    /* The unit closes the last piece and applies to all. */
    seg dept = {0, 0};
    size_t open = n ? open_paren(p, pieces[n - 1]) : NONE;
    if (open != NONE && unit_in_paren(p, (seg){open + 1, pieces[n - 1].e - 1})) {
        dept = (seg){open + 1, pieces[n - 1].e - 1};
        pieces[n - 1].e = open;
    }
    for (size_t i = 0; i < n; i++) {
        seg item = pieces[i];
        while (i + 1 < n && (short_piece(p, pieces[i]) || short_piece(p, pieces[i + 1]))) {
            item.e = pieces[i + 1].e;
            i++;
        }
        record_open(p, NULL, line);
        parse_item(p, trim(p, item));
        if (empty(p->r.dept))
            p->r.dept = dept;
        record_close(p);
    }
}

/* The items of a bucket in [s, e): split at ";", markers and line ends when
 * there are such, else at "," between groups and "、" within them. */
static void bucket_items(kv *p, seg body)
{
    char seq[16];
    bool strong = false;
    for (size_t i = body.s; i < body.e && !strong; i++)
        strong = p->t[i] == ';' || p->t[i] == '\n' ||
                 (label_boundary(p, body.s, i) && marker_at(p, i, seq, sizeof seq));
    size_t from = body.s, depth = 0;
    const char *cur_seq = NULL;
    for (size_t i = body.s; i <= body.e; i++) {
        size_t mlen = 0;
        bool cut = i == body.e;
        if (!cut && p->t[i] == '(')
            depth++;
        else if (!cut && p->t[i] == ')' && depth)
            depth--;
        if (!cut && depth == 0) {
            if (strong)
                cut = p->t[i] == ';' || p->t[i] == '\n' ||
                      (label_boundary(p, body.s, i) && (mlen = marker_at(p, i, seq, sizeof seq)));
            else
                cut = p->t[i] == ',';
        }
        if (!cut)
            continue;
        seg item = trim(p, (seg){from, i});
        int line = line_of(p, from);
        if (!empty(item)) {
            if (strong) {
                record_open(p, cur_seq, line);
                parse_item(p, item);
                record_close(p);
            } else {
                bucket_group(p, item, line);
            }
        }
        cur_seq = mlen ? bl_arena_strdup(p->m->arena, seq) : NULL;
        from = i + (mlen ? mlen : 1);
        if (mlen)
            i += mlen - 1;
    }
}

/* A multi-line bucket: its items are the lines after the heading, up to
 * the one that closes with 。. Returns the key offset after them. */
static size_t bucket_lines(const kv *p, size_t from)
{
    size_t i = from;
    while (i < p->n) {
        size_t e = i;
        while (e < p->n && p->t[e] != '\n')
            e++;
        seg g = line_seg(p, i, e);
        seg h;
        size_t it;
        for (size_t q = g.s; q < g.e; q++)
            if (bucket_at(p, g.s, q, &h, &it))
                return i;
        char seq[16];
        bool item = !empty(g) && marker_at(p, g.s, seq, sizeof seq);
        if (!item && ends(p, g, "。"))
            return e;
        if (!empty(g) && !item &&
            !(p->t[g.e - 1] == ';' || p->t[g.e - 1] == ',' || p->t[g.e - 1] == ')' ||
              ends(p, g, "、")))
            return i; /* a paragraph: the list has ended */
        i = e < p->n ? e + 1 : e;
    }
    return i;
}

/* --- lines --------------------------------------------------------------- */

/* Looks for a bucket heading in the line; reads its items and returns the
 * key offset where reading goes on, or NONE when the line holds none. */
/* The end of the clause from i: the next , ; 。 or the end of g. */
static size_t clause_end(const kv *p, size_t i, size_t e)
{
    while (i < e && p->t[i] != ',' && p->t[i] != ';' && !at(p, i, "。"))
        i++;
    return i;
}

/* Items named before the heading: "其中,A、B等3个项目进度滞后". At i
 * (a 等), a count or 项目/工程 must follow, and a lagging word in the same
 * clause ("受资金等因素影响进度滞后" names no items). Sets the items and the
 * heading; the items must be a clause of their own, short of a sentence. */
static bool reverse_bucket_at(const kv *p, seg g, size_t i, seg *items, seg *heading)
{
    static const char *const what[] = {"项目", "工程", "个项目", "项", "个"};
    if (!at(p, i, "等"))
        return false;
    size_t q = i + 3;
    while (q < g.e && p->t[q] >= '0' && p->t[q] <= '9')
        q++;
    bool named = false;
    for (size_t k = 0; k < sizeof what / sizeof *what && !named; k++)
        named = at(p, q, what[k]);
    if (!named)
        return false;
    seg h = {i + 3, clause_end(p, i, g.e)};
    if (cp_count(p, h) > 20 || !says_slow(key_copy(p, h)))
        return false;
    size_t s = clause_start(p, g.s, i);
    if (s == i || cp_count(p, (seg){s, i}) > 300)
        return false;
    *items = (seg){s, i};
    *heading = h;
    return true;
}

static size_t try_bucket(kv *p, seg g)
{
    seg h;
    size_t items;
    bool found = false;
    /* Several buckets may share a paragraph: each runs to its sentence's
     * end, and the next is looked for after it. */
    for (size_t i = g.s; i < g.e; i++) {
        seg named;
        if (reverse_bucket_at(p, g, i, &named, &h)) {
            found = true;
            start_bucket(p, h);
            bucket_items(p, named);
            end_bucket(p);
            i = h.e;
            continue;
        }
        if (!bucket_at(p, g.s, i, &h, &items))
            continue;
        found = true;
        start_bucket(p, h);
        seg rest = trim(p, (seg){items, g.e});
        if (empty(rest)) {
            size_t stop = bucket_lines(p, g.e + 1 <= p->n ? g.e + 1 : g.e);
            bucket_items(p, (seg){g.e, stop});
            end_bucket(p);
            return stop;
        }
        size_t end = find(p, items, g.e, "。");
        bucket_items(p, (seg){items, end == NONE ? g.e : end});
        end_bucket(p);
        i = end == NONE ? g.e : end + 2;
    }
    return found ? g.e : NONE;
}

/* A label at the start of the line: "责任单位:市教育局", "责任单位 市教育局"
 * or "责任单位" alone (its value on the lines below). A line of labels
 * apart ("项目名称 责任单位 进展情况") is a table's header, not a record. */
static bool label_line(kv *p, seg g, int line)
{
    size_t len;
    const label *lb = line_label(p, &g, &len);
    if (!lb)
        return false;
    bool alone = label_alone(p, g, len);
    seg spaced = {0, 0};
    if (!alone && p->t[g.s + len] == ' ') {
        size_t v = g.s + len;
        while (v < g.e && p->t[v] == ' ')
            v++;
        size_t n;
        if (label_at(p, v, &n))
            return false;
        spaced = (seg){v, g.e};
    }
    if (!alone && empty(spaced) && !label_close(p, g.s, len))
        return false;
    record *r = &p->r;
    if (lb->f == F_SEQ) { /* "序号:01 …" opens a record of its own */
        record_open(p, NULL, line);
        p->r.from_label = true;
        p->pending = (seg){0, 0};
        p->r.tail = g;
        parse_item(p, g);
        return true;
    }
    bool restart = r->open && lb->f == F_CONTENT && !empty(r->content);
    if (!r->open || restart) {
        /* The plain line above is the title unless the label names one:
         * the record starts on its title's line. */
        bool titled = !restart && !empty(p->pending) && lb->f != F_CONTENT;
        record_open(p, NULL, titled ? p->pending_line : line);
        if (titled)
            p->r.content = p->pending;
    }
    /* Also under a numbered title: a plain line after it is the next
     * record's title, not more of this record's last value. */
    p->r.from_label = true;
    p->pending = (seg){0, 0};
    p->r.tail = g;
    if (alone) {
        p->r.cur = lb->f;
        if (lb->f == F_EXTRA && p->r.n_extra < 8) {
            p->r.extra_name[p->r.n_extra] = (seg){g.s, g.s + len};
            p->r.extra_val[p->r.n_extra++] = (seg){0, 0};
        }
        return true;
    }
    p->r.cur = F_NONE;
    if (!empty(spaced))
        record_set(p, lb->f, (seg){g.s, g.s + len}, spaced);
    else
        parse_item(p, g);
    return true;
}

/* A plain line: the value of a label alone above it, or a title. */
static void plain_line(kv *p, seg g, int line)
{
    record *r = &p->r;
    if (r->open && r->cur != F_NONE) {
        r->tail = g;
        if (r->cur == F_EXTRA && r->n_extra) {
            seg *v = &r->extra_val[r->n_extra - 1];
            if (empty(*v))
                *v = g;
            else
                v->e = g.e;
        } else {
            record_set(p, r->cur, g, g);
        }
        return;
    }
    if (r->open && empty(r->content) && !record_has_detail(r)) {
        r->content = g; /* "01" / "新建城市公园": the title under its number */
        r->tail = g;
        return;
    }
    if (r->open && r->from_label)
        record_close(p);
    p->pending = g;
    p->pending_line = line;
}

static void numbered_line(kv *p, seg g, size_t mlen, const char *seq, int line)
{
    record_open(p, seq, line);
    p->pending = (seg){0, 0};
    seg body = {g.s + mlen, g.e};
    p->r.tail = g;
    /* "1、金寨县;2、裕安区;…": several numbered items on one line. */
    char next[16];
    size_t from = body.s;
    for (size_t i = body.s; i <= body.e; i++) {
        size_t n = 0;
        if (i < body.e && !(p->t[i] == ';' && (n = marker_at(p, i + 1, next, sizeof next))))
            continue;
        parse_item(p, (seg){from, i});
        if (i == body.e)
            break;
        record_open(p, next, line);
        p->r.tail = g;
        from = i + 1 + n;
        i += n;
    }
}

/* A line that is no item by its start but names its unit inline:
 * "新建公园,责任单位:市住建局,进展情况:已完成" is a record. */
static bool keyed_line(kv *p, seg g, int line)
{
    const label *lb;
    size_t len;
    size_t i = next_label(p, g.s, g.s, g.e, &lb, &len);
    while (i != NONE && lb->f != F_DEPT)
        i = next_label(p, g.s, i + len, g.e, &lb, &len);
    if (i == NONE)
        return false;
    record_open(p, NULL, line);
    p->r.from_label = true;
    p->pending = (seg){0, 0};
    p->r.tail = g;
    parse_item(p, g);
    return true;
}

/* A group heading states how many items follow: fewer is a cut excerpt. */
static void group_check(kv *p)
{
    if (!empty(p->group_dept) && p->group_found < p->group_count)
        bl_document_warn(p->m, p->d, p->group_line, "%d of %d items of the group read",
                         p->group_found, p->group_count);
}

static void one_line(kv *p, seg g, int line, size_t *resume)
{
    char seq[16];
    seg t;
    int count;
    *resume = NONE;
    if (group_heading(p, g, &t, &count)) {
        record_close(p);
        group_check(p);
        p->group_dept = t;
        p->group_count = count;
        p->group_found = 0;
        p->group_line = line;
        return;
    }
    if (section_heading(p, g, &t)) {
        record_close(p);
        p->list_title = t;
        p->new_list = p->list != NULL;
        p->group_dept = (seg){0, 0};
        p->pending = (seg){0, 0};
        return;
    }
    if ((*resume = try_bucket(p, g)) != NONE)
        return;
    if (number_line(p, g, seq, sizeof seq)) {
        record_open(p, seq, line);
        p->r.from_label = true;
        return;
    }
    size_t mlen = marker_at(p, g.s, seq, sizeof seq);
    if (mlen && mlen < g.e - g.s) {
        numbered_line(p, g, mlen, seq, line);
        return;
    }
    if (label_line(p, g, line))
        return;
    if (keyed_line(p, g, line))
        return;
    plain_line(p, g, line);
}

/* Ends with what closes a record: 。 ; ) or a closing quote. */
static bool closed(const kv *p, seg g)
{
    return !empty(g) && (p->t[g.e - 1] == ';' || p->t[g.e - 1] == ')' ||
                         ends(p, g, "。"));
}

/* The excerpt may stop inside a record: a last title left without its
 * labels ("新建、改扩建幼儿园84所,") still names one, and a record whose
 * text stops mid-sentence was read only in part. */
static void finish(kv *p)
{
    seg g = p->pending;
    if (!empty(g) && p->n_records && !p->r.open &&
        (p->t[g.e - 1] == ',' || ends(p, g, "、"))) {
        bl_project *pr = add_project(p, NULL, trim(p, g), p->pending_line);
        bl_model_add_entry(p->m, pr, p->pending_line);
        bl_document_warn(p->m, p->d, p->pending_line, "record cut off after its title");
    }
    /* Labelled values often close without punctuation: only an item of
     * running text that is the page's last line looks cut. */
    bool was_open = p->r.open && !p->r.from_label && p->r.tail.e == p->last_line.e;
    seg last = p->r.tail;
    size_t before = p->list ? p->list->n_projects : 0;
    record_close(p);
    if (was_open && !closed(p, last) && p->list && p->list->n_projects > before)
        bl_document_warn(p->m, p->d, line_of(p, last.s), "last record cut off");
    group_check(p);
}

/* The report's title: the first short line naming what it is. */
static bool title_like(const kv *p, seg g)
{
    static const char *const words[] = {"情况", "通报", "进展", "实事", "进度",
                                        "公示", "报告", "民生"};
    char seq[16];
    size_t len;
    seg first = g;
    /* Navigation (">", "|"), items and labels are no title. */
    if (empty(g) || cp_count(p, g) > 60 || has(p, g, ">") || has(p, g, "|") ||
        has(p, g, ":") || has(p, g, ";") || has(p, (seg){g.s, g.e - (ends(p, g, "。") ? 3 : 0)}, "。") ||
        marker_at(p, g.s, seq, sizeof seq) || line_label(p, &first, &len))
        return false;
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (has(p, g, words[i]))
            return true;
    return false;
}

/* "来源:温州市人民政府办公室 字体:…": the issuing office. */
static void read_office(kv *p)
{
    size_t q = find(p, 0, p->n, "来源:");
    if (q == NONE)
        return;
    size_t v = q + strlen("来源:"), e;
    while (v < p->n && p->t[v] == ' ')
        v++;
    for (e = v; e < p->n && p->t[e] != ' ' && p->t[e] != '\n' && p->t[e] != '\r'; e++)
        ;
    seg o = {v, e};
    if (!empty(o) && bl_is_department_name(key_copy(p, o)))
        p->d->office = src(p, o);
}

static void read_heading(kv *p)
{
    for (size_t i = 0; i < p->n && !p->d->title;) {
        size_t e = i;
        while (e < p->n && p->t[e] != '\n')
            e++;
        seg g = line_seg(p, i, e);
        if (title_like(p, g))
            p->d->title = src(p, g);
        i = e + 1;
    }
    read_office(p);
    char date[11];
    size_t len;
    if (bl_find_date(p->t, date, &len))
        p->d->published = bl_arena_strdup(p->m->arena, date);
    if (p->d->title)
        bl_period_apply(p->d, p->d->title);
}

static bool has_projects(const bl_document *d)
{
    for (const bl_list *l = d->lists; l; l = l->next)
        if (l->n_projects)
            return true;
    return false;
}

int bl_read_kv(bl_model *m, bl_document *d, const char *text, size_t len,
               bl_error *err)
{
    kv p = {.m = m, .d = d, .seen_line = 1};
    bl_key_map(m->arena, text, len, &p.k);
    p.t = p.k.key;
    p.n = p.k.len;
    d->format = "kv";
    read_heading(&p);
    for (size_t i = 0; i < p.n;) {
        size_t e = i;
        while (e < p.n && p.t[e] != '\n')
            e++;
        seg g = line_seg(&p, i, e);
        size_t resume = NONE;
        if (!empty(g)) {
            one_line(&p, g, line_of(&p, i), &resume);
            p.last_line = g;
        }
        /* A bucket read on past this line: go on after its items. */
        i = resume != NONE && resume > e ? resume : e + 1;
    }
    finish(&p);
    if (!has_projects(d))
        return bl_error_set(err, BL_EINPUT, d->source, 1,
                            "no records carrying a department or status found");
    return BL_OK;
}

/* --- sniffing ------------------------------------------------------------ */

typedef struct shape {
    int dept_labels; /* "责任单位:" and the like */
    int labels;      /* any inline "LABEL:" */
    int alone_labels; /* content or department labels alone on a line,
                         followed by their value (not another label, as
                         in a table's header) */
    bool after_label;
    int slow_buckets, other_buckets;
    int groups;
    int status_items; /* "1.title(完成):…" */
} shape;

static void sniff_line(kv *p, seg g, shape *sh)
{
    const label *lb;
    size_t len;
    for (size_t i = next_label(p, g.s, g.s, g.e, &lb, &len); i != NONE;
         i = next_label(p, g.s, i + len, g.e, &lb, &len))
    {
        sh->dept_labels += lb->f == F_DEPT;
        sh->labels++;
    }
    seg a = g;
    lb = line_label(p, &a, &len);
    bool alone = lb && label_alone(p, a, len);
    if (sh->after_label && !alone)
        sh->alone_labels++;
    if (lb && !alone && (lb->f == F_CONTENT || lb->f == F_DEPT) && p->t[a.s + len] == ' ') {
        size_t v = a.s + len, n;
        while (v < g.e && p->t[v] == ' ')
            v++;
        sh->alone_labels += !label_at(p, v, &n);
    }
    sh->after_label = alone && (lb->f == F_CONTENT || lb->f == F_DEPT);
    seg h, t;
    size_t items;
    int count;
    seg named;
    for (size_t i = g.s; i < g.e; i++)
        if (reverse_bucket_at(p, g, i, &named, &h))
            sh->slow_buckets++;
        else if (bucket_at(p, g.s, i, &h, &items)) {
            if (says_slow(key_copy(p, bucket_word(p, h))))
                sh->slow_buckets++;
            else
                sh->other_buckets++;
        }
    sh->groups += group_heading(p, g, &t, &count);
    char seq[16];
    size_t m = marker_at(p, g.s, seq, sizeof seq);
    size_t colon = m ? find(p, g.s + m, g.e, ":") : NONE;
    if (colon != NONE) {
        seg head = {g.s + m, colon};
        sh->status_items += !empty(paren_status(p, &head));
    }
}

int bl_sniff_kv(const char *text, size_t len)
{
    bl_model *m = bl_model_new();
    kv p = {.m = m};
    shape sh = {0};
    bl_key_map(m->arena, text, len, &p.k);
    p.t = p.k.key;
    p.n = p.k.len;
    for (size_t i = 0; i < p.n;) {
        size_t e = i;
        while (e < p.n && p.t[e] != '\n')
            e++;
        seg g = line_seg(&p, i, e);
        if (!empty(g))
            sniff_line(&p, g, &sh);
        i = e + 1;
    }
    bl_model_free(m);
    /* A table's header names its columns once; records repeat them. */
    if (sh.dept_labels >= 2 || sh.slow_buckets || sh.status_items >= 3 ||
        (sh.groups && sh.labels >= 2) || sh.alone_labels >= 4)
        return 75;
    /* Buckets of done or ahead items are also how narrative reports name
     * their items (the prose reader's); alone they only back a fallback. */
    if (sh.dept_labels || sh.other_buckets >= 2)
        return 30;
    if (sh.other_buckets)
        return 15;
    return 0;
}
