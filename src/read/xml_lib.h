/* xml_lib.h - libxml2, opened on first use (lazylib.h) instead of linked:
 * HTML pages and office files need it, text reports (most runs) do not,
 * and linking it costs every run the loading and relocation of ICU and
 * libstdc++ with it (3.5 ms of a 70 ms county briefing).
 *
 * The readers call libxml2's functions through XML (XML.xmlReadMemory(...))
 * once bl_xml_open has returned BL_OK; its types and macros come from its
 * headers as before. From its opening on, libxml2 allocates through the
 * program's policy (alloc.h): out of memory inside a parse ends the run
 * like any other, rather than surfacing as a malformed document; what it
 * allocates is freed with bl_free. Not thread-safe (lazylib.h).
 */
#ifndef BL_XML_LIB_H
#define BL_XML_LIB_H

#include <libxml/HTMLparser.h>
#include <libxml/SAX2.h>
#include <libxml/globals.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlmemory.h>

#include "error.h"
#include "lazylib.h"

#define BL_XML_CALLS(X)                                                        \
    X(htmlCtxtReadMemory) X(htmlFreeParserCtxt) X(htmlNewParserCtxt)           \
    X(xmlDocGetRootElement) X(xmlFreeDoc) X(xmlGetLastError) X(xmlGetLineNo)   \
    X(xmlGetProp) X(xmlMemSetup) X(xmlNodeGetContent) X(xmlNodeSetName)        \
    X(xmlReadMemory) X(xmlSAX2StartElement) X(xmlSetGenericErrorFunc)          \
    X(__xmlGenericError) X(__xmlGenericErrorContext)

typedef struct bl_xml_calls {
    BL_XML_CALLS(BL_LAZY_MEMBER_)
} bl_xml_calls;

/* libxml2's functions; filled by the first bl_xml_open that succeeds. */
extern bl_xml_calls XML;

/* Opens libxml2 the first time (BL_OK at once after); on failure fills err
 * (file `what`) with the reason. */
int bl_xml_open(const char *what, bl_error *err);

#endif
