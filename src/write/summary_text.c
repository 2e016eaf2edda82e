/* summary_text.c - the written 通报 as plain text; see summary_text.h. */
#include "summary_text.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "write_html.h"

/* What the page writes, and the lists' in one render, each followed by a
 * record separator (no template text holds one). */
static const char doc_template[] = "{{#tongbao}}{{> partials/summary_text}}{{/tongbao}}";
static const char lists_template[] =
    "{{#lists}}{{#tongbao}}{{> partials/summary_text}}{{/tongbao}}\x1e{{/lists}}";

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* The character a reference at s (after '&') stands for, into out; the
 * bytes it takes, 0 when it is none of the known ones. */
static size_t reference(const char *s, const char *end, char out[8])
{
    static const struct {
        const char *name, *text;
    } named[] = {{"amp;", "&"},   {"lt;", "<"},    {"gt;", ">"},  {"quot;", "\""},
                 {"apos;", "'"},  {"nbsp;", " "}};
    for (size_t i = 0; i < sizeof named / sizeof named[0]; i++) {
        size_t n = strlen(named[i].name);
        if ((size_t)(end - s) >= n && memcmp(s, named[i].name, n) == 0) {
            strcpy(out, named[i].text);
            return n;
        }
    }
    if (s < end && *s == '#') {
        const char *p = s + 1;
        bool hex = p < end && (*p == 'x' || *p == 'X');
        p += hex;
        unsigned long cp = 0;
        const char *digits = p;
        while (p < end && p - digits < 8) {
            char c = *p;
            int v = c >= '0' && c <= '9'               ? c - '0'
                    : hex && c >= 'a' && c <= 'f'      ? c - 'a' + 10
                    : hex && c >= 'A' && c <= 'F'      ? c - 'A' + 10
                                                       : -1;
            if (v < 0)
                break;
            cp = cp * (hex ? 16 : 10) + (unsigned long)v;
            p++;
        }
        if (p > digits && p < end && *p == ';' && cp > 0 && cp <= 0x10FFFF &&
            (cp < 0xD800 || cp > 0xDFFF)) {
            int n = bl_utf8_put(out, (uint32_t)cp);
            out[n] = '\0';
            return (size_t)(p + 1 - s);
        }
    }
    return 0;
}

void bl_html_plain_text(const char *html, size_t len, bl_buf *out)
{
    const char *p = html, *end = html + len;
    bool space = false, any = false;
    while (p < end) {
        char one[8];
        const char *piece = one;
        size_t n;
        if (*p == '<') {
            const char *gt = memchr(p, '>', (size_t)(end - p));
            p = gt ? gt + 1 : end;
            continue;
        }
        if (is_space(*p)) {
            space = true;
            p++;
            continue;
        }
        if (*p == '&' && (n = reference(p + 1, end, one)) > 0) {
            p += 1 + n;
        } else {
            piece = p;
            one[0] = '\0';
            p++;
        }
        if (piece == one && strcmp(one, " ") == 0) {
            space = true;
            continue;
        }
        if (space && any)
            bl_buf_putc(out, ' ');
        space = false;
        any = true;
        if (piece == one)
            bl_buf_puts(out, one);
        else
            bl_buf_putc(out, *piece);
    }
}

static void add_plain(cJSON *o, const char *html, size_t len)
{
    bl_buf b = BL_BUF_INIT;
    bl_html_plain_text(html, len, &b);
    cJSON_AddStringToObject(o, "tongbao_text", bl_buf_cstr(&b));
    bl_buf_free(&b);
}

int bl_summary_text_add(cJSON *view, const char *templates_dir, bl_error *err)
{
    if (!cJSON_IsObject(cJSON_GetObjectItem(view, "tongbao")))
        return BL_OK;
    bl_buf doc = BL_BUF_INIT, lists = BL_BUF_INIT;
    int rc = bl_html_render_string(templates_dir, "summary_text", doc_template, view,
                                   &doc, err);
    if (!rc)
        rc = bl_html_render_string(templates_dir, "summary_text", lists_template, view,
                                   &lists, err);
    if (!rc) {
        add_plain(view, doc.data ? doc.data : "", doc.len);
        const char *p = bl_buf_cstr(&lists), *end = p + lists.len;
        cJSON *l;
        cJSON_ArrayForEach(l, cJSON_GetObjectItem(view, "lists"))
        {
            const char *sep = memchr(p, '\x1e', (size_t)(end - p));
            size_t n = sep ? (size_t)(sep - p) : (size_t)(end - p);
            add_plain(l, p, n);
            p = sep ? sep + 1 : end;
        }
    }
    bl_buf_free(&doc);
    bl_buf_free(&lists);
    return rc;
}
