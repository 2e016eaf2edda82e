/* write_json.c - the model as JSON through cJSON, streamed a project at a
 * time (no tree of the whole model); see write_json.h. */
#include "write_json.h"
#include "alloc.h"

#include <cjson/cJSON.h>
#include <float.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "schedule.h"
#include "changes_json.h"

cJSON *bl_json_add(cJSON *o, const char *key, cJSON *item)
{
    cJSON_AddItemToObjectCS(o, key, item);
    return item;
}

static void add_str(cJSON *o, const char *key, const char *s)
{
    if (s)
        bl_json_add(o, key, cJSON_CreateString(s));
    else
        bl_json_add(o, key, cJSON_CreateNull());
}

static void add_int_or_null(cJSON *o, const char *key, int v, bool present)
{
    if (present)
        bl_json_add(o, key, cJSON_CreateNumber(v));
    else
        bl_json_add(o, key, cJSON_CreateNull());
}

/* Derived rates (project rates, means) are rounded to 2 decimals: 76.666…
 * says no more than 76.67. Stated rates ("rates") are printed as read. */
static double round2(double v)
{
    return round(v * 100) / 100;
}

static void add_numbers(cJSON *o, const char *key, const double *v, size_t n)
{
    cJSON *a = bl_json_add(o, key, cJSON_CreateArray());
    for (size_t i = 0; i < n; i++)
        cJSON_AddItemToArray(a, cJSON_CreateNumber(v[i]));
}

static void add_status_counts(cJSON *o, const size_t *counts)
{
    cJSON *c = bl_json_add(o, "status_counts", cJSON_CreateObject());
    for (int s = 0; s < BL_STATUS_COUNT; s++)
        bl_json_add(c, bl_status_class_name((bl_status_class)s), cJSON_CreateNumber((double)counts[s]));
}

static cJSON *entry_json(const bl_entry *e)
{
    cJSON *o = cJSON_CreateObject();
    add_str(o, "department", e->department);
    add_str(o, "department_key", e->department_key);
    bl_json_add(o, "department_carried", cJSON_CreateBool(e->department_carried));
    add_str(o, "leader", e->leader);
    if (e->n_co_departments) {
        cJSON *co = bl_json_add(o, "co_departments", cJSON_CreateArray());
        for (size_t i = 0; i < e->n_co_departments; i++)
            cJSON_AddItemToArray(co, cJSON_CreateString(e->co_departments[i]));
    }
    if (e->extra) {
        cJSON *x = bl_json_add(o, "extra", cJSON_CreateObject());
        for (const bl_field *f = e->extra; f; f = f->next)
            cJSON_AddItemToObject(x, f->name, /* a name from the source: copied */
                                  f->value ? cJSON_CreateString(f->value) : cJSON_CreateNull());
    }
    add_str(o, "target", e->target);
    add_str(o, "planned", e->planned);
    bl_json_add(o, "status", cJSON_CreateString(bl_status_class_name(e->status)));
    add_str(o, "status_text", e->status_text);
    add_str(o, "progress", e->progress);
    add_numbers(o, "rates", e->rates, e->n_rates);
    add_str(o, "rate_source", bl_rate_source_name(e->rate_source));
    bl_json_add(o, "behind", cJSON_CreateBool(e->behind));
    add_str(o, "behind_reason", e->behind_reason);
    if (e->has_investment) {
        cJSON *inv = bl_json_add(o, "investment", cJSON_CreateObject());
        bl_json_add(inv, "planned", cJSON_CreateNumber(e->investment_planned));
        bl_json_add(inv, "actual", cJSON_CreateNumber(e->investment_actual));
        add_str(inv, "unit", e->investment_unit);
    } else {
        bl_json_add(o, "investment", cJSON_CreateNull());
    }
    bl_json_add(o, "line", cJSON_CreateNumber(e->line));
    return o;
}

/* The entry that says why p lags: the first behind one, else the first
 * not done, partial or behind one, else the first. */
const bl_entry *bl_lag_entry(const bl_project *p)
{
    for (const bl_entry *e = p->entries; e; e = e->next)
        if (e->behind)
            return e;
    for (const bl_entry *e = p->entries; e; e = e->next)
        if (e->status == BL_STATUS_NOT_DONE || e->status == BL_STATUS_PARTIAL ||
            e->status == BL_STATUS_BEHIND)
            return e;
    return p->entries;
}

