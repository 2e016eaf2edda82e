/* main.c - the command line: argv -> options -> read -> analyse -> write ->
 * exit code. The only place that prints diagnostics or chooses exit codes:
 * 0 ok, 1 bad input (or a failed write), 2 usage. */
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "analysis.h"
#include "compare.h"
#include "check.h"
#include "departments.h"
#include "error.h"
#include "io.h"
#include "model.h"
#include "reader.h"
#include "status.h"
#include "period.h"
#include "grid.h"
#include "table.h"
#include "write_html.h"
#include "write_json.h"
#include "write_pdf.h"

#define GENERATOR "bulletin " BL_VERSION

typedef struct cli {
    const char *command;
    const char **inputs;
    int n_inputs;
    const char *output;        /* -o */
    const char *from;          /* --from */
    const char *aliases;       /* --aliases */
    const char *status_words;  /* --status-words */
    const char *templates_dir; /* --templates */
    const char *partials_dir;  /* --partials */
    const char *font_dir;      /* --font-dir */
    const char *style;         /* --style */
    const char *title;         /* --title: overrides every document's title */
    const char *office;        /* --office */
    const char *date;          /* --date YYYY-MM-DD */
    const char *period;        /* --period "2024年6月", "1-9月", "上半年" */
    const char *source_name;   /* --source-name: the JSON "source" */
    bool strict;               /* --strict: warnings are errors */
    bool grid;                 /* parse --grid: dump the tables as read */
    bool landscape;
    bool allow_fallback;
    bool quiet;
    /* issue 9, 督办清单: --lag-tolerance POINTS, --no-schedule-lag */
    const char *lag_tolerance;
    bool no_schedule_lag;
    /* issue 9, month over month: --previous FILE */
    const char *previous;
    /* issue 9, bulletin check: --error C003,... */
    const char *check_errors;
} cli;

static const char *const usage_main =
    "usage: bulletin COMMAND [OPTIONS] FILE...\n"
    "\n"
    "Turns monthly progress reports on livelihood projects (民生实事项目进展情况)\n"
    "into a JSON model, an HTML bulletin and a PDF briefing.\n"
    "\n"
    "commands:\n"
    "  build FILE... -o DIR     write DIR/<stem>.json, .html and .pdf per input\n"
    "  parse FILE... [-o FILE]  read the reports, write the model as JSON\n"
    "  html FILE... -o DIR      write the HTML bulletin per input\n"
    "  pdf FILE... -o DIR       write the PDF briefing per input\n"
    "  check FILE... [--error C001,...]\n"
    "                           consistency checks: file:line: warning[C001]: ...\n"
    "  template TEMPLATE DATA.json [--partials DIR]\n"
    "                           render a Mustache template to standard output\n"
    "\n"
    "  bulletin COMMAND --help  options of one command\n"
    "  bulletin --version       print the version\n"
    "\n"
    "Input formats (sniffed from the content, or forced with --from FORMAT):\n"
    "  cells   tables copied out of web pages, one cell per line\n"
    "  pipe    pipe tables (| a | b |, or one \"cell |\" per line)\n"
    "  spaced  rows of cells separated by spaces or tabs\n"
    "  kv      records with 责任单位:, numbered items, status buckets\n"
    "  prose   narrative reports with numbered items and indicators\n"
    "  html    web pages and Word/WPS HTML exports (their tables and text)\n"
    "  csv     comma- or tab-separated files (UTF-8 or GBK)\n"
    "  xlsx    Excel workbooks (merged cells, percent formats); xls through FreeXL\n"
    "  docx    Word documents (tables with merged cells, or paragraphs)\n"
    "Text in UTF-8, UTF-16 (with a BOM), GB18030/GBK or Big5, told from the bytes.\n"
    "Word 97-2003, WPS, PDF and image files are refused with how to convert them.\n"
    "\n"
    "exit status: 0 ok, 1 bad input or failed write, 2 usage error\n";

