/* test_read_html.c - the HTML reader: pages written here, in the shapes
 * government CMSs and Word/WPS exports give (see
 * ../shared/real-sources/README.md): GBK pages with rowspans, colspan'd
 * titles, Word markup, several tables, layout tables, lying charsets. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <iconv.h>

#include "grid.h"
#include "seeds.h"

#define HEAD "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>页面</title></head><body>\n"
#define HEADER_ROW "<tr><td>序号</td><td>项目内容</td><td>责任单位</td><td>进展情况</td><td>完成率</td></tr>\n"

static int read_page(bl_model *m, const char *name, const char *data, size_t len,
                     bl_error *err)
{
    return bl_read_bytes_into(m, name, data, len, NULL, err);
}

static bl_model *page(const char *html)
{
    bl_model *m = bl_model_new();
    bl_error err = {0};
    int rc = read_page(m, "page.html", html, strlen(html), &err);
    if (rc)
        fprintf(stderr, "%s:%d: %s\n", err.file, err.line, err.message);
    assert_int_equal(rc, BL_OK);
    assert_string_equal(m->documents->format, "html");
    return m;
}

/* UTF-8 text as GBK bytes, made with iconv(3); caller frees. */
static char *to_gbk(const char *s, size_t *len)
{
    iconv_t cd = iconv_open("GBK", "UTF-8");
    assert_true(cd != (iconv_t)-1);
    size_t in_left = strlen(s), out_left = in_left * 2 + 1;
    char *out = calloc(1, out_left), *o = out, *in = (char *)s;
    assert_true(iconv(cd, &in, &in_left, &o, &out_left) != (size_t)-1);
    iconv_close(cd);
    *len = (size_t)(o - out);
    return out;
}

/* A GBK page (declared so) whose department and leader cells span rows:
 * each covered row carries them, and the covered column is not counted as
 * the next cell's (counting <td> per row would put 进展 under 单位). */
static void gbk_rowspans(void **state)
{
    (void)state;
    size_t len;
    char *gbk = to_gbk(
        "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">"
        "</head><body>\n"
        "<table border=1>\n"
        "<tr><td>序号</td><td>项目内容</td><td>责任单位</td><td>分管领导</td><td>进展情况</td><td>完成率</td></tr>\n"
        "<tr><td>1</td><td>新建幼儿园2所</td><td rowspan=\"3\">区教育局</td><td rowspan=\"2\">王明</td><td>主体完工</td><td>80%</td></tr>\n"
        "<tr><td>2</td><td>改造食堂3个</td><td>已完成</td><td>100%</td></tr>\n"
        "<tr><td>3</td><td>建设操场1个</td><td>李华</td><td>正在施工</td><td>50%</td></tr>\n"
        "<tr><td>4</td><td>新增停车位500个</td><td>区住建局</td><td>张强</td><td>完成200个</td><td>40%</td></tr>\n"
        "</table></body></html>\n",
        &len);
    assert_true(bl_utf8_valid_prefix(gbk, len) < len); /* really GBK bytes */
    bl_model *m = bl_model_new();
    bl_error err = {0};
    assert_int_equal(read_page(m, "gbk.htm", gbk, len, &err), BL_OK);
    free(gbk);
    bl_document *d = m->documents;
    assert_string_equal(d->encoding, "GB18030");
    bl_list *l = seed_list(m, 0);
    assert_int_equal(l->n_projects, 4);
    bl_entry *e1 = seed_entry(seed_project(l, "1"), 0);
    assert_string_equal(e1->department, "区教育局");
    assert_false(e1->department_carried);
    bl_entry *e2 = seed_entry(seed_project(l, "2"), 0);
    assert_string_equal(e2->department, "区教育局");
    assert_true(e2->department_carried);
    assert_string_equal(e2->leader, "王明");
    assert_string_equal(e2->progress, "已完成");
    assert_true(e2->rates[0] == 100);
    bl_entry *e3 = seed_entry(seed_project(l, "3"), 0);
    assert_string_equal(e3->department, "区教育局");
    assert_string_equal(e3->leader, "李华");
    assert_string_equal(e3->progress, "正在施工");
    bl_entry *e4 = seed_entry(seed_project(l, "4"), 0);
    assert_string_equal(e4->department, "区住建局");
    assert_false(e4->department_carried);
    /* The grid keeps the spans and the covered cells, every row full. */
    const bl_grid *g = d->grid;
    const bl_row *r1 = &g->rows[1], *r2 = &g->rows[2];
    assert_int_equal(r1->n, 6);
    assert_int_equal(r2->n, 6);
    assert_int_equal(r1->cells[2].row_span, 3);
    assert_true(r2->cells[2].covered && r2->cells[3].covered);
    assert_string_equal(r2->cells[4].text, "已完成");
    assert_int_equal(r2->line, 5);
    bl_model_free(m);
}