cJSON *bl_lag_reasons_json(const bl_document *d, const bl_project *p)
{
    cJSON *a = cJSON_CreateArray();
    const bl_entry *e = bl_lag_entry(p);
    if (p->lag & BL_LAG_TEXT) {
        cJSON *o = cJSON_CreateObject();
        bl_json_add(o, "kind", cJSON_CreateString("text"));
        add_str(o, "text", e && e->behind_reason ? e->behind_reason
                           : e ? e->progress : NULL);
        cJSON_AddItemToArray(a, o);
    }
    if (p->lag & BL_LAG_STATUS) {
        cJSON *o = cJSON_CreateObject();
        bl_json_add(o, "kind", cJSON_CreateString("status"));
        add_str(o, "text", e ? e->status_text : NULL);
        cJSON_AddItemToArray(a, o);
    }
    if (p->lag & BL_LAG_SCHEDULE) {
        char text[128];
        bl_schedule_reason(d, p, text, sizeof text);
        cJSON *o = cJSON_CreateObject();
        bl_json_add(o, "kind", cJSON_CreateString("schedule"));
        bl_json_add(o, "text", cJSON_CreateString(text));
        cJSON_AddItemToArray(a, o);
    }
    return a;
}

static cJSON *project_json(const bl_document *d, const bl_project *p)
{
    cJSON *o = cJSON_CreateObject();
    add_str(o, "seq", p->seq);
    add_str(o, "content", p->content);
    if (p->category)
        add_str(o, "category", p->category);
    bl_json_add(o, "line", cJSON_CreateNumber(p->line));
    bl_json_add(o, "status", cJSON_CreateString(bl_status_class_name(p->status)));
    if (p->has_rate) /* a mean when there are several entries */
        bl_json_add(o, "rate", cJSON_CreateNumber(round2(p->rate)));
    else
        bl_json_add(o, "rate", cJSON_CreateNull());
    add_str(o, "rate_source", bl_rate_source_name(p->rate_source));
    bl_json_add(o, "behind", cJSON_CreateBool(p->behind));
    add_str(o, "derived_status", p->derived_status == BL_STATUS_UNKNOWN
                                     ? NULL
                                     : bl_status_class_name(p->derived_status));
    bl_json_add(o, "lagging", cJSON_CreateBool(p->lagging));
    cJSON_AddItemToObjectCS(o, "lag_reasons", bl_lag_reasons_json(d, p));
    if (p->has_shortfall)
        bl_json_add(o, "shortfall", cJSON_CreateNumber(round2(p->shortfall)));
    else
        bl_json_add(o, "shortfall", cJSON_CreateNull());
    if (p->previous) /* matched in an earlier period (compare.h) */
        cJSON_AddItemToObjectCS(o, "history", bl_history_json(d, p));
    else
        bl_json_add(o, "history", cJSON_CreateNull());
    cJSON *entries = bl_json_add(o, "entries", cJSON_CreateArray());
    for (const bl_entry *e = p->entries; e; e = e->next)
        cJSON_AddItemToArray(entries, entry_json(e));
    return o;
}

static cJSON *summary_json(const bl_list *l)
{
    bl_list_summary s;
    bl_list_summarize(l, &s);
    cJSON *o = cJSON_CreateObject();
    bl_json_add(o, "projects", cJSON_CreateNumber((double)s.projects));
    bl_json_add(o, "entries", cJSON_CreateNumber((double)s.entries));
    add_status_counts(o, s.status_counts);
    bl_json_add(o, "behind", cJSON_CreateNumber((double)s.behind));
    bl_json_add(o, "lagging", cJSON_CreateNumber((double)s.lagging));
    bl_json_add(o, "rated", cJSON_CreateNumber((double)s.rated));
    if (s.rated)
        bl_json_add(o, "rate_mean", cJSON_CreateNumber(round2(s.rate_mean)));
    else
        bl_json_add(o, "rate_mean", cJSON_CreateNull());
    return o;
}

/* A document's lists and indicators and a list's projects are not in the
 * tree: "lists", "indicators" and "projects" hold a raw marker byte (printed
 * JSON never holds a raw control byte; strings escape them), and the printer
 * streams the items one at a time where it finds it, so no tree or text
 * holds more than one of them. */
