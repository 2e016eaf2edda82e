/* view_words.c - the wording both writers show, made once for the view:
 * section headings, field labels, table columns in display order and the
 * summary figures; see view_words.h. The HTML templates and the PDF read
 * these strings from the view and hold none of their own. */
#include "view_words.h"

#include <stdio.h>
#include <string.h>

/* The document's "labels": one word per thing, the same in every list. */
static const char *const label_words[][2] = {
    /* section headings, in the briefing's order */
    {"overview", "总体情况"},
    {"chart", "各责任单位平均完成率"},
    {"lagging", "督办清单"},
    {"changes", "与上期对比"},
    {"indicators", "重点指标情况"},
    {"details", "项目进展明细"},
    /* the report's metadata */
    {"office", "发布机关"},
    {"period", "统计期"},
    {"published", "发布日期"},
    {"schedule", "序时进度"},
    /* inside a project's cells */
    {"leader", "分管领导"},
    {"target", "分项目标"},
    {"planned", "计划进度"},
    {"progress", "进展"},
    {"behind_reason", "滞后原因"},
    {"behind", "滞后"},
    {"derived", "推算"},
    {"derived_note", "原文未列状态，据完成率与序时进度推算"},
    {"no_rate", "原文未列完成率"},
    /* the chart */
    {"chart_name", "责任单位"},
    {"chart_counts", "项目数 · 滞后"},
    {"chart_none", "本清单未列明责任单位。"},
    {"chart_ref", "100% 参考线"},
    /* stand-ins and sentences */
    {"list_untitled", "项目清单"},
    {"section_untitled", "其他指标"},
    {"indicator_untitled", "指标"},
    {"unit", "项"},
    {"lagging_order", "按低于序时进度的差距从大到小排列。"},
    {"lagging_none", "本期无进度滞后、未完成、部分完成或低于序时进度的项目。"},
    {"empty_doc", "本文档未包含可识别的项目清单或指标。"},
    /* 与上期对比 (changes.mustache, pdf_changes.c) */
    {"ch_against", "对照"},
    {"ch_newly_done", "新完成"},
    {"ch_newly_lagging", "新滞后"},
    {"ch_recovered", "已追上"},
    {"ch_recovered_title", "已追上序时"},
    {"ch_stalled", "进展未更新"},
    {"ch_stalled_title", "进展表述与上期相同"},
    {"ch_movers_title", "完成率变化较大"},
    {"ch_added", "新增"},
    {"ch_added_title", "本期新增"},
    {"ch_removed", "不再列出"},
    {"ch_removed_title", "上期有、本期未列"},
    {"ch_departments", "各单位变化"},
    {"ch_department", "单位"},
    {"ch_seq_before", "上期序号"},
    {"ch_rate_before", "上期完成率"},
    {"ch_rate_now", "本期完成率"},
    {"ch_change", "变化"},
    {"ch_lagging_change", "滞后项目变化"},
    /* the part pages of a split page (html_split.c) */
    {"pages", "分页"},
    {"index_page", "返回目录"},
    {"prev_page", "上一页"},
    {"next_page", "下一页"},
};

/* The chart's rate classes (view.c's rate_class) in legend order, with the
 * texture the page's patterns give each. */
static const char *const legend_words[][3] = {
    {"full", "达到 100%", "实心"},
    {"high", "80%–99%", "斜线"},
    {"mid", "50%–79%", "网格"},
    {"low", "不足 50%", "圆点"},
};

const char *bl_view_word(const char *key)
{
    for (size_t i = 0; i < sizeof label_words / sizeof label_words[0]; i++)
        if (strcmp(label_words[i][0], key) == 0)
            return label_words[i][1];
    return "";
}

cJSON *bl_view_labels(const char *schedule_label)
{
    cJSON *l = cJSON_CreateObject();
    for (size_t i = 0; i < sizeof label_words / sizeof label_words[0]; i++)
        cJSON_AddStringToObject(l, label_words[i][0], label_words[i][1]);
    char buf[256];
    snprintf(buf, sizeof buf, "进度滞后、未完成、部分完成%s%s%s的项目",
             schedule_label ? "或低于序时进度（" : "", schedule_label ? schedule_label : "",
             schedule_label ? "）" : "");
    cJSON_AddStringToObject(l, "lagging_scope", buf);
    if (schedule_label) {
        snprintf(buf, sizeof buf, "序时进度 %s", schedule_label);
        cJSON_AddStringToObject(l, "schedule_line", buf);
    } else {
        cJSON_AddNullToObject(l, "schedule_line");
    }
    cJSON *legend = cJSON_AddArrayToObject(l, "legend");
    for (size_t i = 0; i < sizeof legend_words / sizeof legend_words[0]; i++) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "class", legend_words[i][0]);
        cJSON_AddStringToObject(o, "label", legend_words[i][1]);
        cJSON_AddStringToObject(o, "pattern", legend_words[i][2]);
        cJSON_AddItemToArray(legend, o);
    }
    return l;
}