/* A project whose content spans two rows: two entries of one project. */
static void content_rowspan(void **state)
{
    (void)state;
    bl_model *m = page(HEAD "<table>" HEADER_ROW
                       "<tr><td rowspan=2>1</td><td rowspan=2>改造老旧小区10个</td>"
                       "<td>区住建局</td><td>完成6个</td><td>60%</td></tr>\n"
                       "<tr><td>区城管局</td><td>完成4个</td><td>40%</td></tr>\n"
                       "</table></body></html>");
    bl_list *l = seed_list(m, 0);
    assert_int_equal(l->n_projects, 1);
    bl_project *p = seed_project(l, "1");
    assert_int_equal(p->n_entries, 2);
    assert_string_equal(p->content, "改造老旧小区10个");
    assert_string_equal(seed_entry(p, 1)->department, "区城管局");
    assert_true(seed_entry(p, 1)->rates[0] == 40);
    bl_model_free(m);
}

/* A title row across the table (colspan) titles the list; a colspan'd
 * header cell over two columns keeps the columns after it in place. */
static void colspan_title(void **state)
{
    (void)state;
    bl_model *m = page(HEAD "<table>\n"
                       "<tr><td colspan=\"5\">2024年民生实事项目进展情况表</td></tr>\n"
                       HEADER_ROW
                       "<tr><td>1</td><td>新建幼儿园2所</td><td>区教育局</td><td>主体完工</td><td>80%</td></tr>\n"
                       "<tr><td colspan=\"5\">二、社会保障类</td></tr>\n"
                       "<tr><td>2</td><td colspan=\"2\">新增养老床位100张</td><td>已完成</td><td>100%</td></tr>\n"
                       "<tr><td colspan=\"5\">注：完成率按年度计划计算。</td></tr>\n"
                       "</table></body></html>");
    bl_document *d = m->documents;
    bl_list *l = seed_list(m, 0);
    assert_string_equal(l->title, "2024年民生实事项目进展情况表");
    assert_int_equal(l->n_projects, 2);
    bl_project *p2 = seed_project(l, "2");
    assert_string_equal(p2->category, "二、社会保障类");
    assert_string_equal(p2->content, "新增养老床位100张");
    assert_string_equal(seed_entry(p2, 0)->progress, "已完成");
    assert_true(seed_entry(p2, 0)->rates[0] == 100);
    /* The note across the table is no further entry of project 2. */
    assert_int_equal(p2->n_entries, 1);
    assert_int_equal(d->year, 2024);
    bl_model_free(m);
}

/* Word/WPS export markup never becomes text: <o:p>, a <style> block in the
 * body, comments, <col> lists, x:str; runs split over spans join with no
 * separator; <br> and paragraphs are line breaks; &nbsp; and U+3000 are
 * trimmed. */