static const char *const usage_read_opts =
    "  --from FORMAT       force the reader: cells, pipe, spaced, kv, prose,\n"
    "                      html, csv, xlsx, docx or xls\n"
    "  --aliases FILE      extra department aliases, a JSON object\n"
    "                      {\"printed name\": \"key\", ...}\n"
    "  --status-words FILE extra status phrases, JSON as data/status.json\n"
    "  --title TEXT        the report's title (else read from the report)\n"
    "  --office TEXT       the issuing office\n"
    "  --date YYYY-MM-DD   the publish date\n"
    "  --period TEXT       the period: 2024年6月, 1-9月, 一季度, 上半年, 2024年\n"
    "  --source-name NAME  the JSON \"source\" (else the path relative to the\n"
    "                      working directory, or the file name outside it)\n"
    "  --grid              (parse) print the tables as read, a row per line,\n"
    "                      instead of the model\n"
    "  --strict            treat warnings (a table cut off, a row that fits\n"
    "                      no column, ...) as errors\n"
    "  --lag-tolerance N   a rate may be N points below the time schedule\n"
    "                      (序时进度, month/12) before it lags (default 0)\n"
    "  --no-schedule-lag   lag only by text and status, not by the schedule\n"
    "  --previous FILE     the previous period's report: compare with it (not\n"
    "                      written); several inputs are compared in period order\n";

static const char *const usage_pdf_opts =
    "  --landscape         A4 landscape (for wide tables)\n"
    "  --style gongwen     GB/T 9704-2012 page geometry and type sizes\n"
    "  --font-dir DIR      add the fonts in DIR (an office's own faces)\n"
    "  --allow-fallback    draw characters the chosen faces lack with a\n"
    "                      system fallback face instead of failing\n";

static void print_command_usage(const char *command)
{
    if (strcmp(command, "parse") == 0) {
        printf("usage: bulletin parse FILE... [-o model.json] [OPTIONS]\n\n"
               "Reads the reports and writes the model as JSON (standard output\n"
               "without -o).\n\noptions:\n%s", usage_read_opts);
    } else if (strcmp(command, "html") == 0) {
        printf("usage: bulletin html FILE... -o DIR [OPTIONS]\n\n"
               "Writes DIR/<stem>.html, one self-contained page per input.\n\n"
               "options:\n%s"
               "  --templates DIR     use the templates in DIR; files missing there\n"
               "                      fall back to the built-in set\n",
               usage_read_opts);
    } else if (strcmp(command, "pdf") == 0) {
        printf("usage: bulletin pdf FILE... -o DIR [OPTIONS]\n\n"
               "Writes DIR/<stem>.pdf, the briefing for leadership meetings.\n"
               "The creation date is SOURCE_DATE_EPOCH when set, else the\n"
               "report's publish date.\n\noptions:\n%s%s",
               usage_read_opts, usage_pdf_opts);
    } else if (strcmp(command, "build") == 0) {
        printf("usage: bulletin build FILE... -o DIR [OPTIONS]\n\n"
               "Writes DIR/<stem>.json, DIR/<stem>.html and DIR/<stem>.pdf per input\n"
               "and prints each PDF's size.\n\noptions:\n%s"
               "  --templates DIR     HTML templates overriding the built-in ones\n%s"
               "  -q, --quiet         print nothing on success\n",
               usage_read_opts, usage_pdf_opts);
    } else if (strcmp(command, "check") == 0) {
        printf("usage: bulletin check FILE... [--error C001,...] [OPTIONS]\n\n"
               "Prints consistency findings as file:line: warning[CODE]: ...\n"
               "(codes C001-C010, docs/model.md). Several reports are compared in\n"
               "period order (C008). Exit status 1 when a finding of a code named\n"
               "by --error fires (printed as error[CODE]), else 0.\n\noptions:\n%s",
               usage_read_opts);
    } else if (strcmp(command, "template") == 0) {
        printf("usage: bulletin template TEMPLATE DATA.json [--partials DIR]\n\n"
               "Renders a Mustache template with JSON data to standard output.\n"
               "{{> name}} reads DIR/name.mustache, else DIR/name (default DIR: the\n"
               "template's own directory); names cannot reach outside DIR.\n");
    }
}

static int usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "bulletin: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\nTry 'bulletin --help'.\n");
    return 2;
}

/* A text reader's name or a byte-level reader's (html, …). */
static bool known_format(const char *name)
{
    for (const bl_byte_reader *r = bl_byte_readers; r->name; r++)
        if (strcmp(r->name, name) == 0)
            return true;
    return bl_reader_find(name) != NULL;
}

