/* bench/bare_render.c - the limit reference for bench/bare.sh: the full
 * project table of a report drawn with Pango and Cairo and nothing else.
 *
 *   bare_render PARSE.json OUT.pdf [--widths a,b,c,d,e,f]
 *
 * PARSE.json is the output of `bulletin parse`; every list's projects are
 * drawn as the briefing draws its full table: columns 序号 / 项目内容 /
 * 责任单位 / 状态 / 进展情况 / 完成率 at the given widths (points; the
 * default is what bulletin chose for the 10,000-project bench report),
 * WenQuanYi Micro Hei 10.5 pt on a 15 pt pitch (bulletin's default table
 * text), padding 3 pt, one sub-row per
 * entry, the head repeated on every page, a running title and
 * "第 X 页 共 Y 页" at the foot, A4 portrait with bulletin's margins.
 *
 * Each cell is laid out exactly once (the layouts are kept from measuring
 * to drawing, which is what makes the page count known before the first
 * page is drawn) and drawn with pango_cairo_show_layout. No threads, no
 * caching, no rows taller than a page (the bench report has none). This is
 * bench code, run by hand: errors go to stderr and exit 1.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo-pdf.h>
#include <cjson/cJSON.h>
#include <pango/pangocairo.h>

#define MM (72.0 / 25.4)
#define NC 6
#define PAD 3.0
#define FAMILY "WenQuanYi Micro Hei"

static const char *const titles[NC] = {"序号", "项目内容", "责任单位",
                                       "状态", "进展情况", "完成率"};
static const int per_entry[NC] = {0, 0, 1, 1, 1, 1};
static const PangoAlignment align[NC] = {
    PANGO_ALIGN_CENTER, PANGO_ALIGN_LEFT, PANGO_ALIGN_CENTER,
    PANGO_ALIGN_CENTER, PANGO_ALIGN_LEFT, PANGO_ALIGN_CENTER};

typedef struct row {
    int n_entries;
    PangoLayout **cell; /* n_entries * NC; NULL where unused */
    double *sub_h;
    double h;
} row;

static PangoContext *ctx;
static PangoFontDescription *font, *small;
static PangoAttrList *attrs, *small_attrs;
static double col_w[NC] = {37.030, 149.198, 59.962, 49.621, 146.742, 50.680};
static double col_x[NC];

static void die(const char *m)
{
    fprintf(stderr, "bare_render: %s\n", m);
    exit(1);
}

static void *xmalloc(size_t n)
{
    void *p = calloc(1, n ? n : 1);
    if (!p)
        die("out of memory");
    return p;
}

static const char *jstr(const cJSON *o, const char *k)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static PangoLayout *lay(const char *text, double width, PangoAlignment a,
                        double *h)
{
    PangoLayout *l = pango_layout_new(ctx);
    pango_layout_set_font_description(l, font);
    pango_layout_set_attributes(l, attrs);
    pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(l, a);
    pango_layout_set_width(l, (int)lround(width * PANGO_SCALE));
    pango_layout_set_text(l, text ? text : "", -1);
    int w, hh;
    pango_layout_get_size(l, &w, &hh);
    *h = hh / (double)PANGO_SCALE;
    return l;
}

static const char *status_label(const char *s)
{
    static const char *const map[][2] = {
        {"ahead", "提前完成"},      {"done", "已完成"},
        {"mostly_done", "基本完成"}, {"partial", "部分完成"},
        {"not_done", "未完成"},     {"on_schedule", "按序时推进"},
        {"behind", "滞后"}};
    for (size_t i = 0; s && i < sizeof map / sizeof *map; i++)
        if (strcmp(s, map[i][0]) == 0)
            return map[i][1];
    return "未注明";
}

/* "140%", "172.74%、60%" */
static void rates(const cJSON *arr, char *buf, size_t size)
{
    buf[0] = '\0';
    const cJSON *r;
    cJSON_ArrayForEach(r, arr)
    {
        char one[48];
        snprintf(one, sizeof one, "%s%g%%", buf[0] ? "、" : "", r->valuedouble);
        strncat(buf, one, size - strlen(buf) - 1);
    }
}