static void word_markup(void **state)
{
    (void)state;
    bl_model *m = page(
        HEAD
        "<style>p.MsoNormal{margin:0pt;font-family:Calibri;}span.msoIns{color:blue;}</style>\n"
        "<!-- 注释：不是正文 -->\n"
        "<table class=\"MsoTableGrid\" border=\"1\" style=\"border-collapse:collapse;width:426.2000pt;\">\n"
        "<col width=\"39\"><col width=\"200\"><col width=\"80\"><col width=\"120\"><col width=\"40\">\n"
        "<tr><td><p class=\"MsoNormal\" align=\"center\"><a name=\"OLE_LINK3\">序号</a><span><o:p></o:p></span></p></td>"
        "<td x:str><p class=\"MsoNormal\"><span style=\"font-family:黑体\">项目</span><span>内容</span><o:p>&nbsp;</o:p></p></td>"
        "<td><p class=\"MsoNormal\">责任单位<o:p></o:p></p></td><td><p class=\"MsoNormal\">进展情况</p></td>"
        "<td><p class=\"MsoNormal\">完成率</p></td></tr>\n"
        "<tr><td><p class=\"MsoNormal\">1<o:p></o:p></p></td>"
        "<td x:str><p class=\"MsoNormal\"><span><span style=\"font-family:宋体\">长盛路（兴业路</span>"
        "<span style=\"font-family:宋体\">-规划二路）</span></span>改造<o:p></o:p></p></td>"
        "<td><p class=\"MsoNormal\">&nbsp;\xE3\x80\x80区住建局\xE3\x80\x80&nbsp;<o:p>&nbsp;</o:p></p></td>"
        "<td><p class=\"MsoNormal\">路基完成<br>正在铺设<o:p></o:p></p><p class=\"MsoNormal\">管网</p><p>&nbsp;</p></td>"
        "<td><p class=\"MsoNormal\">60%<o:p></o:p></p></td></tr>\n"
        "</table><script>var x = '<td>不是单元格</td>';</script></body></html>");
    bl_list *l = seed_list(m, 0);
    assert_int_equal(l->n_projects, 1);
    bl_project *p = seed_project(l, "1");
    assert_string_equal(p->content, "长盛路（兴业路-规划二路）改造");
    bl_entry *e = seed_entry(p, 0);
    assert_string_equal(e->department, "区住建局");
    assert_string_equal(e->progress, "路基完成\n正在铺设\n管网");
    assert_true(e->rates[0] == 60);
    assert_null(e->extra);
    /* Nothing of the style sheet, the comment or the script is chrome. */
    const bl_grid *g = m->documents->grid;
    for (size_t i = 0; i < g->n; i++)
        for (size_t j = 0; j < g->rows[i].n; j++) {
            assert_null(strstr(g->rows[i].cells[j].text, "MsoNormal"));
            assert_null(strstr(g->rows[i].cells[j].text, "注释"));
            assert_null(strstr(g->rows[i].cells[j].text, "不是单元格"));
        }
    bl_model_free(m);
}

/* Two data tables: two lists, each titled by the heading before it; the
 * 通报 text around them is chrome, read for the date and office. */
static void two_tables(void **state)
{
    (void)state;
    bl_model *m = page(
        HEAD
        "<h1>关于2024年民生实事项目进展情况的通报</h1>\n"
        "<p>发布日期：2024-07-05　　来源：某县人民政府办公室</p>\n"
        "<p>现将1-6月民生实事项目推进情况通报如下。</p>\n"
        "<h3>一、县级民生实事项目进展情况表</h3>\n"
        "<table>" HEADER_ROW
        "<tr><td>1</td><td>新建幼儿园2所</td><td>县教育局</td><td>主体完工</td><td>80%</td></tr>\n"
        "</table>\n"
        "<p><strong>二、乡镇民生实事项目进展情况表</strong></p>\n"
        "<table>" HEADER_ROW
        "<tr><td>1</td><td>改造农村公路10公里</td><td>城关镇</td><td>完成5公里</td><td>50%</td></tr>\n"
        "<tr><td>2</td><td>建设文化礼堂3个</td><td>城南镇</td><td>已完成</td><td>100%</td></tr>\n"
        "</table>\n<p>某县人民政府办公室</p><p>2024年7月5日</p></body></html>");
    bl_document *d = m->documents;
    assert_int_equal(d->n_lists, 2);
    assert_string_equal(seed_list(m, 0)->title, "一、县级民生实事项目进展情况表");
    assert_string_equal(seed_list(m, 1)->title, "二、乡镇民生实事项目进展情况表");
    assert_int_equal(seed_list(m, 0)->n_projects, 1);
    assert_int_equal(seed_list(m, 1)->n_projects, 2);
    assert_string_equal(d->title, "关于2024年民生实事项目进展情况的通报");
    assert_string_equal(d->published, "2024-07-05");
    assert_string_equal(d->office, "某县人民政府办公室");
    bl_model_free(m);
}

/* A layout table (navigation | content) around the data table: the data
 * table is found inside it, the navigation is chrome, not rows; the page's
 * <meta> tags give the title, date and office. */