/* {"key": key, "header": header, "col_KEY": true}: the flag lets a
 * template pick the cell of each column without logic. */
static void add_column(cJSON *arr, const char *key, const char *header)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "key", key);
    cJSON_AddStringToObject(o, "header", header);
    char flag[48];
    snprintf(flag, sizeof flag, "col_%s", key);
    cJSON_AddTrueToObject(o, flag);
    cJSON_AddItemToArray(arr, o);
}

/* The full table: the rate beside the project it measures, so a phone
 * shows it without scrolling past the progress text. */
cJSON *bl_view_columns(void)
{
    cJSON *a = cJSON_CreateArray();
    add_column(a, "seq", "序号");
    add_column(a, "content", "项目内容");
    add_column(a, "rate", "完成率");
    add_column(a, "dept", "责任单位");
    add_column(a, "status", "进展状态");
    add_column(a, "progress", "进展情况");
    return a;
}

cJSON *bl_view_lag_columns(bool leader, bool next_plan, bool deadline)
{
    cJSON *a = cJSON_CreateArray();
    add_column(a, "seq", "序号");
    add_column(a, "content", "项目内容");
    add_column(a, "dept", "责任单位");
    if (leader)
        add_column(a, "leader", "分管领导");
    add_column(a, "status", "进展状态");
    add_column(a, "reason", "原因");
    add_column(a, "rate", "完成率");
    add_column(a, "shortfall", "低于序时\n（百分点）"); /* two lines, as printed */
    if (next_plan)
        add_column(a, "next_plan", "下步计划");
    if (deadline)
        add_column(a, "deadline", "整改时限");
    return a;
}

cJSON *bl_view_indicator_columns(void)
{
    cJSON *a = cJSON_CreateArray();
    add_column(a, "seq", "序号");
    add_column(a, "name", "指标");
    add_column(a, "text", "完成情况");
    add_column(a, "rate", "比率");
    return a;
}

static void add_figure(cJSON *arr, const char *key, const char *label, const char *value,
                       const char *unit, const char *cls, bool stress)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "key", key);
    cJSON_AddStringToObject(o, "label", label);
    cJSON_AddStringToObject(o, "value", value);
    cJSON_AddStringToObject(o, "unit", unit);
    cJSON_AddStringToObject(o, "class", cls);
    cJSON_AddBoolToObject(o, "stress", stress);
    cJSON_AddItemToArray(arr, o);
}

static int count_of(const cJSON *summary, const char *key)
{
    const cJSON *n = cJSON_GetObjectItem(summary, key);
    return cJSON_IsNumber(n) ? (int)n->valuedouble : 0;
}

void bl_view_add_figures(cJSON *summary)
{
    static const struct {
        const char *key, *label;
        int tone; /* 0 plain, 1 good, 2 warn when > 0, 3 alert when > 0 */
        bool only_nonzero;
    } counts[] = {
        {"projects", "项目总数", 0, false},   {"ahead_done", "提前/已完成", 1, false},
        {"mostly_done", "基本完成", 0, false}, {"on_schedule", "按序时推进", 0, true},
        {"partial", "部分完成", 2, false},     {"not_done", "未完成", 3, false},
        {"behind", "进度滞后", 3, false},
    };
    static const char *const tone_class[] = {"", "bl-fig-good", "bl-is-warn", "bl-is-alert"};
    cJSON *arr = cJSON_CreateArray();
    for (size_t i = 0; i < sizeof counts / sizeof counts[0]; i++) {
        int n = count_of(summary, counts[i].key);
        if (counts[i].only_nonzero && n == 0)
            continue;
        char value[32];
        snprintf(value, sizeof value, "%d", n);
        bool stress = counts[i].tone >= 2 && n > 0;
        const char *cls = counts[i].tone == 1 ? tone_class[1] : stress ? tone_class[counts[i].tone] : "";
        add_figure(arr, counts[i].key, counts[i].label, value, bl_view_word("unit"), cls, stress);
    }
    const cJSON *rate = cJSON_GetObjectItem(summary, "rate_mean_label");
    add_figure(arr, "rate_mean", "平均完成率",
               cJSON_IsString(rate) ? rate->valuestring : "—", "", "bl-fig-rate", false);
    cJSON_AddItemToObject(summary, "figures", arr);
}
