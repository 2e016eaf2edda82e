/* table.c - shape tests on cells shared by the readers; see table.h. */
#include "table.h"

#include <stdio.h>
#include <string.h>

#include "status.h"
#include "text.h"

char *bl_report_fold(bl_arena *a, const char *text)
{
    char *s = bl_text_fold(a, text);
    for (char *p = s; *p; p++)
        if (*p == '\t' || *p == '\v' || *p == '\f')
            *p = ' ';
    return s;
}

bl_line *bl_lines_split(bl_arena *a, const char *text, size_t len, size_t *n)
{
    char *copy = bl_arena_alloc(a, len + 1); /* the lines are cut out of it */
    memcpy(copy, text, len);
    copy[len] = '\0';
    return bl_lines_split_in_place(a, copy, len, n);
}

bl_line *bl_lines_split_in_place(bl_arena *a, char *text, size_t len, size_t *n)
{
    size_t count = 1;
    for (size_t i = 0; i < len; i++)
        count += text[i] == '\n';
    bl_line *lines = bl_arena_alloc(a, count * sizeof *lines);
    size_t k = 0;
    int no = 1;
    char *p = text, *end = text + len;
    while (p < end) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        char *stop = nl ? nl : end;
        if (!bl_text_blank_n(p, (size_t)(stop - p))) {
            size_t start, tn = bl_text_trim_span(p, (size_t)(stop - p), &start);
            p[start + tn] = '\0';
            lines[k].text = p + start;
            lines[k].no = no;
            k++;
        }
        no++;
        p = nl ? nl + 1 : end;
    }
    *n = k;
    return lines;
}

bool bl_is_digits(const char *s)
{
    if (!*s)
        return false;
    for (; *s; s++)
        if (*s < '0' || *s > '9')
            return false;
    return true;
}

bool bl_has_digit(const char *s)
{
    return strpbrk(s, "0123456789") != NULL;
}

bool bl_has_sentence_punct(const char *s)
{
    static const char *const marks[] = {"。", ",", "，", ";", "；", ":", "：",
                                        "!", "！", "?", "？", "、", "%", "％"};
    for (size_t i = 0; i < sizeof marks / sizeof *marks; i++)
        if (strstr(s, marks[i]))
            return true;
    return false;
}

/* Endings of office names. Longer forms come first only for readability:
 * any match is enough. */
static const char *const office_suffixes[] = {
    "街道", "中心", "公司", "集团", "大队", "中队", "分局", "管委会", "办公室",
    "指挥部", "专班", "委员会", "办事处", "局", "镇", "乡", "委", "部", "办",
    "会", "联", "协", "院", "所", "站", "处", "队", "厅", "团", "室", "馆",
    "社", "署", "组"};

static bool has_office_suffix(const char *s)
{
    for (size_t i = 0; i < sizeof office_suffixes / sizeof *office_suffixes; i++)
        if (bl_text_ends_with(s, office_suffixes[i]))
            return true;
    return false;
}

bool bl_is_parenthesised(const char *s)
{
    return (bl_text_starts_with(s, "(") && bl_text_ends_with(s, ")")) ||
           (bl_text_starts_with(s, "（") && bl_text_ends_with(s, "）"));
}

/* Copies the inside of "(...)" into buf; false when it does not fit. */
static bool paren_inner(const char *s, char *buf, size_t size)
{
    size_t open = bl_text_starts_with(s, "(") ? 1 : 3;
    size_t close = bl_text_ends_with(s, ")") ? 1 : 3;
    size_t n = strlen(s);
    if (n < open + close || n - open - close >= size)
        return false;
    memcpy(buf, s + open, n - open - close);
    buf[n - open - close] = '\0';
    return true;
}

bool bl_is_department_name(const char *s)
{
    size_t cps = bl_utf8_count(s);
    if (cps < 2 || cps > 32 || bl_has_digit(s) || bl_has_sentence_punct(s))
        return false;
    if (bl_is_parenthesised(s)) {
        char inner[128];
        return paren_inner(s, inner, sizeof inner) && has_office_suffix(inner);
    }
    return has_office_suffix(s);
}

static bool is_han(uint32_t cp)
{
    return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF);
}

/* The common surnames (more than nine in ten people carry one of them),
 * and the compound ones. Offices open with their level (市, 县, 省, 区),
 * which are not among them. */
static bool has_surname(const char *s)
{
    static const char *const compound[] = {"欧阳", "司马", "上官", "诸葛", "东方",
                                            "皇甫", "令狐", "慕容", "尉迟", "长孙"};
    static const char single[] =
        "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
        "于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱"
        "江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢"
        "安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童"
        "凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳"
        "时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧"
        "闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝封鞠奚原"
        "晋饶楼屠卢茅";
    for (size_t i = 0; i < sizeof compound / sizeof *compound; i++)
        if (bl_text_starts_with(s, compound[i]))
            return true;
    for (const char *p = single; *p; p += 3)
        if (strncmp(s, p, 3) == 0)
            return true;
    return false;
}

bool bl_is_person_name(const char *s)
{
    const char *p = s, *end = s + strlen(s);
    size_t n = 0;
    while (p < end) {
        if (!is_han(bl_utf8_next(&p, end)))
            return false;
        n++;
    }
    if (n < 2 || n > 4 || has_office_suffix(s))
        return false;
    /* A name opens with a surname: "新建学校" and "正常" are no people. */
    if (!has_surname(s))
        return false;
    return bl_status_classify(s) == BL_STATUS_UNKNOWN;
}