/* The texts of one entry, as the briefing composes them. */
static void entry_texts(const cJSON *e, char **dept, char **status,
                        char **progress, char **rate)
{
    const char *target = jstr(e, "target"), *planned = jstr(e, "planned");
    const char *prog = jstr(e, "progress"), *reason = jstr(e, "behind_reason");
    GString *p = g_string_new(NULL);
    if (target)
        g_string_append_printf(p, "目标：%s", target);
    if (planned)
        g_string_append_printf(p, "%s计划：%s", p->len ? "\n" : "", planned);
    if (prog)
        g_string_append_printf(p, "%s%s%s", p->len ? "\n" : "",
                               target || planned ? "进展：" : "", prog);
    if (reason && (!prog || !strstr(prog, reason)))
        g_string_append_printf(p, "%s滞后原因：%s", p->len ? "\n" : "", reason);
    *progress = g_string_free(p, FALSE);
    const char *d = jstr(e, "department");
    *dept = g_strdup(d ? d : "");
    const cJSON *behind = cJSON_GetObjectItemCaseSensitive(e, "behind");
    const char *st = jstr(e, "status");
    *status = g_strdup_printf("%s%s", status_label(st),
                              cJSON_IsTrue(behind) && !(st && !strcmp(st, "behind"))
                                  ? "\n（滞后）"
                                  : "");
    char buf[256];
    rates(cJSON_GetObjectItemCaseSensitive(e, "rates"), buf, sizeof buf);
    *rate = g_strdup(buf);
}

static void lay_row(row *r, const cJSON *p)
{
    const cJSON *entries = cJSON_GetObjectItemCaseSensitive(p, "entries");
    int n = cJSON_GetArraySize(entries);
    r->n_entries = n > 0 ? n : 1;
    r->cell = xmalloc((size_t)r->n_entries * NC * sizeof *r->cell);
    r->sub_h = xmalloc((size_t)r->n_entries * sizeof *r->sub_h);
    double span = 0, h, sum = 0;
    r->cell[0] = lay(jstr(p, "seq"), col_w[0] - 2 * PAD, align[0], &h);
    span = fmax(span, h + 2 * PAD);
    r->cell[1] = lay(jstr(p, "content"), col_w[1] - 2 * PAD, align[1], &h);
    span = fmax(span, h + 2 * PAD);
    int i = 0;
    const cJSON *e;
    cJSON_ArrayForEach(e, entries)
    {
        char *t[4];
        entry_texts(e, &t[0], &t[1], &t[2], &t[3]);
        double sh = 0;
        for (int c = 2; c < NC; c++) {
            r->cell[i * NC + c] = lay(t[c - 2], col_w[c] - 2 * PAD, align[c], &h);
            sh = fmax(sh, h + 2 * PAD);
            g_free(t[c - 2]);
        }
        r->sub_h[i++] = sh;
        sum += sh;
    }
    if (n == 0) {
        const char *empty[4] = {"", status_label(jstr(p, "status")), "", ""};
        for (int c = 2; c < NC; c++) {
            r->cell[c] = lay(empty[c - 2], col_w[c] - 2 * PAD, align[c], &h);
            r->sub_h[0] = fmax(r->sub_h[0], h + 2 * PAD);
        }
        sum = r->sub_h[0];
    }
    if (span > sum)
        r->sub_h[r->n_entries - 1] += span - sum;
    r->h = fmax(span, sum);
}

static void show(cairo_t *cr, PangoLayout *l, double x, double y)
{
    cairo_move_to(cr, x, y);
    pango_cairo_show_layout(cr, l);
}

static double head_h;
static PangoLayout *head[NC];