#define PROJECTS_MARK "\x01"
#define LISTS_MARK "\x02"
#define INDICATORS_MARK "\x03"

static cJSON *list_json(const bl_list *l)
{
    cJSON *o = cJSON_CreateObject();
    add_str(o, "title", l->title);
    add_str(o, "level", bl_level_name(l->level));
    bl_json_add(o, "line", cJSON_CreateNumber(l->line));
    cJSON_AddItemToObjectCS(o, "summary", summary_json(l));
    if (l->projects)
        cJSON_AddItemToObjectCS(o, "projects", cJSON_CreateRaw(PROJECTS_MARK));
    else
        bl_json_add(o, "projects", cJSON_CreateArray());
    return o;
}

static cJSON *indicator_json(const bl_indicator *ind)
{
    cJSON *o = cJSON_CreateObject();
    add_str(o, "section", ind->section);
    add_str(o, "seq", ind->seq);
    add_str(o, "name", ind->name);
    add_str(o, "text", ind->text);
    add_numbers(o, "values", ind->values, ind->n_values);
    add_numbers(o, "rates", ind->rates, ind->n_rates);
    bl_json_add(o, "line", cJSON_CreateNumber(ind->line));
    return o;
}

static cJSON *departments_json(const bl_department *d)
{
    cJSON *a = cJSON_CreateArray();
    for (; d; d = d->next) {
        cJSON *o = cJSON_CreateObject();
        add_str(o, "key", d->key);
        cJSON *names = bl_json_add(o, "names", cJSON_CreateArray());
        for (size_t i = 0; i < d->n_names; i++)
            cJSON_AddItemToArray(names, cJSON_CreateString(d->names[i]));
        bl_json_add(o, "projects", cJSON_CreateNumber((double)d->projects));
        bl_json_add(o, "entries", cJSON_CreateNumber((double)d->entries));
        bl_json_add(o, "rated", cJSON_CreateNumber((double)d->rated));
        if (d->rated)
            bl_json_add(o, "rate_mean", cJSON_CreateNumber(round2(d->rate_mean)));
        else
            bl_json_add(o, "rate_mean", cJSON_CreateNull());
        bl_json_add(o, "behind", cJSON_CreateNumber((double)d->behind));
        bl_json_add(o, "lagging", cJSON_CreateNumber((double)d->lagging));
        add_status_counts(o, d->status_counts);
        cJSON_AddItemToArray(a, o);
    }
    return a;
}

static cJSON *document_json(bl_model *m, const bl_document *d)
{
    cJSON *o = cJSON_CreateObject();
    add_str(o, "source", d->source_name ? d->source_name : d->source);
    add_str(o, "stem", d->stem);
    add_str(o, "format", d->format);
    add_str(o, "encoding", d->encoding);
    add_str(o, "title", d->title);
    add_str(o, "office", d->office);
    add_str(o, "published", d->published);
    cJSON *period = bl_json_add(o, "period", cJSON_CreateObject());
    add_int_or_null(period, "year", d->year, d->year > 0);
    add_int_or_null(period, "month", d->month, d->month > 0);
    add_str(period, "kind", bl_period_kind_name(d->period_kind));
    add_int_or_null(period, "from", d->month_from, d->month_from > 0);
    if (d->has_schedule) /* 序时进度, percent of the year */
        bl_json_add(o, "schedule", cJSON_CreateNumber(round2(d->schedule)));
    else
        bl_json_add(o, "schedule", cJSON_CreateNull());
    /* Lists and indicators are streamed one at a time (print_root). */
    cJSON_AddItemToObjectCS(o, "lists", cJSON_CreateRaw(LISTS_MARK));
    cJSON_AddItemToObjectCS(o, "indicators", cJSON_CreateRaw(INDICATORS_MARK));
    cJSON_AddItemToObjectCS(o, "departments", departments_json(bl_departments_of_document(m, d)));
    cJSON_AddItemToObjectCS(o, "changes", bl_changes_json(m, d));
    cJSON *warns = bl_json_add(o, "warnings", cJSON_CreateArray());
    for (const bl_warning *w = d->warnings; w; w = w->next) {
        cJSON *wo = cJSON_CreateObject();
        add_int_or_null(wo, "line", w->line, w->line > 0);
        add_str(wo, "message", w->message);
        cJSON_AddItemToArray(warns, wo);
    }
    return o;
}