static void layout_table(void **state)
{
    (void)state;
    bl_model *m = page(
        "<html><head><title>某区人民政府门户网站</title>\n"
        "<meta name=\"ArticleTitle\" content=\"某区2024年民生实事项目进展情况\">\n"
        "<meta name=\"PubDate\" content=\"2024-08-01 09:30\">\n"
        "<meta name=\"contentSource\" content=\"某区发展和改革局\">\n"
        "</head><body>\n"
        "<table width=\"100%\"><tr><td rowspan=\"2\"><a href=\"/\">首页</a><br><a>政务公开</a></td>\n"
        "<td><div id=\"zoom\">\n"
        "<table border=\"1\">" HEADER_ROW
        "<tr><td>1</td><td>新建幼儿园2所</td><td>区教育局</td><td>主体完工</td><td>80%</td></tr>\n"
        "<tr><td>2</td><td>新增停车位500个</td><td>区住建局</td><td>完成200个</td><td>40%</td></tr>\n"
        "</table></div></td></tr><tr><td>版权所有</td></tr></table></body></html>");
    bl_document *d = m->documents;
    assert_int_equal(d->n_lists, 1);
    bl_list *l = seed_list(m, 0);
    assert_int_equal(l->n_projects, 2);
    assert_string_equal(seed_entry(seed_project(l, "2"), 0)->department, "区住建局");
    assert_string_equal(d->title, "某区2024年民生实事项目进展情况");
    assert_string_equal(d->published, "2024-08-01");
    assert_string_equal(d->office, "某区发展和改革局");
    assert_null(d->warnings);
    /* The navigation is chrome. */
    const bl_grid *g = d->grid;
    assert_true(g->rows[0].chrome);
    assert_string_equal(g->rows[0].cells[0].text, "首页");
    bl_model_free(m);
}

/* A page that declares GB2312 but is UTF-8 (re-saved): the bytes win. */
static void lying_charset(void **state)
{
    (void)state;
    bl_model *m = page("<html><head><meta http-equiv=\"Content-Type\" "
                       "content=\"text/html; charset=gb2312\"></head><body><table>"
                       HEADER_ROW
                       "<tr><td>1</td><td>新建幼儿园2所</td><td>区教育局</td><td>主体完工</td><td>80%</td></tr>"
                       "</table></body></html>");
    assert_string_equal(m->documents->encoding, "UTF-8");
    assert_string_equal(seed_entry(seed_project(seed_list(m, 0), "1"), 0)->department,
                        "区教育局");
    bl_model_free(m);
}

/* Every name of the GBK family a page may declare, quoted or not, in any
 * case: the page is read as GB18030. Bytes that are not GB18030 (a NUL, a
 * lone lead byte) go to the general decoder instead; so does a page whose
 * BOM says UTF-16 whatever it declares. */
static void gbk_names(void **state)
{
    (void)state;
    static const char *const metas[] = {
        "<meta charset='GBK'>", "<meta charset = \"x-gbk\">",
        "<meta http-equiv=Content-Type content=\"text/html;charset=CP936\">",
        "<meta charset=\"\"><meta charset=euc-cn>", "<meta charset=\"GB18030\">",
    };
    for (size_t i = 0; i < sizeof metas / sizeof *metas; i++) {
        char page[1024];
        snprintf(page, sizeof page, "<html><head>%s</head><body><table>" HEADER_ROW
                 "<tr><td>1</td><td>新建幼儿园2所</td><td>区教育局</td><td>主体完工</td>"
                 "<td>80%%</td></tr></table></body></html>", metas[i]);
        size_t len;
        char *gbk = to_gbk(page, &len);
        bl_model *m = bl_model_new();
        bl_error err = {0};
        assert_int_equal(read_page(m, "gbk.htm", gbk, len, &err), BL_OK);
        assert_string_equal(m->documents->encoding, "GB18030");
        assert_string_equal(seed_entry(seed_project(seed_list(m, 0), "1"), 0)->department,
                            "区教育局");
        bl_model_free(m);
        free(gbk);
    }
    /* a lone lead byte at the end: not GB18030 */
    size_t len;
    char *gbk = to_gbk("<html><head><meta charset=gbk></head><body><table>" HEADER_ROW
                       "<tr><td>1</td><td>新建幼儿园2所</td><td>区教育局</td><td>主体完工</td>"
                       "<td>80%</td></tr></table><p>完", &len);
    const char tail[] = "\x81</p></body></html>";
    gbk = realloc(gbk, len + sizeof tail);
    memcpy(gbk + len, tail, sizeof tail);
    len += sizeof tail - 1;
    bl_model *m = bl_model_new();
    bl_error err = {0};
    int rc = read_page(m, "cut.htm", gbk, len, &err);
    if (rc == BL_OK)
        assert_string_not_equal(m->documents->encoding, "GB18030");
    else
        assert_string_equal(err.file, "cut.htm");
    bl_model_free(m);
    free(gbk);
    /* UTF-16LE with its BOM (Word's "Unicode" web page), declaring gb2312:
     * sniffed as a page (it was read as text and refused) */
    const char *u8 = "<html><head><meta charset=gb2312></head><body><table>" HEADER_ROW
                     "<tr><td>1</td><td>新建幼儿园2所</td><td>区教育局</td><td>主体完工</td>"
                     "<td>80%</td></tr></table></body></html>";
    iconv_t cd = iconv_open("UTF-16LE", "UTF-8");
    char u16[4096] = "\xFF\xFE";
    char *in = (char *)u8, *o = u16 + 2;
    size_t in_left = strlen(u8), out_left = sizeof u16 - 2;
    assert_true(iconv(cd, &in, &in_left, &o, &out_left) != (size_t)-1);
    iconv_close(cd);
    m = bl_model_new();
    assert_int_equal(read_page(m, "u16.htm", u16, (size_t)(o - u16), &err), BL_OK);
    assert_string_equal(m->documents->encoding, "UTF-16LE");
    assert_string_equal(seed_entry(seed_project(seed_list(m, 0), "1"), 0)->department,
                        "区教育局");
    bl_model_free(m);
}

