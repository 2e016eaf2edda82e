/* main.c - the command line: argv -> options -> read -> analyse -> write ->
 * exit code. The only place that prints diagnostics or chooses exit codes:
 * 0 ok, 1 bad input (or a failed write), 2 usage. */
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "analysis.h"
#include "alloc.h"
#include "batch.h"
#include "check.h"
#include "checks_json.h"
#include "compare.h"
#include "datadir.h"
#include "departments.h"
#include "error.h"
#include "io.h"
#include "model.h"
#include "reader.h"
#include "series.h"
#include "settings.h"
#include "status.h"
#include "period.h"
#include "grid.h"
#include "table.h"
#include "write_html.h"
#include "write_json.h"
#include "write_pdf.h"
#include "write_site.h"
#include "write_xlsx.h"

#define GENERATOR "bulletin " BL_VERSION

typedef struct cli {
    const char *command;
    const char **inputs;
    int n_inputs;
    const char *output;        /* -o */
    const char *from;          /* --from */
    const char *to;            /* --to json|xlsx (parse) */
    const char *aliases;       /* --aliases */
    const char *status_words;  /* --status-words */
    const char *templates_dir; /* --templates */
    const char *partials_dir;  /* --partials */
    const char *font_dir;      /* --font-dir */
    const char *style;         /* --style */
    const char *pdf_backend;   /* --pdf-backend */
    const char *title;         /* --title: overrides every document's title */
    const char *office;        /* --office */
    const char *date;          /* --date YYYY-MM-DD */
    const char *period;        /* --period "2024年6月", "1-9月", "上半年" */
    const char *source_name;   /* --source-name: the JSON "source" */
    const char *jobs;          /* --jobs N: threads of a PDF render */
    const char *font_size;     /* --font-size PT: the PDF's table text */
    const char *max_input;     /* --max-input-size SIZE (io.c's limit) */
    bool strict;               /* --strict: warnings are errors */
    bool grid;                 /* parse --grid: dump the tables as read */
    bool fragment;             /* html --fragment: body-only, scoped CSS */
    bool inline_styles;        /* html --inline-styles: styles on elements */
    bool split_lists;          /* --split-lists: index and part pages */
    bool landscape;
    bool allow_fallback;
    bool quiet;
    bool keep_going;           /* --keep-going: write the good inputs */
    const char *config;        /* --config FILE (--settings FILE) */
    /* issue 9, 督办清单: --lag-tolerance POINTS, --no-schedule-lag */
    const char *lag_tolerance;
    bool no_schedule_lag;
    /* issue 9, month over month: --previous FILE */
    const char *previous;
    /* issue 9, bulletin check: --error C003,... */
    const char *check_errors;
    const char *check_format;  /* check --format text|json */
    bool checks;               /* pdf, build --checks: the 数据核查 appendix */
    /* issue 9, bulletin site: --no-pdf */
    bool no_pdf;
    const bl_settings *settings; /* the settings read, or NULL */
} cli;

/* The input being read, for the out-of-memory message (NULL outside). */
static const char *current_input;

/* The commands, as bits, for the options that apply to some of them. */
enum {
    CMD_PARSE = 1,
    CMD_HTML = 2,
    CMD_PDF = 4,
    CMD_BUILD = 8,
    CMD_TEMPLATE = 16,
    CMD_CHECK = 32,
    CMD_VIEW = 64,
    CMD_SITE = 128,
    CMD_DOCS = CMD_PARSE | CMD_HTML | CMD_PDF | CMD_BUILD | CMD_CHECK | CMD_VIEW,
    CMD_READ = CMD_DOCS | CMD_SITE, /* options of reading, site's too */
    CMD_WRITERS = CMD_HTML | CMD_PDF | CMD_BUILD | CMD_SITE,
    CMD_SETTINGS = CMD_WRITERS | CMD_VIEW, /* read the settings file */
    CMD_ALL = CMD_DOCS | CMD_TEMPLATE | CMD_SITE
};

static const char *const command_names[] = {"parse", "html", "pdf", "build",
                                             "template", "check", "view",
                                             "site", NULL};

static int command_bit(const char *command)
{
    for (int i = 0; command_names[i]; i++)
        if (strcmp(command, command_names[i]) == 0)
            return 1 << i;
    return 0;
}

/* Which commands each option applies to; any other use is a usage error. */
static const struct {
    const char *name;
    int commands;
} option_scope[] = {
    {"-o", CMD_ALL & ~CMD_CHECK}, {"--output", CMD_ALL & ~CMD_CHECK},
    {"--from", CMD_READ},     {"--aliases", CMD_READ},
    {"--status-words", CMD_READ}, {"--title", CMD_READ},
    {"--office", CMD_READ},   {"--date", CMD_DOCS},
    {"--period", CMD_DOCS},   {"--source-name", CMD_DOCS},
    {"--strict", CMD_READ},   {"--grid", CMD_PARSE},
    {"--max-input-size", CMD_READ},
    {"--lag-tolerance", CMD_READ}, {"--no-schedule-lag", CMD_READ},
    {"--previous", CMD_DOCS}, {"--error", CMD_CHECK | CMD_PDF | CMD_BUILD},
    {"--format", CMD_CHECK},  {"--checks", CMD_PDF | CMD_BUILD},
    {"--to", CMD_PARSE},
    {"--fragment", CMD_HTML | CMD_VIEW}, {"--inline-styles", CMD_HTML | CMD_VIEW},
    {"--split-lists", CMD_HTML | CMD_BUILD},
    {"--templates", CMD_HTML | CMD_PDF | CMD_BUILD | CMD_SITE},
    {"--partials", CMD_TEMPLATE},
    {"--landscape", CMD_PDF | CMD_BUILD | CMD_SITE},
    {"--style", CMD_PDF | CMD_BUILD | CMD_SITE},
    {"--pdf-backend", CMD_PDF | CMD_BUILD | CMD_SITE},
    {"--font-dir", CMD_PDF | CMD_BUILD | CMD_SITE},
    {"--allow-fallback", CMD_PDF | CMD_BUILD | CMD_SITE},
    {"--jobs", CMD_PDF | CMD_BUILD | CMD_SITE},
    {"--font-size", CMD_PDF | CMD_BUILD | CMD_SITE},
    {"--no-pdf", CMD_SITE},
    {"-q", CMD_WRITERS},      {"--quiet", CMD_WRITERS},
    {"--keep-going", CMD_HTML | CMD_PDF | CMD_BUILD},
    {"--config", CMD_SETTINGS}, {"--settings", CMD_SETTINGS},
    {NULL, 0}};