static int report(const bl_error *err)
{
    char msg[2048];
    bl_error_format(err, msg, sizeof msg);
    fprintf(stderr, "%s\n", msg);
    return err->code == BL_EUSAGE ? 2 : 1;
}

static bool is_command(const char *s)
{
    static const char *const commands[] = {"parse", "html", "pdf", "build",
                                           "template", "check", NULL};
    for (int i = 0; commands[i]; i++)
        if (strcmp(s, commands[i]) == 0)
            return true;
    return false;
}

/* Options that take a value: returns a pointer to the field, or NULL. */
static const char **value_option(cli *c, const char *name)
{
    if (strcmp(name, "-o") == 0 || strcmp(name, "--output") == 0)
        return &c->output;
    if (strcmp(name, "--from") == 0)
        return &c->from;
    if (strcmp(name, "--aliases") == 0)
        return &c->aliases;
    if (strcmp(name, "--status-words") == 0)
        return &c->status_words;
    if (strcmp(name, "--templates") == 0)
        return &c->templates_dir;
    if (strcmp(name, "--partials") == 0)
        return &c->partials_dir;
    if (strcmp(name, "--font-dir") == 0)
        return &c->font_dir;
    if (strcmp(name, "--style") == 0)
        return &c->style;
    if (strcmp(name, "--title") == 0)
        return &c->title;
    if (strcmp(name, "--office") == 0)
        return &c->office;
    if (strcmp(name, "--date") == 0)
        return &c->date;
    if (strcmp(name, "--period") == 0)
        return &c->period;
    if (strcmp(name, "--source-name") == 0)
        return &c->source_name;
    if (strcmp(name, "--lag-tolerance") == 0)
        return &c->lag_tolerance;
    if (strcmp(name, "--previous") == 0)
        return &c->previous;
    if (strcmp(name, "--error") == 0)
        return &c->check_errors;
    return NULL;
}

/* Parses argv after the command. Returns -1 to go on, else an exit code. */
static int parse_args(cli *c, int argc, char **argv)
{
    c->inputs = calloc((size_t)argc, sizeof *c->inputs);
    if (!c->inputs)
        abort();
    bool only_files = false;
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i];
        if (only_files || a[0] != '-' || strcmp(a, "-") == 0) {
            c->inputs[c->n_inputs++] = a;
            continue;
        }
        if (strcmp(a, "--") == 0) {
            only_files = true;
        } else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            print_command_usage(c->command);
            return 0;
        } else if (strcmp(a, "--landscape") == 0) {
            c->landscape = true;
        } else if (strcmp(a, "--grid") == 0) {
            c->grid = true;
        } else if (strcmp(a, "--strict") == 0) {
            c->strict = true;
        } else if (strcmp(a, "--allow-fallback") == 0) {
            c->allow_fallback = true;
        } else if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0) {
            c->quiet = true;
        } else if (strcmp(a, "--no-schedule-lag") == 0) {
            c->no_schedule_lag = true;
        } else {
            const char *eq = strchr(a, '=');
            char name[64];
            size_t n = eq ? (size_t)(eq - a) : strlen(a);
            if (n >= sizeof name)
                return usage_error("unknown option '%s'", a);
            memcpy(name, a, n);
            name[n] = '\0';
            const char **field = value_option(c, name);
            if (!field)
                return usage_error("unknown option '%s'", a);
            if (eq)
                *field = eq + 1;
            else if (i + 1 < argc)
                *field = argv[++i];
            else
                return usage_error("option '%s' needs a value", a);
        }
    }
    if (c->style && strcmp(c->style, "gongwen") != 0 &&
        strcmp(c->style, "default") != 0)
        return usage_error("unknown style '%s' (known: default, gongwen)", c->style);
    if (c->source_name && c->n_inputs > 1)
        return usage_error("%s", "--source-name names one input; several were given");
    if (c->from && !known_format(c->from))
        return usage_error("unknown format '%s' (known: cells, pipe, spaced, kv, prose, "
                           "html, csv, xlsx, docx, xls)",
                           c->from);
    return -1;
}

/* ---- reading ---------------------------------------------------------- */