/* A page with no data table, and broken or hostile bytes: errors naming
 * the file, never a crash. */
static void errors(void **state)
{
    (void)state;
    bl_model *m = bl_model_new();
    bl_error err = {0};
    const char *news = HEAD "<table><tr><td>首页</td><td>新闻</td></tr></table><p>今日新闻</p></body></html>";
    assert_int_equal(read_page(m, "news.html", news, strlen(news), &err), BL_EINPUT);
    assert_string_equal(err.file, "news.html");
    assert_non_null(strstr(err.message, "no project table found"));
    const char bin[] = "<html>\x01\x02\0\xff\xfe</html>";
    assert_int_equal(read_page(m, "bin.html", bin, sizeof bin - 1, &err), BL_EINPUT);
    /* 5000 nested elements and a table cut off mid-cell. */
    bl_buf b = BL_BUF_INIT;
    bl_buf_puts(&b, "<html><body>");
    for (int i = 0; i < 5000; i++)
        bl_buf_puts(&b, "<div><table><tr><td>");
    bl_buf_puts(&b, "<table><tr><td>序号</td><td>项目内容</td><td rowspan=999999 colspan=999999>责任");
    assert_int_equal(read_page(m, "deep.html", b.data, b.len, &err), BL_EINPUT);
    bl_buf_free(&b);
    assert_int_equal(m->n_documents, 0);
    bl_model_free(m);
}

/* rowspan="0" runs to the table's end; spans past the 256th column are
 * cut; the article's <meta> fields, the first of each name only; a table
 * of more than 4,000,000 cells is refused with its size, not read. */
