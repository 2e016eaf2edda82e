/* ooxml.c - XML parts of office files; see ooxml.h. */
#include "ooxml.h"

#include <string.h>

#include <libxml/parser.h>
#include <libxml/xmlmemory.h>

#include "alloc.h"
#include "reader.h"

/* libxml2 through the library's allocation policy (alloc.h): out of
 * memory inside a parse ends the run like any other out of memory, rather
 * than surfacing as a malformed document. Sound only before libxml2's
 * first allocation, so the program calls it first thing; the other
 * libraries of the process (fontconfig reads its XML with expat) do not
 * share libxml2's allocator. */
void bl_read_use_allocator(void)
{
    xmlMemSetup(bl_free, bl_malloc, bl_realloc, bl_strdup);
}

int bl_ooxml_parse(bl_zip *z, const char *name, xmlDoc **out, bl_error *err)
{
    bl_buf b = BL_BUF_INIT;
    *out = NULL;
    int rc = bl_zip_read(z, name, &b, err);
    if (rc == BL_OK) {
        /* No XML_PARSE_NOENT (entities stay unexpanded: no billion laughs)
         * and no DTD loading; NONET forbids any fetch. */
        *out = xmlReadMemory(b.data ? b.data : "", (int)b.len, name, NULL,
                             XML_PARSE_NONET | XML_PARSE_NOERROR |
                                 XML_PARSE_NOWARNING | XML_PARSE_COMPACT);
        if (*out && (*out)->intSubset) {
            /* Office parts never declare a DTD; one that does is refused
             * before any entity it defines could be expanded. */
            rc = bl_error_set(err, BL_EINPUT, bl_zip_path(z), 0,
                              "%s declares a DTD: not an office file part", name);
            xmlFreeDoc(*out);
            *out = NULL;
        } else if (!*out || !xmlDocGetRootElement(*out)) {
            const xmlError *e = xmlGetLastError();
            rc = bl_error_set(err, BL_EINPUT, bl_zip_path(z), 0,
                              "%s is not well-formed XML%s%s", name,
                              e && e->message ? ": " : "",
                              e && e->message ? e->message : "");
            if (*out)
                xmlFreeDoc(*out);
            *out = NULL;
        }
    }
    bl_buf_free(&b);
    return rc;
}

bool bl_xml_is(const xmlNode *n, const char *local)
{
    return n && n->type == XML_ELEMENT_NODE &&
           (!local || strcmp((const char *)n->name, local) == 0);
}

xmlNode *bl_xml_next(const xmlNode *after, const char *local)
{
    for (xmlNode *c = after ? after->next : NULL; c; c = c->next)
        if (bl_xml_is(c, local))
            return c;
    return NULL;
}

xmlNode *bl_xml_child(const xmlNode *n, const char *local)
{
    for (xmlNode *c = n ? n->children : NULL; c; c = c->next)
        if (bl_xml_is(c, local))
            return c;
    return NULL;
}

const char *bl_xml_attr(const xmlNode *n, const char *local)
{
    for (xmlAttr *a = n ? n->properties : NULL; a; a = a->next)
        if (strcmp((const char *)a->name, local) == 0)
            return a->children && a->children->content
                       ? (const char *)a->children->content
                       : "";
    return NULL;
}

void bl_xml_append_content(const xmlNode *n, bl_buf *out)
{
    xmlChar *s = xmlNodeGetContent(n);
    if (s)
        bl_buf_puts(out, (const char *)s);
    xmlFree(s);
}

void bl_xml_text_of_t(const xmlNode *n, bl_buf *out)
{
    for (xmlNode *c = n ? n->children : NULL; c; c = c->next) {
        if (bl_xml_is(c, "rPh"))
            continue;
        if (bl_xml_is(c, "t")) {
            bl_xml_append_content(c, out);
        } else if (c->type == XML_ELEMENT_NODE) {
            bl_xml_text_of_t(c, out);
        }
    }
}