/* --title, --office, --date and --period win over what the reports say. */
static int apply_overrides(const cli *c, bl_model *m, bl_error *err)
{
    for (bl_document *d = m->documents; d; d = d->next) {
        char *name = bl_path_published(d->source);
        d->source_name = bl_arena_strdup(m->arena, c->source_name ? c->source_name : name);
        free(name);
        if (c->title)
            d->title = c->title;
        if (c->office)
            d->office = c->office;
        if (c->date) {
            char iso[11];
            size_t n;
            if (!bl_find_date(c->date, iso, &n))
                return bl_error_set(err, BL_EUSAGE, NULL, 0,
                                    "--date '%s' is not a date", c->date);
            d->published = bl_arena_strdup(m->arena, iso);
        }
        if (c->period && !bl_period_apply(d, c->period))
            return bl_error_set(err, BL_EUSAGE, NULL, 0,
                                "--period '%s' names no period", c->period);
    }
    return BL_OK;
}

/* Prints each reader warning as "file:line: warning: …"; with --strict the
 * first one is an error instead. */
static int print_warnings(const cli *c, const bl_model *m, bl_error *err)
{
    for (const bl_document *d = m->documents; d; d = d->next)
        for (const bl_warning *w = d->warnings; w; w = w->next) {
            if (c->strict)
                return bl_error_set(err, BL_EINPUT, d->source, w->line, "%s (--strict)",
                                    w->message);
            if (w->line)
                fprintf(stderr, "%s:%d: warning: %s\n", d->source, w->line, w->message);
            else
                fprintf(stderr, "%s: warning: %s\n", d->source, w->message);
        }
    return BL_OK;
}

/* ---- lag criteria (issue 9: --lag-tolerance, --no-schedule-lag) ------- */

static int apply_lag_options(const cli *c, bl_model *m, bl_error *err)
{
    bl_lag_options o = {.no_schedule = c->no_schedule_lag, .tolerance = 0};
    if (c->lag_tolerance) {
        char *end;
        errno = 0;
        o.tolerance = strtod(c->lag_tolerance, &end);
        if (errno || end == c->lag_tolerance || *end || !(o.tolerance >= 0))
            return bl_error_set(err, BL_EUSAGE, NULL, 0,
                                "--lag-tolerance '%s' is not a number of points >= 0",
                                c->lag_tolerance);
    }
    if (!c->lag_tolerance && !c->no_schedule_lag)
        return BL_OK; /* bl_analyze applied the defaults */
    return bl_analyze_lag(m, &o, err);
}

/* ---- month over month (issue 9: several periods, --previous) --------- */

/* --previous FILE is read first and marked: compared with, never written. */
static int read_previous(const cli *c, bl_model *m, bl_error *err)
{
    if (!c->previous)
        return BL_OK;
    int rc = bl_read_file_into(m, c->previous, c->from, err);
    if (!rc)
        m->documents_tail->previous_only = true;
    return rc;
}

/* Matches projects across the periods; prints the matcher's warnings. */
static int compare_periods(const cli *c, bl_model *m, bl_error *err)
{
    int rc = bl_compare_apply(m, err);
    for (const bl_document *d = m->documents; !rc && d; d = d->next)
        for (size_t i = 0; d->changes && i < d->changes->n_warnings; i++) {
            if (c->strict)
                return bl_error_set(err, BL_EINPUT, d->source, 0, "%s (--strict)",
                                    d->changes->warnings[i]);
            fprintf(stderr, "%s: warning: %s\n", d->source, d->changes->warnings[i]);
        }
    return rc;
}

/* Reads every input and analyses the model. Nothing is written before all
 * inputs read cleanly, so a bad file never leaves half a bulletin behind. */
static int load_model(const cli *c, bl_model **out, bl_error *err)
{
    bl_aliases *aliases = NULL;
    int rc = bl_aliases_new(&aliases, err);
    if (!rc && c->aliases)
        rc = bl_aliases_add_file(aliases, c->aliases, err);
    bl_status_words *words = NULL;
    if (!rc)
        rc = bl_status_words_new(&words, err);
    if (!rc && c->status_words)
        rc = bl_status_words_add_file(words, c->status_words, err);
    bl_model *m = bl_model_new();
    if (!rc)
        rc = read_previous(c, m, err);
    for (int i = 0; !rc && i < c->n_inputs; i++)
        rc = bl_read_file_into(m, c->inputs[i], c->from, err);
    if (!rc)
        rc = apply_overrides(c, m, err);
    if (!rc)
        rc = print_warnings(c, m, err);
    if (!rc)
        rc = bl_analyze_with(m, aliases, words, err);
    if (!rc)
        rc = apply_lag_options(c, m, err);
    if (!rc)
        rc = compare_periods(c, m, err);
    bl_aliases_free(aliases);
    bl_status_words_free(words);
    if (rc) {
        bl_model_free(m);
        return rc;
    }
    *out = m;
    return BL_OK;
}

