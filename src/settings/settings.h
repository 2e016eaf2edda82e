/* settings.h - an office's settings file (docs/settings.md).
 *
 * One GLib key file for both writers: the office's name, logo, colours,
 * footer and contact lines, and defaults for the PDF (edition, style, page
 * size, font size, font directories). settings.c is the only file that
 * includes GLib; what it reads is copied into plain C strings here, so the
 * writers see no GLib type.
 *
 * Where: --config FILE, else bulletin.conf in the working directory, else
 * $XDG_CONFIG_HOME/bulletin/bulletin.conf ($HOME/.config when unset); none
 * is fine. Command-line options win over the file (main.c applies both).
 *
 * Errors (BL_EINPUT) carry the file and the line: "unknown key 'x'",
 * "unknown group", a bad colour, a logo that is neither PNG nor SVG, ...
 *
 * Ownership: every string and the logo bytes belong to the bl_settings and
 * are freed by bl_settings_free.
 */
#ifndef BL_SETTINGS_H
#define BL_SETTINGS_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"

typedef struct bl_settings {
    char *path;        /* the file read; NULL when there was none */
    /* [office] */
    char *name;        /* the publishing office, for the masthead */
    char *logo_path;   /* relative paths are to the settings file's folder */
    const char *logo_type; /* "image/png" or "image/svg+xml" (static) */
    unsigned char *logo;   /* the logo file's bytes */
    size_t logo_len;
    int logo_line;     /* the logo key's line, for the writers' messages */
    char *footer;      /* a line under the page and the briefing */
    char *contact;     /* 联系人, 电话 ... */
    /* [colours] "#rrggbb" */
    char *accent;      /* rules, headings, the schedule line */
    char *secondary;   /* table heads, bars, figures */
    /* [output] */
    char *edition;     /* "public" or "internal" */
    char *style;       /* "default" or "gongwen" */
    char *page_size;   /* "A4" or "A4-landscape" */
    double font_size;  /* table text in points; 0 when unset */
    char **font_dirs;  /* NULL-terminated; NULL when unset */
} bl_settings;

/* Reads path into s (zeroed first). */
int bl_settings_load(const char *path, bl_settings *s, bl_error *err);

/* The default settings file, malloc'd, or NULL when none exists. */
char *bl_settings_default_path(void);

void bl_settings_free(bl_settings *s);

/* [output] edition = internal: the briefing gets its 数据核查 appendix (as
 * with --checks). False for NULL. */
bool bl_settings_internal(const bl_settings *s);

#endif
