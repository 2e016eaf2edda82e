/* test_read_office.c - the byte readers of office files: CSV and TSV
 * (quoted fields, GBK as Excel writes it), XLSX and DOCX built here with
 * libzip from XML strings (merges, percent styles, gridSpan, vMerge), a
 * zip bomb and a truncated file, and the files that are refused with a
 * way to convert them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <iconv.h>
#include <time.h>
#include <zip.h>

#include "grid.h"
#include "seeds.h"

#define HEADER_CSV "序号,项目内容,责任单位,进展情况,完成率\n"

static bl_model *read_ok(const char *path, const char *data, size_t len)
{
    bl_model *m = bl_model_new();
    bl_error err = {0};
    int rc = bl_read_bytes_into(m, path, data, len, NULL, &err);
    if (rc) {
        char msg[2048];
        bl_error_format(&err, msg, sizeof msg);
        fprintf(stderr, "%s\n", msg);
    }
    assert_int_equal(rc, BL_OK);
    return m;
}

/* Reads data expecting an error; returns its message in msg. */
static void read_fails(const char *path, const char *data, size_t len,
                       char *msg, size_t size)
{
    bl_model *m = bl_model_new();
    bl_error err = {0};
    assert_int_not_equal(bl_read_bytes_into(m, path, data, len, NULL, &err), BL_OK);
    bl_error_format(&err, msg, size);
    assert_int_equal(m->n_documents, 0);
    bl_model_free(m);
}

/* Quoted commas, doubled quotes and a line break inside quotes; a preamble
 * and a footer of one field each; empty fields keep the columns. */
static void csv_quoted(void **state)
{
    (void)state;
    const char *csv =
        "\xEF\xBB\xBF" "2023年10月民生实事项目进展情况,,,,\r\n"
        HEADER_CSV
        "1,\"新建幼儿园3所,新增学位\"\"1000\"\"个\",市教育局,\"已完成2所\n第3所主体完工\",72%\r\n"
        "2,建设老年食堂10个,,已完成,100%\r\n"
        "\"注：完成率按投资计,单位为%\",,,,\r\n";
    bl_model *m = read_ok("report.csv", csv, strlen(csv));
    bl_document *d = m->documents;
    assert_string_equal(d->format, "csv");
    assert_string_equal(d->encoding, "UTF-8");
    bl_list *l = seed_list(m, 0);
    assert_int_equal(l->n_projects, 2);
    bl_project *p1 = seed_project(l, "1");
    assert_non_null(p1);
    assert_string_equal(p1->content, "新建幼儿园3所,新增学位\"1000\"个");
    bl_entry *e1 = seed_entry(p1, 0);
    assert_string_equal(e1->department, "市教育局");
    assert_non_null(strstr(e1->progress, "第3所主体完工"));
    assert_true(e1->rates[0] == 72);
    /* The record on line 4 spans two lines; the next starts on line 6. */
    assert_int_equal(e1->line, 3);
    assert_int_equal(seed_entry(seed_project(l, "2"), 0)->line, 5);
    bl_model_free(m);
}

/* GBK bytes, as Excel writes a CSV on a Chinese system. */
static void csv_gbk(void **state)
{
    (void)state;
    const char *utf8 = "指标：民生实事\n" HEADER_CSV "1,新建公厕20座,市城管局,已完成15座,75%\n"
                       "数据来源：市政府办公室\n";
    char gbk[1024];
    iconv_t cd = iconv_open("GBK", "UTF-8");
    assert_true(cd != (iconv_t)-1);
    char *in = (char *)utf8, *out = gbk;
    size_t inleft = strlen(utf8), outleft = sizeof gbk;
    assert_true(iconv(cd, &in, &inleft, &out, &outleft) != (size_t)-1);
    iconv_close(cd);
    bl_model *m = read_ok("gbk.csv", gbk, (size_t)(out - gbk));
    assert_string_equal(m->documents->encoding, "GB18030");
    bl_entry *e = seed_entry(seed_project(seed_list(m, 0), "1"), 0);
    assert_string_equal(e->department, "市城管局");
    assert_true(e->rates[0] == 75);
    bl_model_free(m);
}

/* A tab-separated paste out of a spreadsheet, named .tsv. */
static void tsv_paste(void **state)
{
    (void)state;
    const char *tsv = "序号\t项目内容\t责任单位\t进展情况\t完成率\n"
                      "1\t改造老旧小区5个\t市住建局\t\t60%\n"
                      "2\t新增停车位500个\t\t已完成\t100%\n";
    bl_model *m = read_ok("paste.tsv", tsv, strlen(tsv));
    bl_list *l = seed_list(m, 0);
    assert_int_equal(l->n_projects, 2);
    bl_entry *e1 = seed_entry(seed_project(l, "1"), 0);
    assert_string_equal(e1->department, "市住建局");
    assert_true(e1->rates[0] == 60);
    bl_model_free(m);
}