static const char *const usage_main =
    "usage: bulletin COMMAND [OPTIONS] FILE...\n"
    "\n"
    "Turns monthly progress reports on livelihood projects (民生实事项目进展情况)\n"
    "into a JSON model, an HTML bulletin and a PDF briefing.\n"
    "\n"
    "commands:\n"
    "  build FILE... -o DIR     write DIR/<stem>.json, .html and .pdf per input\n"
    "  parse FILE... [-o FILE]  read the reports, write the model as JSON\n"
    "  html FILE... -o OUT      write the HTML bulletin per input\n"
    "  pdf FILE... -o OUT       write the PDF briefing per input\n"
    "  site FILE... -o DIR/     a year's reports of one office: DIR/index.html,\n"
    "                           DIR/<stem>.html and .pdf per period\n"
    "  check FILE... [--error C001,...] [--format json]\n"
    "                           consistency checks: file:line: warning[C001]: ...\n"
    "  template TEMPLATE DATA.json [-o FILE] [--partials DIR]\n"
    "                           render a Mustache template\n"
    "  view FILE [-o FILE]      print the view model the page templates see\n"
    "\n"
    "Output (-o OUT, -oOUT or --output=OUT):\n"
    "  -o FILE    that file, when one input gives one output\n"
    "  -o DIR/    DIR/<stem>.<ext> per input (also for an existing directory,\n"
    "             and for several inputs or build)\n"
    "  -o -       standard output, when one input gives one output\n"
    "A batch writes all its outputs or none; --keep-going writes the good ones\n"
    "and names the refused inputs.\n"
    "\n"
    "  bulletin COMMAND -h, --help  options of one command\n"
    "  bulletin -V, --version       print the version and the data directory\n"
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
    "  --max-input-size SIZE  refuse inputs larger than SIZE (bytes, or\n"
    "                      512K, 512M, 1G; default 256M)\n"
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
    "  --font-size PT      table text in points, 6 to 24 (default 10.5, 五号)\n"
    "  --pdf-backend NAME  direct (the default: its own PDF writer) or cairo\n"
    "                      (cairo's PDF surface, slower; an SVG logo always)\n"
    "  --allow-fallback    draw characters the chosen faces lack with a\n"
    "                      system fallback face instead of failing\n"
    "  --jobs N            threads laying out a PDF's table rows and\n"
    "                      deflating its pages, and with several inputs\n"
    "                      into -o DIR/ (pdf, build) the documents written\n"
    "                      N at a time by worker processes\n"
    "                      (default: the cores available; 1: one thread,\n"
    "                      one document after the other); the bytes, files\n"
    "                      and messages do not depend on it\n"
    "  --checks            the 数据核查 appendix: the findings of bulletin check\n"
    "                      (also with edition = internal in the settings)\n"
    "  --error CODES       with --checks: these codes are errors there\n";

static const char *const usage_write_opts =
    "  --config FILE       the office's settings (name, logo, colours, footer,\n"
    "                      contact, PDF defaults; docs/settings.md), also\n"
    "                      --settings FILE; default: ./bulletin.conf, else\n"
    "                      ~/.config/bulletin/bulletin.conf. Options win.\n"
    "  -q, --quiet         print nothing on success\n"
    "  --keep-going        write the outputs of the inputs that read and render,\n"
    "                      name the others, exit 1 if there were any\n";