/* ---- streaming printer ------------------------------------------------ */

typedef struct sink {
    bl_json_sink fn;
    void *ctx;
    int rc;
    char buf[1 << 16];
    size_t n;
} sink;

static void sink_flush(sink *k)
{
    if (!k->rc && k->n)
        k->rc = k->fn(k->ctx, k->buf, k->n);
    k->n = 0;
}

static void sink_putc(sink *k, char c)
{
    if (k->n == sizeof k->buf)
        sink_flush(k);
    k->buf[k->n++] = c;
}

static void sink_put(sink *k, const char *s, size_t n)
{
    while (n) {
        if (k->n == sizeof k->buf)
            sink_flush(k);
        size_t room = sizeof k->buf - k->n, m = n < room ? n : room;
        memcpy(k->buf + k->n, s, m);
        k->n += m;
        s += m;
        n -= m;
    }
}

static void sink_puts(sink *k, const char *s)
{
    sink_put(k, s, strlen(s));
}

static int buf_sink(void *ctx, const char *data, size_t len)
{
    bl_buf_append(ctx, data, len);
    return BL_OK;
}

/* Where the printer is in the model: the document whose "lists" marker
 * came last and the list being printed. */
typedef struct cursor {
    const bl_document *first; /* the first document written */
    bool one;                 /* only `first` is written */
    const bl_document *d;
    const bl_list *l;
} cursor;

/* The document after c->d that is written (--previous documents are read to
 * compare, not written: see root_json); the first one when c->d is NULL. */
static const bl_document *next_document(const cursor *c)
{
    if (!c->d)
        return c->first;
    if (c->one)
        return NULL;
    const bl_document *d = c->d->next;
    while (d && d->previous_only)
        d = d->next;
    return d;
}

/* ---- the printer: cJSON's formatted layout, written straight out -------
 *
 * The bytes are those of cJSON_Print with each layout tab made two spaces
 * (one space after a key's colon), without the text cJSON would build and
 * the pass over it: cJSON counts a level for every object and array, puts
 * an object's members on their own lines, its closing brace on a line of
 * one level less, and an array's elements on one line after ", ". */

typedef struct printer {
    sink *k;
    cursor *c;
    int add;        /* levels before every line (an item placed in the tree) */
    int depth;      /* cJSON's own level */
    int line_depth; /* cJSON's level of the line being written */
} printer;

static int put_items(sink *k, char mark, int depth, cursor *c);

static void put_newline(printer *pr, int depth)
{
    static const char spaces[] = "                                ";
    sink_putc(pr->k, '\n');
    pr->line_depth = depth;
    for (size_t n = 2 * (size_t)(pr->add + depth); n;) {
        size_t m = n < sizeof spaces - 1 ? n : sizeof spaces - 1;
        sink_put(pr->k, spaces, m);
        n -= m;
    }
}

/* A string as cJSON escapes it: quote, backslash and the control bytes;
 * other bytes (UTF-8) as they are; NULL as "". */
static void put_string(sink *k, const char *s)
{
    sink_putc(k, '"');
    for (const char *run = s; s && *run;) {
        const char *p = run;
        while ((unsigned char)*p >= 32 && *p != '"' && *p != '\\')
            p++;
        sink_put(k, run, (size_t)(p - run));
        if (!*p)
            break;
        char esc[8];
        switch (*p) {
        case '"': case '\\': esc[0] = '\\'; esc[1] = *p; esc[2] = '\0'; break;
        case '\b': strcpy(esc, "\\b"); break;
        case '\f': strcpy(esc, "\\f"); break;
        case '\n': strcpy(esc, "\\n"); break;
        case '\r': strcpy(esc, "\\r"); break;
        case '\t': strcpy(esc, "\\t"); break;
        default: snprintf(esc, sizeof esc, "\\u%04x", (unsigned char)*p); break;
        }
        sink_puts(k, esc);
        run = p + 1;
    }
    sink_putc(k, '"');
}

/* The digits of v, for the integral numbers (most of them). */
static void put_int(sink *k, int v)
{
    char d[16];
    size_t n = sizeof d;
    /* |v| without wrapping: -(v + 1) fits an int even for INT_MIN */
    unsigned u = v < 0 ? (unsigned)-(v + 1) + 1u : (unsigned)v;
    do {
        d[--n] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0)
        d[--n] = '-';
    sink_put(k, d + n, sizeof d - n);
}

