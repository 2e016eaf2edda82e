/* ooxml.c - XML parts of office files; see ooxml.h. */
#include "ooxml.h"

#include <string.h>

#include "alloc.h"
#include "reader.h"
#include "xml_lib.h"

int bl_ooxml_parse(bl_zip *z, const char *name, xmlDoc **out, bl_error *err)
{
    bl_buf b = BL_BUF_INIT;
    *out = NULL;
    int rc = bl_xml_open(bl_zip_path(z), err);
    if (rc == BL_OK)
        rc = bl_zip_read(z, name, &b, err);
    if (rc == BL_OK) {
        /* No XML_PARSE_NOENT (entities stay unexpanded: no billion laughs)
         * and no DTD loading; NONET forbids any fetch. */
        *out = XML.xmlReadMemory(b.data ? b.data : "", (int)b.len, name, NULL,
                             XML_PARSE_NONET | XML_PARSE_NOERROR |
                                 XML_PARSE_NOWARNING | XML_PARSE_COMPACT);
        if (*out && (*out)->intSubset) {
            /* Office parts never declare a DTD; one that does is refused
             * before any entity it defines could be expanded. */
            rc = bl_error_set(err, BL_EINPUT, bl_zip_path(z), 0,
                              "%s declares a DTD: not an office file part", name);
            XML.xmlFreeDoc(*out);
            *out = NULL;
        } else if (!*out || !XML.xmlDocGetRootElement(*out)) {
            const xmlError *e = XML.xmlGetLastError();
            rc = bl_error_set(err, BL_EINPUT, bl_zip_path(z), 0,
                              "%s is not well-formed XML%s%s", name,
                              e && e->message ? ": " : "",
                              e && e->message ? e->message : "");
            if (*out)
                XML.xmlFreeDoc(*out);
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
    xmlChar *s = XML.xmlNodeGetContent(n);
    if (s)
        bl_buf_puts(out, (const char *)s);
    bl_free(s);
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