/* command: one of the commands (is_command). */
static void print_command_usage(const char *command)
{
    if (strcmp(command, "parse") == 0) {
        printf("usage: bulletin parse FILE... [-o model.json|ledger.xlsx] [OPTIONS]\n\n"
               "Reads the reports and writes the model as JSON (standard output\n"
               "without -o or with -o -); -o DIR/ writes DIR/<stem>.json per input.\n"
               "-o NAME.xlsx writes the Excel ledger of one report, to correct and\n"
               "build from (docs/ledger.md).\n"
               "\noptions:\n%s"
               "  --to FORMAT         json or xlsx (default: by -o's extension)\n",
               usage_read_opts);
    } else if (strcmp(command, "html") == 0) {
        printf("usage: bulletin html FILE... -o OUT [OPTIONS]\n\n"
               "Writes one self-contained page per input: -o page.html for one\n"
               "input, -o DIR/ for DIR/<stem>.html, -o - to standard output.\n\n"
               "options:\n%s"
               "  --templates DIR     use the templates in DIR; files missing there\n"
               "                      fall back to the built-in set\n"
               "  --fragment          the bulletin as one element (no html, head,\n"
               "                      body) with its CSS scoped under .bl-bulletin,\n"
               "                      for pasting into a CMS page\n"
               "  --inline-styles     a fragment with its styles in style attributes\n"
               "                      (no <style>), for editors that strip it\n"
               "  --split-lists       an index page and part pages (PAGE-1.html, ...)\n"
               "                      of each list's 督办清单 and table, each under\n"
               "                      2 MB; done anyway for a page over 2 MB\n%s",
               usage_read_opts, usage_write_opts);
    } else if (strcmp(command, "pdf") == 0) {
        printf("usage: bulletin pdf FILE... -o OUT [OPTIONS]\n\n"
               "Writes the briefing for leadership meetings: -o briefing.pdf for\n"
               "one input, -o DIR/ for DIR/<stem>.pdf, -o - to standard output.\n"
               "The creation date is SOURCE_DATE_EPOCH when set, else the\n"
               "report's publish date.\n\noptions:\n%s"
               "  --templates DIR     templates overriding the built-in ones (the\n"
               "                      opening paragraph: partials/summary_text)\n%s%s",
               usage_read_opts, usage_pdf_opts, usage_write_opts);
    } else if (strcmp(command, "build") == 0) {
        printf("usage: bulletin build FILE... -o DIR [OPTIONS]\n\n"
               "Writes DIR/<stem>.json, DIR/<stem>.html and DIR/<stem>.pdf per input\n"
               "and prints each file's size. A document whose PDF fails leaves\n"
               "none of its files.\n\noptions:\n%s"
               "  --templates DIR     HTML templates overriding the built-in ones\n"
               "  --split-lists       the HTML as an index and part pages (as html)\n%s%s",
               usage_read_opts, usage_pdf_opts, usage_write_opts);
    } else if (strcmp(command, "check") == 0) {
        printf("usage: bulletin check FILE... [--error C001,...] [OPTIONS]\n\n"
               "Prints consistency findings as file:line: warning[CODE]: ...\n"
               "(codes C001-C010, docs/model.md). Several reports are compared in\n"
               "period order (C008). Exit status 1 when a finding of a code named\n"
               "by --error fires (printed as error[CODE]), else 0.\n\noptions:\n%s"
               "  --error CODES       these codes (comma-separated) are errors\n"
               "  --format json       the findings as JSON (file, line, code, level,\n"
               "                      message, list, seq); default: text\n",
               usage_read_opts);
    } else if (strcmp(command, "view") == 0) {
        printf("usage: bulletin view FILE [-o FILE] [OPTIONS]\n\n"
               "Prints the view model of one report as pretty-printed JSON: the data\n"
               "the page templates see (docs/templates.md), with the settings' site\n"
               "object, to standard output (or FILE).\n\noptions:\n%s"
               "  --fragment          as the page of html --fragment sees it\n"
               "  --inline-styles     as the page of html --inline-styles sees it\n"
               "  --config FILE       the office's settings (docs/settings.md), also\n"
               "                      --settings FILE; default: ./bulletin.conf, else\n"
               "                      ~/.config/bulletin/bulletin.conf\n",
               usage_read_opts);
    } else if (strcmp(command, "site") == 0) {
        printf("usage: bulletin site FILE... -o DIR/ [OPTIONS]\n\n"
               "Writes a year's reports of one office as a site: DIR/<stem>.html (the\n"
               "bulletin, with links to the previous and next periods and the index)\n"
               "and DIR/<stem>.pdf per report, and DIR/index.html: every period with\n"
               "its figures and files, the completion trend of each list and each\n"
               "department. Reports are put in period order (else by publish date,\n"
               "else as given, with a warning); reports of more than one office are\n"
               "refused. All files are written, or none.\n\noptions:\n%s"
               "  (not for site: --date, --period, --source-name, --previous,\n"
               "  --grid; each report states its own period and date)\n"
               "  --templates DIR     templates overriding the built-in ones (also\n"
               "                      site_index.html.mustache, site_page.html.mustache)\n"
               "  --no-pdf            no PDF briefings (nor links to them)\n%s%s",
               usage_read_opts, usage_pdf_opts, usage_write_opts);
    } else { /* template: callers pass only known commands */
        printf("usage: bulletin template TEMPLATE DATA.json [-o FILE] [--partials DIR]\n\n"
               "Renders a Mustache template with JSON data to FILE (standard\n"
               "output without -o or with -o -).\n"
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
    /* an error of no file (an option, the output set) names the program,
     * as its usage errors do */
    fprintf(stderr, "%s%s\n", err->file[0] ? "" : "bulletin: ", msg);
    return err->code == BL_EUSAGE ? 2 : 1;
}

static bool is_command(const char *s)
{
    return command_bit(s) != 0;
}

/* An option given to a command it does not apply to: exit 2, naming both
 * and the commands that take it. */
static int check_scope(const cli *c, const char *name, const char *given)
{
    int bit = command_bit(c->command);
    for (int i = 0; option_scope[i].name; i++) {
        if (strcmp(option_scope[i].name, name) != 0)
            continue;
        if (option_scope[i].commands & bit)
            return -1;
        char list[64] = "";
        for (int k = 0; command_names[k]; k++)
            if (option_scope[i].commands & (1 << k)) {
                if (list[0])
                    strcat(list, ", ");
                strcat(list, command_names[k]);
            }
        fprintf(stderr,
                "bulletin: %s: option '%s' does not apply to %s (only to %s)\n"
                "Try 'bulletin %s --help'.\n",
                c->command, given, c->command, list, c->command);
        return 2;
    }
    return -1;
}

/* Options that take a value: returns a pointer to the field, or NULL. */
static const char **value_option(cli *c, const char *name)
{
    if (strcmp(name, "-o") == 0 || strcmp(name, "--output") == 0)
        return &c->output;
    if (strcmp(name, "--from") == 0)
        return &c->from;
    if (strcmp(name, "--to") == 0)
        return &c->to;
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
    if (strcmp(name, "--pdf-backend") == 0)
        return &c->pdf_backend;
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
    if (strcmp(name, "--config") == 0 || strcmp(name, "--settings") == 0)
        return &c->config;
    if (strcmp(name, "--jobs") == 0)
        return &c->jobs;
    if (strcmp(name, "--font-size") == 0)
        return &c->font_size;
    if (strcmp(name, "--max-input-size") == 0)
        return &c->max_input;
    if (strcmp(name, "--lag-tolerance") == 0)
        return &c->lag_tolerance;
    if (strcmp(name, "--previous") == 0)
        return &c->previous;
    if (strcmp(name, "--error") == 0)
        return &c->check_errors;
    if (strcmp(name, "--format") == 0)
        return &c->check_format;
    return NULL;
}

/* --jobs N: 1 to 64, else -1. */
static int jobs_value(const char *s)
{
    char *end;
    long n = strtol(s, &end, 10);
    return *s && !*end && n >= 1 && n <= 64 ? (int)n : -1;
}

/* --font-size PT: 6 to 24 points (as the settings file's font-size), else
 * -1. */
static double font_size_value(const char *s)
{
    char *end;
    double v = strtod(s, &end);
    return *s && !*end && v >= 6 && v <= 24 ? v : -1;
}

/* Parses argv after the command. Returns -1 to go on, else an exit code. */
static int parse_args(cli *c, int argc, char **argv)
{
    c->inputs = bl_calloc((size_t)argc, sizeof *c->inputs);
    bool only_files = false;
    int rc;
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i];
        if (only_files || a[0] != '-' || strcmp(a, "-") == 0) {
            c->inputs[c->n_inputs++] = a;
            continue;
        }
        if (strcmp(a, "--") != 0 && strcmp(a, "-h") != 0 && strcmp(a, "--help") != 0 &&
            strncmp(a, "-o", 2) != 0 && !strchr(a, '=') &&
            (rc = check_scope(c, a, a)) >= 0)
            return rc;
        if (strcmp(a, "--") == 0) {
            only_files = true;
        } else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            print_command_usage(c->command);
            return 0;
        } else if (strncmp(a, "-o", 2) == 0 && a[2]) {
            /* -oFILE */
            if ((rc = check_scope(c, "-o", a)) >= 0)
                return rc;
            c->output = a + 2;
        } else if (strcmp(a, "--landscape") == 0) {
            c->landscape = true;
        } else if (strcmp(a, "--grid") == 0) {
            c->grid = true;
        } else if (strcmp(a, "--fragment") == 0 ||
                   strcmp(a, "--inline-styles") == 0) {
            c->fragment = true;
            c->inline_styles = c->inline_styles || a[2] == 'i';
        } else if (strcmp(a, "--split-lists") == 0) {
            c->split_lists = true;
        } else if (strcmp(a, "--strict") == 0) {
            c->strict = true;
        } else if (strcmp(a, "--allow-fallback") == 0) {
            c->allow_fallback = true;
        } else if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0) {
            c->quiet = true;
        } else if (strcmp(a, "--no-schedule-lag") == 0) {
            c->no_schedule_lag = true;
        } else if (strcmp(a, "--checks") == 0) {
            c->checks = true;
        } else if (strcmp(a, "--keep-going") == 0) {
            c->keep_going = true;
        } else if (strcmp(a, "--no-pdf") == 0) {
            c->no_pdf = true;
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
            if ((rc = check_scope(c, name, name)) >= 0)
                return rc;
            if (eq)
                *field = eq + 1;
            else if (i + 1 < argc)
                *field = argv[++i];
            else
                return usage_error("option '%s' needs a value", a);
        }
    }
    if (c->pdf_backend && strcmp(c->pdf_backend, "direct") != 0 &&
        strcmp(c->pdf_backend, "cairo") != 0)
        return usage_error("unknown PDF backend '%s' (known: direct, cairo)",
                           c->pdf_backend);
    if (c->style && strcmp(c->style, "gongwen") != 0 &&
        strcmp(c->style, "default") != 0)
        return usage_error("unknown style '%s' (known: default, gongwen)", c->style);
    if (c->max_input) {
        size_t limit;
        if (bl_parse_size(c->max_input, &limit) != BL_OK)
            return usage_error("--max-input-size '%s' is not a size (bytes, or "
                               "512K, 512M, 1G)", c->max_input);
        bl_set_max_input_size(limit);
    }
    if (c->font_size && font_size_value(c->font_size) < 0)
        return usage_error("--font-size takes a size in points from 6 to 24, not '%s'",
                           c->font_size);
    if (c->jobs && jobs_value(c->jobs) < 1)
        return usage_error("--jobs takes a number of threads from 1 to 64, not '%s'",
                           c->jobs);
    if (c->source_name && c->n_inputs > 1)
        return usage_error("%s", "--source-name names one input; several were given");
    if (c->from && !known_format(c->from))
        return usage_error("unknown format '%s' (known: cells, pipe, spaced, kv, prose, "
                           "html, csv, xlsx, docx, xls)",
                           c->from);
    if (c->check_format && strcmp(c->check_format, "text") != 0 &&
        strcmp(c->check_format, "json") != 0)
        return usage_error("unknown check format '%s' (known: text, json)", c->check_format);
    if (c->to && strcmp(c->to, "json") != 0 && strcmp(c->to, "xlsx") != 0)
        return usage_error("unknown output format '%s' (known: json, xlsx)", c->to);
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
    current_input = c->previous;
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