static void draw_head(cairo_t *cr, double x0, double w, double y)
{
    cairo_set_source_rgb(cr, 0.86, 0.86, 0.86);
    cairo_rectangle(cr, x0, y, w, head_h);
    cairo_fill(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    for (int c = 0; c < NC; c++) {
        int lw, lh;
        pango_layout_get_size(head[c], &lw, &lh);
        show(cr, head[c], col_x[c] + PAD, y + (head_h - lh / (double)PANGO_SCALE) / 2);
    }
    cairo_set_line_width(cr, 0.8);
    cairo_rectangle(cr, x0, y, w, head_h);
    for (int c = 1; c < NC; c++) {
        cairo_move_to(cr, col_x[c], y);
        cairo_line_to(cr, col_x[c], y + head_h);
    }
    cairo_stroke(cr);
}

static void draw_row(cairo_t *cr, const row *r, double x0, double w, double y)
{
    double ey = y;
    for (int e = 0; e < r->n_entries; e++) {
        for (int c = 0; c < NC; c++) {
            PangoLayout *l = r->cell[e * NC + c];
            if (!l)
                continue;
            double by = per_entry[c] ? ey : y;
            double bh = per_entry[c] ? r->sub_h[e] : r->h;
            int lw, lh;
            pango_layout_get_size(l, &lw, &lh);
            show(cr, l, col_x[c] + PAD, by + (bh - lh / (double)PANGO_SCALE) / 2);
        }
        ey += r->sub_h[e];
    }
    cairo_set_line_width(cr, 0.5);
    cairo_rectangle(cr, x0, y, w, r->h);
    for (int c = 1; c < NC; c++) {
        cairo_move_to(cr, col_x[c], y);
        cairo_line_to(cr, col_x[c], y + r->h);
    }
    ey = y;
    for (int e = 0; e + 1 < r->n_entries; e++) {
        ey += r->sub_h[e];
        for (int c = 0; c < NC; c++)
            if (per_entry[c]) {
                cairo_move_to(cr, col_x[c], ey);
                cairo_line_to(cr, col_x[c] + col_w[c], ey);
            }
    }
    cairo_stroke(cr);
}

int main(int argc, char **argv)
{
    if (argc != 3 && !(argc == 5 && strcmp(argv[3], "--widths") == 0))
        die("usage: bare_render PARSE.json OUT.pdf [--widths a,b,c,d,e,f]");
    if (argc == 5 && sscanf(argv[4], "%lf,%lf,%lf,%lf,%lf,%lf", &col_w[0],
                            &col_w[1], &col_w[2], &col_w[3], &col_w[4],
                            &col_w[5]) != NC)
        die("--widths takes six numbers");
    gchar *json;
    gsize len;
    if (!g_file_get_contents(argv[1], &json, &len, NULL))
        die("cannot read the JSON");
    cJSON *root = cJSON_ParseWithLength(json, len);
    g_free(json);
    if (!root)
        die("bad JSON");

    const double pw = 595.28, ph = 841.89, left = 18 * MM, top = 22 * MM;
    const double body_w = pw - 2 * left, body_h = ph - top - 20 * MM;
    double x = left;
    for (int c = 0; c < NC; c++) {
        col_x[c] = x;
        x += col_w[c];
    }
    double tw = x - left;

    cairo_surface_t *surf = cairo_pdf_surface_create(argv[2], pw, ph);
    cairo_t *cr = cairo_create(surf);
    ctx = pango_cairo_create_context(cr);
    cairo_font_options_t *fo = cairo_font_options_create();
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    pango_cairo_context_set_font_options(ctx, fo);
    cairo_font_options_destroy(fo);
    pango_cairo_context_set_resolution(ctx, 72.0); /* points are PDF units */
    pango_context_set_round_glyph_positions(ctx, FALSE);
    pango_context_set_language(ctx, pango_language_from_string("zh-cn"));
    font = pango_font_description_from_string(FAMILY " 10.5");
    small = pango_font_description_from_string(FAMILY " 8");
    attrs = pango_attr_list_new();
    pango_attr_list_insert(attrs, pango_attr_line_height_new_absolute(15 * PANGO_SCALE));
    small_attrs = pango_attr_list_new();
    pango_attr_list_insert(small_attrs, pango_attr_line_height_new_absolute(11 * PANGO_SCALE));

    double hh = 0, h;
    for (int c = 0; c < NC; c++) {
        head[c] = lay(titles[c], col_w[c] - 2 * PAD, PANGO_ALIGN_CENTER, &h);
        hh = fmax(hh, h);
    }
    head_h = hh + 2 * PAD;

    /* measure: every row laid out once and kept; rows paginated */
    size_t n = 0, cap = 1024;
    row *rows = xmalloc(cap * sizeof *rows);
    int *page_of = xmalloc(cap * sizeof *page_of);
    const char *title = "";
    int pages = 0;
    double y = body_h; /* forces a first page */
    const cJSON *doc, *list, *p;
    cJSON_ArrayForEach(doc, cJSON_GetObjectItemCaseSensitive(root, "documents"))
    {
        if (!*title && jstr(doc, "title"))
            title = jstr(doc, "title");
        cJSON_ArrayForEach(list, cJSON_GetObjectItemCaseSensitive(doc, "lists"))
        {
            y = body_h; /* each list's table on a new page */
            cJSON_ArrayForEach(p, cJSON_GetObjectItemCaseSensitive(list, "projects"))
            {
                if (n == cap) {
                    cap *= 2;
                    rows = realloc(rows, cap * sizeof *rows);
                    page_of = realloc(page_of, cap * sizeof *page_of);
                    if (!rows || !page_of)
                        die("out of memory");
                }
                lay_row(&rows[n], p);
                if (y + rows[n].h > body_h) {
                    pages++;
                    y = head_h;
                }
                page_of[n] = pages - 1;
                y += rows[n].h;
                n++;
            }
        }
    }

    /* draw */
    PangoLayout *run = pango_layout_new(ctx);
    pango_layout_set_font_description(run, small);
    pango_layout_set_attributes(run, small_attrs);
    int page = -1;
    for (size_t i = 0; i < n; i++) {
        if (page_of[i] != page) {
            if (page >= 0)
                cairo_show_page(cr);
            page = page_of[i];
            cairo_set_source_rgb(cr, 0.35, 0.35, 0.35);
            pango_layout_set_text(run, title, -1);
            show(cr, run, left, top - 9 * MM);
            cairo_set_line_width(cr, 0.5);
            cairo_move_to(cr, left, top - 9 * MM + 13);
            cairo_line_to(cr, left + body_w, top - 9 * MM + 13);
            cairo_stroke(cr);
            char foot[64];
            snprintf(foot, sizeof foot, "第 %d 页 共 %d 页", page + 1, pages);
            pango_layout_set_text(run, foot, -1);
            int fw, fh;
            pango_layout_get_size(run, &fw, &fh);
            show(cr, run, left + (body_w - fw / (double)PANGO_SCALE) / 2, ph - 12 * MM);
            cairo_set_source_rgb(cr, 0, 0, 0);
            draw_head(cr, left, tw, top);
            y = top + head_h;
        }
        draw_row(cr, &rows[i], left, tw, y);
        y += rows[i].h;
        for (int k = 0; k < rows[i].n_entries * NC; k++)
            if (rows[i].cell[k])
                g_object_unref(rows[i].cell[k]);
        free(rows[i].cell);
        free(rows[i].sub_h);
    }
    if (page >= 0)
        cairo_show_page(cr);
    g_object_unref(run);
    for (int c = 0; c < NC; c++)
        g_object_unref(head[c]);
    g_object_unref(ctx);
    cairo_destroy(cr);
    cairo_surface_finish(surf);
    int bad = cairo_surface_status(surf) != CAIRO_STATUS_SUCCESS;
    cairo_surface_destroy(surf);
    free(rows);
    free(page_of);
    cJSON_Delete(root);
    pango_font_description_free(font);
    pango_font_description_free(small);
    pango_attr_list_unref(attrs);
    pango_attr_list_unref(small_attrs);
    if (bad)
        die("cairo could not write the PDF");
    printf("%zu rows, %d pages\n", n, pages);
    return 0;
}
