/* ledger.h - the Excel ledger's fixed layout (docs/ledger.md), shared by
 * its writer (src/write/write_xlsx.c) and its reader (src/read/read_ledger.c)
 * so that the two cannot drift apart.
 *
 * A ledger holds one document: a sheet per list (a title row, the fixed
 * header, a row per entry with the project's cells merged down over its
 * entries), then the indicators, the warnings and the document metadata on
 * sheets of their own. Everything here is static data; nothing is owned.
 */
#ifndef BL_LEDGER_H
#define BL_LEDGER_H

#include "model.h"

/* The columns of a list sheet, in the order written. The first
 * BL_LC_PROJECT_END are the project's and are merged over its entries. */
typedef enum bl_ledger_col {
    BL_LC_SEQ = 0,       /* 序号: sequence number as printed */
    BL_LC_CONTENT,       /* 项目内容 */
    BL_LC_CATEGORY,      /* 分类: the group row above the project */
    BL_LC_PROJECT_END,
    BL_LC_DEPARTMENT = BL_LC_PROJECT_END, /* 责任单位 as printed */
    BL_LC_CARRIED,       /* 单位沿用上行: 是 when carried from a merged cell */
    BL_LC_CO,            /* 配合单位: one per line */
    BL_LC_LEADER,        /* 负责人 */
    BL_LC_TARGET,        /* 子项目标 */
    BL_LC_PLANNED,       /* 计划进度 */
    BL_LC_PROGRESS,      /* 进展情况 */
    BL_LC_STATUS_TEXT,   /* 状态: the phrase as printed */
    BL_LC_STATUS_CLASS,  /* 状态分类: derived, recomputed on reading */
    BL_LC_RATE,          /* 完成率: the first rate, a percent number */
    BL_LC_MORE_RATES,    /* 其他完成率: the further rates, one per line */
    BL_LC_RATE_SOURCE,   /* 完成率来源: text, column or status */
    BL_LC_BEHIND,        /* 滞后: 是 when stated as lagging */
    BL_LC_BEHIND_REASON, /* 滞后原因 */
    BL_LC_INV_PLANNED,   /* 计划投资 */
    BL_LC_INV_ACTUAL,    /* 完成投资 */
    BL_LC_INV_UNIT,      /* 投资单位 */
    BL_LC_DEPT_KEY,      /* 单位键: derived, recomputed on reading */
    BL_LC_LINE,          /* 来源行: the entry's line in the source */
    BL_LC_COUNT
} bl_ledger_col;

extern const char *const bl_ledger_cols[BL_LC_COUNT];

/* Columns the interpreter did not know: "其他列:" + header as printed. */
#define BL_LEDGER_EXTRA_PREFIX "其他列:"
/* A yes in 单位沿用上行 and 滞后. */
#define BL_LEDGER_YES "是"

/* The first row of a list sheet: 清单标题 | title | 层级 | level | 来源行 | line. */
#define BL_LEDGER_LIST_TITLE "清单标题"
#define BL_LEDGER_LIST_LEVEL "层级"
#define BL_LEDGER_LIST_LINE "来源行"

/* The indicators sheet's columns. */
enum { BL_LI_SECTION, BL_LI_SEQ, BL_LI_NAME, BL_LI_TEXT, BL_LI_VALUES,
       BL_LI_RATES, BL_LI_LINE, BL_LI_COUNT };
extern const char *const bl_ledger_indicator_cols[BL_LI_COUNT];

/* The warnings sheet's columns: 行 | 警告. */
enum { BL_LW_LINE, BL_LW_MESSAGE, BL_LW_COUNT };
extern const char *const bl_ledger_warning_cols[BL_LW_COUNT];

/* The metadata sheet: a 字段 | 值 header, then one row per field; the
 * first is the marker row that tells a ledger from any other workbook. */
enum { BL_LM_MARKER, BL_LM_TITLE, BL_LM_OFFICE, BL_LM_PUBLISHED, BL_LM_YEAR,
       BL_LM_MONTH, BL_LM_PERIOD_KIND, BL_LM_MONTH_FROM, BL_LM_SOURCE,
       BL_LM_FORMAT, BL_LM_ENCODING, BL_LM_COUNT };
extern const char *const bl_ledger_meta_fields[BL_LM_COUNT];
#define BL_LEDGER_META_HEAD_FIELD "字段"
#define BL_LEDGER_META_HEAD_VALUE "值"
#define BL_LEDGER_MARKER_VALUE "1" /* the layout's version */

/* Sheet names of the fixed sheets (list sheets are named from their titles
 * and never take these). */
#define BL_LEDGER_SHEET_INDICATORS "指标"
#define BL_LEDGER_SHEET_WARNINGS "警告"
#define BL_LEDGER_SHEET_META "报告信息"

/* Names back to values: false when name is none of them. */
bool bl_level_from_name(const char *name, bl_level *out);
bool bl_rate_source_from_name(const char *name, bl_rate_source *out);
bool bl_period_kind_from_name(const char *name, bl_period_kind *out);

#endif