/* A CSV without a project table says so. */
static void csv_no_table(void **state)
{
    (void)state;
    char msg[2048];
    const char *csv = "地区,2024年,2023年\n北京市,2185,2186\n天津市,1364,1364\n";
    read_fails("pop.csv", csv, strlen(csv), msg, sizeof msg);
    assert_non_null(strstr(msg, "pop.csv"));
    assert_non_null(strstr(msg, "error"));
}

/* ---- zip archives made here from XML strings ---- */

typedef struct part {
    const char *name;
    const char *text;
    size_t len; /* 0: strlen(text) */
} part;

/* The archive of parts[0..n), in *size bytes (malloc'd). */
static char *make_zip(const part *parts, size_t n, size_t *size)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
    assert_non_null(src);
    zip_source_keep(src);
    zip_t *za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
    assert_non_null(za);
    for (size_t i = 0; i < n; i++) {
        size_t len = parts[i].len ? parts[i].len : strlen(parts[i].text);
        zip_source_t *s = zip_source_buffer(za, parts[i].text, len, 0);
        assert_true(zip_file_add(za, parts[i].name, s, ZIP_FL_OVERWRITE) >= 0);
    }
    assert_int_equal(zip_close(za), 0);
    assert_int_equal(zip_source_open(src), 0);
    zip_source_seek(src, 0, SEEK_END);
    *size = (size_t)zip_source_tell(src);
    zip_source_seek(src, 0, SEEK_SET);
    char *out = malloc(*size);
    assert_int_equal(zip_source_read(src, out, *size), (zip_int64_t)*size);
    zip_source_close(src);
    zip_source_free(src);
    return out;
}

#define XL_NS "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" " \
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""

