/* inline_css.h - a style sheet written into style attributes, for CMS
 * editors that strip <style> elements (`bulletin html --inline-styles`).
 *
 * Takes the bulletin's own style sheet (style.css) and the fragment it
 * styles. Rules whose selectors are descendant chains of compounds (an
 * element name and/or classes: `.a .b`, `table.x`, `.x p`) are matched
 * against each element of the fragment and their declarations written, in
 * cascade order (specificity, then source order), at the front of the
 * element's style attribute. Custom properties of the root rule
 * (`.bl-bulletin { --ink: ... }`) are substituted into the values, since
 * editors drop var(). Left out, as a style attribute cannot express them:
 * selectors with pseudo-classes or pseudo-elements, attributes, or `>`,
 * `+`, `~` combinators; @media, @page and other @-rules.
 *
 * The HTML must be the writer's own output (well-formed tags, quoted
 * attributes); text is copied unchanged.
 *
 * Ownership: out is the caller's (appended to).
 */
#ifndef BL_INLINE_CSS_H
#define BL_INLINE_CSS_H

#include <stddef.h>

#include "buf.h"
#include "error.h"

/* Appends html (len bytes) to out with css inlined. BL_ETEMPLATE when the
 * style sheet has unbalanced braces (origin names it in the message). */
int bl_css_inline(const char *css, const char *origin, const char *html,
                  size_t len, bl_buf *out, bl_error *err);

#endif