/* Two inputs with one stem would write over each other's output. */
static int check_stems(const bl_model *m, bl_error *err)
{
    for (const bl_document *a = m->documents; a; a = a->next)
        for (const bl_document *b = a->next; b; b = b->next)
            if (!a->previous_only && !b->previous_only && strcmp(a->stem, b->stem) == 0)
                return bl_error_set(err, BL_EUSAGE, b->source, 0,
                                    "has the same name as %s; outputs would collide",
                                    a->source);
    return BL_OK;
}

static char *output_path(const char *dir, const char *stem, const char *ext)
{
    size_t dlen = strlen(dir);
    while (dlen > 1 && dir[dlen - 1] == '/')
        dlen--; /* "out/" and "out" name the same files */
    size_t n = dlen + strlen(stem) + strlen(ext) + 3;
    char *p = malloc(n);
    if (!p)
        abort();
    snprintf(p, n, "%.*s/%s.%s", (int)dlen, dir, stem, ext);
    return p;
}

/* SOURCE_DATE_EPOCH makes PDF dates reproducible; -1 when unset. */
static long long source_date_epoch(void)
{
    const char *s = getenv("SOURCE_DATE_EPOCH");
    if (!s || !*s)
        return -1;
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (errno || *end || v < 0) {
        fprintf(stderr, "bulletin: warning: ignoring invalid SOURCE_DATE_EPOCH '%s'\n", s);
        return -1;
    }
    return v;
}

/* ---- commands --------------------------------------------------------- */

/* parse --grid: each document's tables as the interpreter saw them. */
static int write_grids(const bl_model *m, bl_buf *b)
{
    for (const bl_document *d = m->documents; d; d = d->next) {
        bl_buf_printf(b, "# %s (%s)\n", d->source, d->format);
        if (d->grid)
            bl_grid_dump(d->grid, b);
    }
    return BL_OK;
}

/* Writes to standard output and flushes, so a full disk or a closed pipe is
 * an error here and not lost. */
static int write_stdout(const void *data, size_t len, bl_error *err)
{
    errno = 0;
    if ((len && fwrite(data, 1, len, stdout) != len) || fflush(stdout) != 0 ||
        ferror(stdout))
        return bl_error_set(err, BL_EIO, NULL, 0,
                            "cannot write to standard output: %s",
                            strerror(errno ? errno : EIO));
    return BL_OK;
}

static int write_json_to(const bl_model *m, const char *path, bool grid,
                         bl_error *err)
{
    bl_buf b = BL_BUF_INIT;
    int rc = grid ? write_grids(m, &b) : bl_write_json(m, &b, err);
    if (!rc) {
        if (!path || strcmp(path, "-") == 0) {
            rc = write_stdout(b.data, b.len, err);
        } else {
            rc = bl_write_file_atomic(path, b.data, b.len, err);
        }
    }
    bl_buf_free(&b);
    return rc;
}

static int write_document_json(const bl_model *m, const bl_document *d,
                               const char *path, bl_error *err)
{
    bl_buf b = BL_BUF_INIT;
    int rc = bl_write_json_document(m, d, &b, err);
    if (!rc)
        rc = bl_write_file_atomic(path, b.data, b.len, err);
    bl_buf_free(&b);
    return rc;
}

static void print_written(const cli *c, const char *path)
{
    if (c->quiet)
        return;
    struct stat st;
    if (stat(path, &st) == 0)
        printf("%s\t%lld bytes\n", path, (long long)st.st_size);
}