static const char XL_WORKBOOK[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
    "<workbook " XL_NS "><sheets>"
    "<sheet name=\"城区\" sheetId=\"1\" r:id=\"rId1\"/>"
    "<sheet name=\"草稿\" sheetId=\"3\" state=\"hidden\" r:id=\"rId3\"/>"
    "<sheet name=\"郊区\" sheetId=\"2\" r:id=\"rId2\"/>"
    "</sheets></workbook>";

static const char XL_RELS[] =
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"x/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"x/worksheet\" Target=\"/xl/worksheets/sheet2.xml\"/>"
    "<Relationship Id=\"rId3\" Type=\"x/worksheet\" Target=\"worksheets/sheet3.xml\"/>"
    "</Relationships>";

/* Style 1 is a percent (numFmtId 9), 2 a date (14), 3 a custom percent. */
static const char XL_STYLES[] =
    "<styleSheet " XL_NS "><numFmts count=\"1\">"
    "<numFmt numFmtId=\"176\" formatCode=\"0.0&quot;%&quot;;[Red]0.0%\"/></numFmts>"
    "<cellXfs count=\"4\"><xf numFmtId=\"0\"/><xf numFmtId=\"9\"/><xf numFmtId=\"14\"/>"
    "<xf numFmtId=\"176\"/></cellXfs></styleSheet>";

/* A rich-text string: runs joined, the phonetic guide left out. */
static const char XL_SHARED[] =
    "<sst " XL_NS ">"
    "<si><t>2023年10月民生实事项目进展情况表</t></si>" /* 0 */
    "<si><t>序号</t></si><si><t>项目内容</t></si><si><t>责任单位</t></si>" /* 1-3 */
    "<si><t>进展情况</t></si><si><t>完成率</t></si>" /* 4-5 */
    "<si><r><t>新建</t></r><r><rPr><b/></rPr><t xml:space=\"preserve\">幼儿园3所</t></r>"
    "<rPh><t>xinjian</t></rPh></si>" /* 6 */
    "<si><t>市教育局</t></si><si><t>已完成2所</t></si>" /* 7-8 */
    "<si><t>新增学位1000个</t></si><si><t>10.10%</t></si>" /* 9-10 */
    "</sst>";

#define XL_SHEET_HEAD "<worksheet " XL_NS ">"

/* A title merged across A1:E1; the department merged down C3:C4; row 5
 * and column F hidden; rates as percent numbers and as text. */
static const char XL_SHEET1[] =
    XL_SHEET_HEAD
    "<cols><col min=\"6\" max=\"6\" hidden=\"1\"/></cols><sheetData>"
    "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>"
    "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>1</v></c><c r=\"B2\" t=\"s\"><v>2</v></c>"
    "<c r=\"C2\" t=\"s\"><v>3</v></c><c r=\"D2\" t=\"s\"><v>4</v></c><c r=\"E2\" t=\"s\"><v>5</v></c>"
    "<c r=\"F2\" t=\"inlineStr\"><is><t>隐藏列</t></is></c></row>"
    "<row r=\"3\"><c r=\"A3\"><v>1</v></c><c r=\"B3\" t=\"s\"><v>6</v></c>"
    "<c r=\"C3\" t=\"s\"><v>7</v></c><c r=\"D3\" t=\"s\"><v>8</v></c>"
    "<c r=\"E3\" s=\"1\"><v>0.72</v></c><c r=\"F3\"><v>99</v></c></row>"
    "<row r=\"4\"><c r=\"A4\"><v>2</v></c><c r=\"B4\" t=\"s\"><v>9</v></c>"
    "<c r=\"D4\" t=\"inlineStr\"><is><t>已完成</t></is></c><c r=\"E4\" t=\"s\"><v>10</v></c></row>"
    "<row r=\"5\" hidden=\"1\"><c r=\"A5\"><v>3</v></c><c r=\"B5\" t=\"inlineStr\"><is><t>隐藏的项目</t></is></c>"
    "<c r=\"C5\" t=\"inlineStr\"><is><t>市民政局</t></is></c><c r=\"E5\" s=\"1\"><v>0.5</v></c></row>"
    "<row r=\"7\"><c r=\"A7\" s=\"2\"><v>45230</v></c></row>"
    "</sheetData><mergeCells count=\"2\"><mergeCell ref=\"A1:E1\"/><mergeCell ref=\"C3:C4\"/>"
    "</mergeCells></worksheet>";

/* No title row: the sheet's name titles the list. */
static const char XL_SHEET2[] =
    XL_SHEET_HEAD "<sheetData>"
    "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>1</v></c><c r=\"B1\" t=\"s\"><v>2</v></c>"
    "<c r=\"C1\" t=\"s\"><v>3</v></c><c r=\"D1\" t=\"s\"><v>5</v></c></row>"
    "<row r=\"2\"><c r=\"A2\"><v>1</v></c><c r=\"B2\" t=\"inlineStr\"><is><t>改造农村公路20公里</t></is></c>"
    "<c r=\"C2\" t=\"inlineStr\"><is><t>区交通局</t></is></c><c r=\"D2\" s=\"3\"><v>0.305</v></c></row>"
    "</sheetData></worksheet>";

static const char XL_SHEET3[] =
    XL_SHEET_HEAD "<sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>草稿</t></is></c>"
    "</row></sheetData></worksheet>";

static char *make_xlsx(size_t *size)
{
    const part parts[] = {
        {"[Content_Types].xml", "<Types/>", 0},
        {"xl/workbook.xml", XL_WORKBOOK, 0},
        {"xl/_rels/workbook.xml.rels", XL_RELS, 0},
        {"xl/styles.xml", XL_STYLES, 0},
        {"xl/sharedStrings.xml", XL_SHARED, 0},
        {"xl/worksheets/sheet1.xml", XL_SHEET1, 0},
        {"xl/worksheets/sheet2.xml", XL_SHEET2, 0},
        {"xl/worksheets/sheet3.xml", XL_SHEET3, 0},
    };
    return make_zip(parts, sizeof parts / sizeof *parts, size);
}

static const bl_cell *grid_cell(const bl_document *d, const char *where)
{
    const bl_grid *g = d->grid;
    for (size_t i = 0; g && i < g->n; i++)
        for (size_t j = 0; j < g->rows[i].n; j++)
            if (g->rows[i].cells[j].where && strcmp(g->rows[i].cells[j].where, where) == 0)
                return &g->rows[i].cells[j];
    return NULL;
}

static void xlsx_sheets(void **state)
{
    (void)state;
    size_t size;
    char *x = make_xlsx(&size);
    bl_model *m = read_ok("book.xlsx", x, size);
    bl_document *d = m->documents;
    assert_string_equal(d->format, "xlsx");
    bl_list *l = seed_list(m, 0);
    assert_non_null(l);
    assert_string_equal(l->title, "2023年10月民生实事项目进展情况表");
    assert_int_equal(l->n_projects, 2); /* the hidden row 5 is not read */
    bl_project *p1 = seed_project(l, "1");
    assert_string_equal(p1->content, "新建幼儿园3所");
    bl_entry *e1 = seed_entry(p1, 0);
    assert_true(e1->rates[0] == 72);
    bl_entry *e2 = seed_entry(seed_project(l, "2"), 0);
    assert_string_equal(e2->department, "市教育局"); /* merged down */
    assert_true(e2->rates[0] == 10.1);
    /* The merge's origin and the cell it covers. */
    const bl_cell *c3 = grid_cell(d, "城区!C3"), *c4 = grid_cell(d, "城区!C4");
    assert_non_null(c3);
    assert_int_equal(c3->row_span, 2);
    assert_true(c4 && c4->covered);
    assert_null(grid_cell(d, "城区!F3")); /* hidden column */
    /* The second sheet: its name is the list's title; a custom percent. */
    bl_list *l2 = seed_list(m, 1);
    assert_non_null(l2);
    assert_string_equal(l2->title, "郊区");
    bl_entry *e = seed_entry(seed_project(l2, "1"), 0);
    assert_string_equal(e->department, "区交通局");
    assert_true(e->rates[0] == 30.5);
    assert_null(seed_list(m, 2)); /* the hidden sheet */
    bl_model_free(m);
    free(x);
}

/* A date-formatted number reads as a date. */
static void xlsx_date(void **state)
{
    (void)state;
    size_t size;
    char *x = make_xlsx(&size);
    bl_model *m = read_ok("book.xlsx", x, size);
    const bl_grid *g = m->documents->grid;
    bool found = false;
    for (size_t i = 0; i < g->n; i++)
        found |= g->rows[i].chrome && strcmp(g->rows[i].cells[0].text, "2023-10-31") == 0;
    assert_true(found);
    bl_model_free(m);
    free(x);
}

/* Cell types and formats the first workbook lacks, in a 1904-dated book
 * with a default sheet name, a sheet whose relationship is missing and one
 * whose part is: what each cell reads as, and the rows, columns and merges
 * that are not read. */
static const char XL2_WORKBOOK[] =
    "<workbook " XL_NS "><workbookPr date1904=\"true\"/><sheets>"
    "<sheet name=\"工作表1\" sheetId=\"1\" r:id=\"rId1\"/>"
    "<sheet name=\"无关系\" sheetId=\"2\" r:id=\"rId7\"/>"
    "<sheet name=\"无部件\" sheetId=\"3\" r:id=\"rId2\"/>"
    "<sheet name=\"无编号\" sheetId=\"4\"/>"
    "</sheets></workbook>";

static const char XL2_RELS[] =
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\"/>"
    "<Relationship Id=\"rId2\" Target=\"worksheets/gone.xml\"/>"
    "<Relationship Target=\"worksheets/sheet1.xml\"/>"
    "</Relationships>";

/* 1: a custom date with an escaped dash; 2: 0.00%; 3: date and time (22);
 * 4: text (@); 5: a quoted literal only (general). */
static const char XL2_STYLES[] =
    "<styleSheet " XL_NS "><numFmts>"
    "<numFmt numFmtId=\"177\" formatCode=\"yyyy\\-mm\\-dd\"/>"
    "<numFmt numFmtId=\"178\" formatCode=\"@\"/>"
    "<numFmt numFmtId=\"179\" formatCode=\"&quot;第&quot;0&quot;项&quot;\"/>"
    "</numFmts><cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"177\"/><xf numFmtId=\"10\"/>"
    "<xf numFmtId=\"22\"/><xf numFmtId=\"178\"/><xf numFmtId=\"179\"/><xf/></cellXfs></styleSheet>";

static const char XL2_SHEET[] =
    XL_SHEET_HEAD
    "<cols><col min=\"7\" max=\"7\" hidden=\"true\"/><col min=\"8\" hidden=\"1\"/></cols><sheetData>"
    "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>序号</t></is></c>"
    "<c r=\"B1\" t=\"inlineStr\"><is><t>项目内容</t></is></c>"
    "<c r=\"C1\" t=\"inlineStr\"><is><t>责任单位</t></is></c>"
    "<c r=\"D1\" t=\"inlineStr\"><is><t>进展情况</t></is></c>"
    "<c r=\"E1\" t=\"inlineStr\"><is><t>完成率</t></is></c>"
    "<c r=\"G1\" t=\"inlineStr\"><is><t>隐藏</t></is></c></row>"
    "<row><c r=\"$A$2\"><v>1</v></c><c t=\"inlineStr\"><is><t>新建公园1个</t></is></c>"
    "<c t=\"str\"><v>区住建局</v></c><c t=\"b\"><v>1</v></c><c s=\"2\"><v>0.5</v></c></row>"
    "<row r=\"4\"><c r=\"A4\" s=\"1\"><v>1</v></c><c r=\"B4\" t=\"e\"><v>#DIV/0!</v></c>"
    "<c r=\"C4\"><v>-0</v></c><c r=\"D4\" s=\"3\"><v>366.25</v></c><c r=\"E4\" t=\"n\"><v>abc</v></c>"
    "<c r=\"F4\" t=\"b\"><v>0</v></c></row>"
    "<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>乱序的行</t></is></c></row>"
    "<row r=\"5\"><c r=\"A5\" s=\"4\"><v>45230</v></c><c r=\"B5\" s=\"5\"><v>7</v></c>"
    "<c r=\"C5\" s=\"9\"><v>3</v></c><c r=\"D5\" t=\"s\"><v>x</v></c><c r=\"E5\" t=\"s\"><v>99</v></c></row>"
    "<row r=\"6\" hidden=\"true\"><c r=\"A6\" t=\"inlineStr\"><is><t>隐藏的行</t></is></c></row>"
    "<row r=\"9999999\"><c r=\"A9999999\" t=\"inlineStr\"><is><t>末行之后</t></is></c></row>"
    "</sheetData><mergeCells><mergeCell ref=\"A1\"/><mergeCell ref=\"B7:A7\"/>"
    "<mergeCell ref=\"XFE1:XFE2\"/><mergeCell/></mergeCells></worksheet>";

static void xlsx_cells(void **state)
{
    (void)state;
    const part parts[] = {
        {"xl/workbook.xml", XL2_WORKBOOK, 0},
        {"xl/_rels/workbook.xml.rels", XL2_RELS, 0},
        {"xl/styles.xml", XL2_STYLES, 0},
        {"xl/sharedStrings.xml", "<sst " XL_NS "><si><t>无</t></si></sst>", 0},
        {"xl/worksheets/sheet1.xml", XL2_SHEET, 0},
    };
    size_t size;
    char *x = make_zip(parts, sizeof parts / sizeof *parts, &size);
    bl_model *m = read_ok("cells.xlsm", x, size);
    bl_document *d = m->documents;
    static const char *const cells[][2] = {
        {"工作表1!A2", "1"},          {"工作表1!C2", "区住建局"},  /* $A$2; a formula's string */
        {"工作表1!D2", "TRUE"},       {"工作表1!E2", "50%"},      /* 0.00% */
        {"工作表1!A4", "1904-01-02"}, {"工作表1!B4", "#DIV/0!"}, /* 1904 dates; an error */
        {"工作表1!C4", "0"},          {"工作表1!D4", "1905-01-01"}, /* -0; a date and time */
        {"工作表1!E4", "abc"},        {"工作表1!F4", "FALSE"},
        {"工作表1!A5", "45230"},      {"工作表1!B5", "7"},        /* text and literal formats */
        {"工作表1!C5", "3"},          {"工作表1!D5", ""},         /* an unknown style; bad index */
        {"工作表1!E5", ""},
    };
    for (size_t i = 0; i < sizeof cells / sizeof *cells; i++) {
        const bl_cell *c = grid_cell(d, cells[i][0]);
        if (!c || strcmp(c->text, cells[i][1]))
            fail_msg("%s: got '%s', want '%s'", cells[i][0], c ? c->text : "(none)", cells[i][1]);
    }
    /* Not read: the hidden column and row, a row out of order, one past
     * Excel's last row; nor the sheets without a relationship or a part. */
    assert_null(grid_cell(d, "工作表1!G1"));
    assert_null(grid_cell(d, "工作表1!A6"));
    assert_null(grid_cell(d, "工作表1!A3"));
    assert_null(grid_cell(d, "工作表1!A9999999"));
    const bl_grid *g = d->grid;
    assert_int_equal(g->n, 4);
    assert_int_equal(g->rows[0].n, 6); /* A..F: the hidden G left out */
    for (size_t i = 0; i < g->n; i++)
        for (size_t j = 0; j < g->rows[i].n; j++)
            assert_true(g->rows[i].cells[j].row_span == 1 && g->rows[i].cells[j].col_span == 1 &&
                        !g->rows[i].cells[j].covered); /* no merge is valid */
    bl_list *l = seed_list(m, 0);
    assert_int_equal(l->n_projects, 2); /* 1, and the number in text format */
    assert_string_equal(seed_entry(seed_project(l, "1"), 0)->department, "区住建局");
    assert_non_null(seed_project(l, "45230"));
    assert_true(l->title == NULL || strcmp(l->title, "工作表1") != 0); /* a default name */
    assert_null(seed_list(m, 1));
    bl_model_free(m);
    free(x);
}

/* 20 MB of zeros compress to some KB: refused from the sizes alone. */
static void xlsx_zip_bomb(void **state)
{
    (void)state;
    size_t big = 20u << 20, size;
    char *zeros = calloc(1, big);
    const part parts[] = {
        {"xl/workbook.xml", XL_WORKBOOK, 0},
        {"xl/worksheets/sheet1.xml", zeros, big},
    };
    char *x = make_zip(parts, 2, &size);
    free(zeros);
    assert_true(size < big / 200);
    char msg[2048];
    clock_t t0 = clock();
    read_fails("bomb.xlsx", x, size, msg, sizeof msg);
    assert_true(clock() - t0 < CLOCKS_PER_SEC / 2);
    assert_non_null(strstr(msg, "zip bomb"));
    assert_non_null(strstr(msg, "bomb.xlsx: error:"));
    free(x);
}

/* Cut short, a workbook is an error, never a crash; so is garbage named
 * .xlsx, and a part that is not XML. */
static void xlsx_truncated(void **state)
{
    (void)state;
    size_t size;
    char *x = make_xlsx(&size);
    char msg[2048];
    for (size_t cut = 0; cut < size; cut += size / 7 + 1) {
        read_fails("cut.xlsx", x, cut, msg, sizeof msg);
        assert_non_null(strstr(msg, "cut.xlsx: error:"));
    }
    read_fails("junk.xlsx", "not a zip", 9, msg, sizeof msg);
    assert_non_null(strstr(msg, "junk.xlsx: error:"));
    const part parts[] = {
        {"xl/workbook.xml", "<workbook><sheets>", 0},
        {"xl/_rels/workbook.xml.rels", XL_RELS, 0},
    };
    char *y = make_zip(parts, 2, &size);
    read_fails("bad.xlsx", y, size, msg, sizeof msg);
    assert_non_null(strstr(msg, "not well-formed"));
    free(x);
    free(y);
}

/* ---- DOCX ---- */

#define W_NS "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""
#define P(text) "<w:p><w:r><w:t>" text "</w:t></w:r></w:p>"
#define TC(text) "<w:tc>" P(text) "</w:tc>"
#define TC_SPAN(n, text) "<w:tc><w:tcPr><w:gridSpan w:val=\"" #n "\"/></w:tcPr>" P(text) "</w:tc>"
#define TC_RESTART(text) "<w:tc><w:tcPr><w:vMerge w:val=\"restart\"/></w:tcPr>" P(text) "</w:tc>"
#define TC_CONTINUE "<w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>"

/* Paragraphs before the table (title, date), a header, a department
 * merged down two rows, content split over runs, a cell of two paragraphs
 * and a break, a nested table, a row spanned across (a group heading),
 * and a note after the table. */
static const char DOCX_TABLE[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document " W_NS "><w:body>"
    P("2023年10月民生实事项目进展情况") P("2023年11月5日")
    "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>"
    "<w:tr>" TC("序号") TC("项目内容") TC("责任单位") TC("进展情况") TC("完成率") "</w:tr>"
    "<w:tr>" TC_SPAN(5, "一、教育") "</w:tr>"
    "<w:tr>" TC("1")
    "<w:tc><w:p><w:r><w:t>新建</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>幼儿园3所</w:t></w:r></w:p></w:tc>"
    TC_RESTART("市教育局")
    "<w:tc><w:p><w:r><w:t>已完成2所</w:t><w:br/><w:t>第3所主体完工</w:t></w:r></w:p>"
    P("年底前投用") "</w:tc>" TC("72%") "</w:tr>"
    "<w:tr>" TC("2") TC("新增学位1000个") TC_CONTINUE
    "<w:tc><w:tbl><w:tr>" TC("城区") TC("600个") "</w:tr><w:tr>" TC("郊区") TC("400个")
    "</w:tr></w:tbl><w:p/></w:tc>" TC("100%") "</w:tr>"
    "<w:tr>" TC("3") TC_SPAN(2, "改造校舍10处") TC("已完成5处") TC("50%") "</w:tr>"
    "</w:tbl>" P("注：完成率按投资计。")
    "</w:body></w:document>";

static char *make_docx(const char *document, size_t *size)
{
    const part parts[] = {
        {"[Content_Types].xml", "<Types/>", 0},
        {"word/document.xml", document, 0},
    };
    return make_zip(parts, 2, size);
}

static void docx_table(void **state)
{
    (void)state;
    size_t size;
    char *x = make_docx(DOCX_TABLE, &size);
    bl_model *m = read_ok("report.docx", x, size);
    bl_document *d = m->documents;
    assert_string_equal(d->format, "docx");
    assert_string_equal(d->title, "2023年10月民生实事项目进展情况");
    bl_list *l = seed_list(m, 0);
    assert_int_equal(l->n_projects, 3);
    bl_project *p1 = seed_project(l, "1");
    assert_string_equal(p1->content, "新建幼儿园3所");
    bl_entry *e1 = seed_entry(p1, 0);
    assert_string_equal(e1->department, "市教育局");
    assert_string_equal(e1->progress, "已完成2所\n第3所主体完工\n年底前投用");
    assert_true(e1->rates[0] == 72);
    bl_entry *e2 = seed_entry(seed_project(l, "2"), 0);
    assert_string_equal(e2->department, "市教育局"); /* vMerge continue */
    assert_string_equal(e2->progress, "城区 600个\n郊区 400个");
    /* gridSpan: the progress is in the fourth grid column. */
    bl_entry *e3 = seed_entry(seed_project(l, "3"), 0);
    assert_string_equal(e3->progress, "已完成5处");
    assert_true(e3->rates[0] == 50);
    /* The merge as the grid holds it. */
    const bl_grid *g = d->grid;
    bool spanned = false;
    for (size_t i = 0; i < g->n; i++)
        for (size_t j = 0; j < g->rows[i].n; j++)
            spanned |= strcmp(g->rows[i].cells[j].text, "市教育局") == 0 &&
                       g->rows[i].cells[j].row_span == 2;
    assert_true(spanned);
    bl_model_free(m);
    free(x);
}

/* A one-column frame around the title and the table, content controls
 * (w:sdt) around a paragraph, a header cell and a cell's text, line breaks
 * as w:cr, deleted text and field codes left out, a row of four cells for
 * five columns, and a footnote row after gridBefore. */
#define SDT(x) "<w:sdt><w:sdtContent>" x "</w:sdtContent></w:sdt>"
static const char DOCX_FRAME[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document " W_NS "><w:body>"
    SDT(P("2024年3月民生实事项目进展情况"))
    "<w:tbl><w:tblGrid><w:gridCol/></w:tblGrid><w:tr><w:tc>" P("填报单位:县府办")
    "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>"
    "<w:tr>" TC("序号") TC("项目内容") SDT(TC("责任单位")) TC("进展情况") TC("完成率") "</w:tr>"
    "<w:tr>" TC("1")
    "<w:tc><w:p><w:r><w:t>新建</w:t><w:cr/><w:delText>删除的字</w:delText>"
    "<w:instrText>PAGE</w:instrText><w:t>公园1个</w:t></w:r></w:p></w:tc>"
    "<w:tc>" SDT(P("县住建局")) "</w:tc>" TC("主体完工") TC("80%") "</w:tr>"
    "<w:tr>" TC("2") TC("改造道路5公里") TC("县交通局") TC("60%") "</w:tr>"
    "<w:tr><w:trPr><w:gridBefore w:val=\"4\"/></w:trPr>" TC("填报人:张三") "</w:tr>"
    "</w:tbl></w:tc></w:tr></w:tbl>"
    "</w:body></w:document>";

static void docx_frame(void **state)
{
    (void)state;
    size_t size;
    char *x = make_docx(DOCX_FRAME, &size);
    bl_model *m = read_ok("frame.docm", x, size);
    bl_document *d = m->documents;
    /* The header row keeps the cells after the content control (they were
     * dropped: the loop went on from the cell inside w:sdt). */
    const bl_row *h = &d->grid->rows[2];
    assert_int_equal(h->n, 5);
    assert_string_equal(h->cells[2].text, "责任单位");
    assert_string_equal(h->cells[3].text, "进展情况");
    assert_string_equal(h->cells[4].text, "完成率");
    assert_string_equal(d->format, "docx");
    assert_string_equal(d->title, "2024年3月民生实事项目进展情况");
    bl_list *l = seed_list(m, 0);
    assert_int_equal(l->n_projects, 2);
    bl_project *p1 = seed_project(l, "1");
    assert_string_equal(p1->content, "新建\n公园1个");
    bl_entry *e1 = seed_entry(p1, 0);
    assert_string_equal(e1->department, "县住建局");
    assert_string_equal(e1->progress, "主体完工");
    bl_entry *e2 = seed_entry(seed_project(l, "2"), 0);
    assert_string_equal(e2->department, "县交通局");
    assert_true(e2->n_rates == 1 && e2->rates[0] == 60); /* placed by what it holds */
    const bl_grid *g = d->grid;
    bool note = false;
    for (size_t i = 0; i < g->n; i++)
        note |= g->rows[i].chrome && strcmp(g->rows[i].cells[0].text, "填报人:张三") == 0;
    assert_true(note); /* one filled cell: chrome */
    bl_model_free(m);
    free(x);
}

/* Without a table the paragraphs are a narrative report. */
static void docx_prose(void **state)
{
    (void)state;
    size_t size;
    char *x = make_docx(
        "<w:document " W_NS "><w:body>"
        P("平阳县公共服务“七优享”工程情况汇报") P("2024年4月30日") P("县府办")
        P("二、2024年一季度完成情况")
        "<w:p><w:r><w:t>(三)学有优教方面。涉及2个重点指标。1.职业教育培训人次。</w:t></w:r>"
        "<w:r><w:t>一季度我县已开展职业教育培训4782人次,完成第一季度目标的183.9%。</w:t></w:r></w:p>"
        P("2.通过国家学前教育普及普惠县省级评估认定。目前已通过省级督导评估。")
        "</w:body></w:document>", &size);
    bl_model *m = read_ok("narrative.docx", x, size);
    bl_document *d = m->documents;
    assert_string_equal(d->format, "docx");
    assert_true(d->n_indicators >= 1);
    assert_true(d->indicators->rates[0] == 183.9);
    bl_model_free(m);
    free(x);
}

/* A docx cut short, or with a broken document.xml, is an error. */
static void docx_damaged(void **state)
{
    (void)state;
    size_t size;
    char *x = make_docx(DOCX_TABLE, &size);
    char msg[2048];
    read_fails("cut.docx", x, size - 40, msg, sizeof msg);
    assert_non_null(strstr(msg, "cut.docx: error:"));
    free(x);
    x = make_docx("<w:document " W_NS "><w:body><w:p>", &size);
    read_fails("bad.docx", x, size, msg, sizeof msg);
    assert_non_null(strstr(msg, "not well-formed"));
    free(x);
    /* An entity-expansion bomb: the DTD alone is refused. */
    x = make_docx("<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY a \"aaaaaaaaaa\">"
                  "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>"
                  "<w:document " W_NS "><w:body>" P("&b;") "</w:body></w:document>", &size);
    read_fails("dtd.docx", x, size, msg, sizeof msg);
    assert_non_null(strstr(msg, "DTD"));
    free(x);
}

/* ---- files refused with the way to convert them ---- */

static void refused(void **state)
{
    (void)state;
    char msg[2048];
    /* An OLE2 header and a directory entry naming the WordDocument stream. */
    char doc[1024] = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
    memcpy(doc + 512, "W\0o\0r\0d\0D\0o\0c\0u\0m\0e\0n\0t\0", 24);
    read_fails("old.doc", doc, sizeof doc, msg, sizeof msg);
    assert_non_null(strstr(msg, "old.doc: error: this is a Word 97–2003 (.doc) file; save it as .docx"));
    assert_non_null(strstr(msg, "soffice --headless --convert-to docx"));
    char xls[1024] = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
    memcpy(xls + 512, "W\0o\0r\0k\0b\0o\0o\0k\0", 16);
    /* An .xls goes to FreeXL, which finds this one damaged. */
    read_fails("old.xls", xls, sizeof xls, msg, sizeof msg);
    assert_non_null(strstr(msg, "old.xls: error: this Excel 97–2003 (.xls) file cannot be read"));
    assert_non_null(strstr(msg, "--convert-to xlsx"));
    read_fails("report.wps", doc, sizeof doc, msg, sizeof msg);
    assert_non_null(strstr(msg, "WPS Writer (.wps)"));
    read_fails("table.et", "\x01\x02junk", 6, msg, sizeof msg);
    assert_non_null(strstr(msg, "(.et)"));
    read_fails("scan.pdf", "%PDF-1.7\n%\xE2\xE3\n", 14, msg, sizeof msg);
    assert_non_null(strstr(msg, "scan.pdf: error: this is a PDF file"));
    read_fails("scan.png", "\x89PNG\r\n\x1A\n\0\0", 10, msg, sizeof msg);
    assert_non_null(strstr(msg, "PNG image"));
    read_fails("scan.jpg", "\xFF\xD8\xFF\xE0\0\x10JFIF", 10, msg, sizeof msg);
    assert_non_null(strstr(msg, "JPEG image"));
    read_fails("x.gif", "GIF89a\1\0", 8, msg, sizeof msg);
    assert_non_null(strstr(msg, "GIF image"));
    char ppt[1024] = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
    memcpy(ppt + 512, "P\0o\0w\0e\0r\0P\0o\0i\0n\0t\0 \0D\0o\0c\0u\0m\0e\0n\0t\0", 38);
    read_fails("slides.ppt", ppt, sizeof ppt, msg, sizeof msg);
    assert_non_null(strstr(msg, "slides.ppt: error: this is a PowerPoint 97–2003 (.ppt) file"));
    read_fails("slides.dps", ppt, sizeof ppt, msg, sizeof msg); /* the name decides */
    assert_non_null(strstr(msg, "WPS Presentation (.dps)"));
    read_fails("plain.dps", "\x01\x02junk", 6, msg, sizeof msg);
    assert_non_null(strstr(msg, "WPS Presentation (.dps)"));
    char ole[1024] = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"; /* no stream it knows */
    read_fails("thing.bin", ole, sizeof ole, msg, sizeof msg);
    assert_non_null(strstr(msg, "thing.bin: error: this is an Office 97–2003 compound file"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(csv_quoted),
        cmocka_unit_test(csv_gbk),
        cmocka_unit_test(tsv_paste),
        cmocka_unit_test(csv_no_table),
        cmocka_unit_test(xlsx_sheets),
        cmocka_unit_test(xlsx_date),
        cmocka_unit_test(xlsx_cells),
        cmocka_unit_test(xlsx_zip_bomb),
        cmocka_unit_test(xlsx_truncated),
        cmocka_unit_test(docx_table),
        cmocka_unit_test(docx_frame),
        cmocka_unit_test(docx_prose),
        cmocka_unit_test(docx_damaged),
        cmocka_unit_test(refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