/* bulletin site: how the reports were put in order (series.h); with
 * --strict the first such warning is an error instead. */
typedef struct series_warned {
    bool strict;
    bl_error *err;
    int rc;
} series_warned;

static void print_series_warning(void *ctx, const bl_document *d, const char *message)
{
    series_warned *w = ctx;
    if (!w->strict)
        fprintf(stderr, "%s: warning: %s\n", d->source, message);
    else if (!w->rc)
        w->rc = bl_error_set(w->err, BL_EINPUT, d->source, 0, "%s (--strict)", message);
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
    m->keep_grids = c->grid; /* parse --grid prints them */
    if (!rc)
        rc = read_previous(c, m, err);
    for (int i = 0; !rc && i < c->n_inputs; i++) {
        current_input = c->inputs[i];
        rc = bl_read_file_into(m, c->inputs[i], c->from, err);
    }
    current_input = NULL;
    if (!rc)
        rc = apply_overrides(c, m, err);
    if (!rc)
        rc = print_warnings(c, m, err);
    if (!rc)
        rc = bl_analyze_with(m, aliases, words, err);
    if (!rc)
        rc = apply_lag_options(c, m, err);
    series_warned sw = {c->strict, err, BL_OK};
    if (!rc && command_bit(c->command) == CMD_SITE)
        rc = bl_series_order(m, print_series_warning, &sw, err);
    if (!rc)
        rc = sw.rc;
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
    char *p = bl_malloc(n);
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

/* Streaming JSON sinks: standard output (checked by write_stdout at the
 * end) and a temporary file of io.c. The first failed write's errno is
 * kept: the writer goes on building text after it, which may change
 * errno before the failure is reported. */
typedef struct fp_out {
    FILE *fp;
    int error; /* errno of the first failed write, else 0 */
} fp_out;

static int fp_sink(void *ctx, const char *data, size_t len)
{
    fp_out *o = ctx;
    errno = 0;
    if (fwrite(data, 1, len, o->fp) == len)
        return BL_OK;
    o->error = errno ? errno : EIO;
    return BL_EIO;
}

static int json_to(const bl_model *m, const bl_document *d, fp_out *o, bl_error *err)
{
    return d ? bl_write_json_document_to(m, d, fp_sink, o, err)
             : bl_write_json_to(m, fp_sink, o, err);
}

/* The JSON of m (or of d alone) into path atomically, or onto standard
 * output for NULL, streamed: the text is never held whole. */
static int stream_json(const bl_model *m, const bl_document *d, const char *path,
                       bl_error *err)
{
    if (!path) {
        fp_out o = {stdout, 0};
        int rc = json_to(m, d, &o, err);
        if (rc == BL_EIO)
            return bl_error_set(err, BL_EIO, NULL, 0,
                                "cannot write to standard output: %s",
                                strerror(o.error));
        return rc ? rc : write_stdout(NULL, 0, err);
    }
    bl_atomic_file f;
    int rc = bl_atomic_open(&f, path, err);
    if (rc)
        return rc;
    fp_out o = {f.fp, 0};
    rc = json_to(m, d, &o, err);
    if (rc) {
        if (rc == BL_EIO)
            bl_error_set(err, BL_EIO, path, 0, "cannot write: %s", strerror(o.error));
        bl_atomic_abort(&f);
        return rc;
    }
    return bl_atomic_commit(&f, err);
}

/* ---- where outputs go ---------------------------------------------------
 * -o - is standard output and -o DIR/ (or an existing directory) a
 * directory of <stem>.<ext>; any other -o names the one file written when
 * one input gives one output. Several inputs or build's three files need a
 * directory: a path that does not exist yet is created as one, unless its
 * name ends like an output file (-o briefing.pdf), which is a usage error. */
typedef enum { TO_STDOUT, TO_FILE, TO_DIR } out_mode;

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

static bool is_directory(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

enum { OUT_JSON = 1, OUT_HTML = 2, OUT_PDF = 4 };

static const char *const output_exts[] = {"json", "html", "pdf"};

static int output_kinds(int what)
{
    return !!(what & OUT_JSON) + !!(what & OUT_HTML) + !!(what & OUT_PDF);
}

/* Returns -1 with *mode set, else a usage exit code (message printed). */
static int choose_output(const cli *c, int what, out_mode *mode)
{
    const char *o = c->output;
    bool one = c->n_inputs == 1 && output_kinds(what) == 1;
    bool parse = strcmp(c->command, "parse") == 0;
    if (!o || strcmp(o, "-") == 0) {
        if (!one && !parse)
            return usage_error(
                "%s: -o - (standard output) takes one input and one output; "
                "give -o DIR/",
                c->command);
        *mode = TO_STDOUT;
        return -1;
    }
    if (ends_with(o, "/") || is_directory(o)) {
        *mode = TO_DIR;
        return -1;
    }
    if (one || parse) {
        *mode = TO_FILE;
        return -1;
    }
    for (int k = 0; k < 3; k++) {
        char ext[8];
        snprintf(ext, sizeof ext, ".%s", output_exts[k]);
        if (ends_with(o, ext)) {
            fprintf(stderr,
                    "bulletin: %s: -o %s names one file, but %d input%s give%s "
                    "%d files; give a directory (-o DIR/)\n"
                    "Try 'bulletin %s --help'.\n",
                    c->command, o, c->n_inputs, c->n_inputs == 1 ? "" : "s",
                    c->n_inputs == 1 ? "s" : "", c->n_inputs * output_kinds(what),
                    c->command);
            return 2;
        }
    }
    *mode = TO_DIR;
    return -1;
}

/* The files written by a batch, printed with their sizes once committed. */
typedef struct written {
    char **paths;
    int n;
} written;

static void written_add(written *w, char *path)
{
    char **p = bl_realloc(w->paths, (size_t)(w->n + 1) * sizeof *p);
    w->paths = p;
    w->paths[w->n++] = path;
}

static void written_print(const cli *c, const written *w)
{
    if (strcmp(c->command, "parse") == 0)
        return; /* parse prints only the model, and only without -o */
    for (int i = 0; !c->quiet && i < w->n; i++) {
        struct stat st;
        if (stat(w->paths[i], &st) == 0)
            printf("%s\t%lld bytes\n", w->paths[i], (long long)st.st_size);
    }
}

static void written_free(written *w)
{
    for (int i = 0; i < w->n; i++)
        free(w->paths[i]);
    free(w->paths);
    memset(w, 0, sizeof *w);
}

/* The PDF's progress bar on stderr (a terminal): rows laid out, then pages
 * drawn; erased when the render ends. */
static void draw_pdf_bar(void *ctx, const char *stem, int pass, size_t done,
                         size_t total, bool finished)
{
    (void)ctx;
    if (finished) {
        fputs("\r\033[K", stderr);
        return;
    }
    enum { WIDTH = 30 };
    int fill = total ? (int)(done * (size_t)WIDTH / total) : WIDTH;
    char bar[WIDTH + 1];
    for (int i = 0; i < WIDTH; i++)
        bar[i] = i < fill ? '#' : '-';
    bar[WIDTH] = '\0';
    fprintf(stderr, "\rPDF %s %s [%s] %zu/%zu", stem, pass == 1 ? "rows " : "pages", bar,
            done, total);
    fflush(stderr);
}

/* The PDF writer's fonts, opened while the inputs are read (run). */
static struct bl_fonts_ahead *fonts_ahead;

/* --font-dir, else the settings' first font directory, else NULL. */
static const char *pdf_font_dir(const cli *c)
{
    const bl_settings *s = c->settings;
    return c->font_dir ? c->font_dir : s && s->font_dirs ? s->font_dirs[0] : NULL;
}

static void fill_pdf_options(const cli *c, bl_pdf_options *o)
{
    memset(o, 0, sizeof *o);
    /* Options win over the settings file. */
    const bl_settings *s = c->settings;
    const char *style = c->style ? c->style : s ? s->style : NULL;
    o->landscape = c->landscape ||
                   (s && s->page_size && strcmp(s->page_size, "A4-landscape") == 0);
    o->style = style && strcmp(style, "default") != 0 ? style : NULL;
    o->templates_dir = c->templates_dir;
    o->font_dir = pdf_font_dir(c);
    o->allow_fallback = c->allow_fallback;
    o->version = BL_VERSION;
    o->creation_epoch = source_date_epoch();
    o->progress = isatty(STDERR_FILENO) ? draw_pdf_bar : NULL;
    o->jobs = c->jobs ? jobs_value(c->jobs) : 0;
    o->backend = c->pdf_backend;
    o->table_font_pt = c->font_size ? font_size_value(c->font_size)
                       : s                ? s->font_size
                                          : 0;
    o->settings = s;
    o->checks = c->checks || bl_settings_internal(s);
    o->check_errors = c->check_errors;
    o->fonts_ahead = fonts_ahead;
}

/* The PDF writer writes files only: to standard output through a private
 * temporary directory. */
static int pdf_to_stdout(bl_model *m, const bl_document *d, const bl_pdf_options *o,
                         bl_pdf_stats *stats, bl_error *err)
{
    const char *tmp = getenv("TMPDIR");
    const char *base = tmp && *tmp ? tmp : "/tmp";
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/bulletin-XXXXXX", base);
    /* named by the directory asked for: a failed mkdtemp leaves random
     * letters in dir, a name that never existed */
    if (!mkdtemp(dir))
        return bl_error_set(err, BL_EIO, base, 0,
                            "cannot create a temporary directory in it: %s",
                            strerror(errno));
    char path[4096 + 16];
    snprintf(path, sizeof path, "%s/out.pdf", dir);
    int rc = bl_write_pdf(m, d, path, o, stats, err);
    bl_buf b = BL_BUF_INIT;
    if (!rc)
        rc = bl_read_file(path, &b, err);
    unlink(path);
    rmdir(dir);
    if (!rc)
        rc = write_stdout(b.data, b.len, err);
    bl_buf_free(&b);
    return rc;
}

static int pdf_output(bl_model *m, const bl_document *d, const char *path,
                      const bl_pdf_options *o, bl_error *err)
{
    bl_pdf_stats stats = {0};
    int rc = path ? bl_write_pdf(m, d, path, o, &stats, err)
                  : pdf_to_stdout(m, d, o, &stats, err);
    if (!rc && stats.warnings[0])
        fprintf(stderr, "%s: warning: %s%s", path ? path : "-", stats.warnings,
                stats.warnings[strlen(stats.warnings) - 1] == '\n' ? "" : "\n");
    return rc;
}

/* bl_html_emit: a page to its file (inside the batch) or to standard
 * output; part pages other than the index are added to the written list. */
typedef struct page_sink {
    const char *index;
    written *extra;
} page_sink;

static int emit_page(void *ctx, const char *path, const char *data, size_t len,
                     bl_error *err)
{
    page_sink *s = ctx;
    if (!path)
        return write_stdout(data, len, err);
    int rc = bl_write_file_atomic(path, data, len, err);
    if (!rc && (!s->index || strcmp(path, s->index) != 0)) {
        written_add(s->extra, bl_strdup(path));
    }
    return rc;
}

/* Writes one output kind of d: to path, or to standard output when NULL;
 * the part pages of a split HTML page go to extra. */
static int write_kind(const cli *c, bl_model *m, const bl_document *d, int kind,
                      const char *path, written *extra, bl_error *err)
{
    bl_buf b = BL_BUF_INIT;
    int rc = BL_OK;
    if (kind == OUT_PDF) {
        bl_pdf_options pdf;
        fill_pdf_options(c, &pdf);
        return pdf_output(m, d, path, &pdf, err);
    }
    if (kind == OUT_HTML) {
        bl_html_options html = {.templates_dir = c->templates_dir,
                                .fragment = c->fragment,
                                .inline_styles = c->inline_styles,
                                .settings = c->settings,
                                .split_lists = c->split_lists};
        if (!path && c->split_lists)
            return bl_error_set(err, BL_EUSAGE, NULL, 0,
                                "%s: --split-lists writes several pages: give -o FILE.html "
                                "or -o DIR/, not standard output",
                                c->command);
        page_sink sink = {.index = path, .extra = extra};
        return bl_html_write_pages(m, d, &html, path, emit_page, &sink, err);
    } else if (c->grid) {
        rc = write_grids(m, &b);
    } else {
        return stream_json(m, d, path, err);
    }
    if (!rc)
        rc = path ? bl_write_file_atomic(path, b.data ? b.data : "", b.len, err)
                  : write_stdout(b.data, b.len, err);
    bl_buf_free(&b);
    return rc;
}

/* Every output path fits in PATH_MAX, checked before anything is created. */
static int check_output_paths(const cli *c, const bl_model *m, int what,
                              out_mode mode, bl_error *err)
{
    if (mode == TO_STDOUT)
        return BL_OK;
    int rc = bl_check_output_path(c->output, err);
    for (const bl_document *d = m->documents; !rc && mode == TO_DIR && d; d = d->next)
        for (int k = 0; !rc && k < 3; k++) {
            if (!(what & (1 << k)))
                continue;
            char *path = output_path(c->output, d->stem, output_exts[k]);
            rc = bl_check_output_path(path, err);
            free(path);
        }
    return rc;
}

/* One document's outputs (all of m's for parse's whole model) into the
 * batch; the paths written are added to mine. */
static int write_document(const cli *c, bl_model *m, const bl_document *d, int what,
                          out_mode mode, bool whole_model, written *mine, bl_error *err)
{
    int rc = BL_OK;
    for (int k = 0; !rc && k < 3; k++) {
        if (!(what & (1 << k)))
            continue;
        char *path = mode == TO_DIR ? output_path(c->output, d->stem, output_exts[k])
                     : mode == TO_FILE ? bl_strdup(c->output)
                                       : NULL;
        written parts = {0};
        rc = write_kind(c, m, whole_model ? NULL : d, 1 << k, path, &parts, err);
        if (path)
            written_add(mine, path);
        for (int i = 0; i < parts.n; i++)
            written_add(mine, parts.paths[i]);
        free(parts.paths);
    }
    return rc;
}

/* ---- documents in parallel (issue 12.5, batch.h) ----------------------
 * pdf and build into a directory: the documents on --jobs worker
 * processes (default: the cores available), each PDF on jobs/workers
 * threads; the same messages, files and bytes as one after the other. */
typedef struct parallel {
    const cli *c; /* with jobs per worker */
    bl_model *m;
    const bl_document **docs;
    int what;
    written *mine;
} parallel;

static int parallel_write(void *ctx, size_t i, void (*out)(void *sink, const char *path),
                          void *sink, bl_error *err)
{
    parallel *p = ctx;
    written paths = {0};
    int rc = write_document(p->c, p->m, p->docs[i], p->what, TO_DIR, false, &paths, err);
    for (int k = 0; k < paths.n; k++)
        out(sink, paths.paths[k]);
    written_free(&paths);
    return rc;
}

static void parallel_listed(void *ctx, size_t i, const char *path)
{
    (void)i;
    written_add(((parallel *)ctx)->mine, bl_strdup(path));
}

static const char *parallel_name(void *ctx, size_t i)
{
    return ((parallel *)ctx)->docs[i]->source;
}

static void parallel_lost(void *ctx, size_t i)
{
    parallel *p = ctx;
    for (int k = 0; k < 3; k++)
        if (p->what & (1 << k)) {
            char *path = output_path(p->c->output, p->docs[i]->stem, output_exts[k]);
            bl_tmp_remove_left(path);
            free(path);
        }
}

/* On a terminal (and without -q): how many documents are written; the
 * line is cleared before the messages. */
static void parallel_progress(void *ctx, size_t done, size_t n, bool finished)
{
    if (((parallel *)ctx)->c->quiet || !isatty(STDERR_FILENO))
        return;
    if (finished)
        fputs("\r\033[K", stderr);
    else
        fprintf(stderr, "\rbulletin: %zu of %zu documents written", done, n);
}

static size_t documents_written(const bl_model *m)
{
    size_t n = 0;
    for (const bl_document *d = m->documents; d; d = d->next)
        n += !d->previous_only;
    return n;
}

/* Worker processes for the batch: 1 (none) unless a PDF per document
 * goes into a directory and --jobs leaves more than one. */
static int batch_workers(const cli *c, const bl_model *m, int what, out_mode mode)
{
    if (mode != TO_DIR || !(what & OUT_PDF))
        return 1;
    size_t n = documents_written(m);
    int jobs = c->jobs ? jobs_value(c->jobs) : batch_cores();
    return n < 2 ? 1 : (size_t)jobs < n ? jobs : (int)n;
}

static int write_parallel(const cli *c, bl_model *m, int what, int workers,
                          written *mine, bl_error *err)
{
    size_t n = 0;
    const bl_document **docs = bl_calloc(documents_written(m), sizeof *docs);
    for (const bl_document *d = m->documents; d; d = d->next)
        if (!d->previous_only)
            docs[n++] = d;
    int jobs = c->jobs ? jobs_value(c->jobs) : batch_cores();
    char inner_jobs[16];
    snprintf(inner_jobs, sizeof inner_jobs, "%d", jobs / workers > 1 ? jobs / workers : 1);
    cli inner = *c;
    inner.jobs = inner_jobs;
    parallel p = {&inner, m, docs, what, mine};
    batch_job job = {.n = n, .workers = workers, .write = parallel_write,
                     .listed = parallel_listed, .name = parallel_name,
                     .lost = parallel_lost, .progress = parallel_progress,
                     .ctx = &p};
    int rc = batch_run(&job, err);
    free(docs);
    return rc;
}

/* Writes every output of every document of m as one batch: all of them
 * are renamed into place at the end, or none (io.h). */
static int write_batch(const cli *c, bl_model *m, int what, out_mode mode,
                       written *w, bl_error *err)
{
    int rc = check_output_paths(c, m, what, mode, err);
    if (!rc && mode == TO_DIR)
        rc = bl_mkdir_p(c->output, err);
    /* A concurrent run into the same directory waits for the whole batch. */
    int lock = -1;
    if (!rc && mode == TO_DIR)
        rc = bl_dir_lock(c->output, &lock, err);
    if (rc)
        return rc;
    /* Standard output has no rename to defer (and the PDF writer goes
     * through a file it must find written). */
    if (mode != TO_STDOUT)
        bl_batch_begin();
    written mine = {0};
    bool whole_model = strcmp(c->command, "parse") == 0 && mode != TO_DIR;
    int workers = batch_workers(c, m, what, mode);
    if (workers > 1)
        rc = write_parallel(c, m, what, workers, &mine, err);
    for (const bl_document *d = m->documents; workers < 2 && !rc && d; d = d->next) {
        if (d->previous_only) /* --previous: compared with, not written */
            continue;
        rc = write_document(c, m, d, what, mode, whole_model, &mine, err);
        if (whole_model)
            break;
    }
    int end = mode != TO_STDOUT ? bl_batch_end(rc == BL_OK, err) : BL_OK;
    if (!rc)
        rc = end;
    bl_dir_unlock(lock);
    for (int i = 0; i < mine.n; i++)
        if (!rc)
            written_add(w, mine.paths[i]);
        else
            free(mine.paths[i]);
    free(mine.paths);
    return rc;
}

/* parse -o NAME.xlsx (or --to xlsx): the Excel ledger of the one report. */
static bool wants_ledger(const cli *c)
{
    if (c->to)
        return strcmp(c->to, "xlsx") == 0;
    size_t n = c->output ? strlen(c->output) : 0;
    return n > 5 && strcasecmp(c->output + n - 5, ".xlsx") == 0;
}

static int write_ledger(const cli *c, const bl_model *m, bl_error *err)
{
    if (c->grid || !c->output || strcmp(c->output, "-") == 0 ||
        ends_with(c->output, "/") || is_directory(c->output))
        return bl_error_set(err, BL_EUSAGE, NULL, 0,
                            "parse: the ledger is written to a file (-o NAME.xlsx), "
                            "without --grid");
    if (m->n_documents != 1)
        return bl_error_set(err, BL_EUSAGE, NULL, 0,
                            "parse: a ledger holds one report; %zu were given",
                            m->n_documents);
    bl_xlsx_options o = {.creation_epoch = source_date_epoch()};
    return bl_write_xlsx(m, m->documents, c->output, &o, err);
}

static int command_outputs(const char *command)
{
    if (strcmp(command, "html") == 0)
        return OUT_HTML;
    if (strcmp(command, "pdf") == 0)
        return OUT_PDF;
    if (strcmp(command, "build") == 0)
        return OUT_JSON | OUT_HTML | OUT_PDF;
    return OUT_JSON;
}

/* --keep-going: each input read, analysed and written on its own; the
 * refused ones are reported and counted. */
static int run_keep_going(const cli *c, int what, out_mode mode)
{
    written w = {0};
    int n_ok = 0, n_bad = 0;
    char refused[1024] = "";
    const char **stems = bl_calloc((size_t)c->n_inputs, sizeof *stems);
    char (*stem_buf)[256] = bl_calloc((size_t)c->n_inputs, sizeof *stem_buf);
    for (int i = 0; i < c->n_inputs; i++) {
        cli one = *c;
        one.inputs = &c->inputs[i];
        one.n_inputs = 1;
        bl_error err = {0};
        bl_model *m = NULL;
        int rc = load_model(&one, &m, &err);
        if (!rc && mode == TO_DIR) {
            /* Two inputs with one stem would write over each other. */
            bl_path_stem(c->inputs[i], stem_buf[i], sizeof stem_buf[i]);
            for (int k = 0; !rc && k < i; k++)
                if (stems[k] && strcmp(stems[k], stem_buf[i]) == 0)
                    rc = bl_error_set(&err, BL_EUSAGE, c->inputs[i], 0,
                                      "has the same name as %s; outputs would "
                                      "collide",
                                      c->inputs[k]);
        }
        if (!rc)
            rc = write_batch(&one, m, what, mode, &w, &err);
        bl_model_free(m);
        if (rc) {
            report(&err);
            n_bad++;
            size_t len = strlen(refused);
            if (len < sizeof refused - 8)
                snprintf(refused + len, sizeof refused - len, "%s%s",
                         len ? ", " : "", c->inputs[i]);
        } else {
            stems[i] = stem_buf[i];
            n_ok++;
        }
    }
    written_print(c, &w);
    written_free(&w);
    free(stems);
    free(stem_buf);
    if (n_bad)
        fprintf(stderr, "bulletin: %d of %d reports written; %d refused: %s\n", n_ok,
                c->n_inputs, n_bad, refused);
    return n_bad ? 1 : 0;
}

static int run_documents(const cli *c)
{
    bl_error err = {0};
    if (c->n_inputs == 0)
        return usage_error("%s: no input files", c->command);
    bool is_parse = strcmp(c->command, "parse") == 0;
    if (!is_parse && !c->output)
        return usage_error("%s: -o is required (a file, DIR/ or -)", c->command);
    int what = command_outputs(c->command);
    out_mode mode;
    int rc = choose_output(c, what, &mode);
    if (rc >= 0)
        return rc;
    if (c->keep_going)
        return run_keep_going(c, what, mode);
    /* A briefing's fonts (fontconfig's part, 1.5 ms) are opened on the
     * second core while the inputs are read; with --jobs 1 on this one */
    if ((what & OUT_PDF) && (c->jobs ? jobs_value(c->jobs) : batch_cores()) > 1) {
        bl_pdf_options po = {.font_dir = pdf_font_dir(c), .allow_fallback = c->allow_fallback};
        fonts_ahead = bl_pdf_fonts_ahead_start(&po);
    }
    bl_model *m = NULL;
    rc = load_model(c, &m, &err);
    /* its thread ended before anything else is written or forked */
    bl_pdf_fonts_ahead_wait(fonts_ahead);
    if (!rc && mode == TO_DIR)
        rc = check_stems(m, &err);
    written w = {0};
    if (!rc && is_parse && wants_ledger(c))
        rc = write_ledger(c, m, &err);
    else if (!rc)
        rc = write_batch(c, m, what, mode, &w, &err);
    bl_pdf_fonts_ahead_free(fonts_ahead);
    fonts_ahead = NULL;
    bl_model_free(m);
    written_print(c, &w);
    written_free(&w);
    return rc ? report(&err) : 0;
}

/* ---- bulletin site (issue 9.6) ---------------------------------------- */

static int site_pdf(void *ctx, bl_model *m, const bl_document *d, const char *path,
                    bl_error *err)
{
    return write_kind(ctx, m, d, OUT_PDF, path, NULL, err);
}

static void site_written(void *ctx, const char *path)
{
    written_add(ctx, bl_strdup(path));
}

static int run_site(const cli *c)
{
    if (c->n_inputs == 0)
        return usage_error("%s", "site: no input files");
    if (!c->output || strcmp(c->output, "-") == 0 ||
        (!is_directory(c->output) && access(c->output, F_OK) == 0))
        return usage_error("%s", "site: -o DIR/ is required (a directory, created "
                                 "if missing)");
    bl_error err = {0};
    bl_model *m = NULL;
    int rc = load_model(c, &m, &err);
    written w = {0};
    bl_site_options o = {.dir = c->output,
                         .html = {.templates_dir = c->templates_dir,
                                  .settings = c->settings},
                         .generator = GENERATOR,
                         .pdf = c->no_pdf ? NULL : site_pdf,
                         .pdf_ctx = (void *)c,
                         .written = site_written,
                         .written_ctx = &w};
    if (!rc)
        rc = bl_write_site(m, &o, &err);
    bl_model_free(m);
    written_print(c, &w);
    written_free(&w);
    return rc ? report(&err) : 0;
}

/* ---- bulletin check (issue 9) ---------------------------------------- */

typedef struct check_out {
    const char *errors; /* --error: codes at error level, comma-separated */
    int n_errors;
} check_out;

static void print_finding(void *ctx, const bl_finding *f)
{
    check_out *o = ctx;
    bool error = bl_check_code_listed(o->errors, f->code);
    const char *level = error ? "error" : "warning";
    o->n_errors += error;
    if (f->line)
        printf("%s:%d: %s[%s]: %s\n", f->doc->source, f->line, level, f->code, f->message);
    else
        printf("%s: %s[%s]: %s\n", f->doc->source, level, f->code, f->message);
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
    if (c->check_format && strcmp(c->check_format, "json") == 0) {
        cJSON *root = cJSON_CreateObject();
        cJSON_AddItemToObject(root, "findings",
                              bl_findings_json(m, NULL, c->check_errors, &o.n_errors));
        /* in the layout of parse's JSON: two spaces, "key": value */
        bl_buf text = BL_BUF_INIT;
        bl_json_pretty(root, &text);
        rc = write_stdout(text.data, text.len, &err);
        bl_buf_free(&text);
        cJSON_Delete(root);
    } else {
        bl_check_model(m, print_finding, &o);
    }
    bl_model_free(m);
    if (rc)
        return report(&err);
    return o.n_errors ? 1 : 0;
}

/* bulletin view: the page templates' data (bl_html_view), pretty-printed. */
static int run_view(const cli *c)
{
    if (c->n_inputs != 1)
        return usage_error("%s", "view: expected one input FILE");
    if (c->output && (ends_with(c->output, "/") || is_directory(c->output)))
        return usage_error("view: -o %s is a directory; give a file name", c->output);
    bl_error err = {0};
    bl_model *m = NULL;
    int rc = load_model(c, &m, &err);
    const bl_document *d = m ? m->documents : NULL;
    while (d && d->previous_only)
        d = d->next;
    bl_buf out = BL_BUF_INIT;
    if (!rc && d) {
        bl_html_options html = {.fragment = c->fragment,
                                .inline_styles = c->inline_styles,
                                .settings = c->settings};
        cJSON *view = bl_html_view(m, d, &html);
        bl_json_pretty(view, &out);
        cJSON_Delete(view);
    }
    if (!rc && c->output && strcmp(c->output, "-") != 0)
        rc = bl_write_file_atomic(c->output, out.data ? out.data : "", out.len, &err);
    else if (!rc)
        rc = write_stdout(out.data, out.len, &err);
    bl_buf_free(&out);
    bl_model_free(m);
    return rc ? report(&err) : 0;
}

static int run_template(const cli *c)
{
    if (c->n_inputs != 2)
        return usage_error("%s", "template: expected TEMPLATE DATA.json");
    if (c->output && (ends_with(c->output, "/") || is_directory(c->output)))
        return usage_error("template: -o %s is a directory; give a file name",
                           c->output);
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
    if (!rc && c->output && strcmp(c->output, "-") != 0)
        rc = bl_write_file_atomic(c->output, out.data ? out.data : "", out.len, &err);
    else if (!rc)
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
        const char *data = bl_data_dir();
        printf("%s\ndata: %s\n", GENERATOR, data ? data : "(none found)");
        return 0;
    }
    if (!is_command(first))
        return usage_error("unknown command '%s'", first);
    cli c = {.command = first};
    int rc = parse_args(&c, argc, argv);
    bl_settings settings = {0};
    if (rc < 0 && (command_bit(c.command) & CMD_SETTINGS)) {
        char *path = c.config ? bl_strdup(c.config) : bl_settings_default_path();
        bl_error err = {0};
        if (path && bl_settings_load(path, &settings, &err))
            rc = report(&err);
        else if (path)
            c.settings = &settings;
        free(path);
    }
    if (rc < 0)
        rc = strcmp(c.command, "template") == 0 ? run_template(&c)
             : strcmp(c.command, "check") == 0  ? run_check(&c)
             : strcmp(c.command, "view") == 0   ? run_view(&c)
             : strcmp(c.command, "site") == 0   ? run_site(&c)
                                                : run_documents(&c);
    bl_settings_free(&settings);
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

/* ---- out of memory ---------------------------------------------------- */

/* alloc.h's handler: the message, the temporary files removed, exit 1.
 * write(2) and a static buffer: nothing here allocates. */
static void out_of_memory(size_t size)
{
    static char msg[4200];
    int n = current_input
                ? snprintf(msg, sizeof msg, "%s: error: out of memory reading it "
                           "(%zu bytes more were refused)\n", current_input, size)
                : snprintf(msg, sizeof msg, "bulletin: error: out of memory "
                           "(%zu bytes more were refused)\n", size);
    if (n > 0 && write(STDERR_FILENO, msg,
                       (size_t)n < sizeof msg ? (size_t)n : sizeof msg - 1) < 0)
        n = 0;
    bl_tmp_cleanup();
    _exit(1);
}

static void install_oom_handler(void)
{
    bl_set_oom_handler(out_of_memory);
    cJSON_Hooks hooks = {bl_malloc, bl_free};
    cJSON_InitHooks(&hooks);
}

int main(int argc, char **argv)
{
    install_signal_cleanup();
    install_oom_handler();
    return close_stdout(run(argc, argv));
}