static void fill_pdf_options(const cli *c, bl_pdf_options *o)
{
    memset(o, 0, sizeof *o);
    o->landscape = c->landscape;
    o->style = c->style && strcmp(c->style, "default") != 0 ? c->style : NULL;
    o->font_dir = c->font_dir;
    o->allow_fallback = c->allow_fallback;
    o->version = BL_VERSION;
    o->creation_epoch = source_date_epoch();
    o->progress = isatty(STDERR_FILENO);
}

/* html, pdf and build share one loop over the documents. */
enum { OUT_JSON = 1, OUT_HTML = 2, OUT_PDF = 4 };

static const char *const output_exts[] = {"json", "html", "pdf"};

/* Every output path fits in PATH_MAX, checked before anything is created. */
static int check_output_paths(const cli *c, const bl_model *m, int what,
                              bl_error *err)
{
    int rc = bl_check_output_path(c->output, err);
    for (const bl_document *d = m->documents; !rc && d; d = d->next)
        for (int k = 0; !rc && k < 3; k++) {
            if (!(what & (1 << k)))
                continue;
            char *path = output_path(c->output, d->stem, output_exts[k]);
            rc = bl_check_output_path(path, err);
            free(path);
        }
    return rc;
}

static int write_outputs(const cli *c, bl_model *m, int what, bl_error *err)
{
    int rc = check_output_paths(c, m, what, err);
    if (!rc)
        rc = bl_mkdir_p(c->output, err);
    bl_html_options html = {.templates_dir = c->templates_dir};
    bl_pdf_options pdf;
    fill_pdf_options(c, &pdf);
    for (bl_document *d = m->documents; !rc && d; d = d->next) {
        if (d->previous_only) /* --previous: compared with, not written */
            continue;
        /* A document's outputs are one set: a concurrent run into the same
         * directory waits until all of them are written. */
        int lock = -1;
        rc = bl_dir_lock(c->output, &lock, err);
        if (!rc && (what & OUT_JSON)) {
            char *path = output_path(c->output, d->stem, "json");
            rc = write_document_json(m, d, path, err);
            if (!rc && what != OUT_JSON)
                print_written(c, path);
            free(path);
        }
        if (!rc && (what & OUT_HTML)) {
            char *path = output_path(c->output, d->stem, "html");
            rc = bl_write_html(m, d, path, &html, err);
            if (!rc)
                print_written(c, path);
            free(path);
        }
        if (!rc && (what & OUT_PDF)) {
            char *path = output_path(c->output, d->stem, "pdf");
            bl_pdf_stats stats = {0};
            rc = bl_write_pdf(m, d, path, &pdf, &stats, err);
            if (!rc && stats.warnings[0])
                fprintf(stderr, "%s: warning: %s%s", path, stats.warnings,
                        stats.warnings[strlen(stats.warnings) - 1] == '\n' ? "" : "\n");
            if (!rc)
                print_written(c, path);
            free(path);
        }
        bl_dir_unlock(lock);
    }
    return rc;
}

static int run_documents(const cli *c)
{
    bl_error err = {0};
    if (c->n_inputs == 0)
        return usage_error("%s: no input files", c->command);
    bool is_parse = strcmp(c->command, "parse") == 0;
    if (!is_parse && !c->output)
        return usage_error("%s: -o DIR is required", c->command);
    if (!is_parse && strcmp(c->output, "-") == 0)
        return usage_error("%s: -o names a directory; '-' (standard output) is "
                           "for parse", c->command);
    bl_model *m = NULL;
    int rc = load_model(c, &m, &err);
    if (!rc && !is_parse)
        rc = check_stems(m, &err);
    if (!rc) {
        if (is_parse)
            rc = write_json_to(m, c->output, c->grid, &err);
        else if (strcmp(c->command, "html") == 0)
            rc = write_outputs(c, m, OUT_HTML, &err);
        else if (strcmp(c->command, "pdf") == 0)
            rc = write_outputs(c, m, OUT_PDF, &err);
        else
            rc = write_outputs(c, m, OUT_JSON | OUT_HTML | OUT_PDF, &err);
    }
    bl_model_free(m);
    return rc ? report(&err) : 0;
}

/* ---- bulletin check (issue 9) ---------------------------------------- */

typedef struct check_out {
    const char *errors; /* --error: codes at error level, comma-separated */
    int n_errors;
} check_out;