bool bl_is_enumerated(const char *s)
{
    const char *p = s;
    if (*p == '(' || bl_text_starts_with(p, "（")) {
        p += *p == '(' ? 1 : 3;
        if (*p < '0' || *p > '9')
            return false;
        while (*p >= '0' && *p <= '9')
            p++;
        return *p == ')' || bl_text_starts_with(p, "）");
    }
    if (*p < '0' || *p > '9')
        return false;
    while (*p >= '0' && *p <= '9')
        p++;
    if (*p == '.')
        return p[1] && (p[1] < '0' || p[1] > '9');
    return *p == ')' || bl_text_starts_with(p, "）") ||
           bl_text_starts_with(p, "、");
}

static const struct {
    const char *word;
    bl_level level;
} level_words[] = {
    {"省", BL_LEVEL_PROVINCE}, {"市", BL_LEVEL_CITY}, {"县", BL_LEVEL_COUNTY},
    {"区", BL_LEVEL_DISTRICT}, {"镇", BL_LEVEL_TOWN}, {"乡", BL_LEVEL_TOWN},
    {"街道", BL_LEVEL_TOWN}};

#define N_LEVEL_WORDS (sizeof level_words / sizeof *level_words)

/* The level word starting at p followed by follow, if any. */
static bl_level level_at(const char *p, const char *follow)
{
    for (size_t i = 0; i < N_LEVEL_WORDS; i++) {
        size_t n = strlen(level_words[i].word);
        if (strncmp(p, level_words[i].word, n) == 0 &&
            (!follow || bl_text_starts_with(p + n, follow)))
            return level_words[i].level;
    }
    return BL_LEVEL_NONE;
}

bl_level bl_level_guess(const char *s)
{
    /* "…县政府…" names the level outright. */
    for (const char *p = s; *p; p++) {
        bl_level l = level_at(p, "政府");
        if (l == BL_LEVEL_NONE)
            l = level_at(p, "府办");
        if (l != BL_LEVEL_NONE)
            return l;
    }
    /* Otherwise only a place name opening the title counts ("平阳县…"):
     * deeper in, 区 and 市 are mostly 社区 and 市场. */
    const char *p = s, *end = s + strlen(s);
    for (int i = 0; i < 6 && p < end; i++) {
        bl_level l = level_at(p, NULL);
        if (l != BL_LEVEL_NONE && i >= 2)
            return l;
        bl_utf8_next(&p, end);
    }
    return BL_LEVEL_NONE;
}

char *bl_lines_join(bl_arena *a, const bl_line *lines, size_t from, size_t to,
                    const char *sep)
{
    if (from >= to)
        return NULL;
    size_t n = 0, seplen = strlen(sep);
    for (size_t i = from; i < to; i++)
        n += strlen(lines[i].text) + seplen;
    char *out = bl_arena_alloc(a, n + 1), *o = out;
    for (size_t i = from; i < to; i++) {
        if (i > from) {
            memcpy(o, sep, seplen);
            o += seplen;
        }
        size_t len = strlen(lines[i].text);
        memcpy(o, lines[i].text, len);
        o += len;
    }
    *o = '\0';
    return out;
}

/* Reads 1..max digits at *p into *v, advancing *p. */
static bool read_int(const char **p, int max, int *v)
{
    int n = 0, x = 0;
    while (n < max && **p >= '0' && **p <= '9') {
        x = x * 10 + (*(*p)++ - '0');
        n++;
    }
    *v = x;
    return n > 0;
}

static bool valid_ymd(int y, int m, int d)
{
    return y >= 1900 && y <= 2200 && m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

/* A date starting exactly at p; sets *len. */
static bool date_at(const char *p, char out[11], size_t *len)
{
    const char *q = p;
    int y, m, d;
    if (!read_int(&q, 4, &y))
        return false;
    if (q - p != 4 || (q[0] >= '0' && q[0] <= '9'))
        return false;
    bool cjk = bl_text_starts_with(q, "年");
    if (!cjk && *q != '-')
        return false;
    q += cjk ? 3 : 1;
    if (!read_int(&q, 2, &m))
        return false;
    if (cjk ? !bl_text_starts_with(q, "月") : *q != '-')
        return false;
    q += cjk ? 3 : 1;
    if (!read_int(&q, 2, &d) || !valid_ymd(y, m, d))
        return false;
    if (cjk) {
        if (!bl_text_starts_with(q, "日"))
            return false;
        q += 3;
    }
    snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
    *len = (size_t)(q - p);
    return true;
}

const char *bl_find_date(const char *s, char out[11], size_t *len)
{
    for (const char *p = s; *p; p++)
        if ((p == s || p[-1] < '0' || p[-1] > '9') && date_at(p, out, len))
            return p;
    return NULL;
}

static int quarter_of(const char *p)
{
    static const char *const q[] = {"一季度", "二季度", "三季度", "四季度",
                                    "1季度", "2季度", "3季度", "4季度"};
    if (bl_text_starts_with(p, "第"))
        p += 3;
    for (int i = 0; i < 8; i++)
        if (bl_text_starts_with(p, q[i]))
            return i % 4 + 1;
    return 0;
}

bool bl_parse_period(const char *s, int *year, int *month)
{
    for (const char *p = s; *p; p++) {
        const char *q = p;
        int y, m;
        if ((p > s && p[-1] >= '0' && p[-1] <= '9') || !read_int(&q, 4, &y) ||
            q - p != 4 || !bl_text_starts_with(q, "年") || y < 1900)
            continue;
        q += 3;
        *year = y;
        *month = 0;
        const char *r = q;
        if (read_int(&r, 2, &m) && bl_text_starts_with(r, "月") && m >= 1 &&
            m <= 12)
            *month = m;
        else if (quarter_of(q))
            *month = quarter_of(q) * 3;
        else if (bl_text_starts_with(q, "上半年"))
            *month = 6;
        return true;
    }
    return false;
}