/* A number as cJSON prints it: null for NaN and infinities, an integer when
 * the value is its int, else 15 significant digits when they give the value
 * back and 17 when not; the decimal point always '.'. */
static void put_number(sink *k, const cJSON *o)
{
    double d = o->valuedouble, back = 0;
    if (isnan(d) || isinf(d)) {
        sink_puts(k, "null");
        return;
    }
    if (d == (double)o->valueint) {
        put_int(k, o->valueint);
        return;
    }
    char num[32];
    snprintf(num, sizeof num, "%1.15g", d);
    back = strtod(num, NULL);
    double most = fabs(back) > fabs(d) ? fabs(back) : fabs(d);
    if (!(fabs(back - d) <= most * DBL_EPSILON))
        snprintf(num, sizeof num, "%1.17g", d);
    char point = localeconv()->decimal_point[0];
    for (char *p = num; *p; p++)
        if (*p == point)
            *p = '.';
    sink_puts(k, num);
}

static int put_value(printer *pr, const cJSON *o);

static int put_object(printer *pr, const cJSON *o)
{
    sink_putc(pr->k, '{');
    pr->depth++;
    for (const cJSON *m = o->child; m; m = m->next) {
        put_newline(pr, pr->depth);
        put_string(pr->k, m->string);
        sink_putc(pr->k, ':');
        sink_putc(pr->k, ' ');
        int rc = put_value(pr, m);
        if (rc)
            return rc;
        if (m->next)
            sink_putc(pr->k, ',');
    }
    put_newline(pr, pr->depth - 1);
    sink_putc(pr->k, '}');
    pr->depth--;
    return BL_OK;
}

static int put_array(printer *pr, const cJSON *o)
{
    sink_putc(pr->k, '[');
    pr->depth++;
    for (const cJSON *e = o->child; e; e = e->next) {
        int rc = put_value(pr, e);
        if (rc)
            return rc;
        if (e->next) {
            sink_putc(pr->k, ',');
            sink_putc(pr->k, ' ');
        }
    }
    sink_putc(pr->k, ']');
    pr->depth--;
    return BL_OK;
}

/* A raw value is a marker of streamed items (see PROJECTS_MARK), whose
 * array starts on a line of the level of the line it is on. */
static int put_raw(printer *pr, const cJSON *o)
{
    const char *s = o->valuestring;
    if (!s)
        return BL_ENOMEM; /* cJSON_Print fails on it too */
    if (pr->c && s[0] && !s[1] &&
        (s[0] == PROJECTS_MARK[0] || s[0] == LISTS_MARK[0] || s[0] == INDICATORS_MARK[0])) {
        if (s[0] == LISTS_MARK[0])
            pr->c->d = next_document(pr->c);
        return put_items(pr->k, s[0], pr->add + pr->line_depth, pr->c);
    }
    sink_puts(pr->k, s);
    return BL_OK;
}

static int put_value(printer *pr, const cJSON *o)
{
    switch (o->type & 0xFF) {
    case cJSON_False: sink_puts(pr->k, "false"); return BL_OK;
    case cJSON_True: sink_puts(pr->k, "true"); return BL_OK;
    case cJSON_NULL: sink_puts(pr->k, "null"); return BL_OK;
    case cJSON_Number: put_number(pr->k, o); return BL_OK;
    case cJSON_String: put_string(pr->k, o->valuestring); return BL_OK;
    case cJSON_Raw: return put_raw(pr, o);
    case cJSON_Array: return put_array(pr, o);
    case cJSON_Object: return put_object(pr, o);
    default: return BL_ENOMEM; /* an invalid item: cJSON_Print fails */
    }
}

/* Prints o (`add` levels before each of its lines after the first),
 * streaming the items at its markers. */
static int put_json(sink *k, const cJSON *o, int add, cursor *c)
{
    printer pr = {k, c, add, 0, 0};
    return put_value(&pr, o);
}

/* Prints o and frees it, as an element of an array whose line has `add - 1`
 * levels of indentation (so `add` levels after each of its newlines). */
static int put_tree(sink *k, cJSON *o, int add, cursor *c)
{
    int rc = o ? put_json(k, o, add, c) : BL_ENOMEM;
    cJSON_Delete(o);
    return rc;
}

