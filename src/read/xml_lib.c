/* xml_lib.c - libxml2 opened on first use; see xml_lib.h. */
#include "xml_lib.h"

#include <stddef.h>

#include "alloc.h"

bl_xml_calls XML;

#define BL_XML_ENTRY_(f) {#f, offsetof(bl_xml_calls, f)},
static const bl_lazyfn xml_fns[] = {BL_XML_CALLS(BL_XML_ENTRY_)};
static void *xml_lib;

int bl_xml_open(const char *what, bl_error *err)
{
    if (xml_lib)
        return BL_OK;
    int rc = bl_lazylib_load(&xml_lib, BL_XML_SONAME, xml_fns,
                             sizeof xml_fns / sizeof xml_fns[0], &XML, what, err);
    /* before libxml2's first allocation of this program's */
    if (rc == BL_OK)
        XML.xmlMemSetup(bl_free, bl_malloc, bl_realloc, bl_strdup);
    return rc;
}
