/* model.h - the in-memory model of one run: documents -> lists -> projects ->
 * progress entries, plus the indicators of narrative reports.
 *
 * Ownership: every node and every string below lives in the bl_model's arena
 * and is freed at once by bl_model_free. Readers fill the "as read" fields;
 * analysis.c fills the "derived" fields. Strings are UTF-8; NULL means absent.
 * Lists are singly linked (first/next) with a count, in source order.
 */
#ifndef BL_MODEL_H
#define BL_MODEL_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"

typedef enum bl_level {
    BL_LEVEL_NONE = 0,
    BL_LEVEL_PROVINCE,
    BL_LEVEL_CITY,
    BL_LEVEL_COUNTY,
    BL_LEVEL_DISTRICT,
    BL_LEVEL_TOWN
} bl_level;

/* Status classes, from the Chinese status phrases (status.c). */
typedef enum bl_status_class {
    BL_STATUS_UNKNOWN = 0,
    BL_STATUS_AHEAD,       /* 提前完成, 超额完成 */
    BL_STATUS_DONE,        /* 已完成 */
    BL_STATUS_MOSTLY_DONE, /* 基本完成 */
    BL_STATUS_PARTIAL,     /* 部分完成 */
    BL_STATUS_NOT_DONE,    /* 未完成 */
    BL_STATUS_ON_SCHEDULE, /* 按序时, 正常推进, 按计划推进 */
    BL_STATUS_BEHIND,      /* 滞后, 慢序时, 推进缓慢 */
    BL_STATUS_COUNT
} bl_status_class;

/* Where a completion rate came from. */
typedef enum bl_rate_source {
    BL_RATE_NONE = 0,
    BL_RATE_TEXT,   /* stated in the progress text: 完成率达215% */
    BL_RATE_COLUMN, /* a 完成率 column */
    BL_RATE_STATUS  /* implied by the status: ahead/done -> 100 */
} bl_rate_source;

/* A column the interpreter does not know, kept as printed: header and cell. */
typedef struct bl_field {
    const char *name;  /* header text as printed */
    const char *value; /* cell text as printed */
    struct bl_field *next;
} bl_field;

/* A problem the reader could get past: printed as "file:line: warning: …"
 * and listed in the JSON; --strict makes it an error. */
typedef struct bl_warning {
    int line;            /* 0 when it concerns the whole document */
    const char *message;
    struct bl_warning *next;
} bl_warning;

/* The period a report covers. */
typedef enum bl_period_kind {
    BL_PERIOD_NONE = 0,
    BL_PERIOD_MONTH,   /* 10月, 截至10月底 */
    BL_PERIOD_RANGE,   /* 1-9月, 前三季度 */
    BL_PERIOD_QUARTER, /* 一季度 */
    BL_PERIOD_HALF,    /* 上半年 */
    BL_PERIOD_YEAR     /* 全年, 年度 */
} bl_period_kind;

/* One (department, status, detail) group of a project. */
typedef struct bl_entry {
    /* as read */
    const char *department;     /* as printed, two-line names joined */
    const char *leader;         /* person in charge (具体分管领导) */
    const char **co_departments; /* 配合单位 as printed, never the lead */
    size_t n_co_departments;
    bl_field *extra;            /* columns the interpreter does not know */
    bl_field *extra_tail;
    const char *target;         /* the sub-item's own target text, when the
                                   project lists several with their own status */
    const char *planned;        /* planned progress for the period (N月计划进度) */
    const char *status_text;    /* status phrase as printed: "提前完成年度任务。" */
    const char *progress;       /* progress text (落实情况 / 实际进度情况) */
    double *rates;              /* completion rates in percent, in order found */
    size_t n_rates;
    bl_rate_source rate_source; /* source of rates[]; NONE when n_rates == 0 */
    bool behind;                /* stated as lagging (滞后进度, 进度严重滞后) */
    const char *behind_reason;  /* "育英路未按计划完工" */
    int line;                   /* source line where the entry starts */
    bool department_carried;    /* department taken from an earlier row
                                   (merged cell) rather than printed here */
    bool has_investment;        /* a major project's investment was stated */
    double investment_planned;  /* 年度计划投资, in investment_unit */
    double investment_actual;   /* 完成投资, in investment_unit */
    const char *investment_unit; /* "亿元", "万元" */
    /* derived (analysis.c) */
    const char *department_key; /* normalised department, NULL when none */
    bl_status_class status;
    struct bl_entry *next;
} bl_entry;

/* Why a project is in the 督办清单 (bl_project.lag). */
enum {
    BL_LAG_TEXT = 1,     /* its text or status phrase says it lags */
    BL_LAG_STATUS = 2,   /* its status is 未完成, 部分完成 or 未开工 */
    BL_LAG_SCHEDULE = 4  /* its rate is below the time schedule */
};

typedef struct bl_project {
    /* as read */
    const char *seq;     /* sequence number as printed: "1", "(22)" -> "22" */
    const char *content; /* 项目内容, multi-line content joined with '\n' */
    const char *category; /* the group row above it (一、…), as printed */
    int line;
    bl_entry *entries;   /* first entry */
    bl_entry *entries_tail; /* for O(1) append */
    size_t n_entries;
    /* derived (analysis.c) */
    bl_status_class status; /* the least advanced entry status */
    bool has_rate;
    double rate;            /* effective rate, uncapped */
    bl_rate_source rate_source;
    bool behind;            /* any entry behind */
    /* derived (schedule.c): the 督办清单 criteria */
    bool lagging;           /* any bit of lag set */
    unsigned lag;           /* BL_LAG_* bits: why it lags */
    bool has_shortfall;     /* rate and schedule both known */
    double shortfall;       /* schedule - rate, in points (may be negative) */
    bl_status_class derived_status; /* without any status phrase: the rate
                                       against the schedule; UNKNOWN else */
    /* derived (compare.c): the same project in the previous period */
    const struct bl_project *previous;
    struct bl_project *next;
} bl_project;

