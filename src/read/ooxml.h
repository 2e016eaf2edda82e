/* ooxml.h - the XML parts of office files (XLSX, DOCX): parsed from a zip
 * member by libxml2 without network access, DTD loading or entity
 * substitution; elements and attributes found by local name, since
 * producers pick their own namespace prefixes.
 *
 * Ownership: a parsed document is the caller's (xmlFreeDoc); the node and
 * attribute pointers returned point into it.
 */
#ifndef BL_OOXML_H
#define BL_OOXML_H

#include <libxml/tree.h>

#include "bl_zip.h"
#include "buf.h"

/* Parses member name of z into *out. */
int bl_ooxml_parse(bl_zip *z, const char *name, xmlDoc **out, bl_error *err);
/* The first element child (n's first when after is NULL, else the one
 * after `after`) with that local name; NULL local matches any. */
xmlNode *bl_xml_child(const xmlNode *n, const char *local);
xmlNode *bl_xml_next(const xmlNode *after, const char *local);
/* Whether n is an element of that local name. */
bool bl_xml_is(const xmlNode *n, const char *local);
/* The value of attribute local (any prefix), or NULL. */
const char *bl_xml_attr(const xmlNode *n, const char *local);
/* Appends the text of every descendant <t> of n, skipping the phonetic
 * runs (<rPh>) Excel stores beside East Asian text. */
void bl_xml_text_of_t(const xmlNode *n, bl_buf *out);
/* Appends the text content of n (and everything below it) to out. */
void bl_xml_append_content(const xmlNode *n, bl_buf *out);

#endif