static bool code_listed(const char *list, const char *code)
{
    size_t n = strlen(code);
    for (const char *p = list; p && (p = strstr(p, code)); p += n)
        if ((p == list || p[-1] == ',') && (p[n] == ',' || p[n] == '\0'))
            return true;
    return false;
}

static void print_finding(void *ctx, const bl_document *d, int line, const char *code,
                          const char *message)
{
    check_out *o = ctx;
    bool error = code_listed(o->errors, code);
    o->n_errors += error;
    if (line)
        printf("%s:%d: %s[%s]: %s\n", d->source, line, error ? "error" : "warning", code,
               message);
    else
        printf("%s: %s[%s]: %s\n", d->source, error ? "error" : "warning", code, message);
}

static int run_check(const cli *c)
{
    bl_error err = {0};
    if (c->n_inputs == 0)
        return usage_error("%s", "check: no input files");
    bl_model *m = NULL;
    int rc = load_model(c, &m, &err);
    if (rc)
        return report(&err);
    check_out o = {c->check_errors, 0};
    bl_check_model(m, print_finding, &o);
    bl_model_free(m);
    return o.n_errors ? 1 : 0;
}

static int run_template(const cli *c)
{
    if (c->n_inputs != 2)
        return usage_error("%s", "template: expected TEMPLATE DATA.json");
    bl_error err = {0};
    bl_buf json = BL_BUF_INIT, out = BL_BUF_INIT;
    int rc = bl_read_file(c->inputs[1], &json, &err);
    cJSON *data = NULL;
    if (!rc) {
        data = cJSON_ParseWithLength(bl_buf_cstr(&json), json.len);
        if (!data)
            rc = bl_error_set(&err, BL_EINPUT, c->inputs[1], 0,
                              "not valid JSON (near byte %ld)",
                              (long)(cJSON_GetErrorPtr() - bl_buf_cstr(&json)));
    }
    if (!rc)
        rc = bl_template_file_render(c->inputs[0], data, c->partials_dir, &out, &err);
    if (!rc)
        rc = write_stdout(out.data, out.len, &err);
    cJSON_Delete(data);
    bl_buf_free(&json);
    bl_buf_free(&out);
    return rc ? report(&err) : 0;
}

/* Whatever was printed (help, sizes written, --version) reached its
 * destination: a failed flush or close of standard output is exit 1. */
static int close_stdout(int rc)
{
    errno = 0;
    bool failed = fflush(stdout) != 0 || ferror(stdout);
    int e = errno;
    if (fclose(stdout) != 0 && !failed) {
        failed = true;
        e = errno;
    }
    if (failed && rc == 0) {
        fprintf(stderr, "bulletin: error: cannot write to standard output: %s\n",
                strerror(e ? e : EIO));
        return 1;
    }
    return rc;
}

static int run(int argc, char **argv)
{
    if (argc < 2)
        return usage_error("%s", "no command given");
    const char *first = argv[1];
    if (strcmp(first, "-h") == 0 || strcmp(first, "--help") == 0 ||
        strcmp(first, "help") == 0) {
        if (argc > 2 && is_command(argv[2]))
            print_command_usage(argv[2]);
        else
            fputs(usage_main, stdout);
        return 0;
    }
    if (strcmp(first, "--version") == 0 || strcmp(first, "-V") == 0) {
        puts(GENERATOR);
        return 0;
    }
    if (!is_command(first))
        return usage_error("unknown command '%s'", first);
    cli c = {.command = first};
    int rc = parse_args(&c, argc, argv);
    if (rc < 0)
        rc = strcmp(c.command, "template") == 0 ? run_template(&c)
             : strcmp(c.command, "check") == 0  ? run_check(&c)
                                                : run_documents(&c);
    free(c.inputs);
    return rc;
}

/* An interrupted render removes its temporary files (io.c), then dies of
 * the signal. Signals ignored at start (nohup) stay ignored. */
static void install_signal_cleanup(void)
{
    static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
        struct sigaction old;
        if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
            continue;
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = bl_tmp_cleanup_signal;
        sigemptyset(&sa.sa_mask);
        sigaction(sigs[i], &sa, NULL);
    }
}

int main(int argc, char **argv)
{
    install_signal_cleanup();
    return close_stdout(run(argc, argv));
}