void bl_json_pretty(const cJSON *o, bl_buf *out)
{
    sink *k = bl_malloc(sizeof *k);
    k->fn = buf_sink;
    k->ctx = out;
    k->rc = BL_OK;
    k->n = 0;
    if (o)
        put_json(k, o, 0, NULL);
    sink_putc(k, '\n');
    sink_flush(k);
    free(k);
}

static void put_separator(sink *k, bool more)
{
    if (more) {
        sink_putc(k, ',');
        sink_putc(k, ' ');
    }
}

/* The items at a marker, as a JSON array whose line has `depth` levels of
 * indentation, each item's tree built, printed and freed in turn. */
static int put_items(sink *k, char mark, int depth, cursor *c)
{
    int rc = BL_OK;
    sink_putc(k, '[');
    if (!c->d || (mark == PROJECTS_MARK[0] && !c->l)) {
        /* cannot happen: every marker belongs to a document or a list */
    } else if (mark == PROJECTS_MARK[0]) {
        for (const bl_project *p = c->l->projects; p && !rc; p = p->next) {
            rc = put_tree(k, project_json(c->d, p), depth + 1, c);
            put_separator(k, p->next);
        }
    } else if (mark == LISTS_MARK[0]) {
        for (const bl_list *l = c->d->lists; l && !rc; l = l->next) {
            c->l = l;
            rc = put_tree(k, list_json(l), depth + 1, c);
            put_separator(k, l->next);
        }
    } else {
        for (const bl_indicator *i = c->d->indicators; i && !rc; i = i->next) {
            rc = put_tree(k, indicator_json(i), depth + 1, c);
            put_separator(k, i->next);
        }
    }
    sink_putc(k, ']');
    return rc;
}

/* Prints root with two-space indentation and frees it, streaming the lists,
 * indicators and projects of docs (in tree order) at their markers. */
static int print_root(cJSON *root, const bl_document *docs, bool one,
                      bl_json_sink fn, void *ctx, bl_error *err)
{
    sink *k = bl_malloc(sizeof *k);
    k->fn = fn;
    k->ctx = ctx;
    k->rc = BL_OK;
    k->n = 0;
    cursor c = {docs, one, NULL, NULL};
    while (!one && c.first && c.first->previous_only)
        c.first = c.first->next;
    int rc = put_tree(k, root, 0, &c);
    if (!rc) {
        sink_putc(k, '\n');
        sink_flush(k);
        rc = k->rc;
    }
    free(k);
    if (rc == BL_ENOMEM)
        return bl_error_set(err, BL_ENOMEM, NULL, 0, "out of memory writing JSON");
    if (rc)
        return bl_error_set(err, rc, NULL, 0, "cannot write the JSON");
    return BL_OK;
}

static int root_json(const bl_model *cm, const bl_document *only,
                     bl_json_sink fn, void *ctx, bl_error *err)
{
    /* The per-document roll-ups are built in the model's arena; the model's
     * content is not changed. */
    bl_model *m = (bl_model *)cm;
    cJSON *root = cJSON_CreateObject();
    cJSON *docs = bl_json_add(root, "documents", cJSON_CreateArray());
    for (const bl_document *d = only ? only : m->documents; d;
         d = only ? NULL : d->next)
        if (only || !d->previous_only) /* --previous: read to compare, not written */
            cJSON_AddItemToArray(docs, document_json(m, d));
    cJSON_AddItemToObjectCS(root, "departments", departments_json(only ? bl_departments_of_document(m, only)
                                                : m->departments));
    return print_root(root, only ? only : m->documents, only != NULL, fn, ctx, err);
}

int bl_write_json_to(const bl_model *m, bl_json_sink fn, void *ctx, bl_error *err)
{
    return root_json(m, NULL, fn, ctx, err);
}

int bl_write_json_document_to(const bl_model *m, const bl_document *d,
                              bl_json_sink fn, void *ctx, bl_error *err)
{
    return root_json(m, d, fn, ctx, err);
}

int bl_write_json(const bl_model *m, bl_buf *out, bl_error *err)
{
    return root_json(m, NULL, buf_sink, out, err);
}

int bl_write_json_document(const bl_model *m, const bl_document *d,
                           bl_buf *out, bl_error *err)
{
    return root_json(m, d, buf_sink, out, err);
}