static void spans_and_limits(void **state)
{
    (void)state;
    bl_model *m = page("<html><head><meta name=\"ArticleTitle\" content=\"  \">"
                       "<meta name=\"articletitle\" content=\" 2024年民生实事进展 \">"
                       "<meta name=\"ArticleTitle\" content=\"第二个标题\">"
                       "<meta name=\"PubDate\" content=\"2024-05-06\"><meta name=\"PubDate\">"
                       "</head><body><table>" HEADER_ROW
                       "<tr><td>1</td><td>新建幼儿园2所</td><td rowspan=\"0\">区教育局</td>"
                       "<td>主体完工</td><td>80%</td></tr>"
                       "<tr><td>2</td><td>改造食堂3个</td><td>已完成</td><td>100%</td></tr>"
                       "<tr><td>3</td><td>建设操场1个</td><td>正在施工</td><td colspan=\"2\">50%</td></tr>"
                       "</table></body></html>");
    bl_document *d = m->documents;
    assert_string_equal(d->title, "2024年民生实事进展");
    assert_string_equal(d->published, "2024-05-06");
    bl_list *l = seed_list(m, 0);
    assert_int_equal(l->n_projects, 3);
    for (int i = 1; i <= 3; i++) {
        char seq[2] = {(char)('0' + i), 0};
        bl_entry *e = seed_entry(seed_project(l, seq), 0);
        assert_string_equal(e->department, "区教育局");
        assert_int_equal(e->department_carried, i > 1);
    }
    assert_true(seed_entry(seed_project(l, "3"), 0)->rates[0] == 50);
    assert_int_equal(d->grid->rows[1].cells[2].row_span, 3);
    assert_int_equal(d->grid->rows[3].n, 6);
    /* parse --grid shows the spans and the covered cells */
    bl_buf dump = BL_BUF_INIT;
    bl_grid_dump(d->grid, &dump);
    assert_non_null(strstr(bl_buf_cstr(&dump), " [区教育局|rs=3] "));
    assert_non_null(strstr(bl_buf_cstr(&dump), " [2] [改造食堂3个] [^] [已完成]"));
    assert_non_null(strstr(bl_buf_cstr(&dump), " [50%|cs=2] [^]\n"));
    bl_buf_free(&dump);
    bl_model_free(m);

    bl_buf b = BL_BUF_INIT;
    bl_buf_puts(&b, HEAD "<table>" HEADER_ROW "<tr><td colspan=\"300\">宽</td></tr>");
    for (int i = 0; i < 15700; i++)
        bl_buf_puts(&b, "<tr><td>1</td></tr>");
    bl_buf_puts(&b, "</table></body></html>");
    m = bl_model_new();
    bl_error err = {0};
    assert_int_equal(read_page(m, "wide.html", b.data, b.len, &err), BL_EINPUT);
    assert_string_equal(err.message,
                        "table of 15702 rows and 256 columns: more than 4000000 cells are not read");
    assert_int_equal(err.line, 2);
    assert_int_equal(m->n_documents, 0);
    bl_model_free(m);
    bl_buf_free(&b);
}

/* Sure of markup only; a .html name alone claims nothing. */
static void sniffing(void **state)
{
    (void)state;
    const char *doc = "\xEF\xBB\xBF  <!DOCTYPE html><html>";
    assert_true(bl_sniff_html(NULL, (const unsigned char *)doc, strlen(doc)) >= 90);
    const char *jsp = "<%@ page language=\"java\"%>\n<html><body>";
    assert_true(bl_sniff_html("a.jsp", (const unsigned char *)jsp, strlen(jsp)) >= 90);
    const char *frag = "<table><tr><td>序号</td></tr></table>";
    assert_true(bl_sniff_html(NULL, (const unsigned char *)frag, strlen(frag)) >= 80);
    const char *div = "<div>通报</div>";
    assert_true(bl_sniff_html("x.shtml", (const unsigned char *)div, strlen(div)) >= 80);
    assert_int_equal(bl_sniff_html(NULL, (const unsigned char *)div, strlen(div)), 0);
    const char *text = "序号 | 项目内容 | 责任单位 |\n";
    assert_int_equal(bl_sniff_html("x.html", (const unsigned char *)text, strlen(text)), 0);
    assert_int_equal(bl_sniff_html("x.txt", (const unsigned char *)text, strlen(text)), 0);
    assert_int_equal(bl_sniff_html(NULL, (const unsigned char *)"", 0), 0);
    /* UTF-16 with a mark, either order: its markup is sniffed */
    const unsigned char be[] = {0xFE, 0xFF, 0, '<', 0, 'h', 0, 't', 0, 'm', 0, 'l', 0, '>'};
    assert_true(bl_sniff_html(NULL, be, sizeof be) >= 90);
    const unsigned char le[] = {0xFF, 0xFE, 0x8F, 0x5E, '<', 0, 'b', 0, 'o', 0, 'd', 0, 'y', 0};
    assert_int_equal(bl_sniff_html(NULL, le, sizeof le), 0); /* text first: not sure */
    assert_true(bl_sniff_html("a.htm", le, sizeof le) >= 60);
    const unsigned char text16[] = {0xFF, 0xFE, 0x8F, 0x5E, 0xF7, 0x53, ' ', 0, '|', 0};
    assert_int_equal(bl_sniff_html("x.txt", text16, sizeof text16), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(gbk_rowspans),  cmocka_unit_test(content_rowspan),
        cmocka_unit_test(colspan_title), cmocka_unit_test(word_markup),
        cmocka_unit_test(two_tables),    cmocka_unit_test(layout_table),
        cmocka_unit_test(lying_charset), cmocka_unit_test(gbk_names),
        cmocka_unit_test(errors), cmocka_unit_test(spans_and_limits),
        cmocka_unit_test(sniffing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