typedef struct bl_list {
    const char *title; /* "2023年10月省政府民生实事项目进展情况汇总表" */
    bl_level level;
    int line;
    bl_project *projects;
    bl_project *projects_tail; /* for O(1) append */
    size_t n_projects;
    struct bl_list *next;
} bl_list;

/* One numbered indicator of a narrative report. */
typedef struct bl_indicator {
    const char *section; /* "幼有善育" */
    const char *seq;     /* "1" (or "三" when written 三是…) */
    const char *name;    /* "每千人口拥有3岁以下婴幼儿托位数" */
    const char *text;    /* the sentence(s) stating the figures */
    double *values;      /* every number stated in text, in order */
    size_t n_values;
    double *rates;       /* percentages stated in text */
    size_t n_rates;
    int line;
    struct bl_indicator *next;
} bl_indicator;

typedef struct bl_document {
    const char *source;    /* path as given (the file is read again by the PDF writer) */
    const char *source_name; /* what the JSON publishes as "source"; NULL: source */
    const char *stem;      /* file name without directory and extension */
    const char *format;    /* "cells", "pipe", "prose", ... */
    const char *encoding;  /* "UTF-8" or "GB18030" */
    const char *title;
    const char *office;    /* issuing office (来源, or the office named in prose) */
    const char *published; /* "YYYY-MM-DD" or NULL */
    int year;              /* period; 0 when unknown */
    int month;             /* 1..12, the last month covered; 0 when unknown */
    bl_period_kind period_kind;
    int month_from;        /* first month covered (1 for 1-9月); 0 unknown */
    /* derived (schedule.c) */
    bool has_schedule;     /* the period is known */
    double schedule;       /* 序时进度 in percent: month / 12, one decimal */
    /* derived (compare.c): what changed since the previous period's report,
     * or NULL for the first (or only) one */
    struct bl_changes *changes;
    bool previous_only;    /* read for comparison (--previous), not written */
    struct bl_grid *grid;  /* the table as read (for --grid), or NULL */
    bl_warning *warnings;
    bl_warning *warnings_tail;
    size_t n_warnings;
    bl_list *lists;
    bl_list *lists_tail;       /* for O(1) append */
    size_t n_lists;
    bl_indicator *indicators;
    bl_indicator *indicators_tail; /* for O(1) append */
    size_t n_indicators;
    struct bl_document *next;
} bl_document;

/* Department roll-up (analysis.c). */
typedef struct bl_department {
    const char *key;
    const char **names;  /* names as printed, sorted, unique */
    size_t n_names;
    size_t projects;     /* projects with at least one entry of this key */
    size_t entries;
    size_t rated;        /* projects contributing to rate_mean */
    double rate_mean;    /* mean of effective rates, each capped at 100 */
    size_t behind;       /* projects of this key that are behind */
    size_t lagging;      /* projects of this key in the 督办清单 */
    size_t status_counts[BL_STATUS_COUNT];
    struct bl_department *next;
} bl_department;

typedef struct bl_model {
    bl_arena *arena;
    bl_document *documents;
    bl_document *documents_tail; /* for O(1) append */
    size_t n_documents;
    bl_department *departments; /* roll-up over all documents, sorted by key */
    size_t n_departments;
    bool keep_grids; /* readers keep each document's whole grid (d->grid, for
                        `parse --grid`); else a reader may read its rows a
                        slice at a time and keep none */
} bl_model;

/* Creates an empty model with its own arena; free with bl_model_free. */
bl_model *bl_model_new(void);
void bl_model_free(bl_model *m);

/* Constructors: allocate in m's arena, zero the node, append it to its
 * parent's list in order, and return it. */
bl_document *bl_model_add_document(bl_model *m, const char *source);
bl_list *bl_model_add_list(bl_model *m, bl_document *d, const char *title,
                           int line);
bl_project *bl_model_add_project(bl_model *m, bl_list *l, const char *seq,
                                 int line);
bl_entry *bl_model_add_entry(bl_model *m, bl_project *p, int line);
bl_indicator *bl_model_add_indicator(bl_model *m, bl_document *d,
                                     const char *section, const char *seq,
                                     int line);
/* Appends a warning to d (message formatted into the arena). */
void bl_document_warn(bl_model *m, bl_document *d, int line, const char *fmt,
                      ...) __attribute__((format(printf, 4, 5)));
/* Appends an unknown column's cell to e (strings copied). */
void bl_entry_add_extra(bl_model *m, bl_entry *e, const char *name,
                        const char *value);
/* Appends a co-operating department to e (copied). */
void bl_entry_add_co_department(bl_model *m, bl_entry *e, const char *name);

/* Appends a rate to an entry (growing its array in the arena). */
void bl_entry_add_rate(bl_model *m, bl_entry *e, double rate,
                       bl_rate_source source);

const char *bl_level_name(bl_level level);           /* NULL for NONE */
const char *bl_status_class_name(bl_status_class s); /* "ahead", ... */
const char *bl_rate_source_name(bl_rate_source s);   /* NULL for NONE */
const char *bl_period_kind_name(bl_period_kind k);   /* NULL for NONE */

#endif
