/* ledger.c - the ledger's column names and name lookups; see ledger.h. */
#include "ledger.h"

#include <string.h>

const char *const bl_ledger_cols[BL_LC_COUNT] = {
    [BL_LC_SEQ] = "序号",
    [BL_LC_CONTENT] = "项目内容",
    [BL_LC_CATEGORY] = "分类",
    [BL_LC_DEPARTMENT] = "责任单位",
    [BL_LC_CARRIED] = "单位沿用上行",
    [BL_LC_CO] = "配合单位",
    [BL_LC_LEADER] = "负责人",
    [BL_LC_TARGET] = "子项目标",
    [BL_LC_PLANNED] = "计划进度",
    [BL_LC_PROGRESS] = "进展情况",
    [BL_LC_STATUS_TEXT] = "状态",
    [BL_LC_STATUS_CLASS] = "状态分类",
    [BL_LC_RATE] = "完成率",
    [BL_LC_MORE_RATES] = "其他完成率",
    [BL_LC_RATE_SOURCE] = "完成率来源",
    [BL_LC_BEHIND] = "滞后",
    [BL_LC_BEHIND_REASON] = "滞后原因",
    [BL_LC_INV_PLANNED] = "计划投资",
    [BL_LC_INV_ACTUAL] = "完成投资",
    [BL_LC_INV_UNIT] = "投资单位",
    [BL_LC_DEPT_KEY] = "单位键",
    [BL_LC_LINE] = "来源行",
};

const char *const bl_ledger_indicator_cols[BL_LI_COUNT] = {
    "部分", "序号", "指标名称", "内容", "数值", "比率", "来源行"};

const char *const bl_ledger_warning_cols[BL_LW_COUNT] = {"行", "警告"};

const char *const bl_ledger_meta_fields[BL_LM_COUNT] = {
    [BL_LM_MARKER] = "bulletin 台账",
    [BL_LM_TITLE] = "标题",
    [BL_LM_OFFICE] = "发布机关",
    [BL_LM_PUBLISHED] = "发布日期",
    [BL_LM_YEAR] = "年份",
    [BL_LM_MONTH] = "月份",
    [BL_LM_PERIOD_KIND] = "期间类型",
    [BL_LM_MONTH_FROM] = "起始月份",
    [BL_LM_SOURCE] = "原文件",
    [BL_LM_FORMAT] = "原格式",
    [BL_LM_ENCODING] = "原编码",
};

bool bl_level_from_name(const char *name, bl_level *out)
{
    for (int l = BL_LEVEL_PROVINCE; l <= BL_LEVEL_TOWN; l++)
        if (name && strcmp(name, bl_level_name((bl_level)l)) == 0) {
            *out = (bl_level)l;
            return true;
        }
    return false;
}

bool bl_rate_source_from_name(const char *name, bl_rate_source *out)
{
    for (int s = BL_RATE_TEXT; s <= BL_RATE_STATUS; s++)
        if (name && strcmp(name, bl_rate_source_name((bl_rate_source)s)) == 0) {
            *out = (bl_rate_source)s;
            return true;
        }
    return false;
}

bool bl_period_kind_from_name(const char *name, bl_period_kind *out)
{
    for (int k = BL_PERIOD_MONTH; k <= BL_PERIOD_YEAR; k++)
        if (name && strcmp(name, bl_period_kind_name((bl_period_kind)k)) == 0) {
            *out = (bl_period_kind)k;
            return true;
        }
    return false;
}
