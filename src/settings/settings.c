/* settings.c - the office settings file through GLib's key-file parser; see
 * settings.h. GLib parses; this file keeps the source lines so that every
 * complaint names one. */
#include "settings.h"

#include <glib.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "alloc.h"
#include "buf.h"
#include "io.h"

/* The keys each group may hold; anything else is an error. */
static const struct {
    const char *group;
    const char *keys[8];
} known[] = {
    {"office", {"name", "logo", "footer", "contact", NULL}},
    {"colours", {"accent", "secondary", NULL}},
    {"output", {"edition", "style", "page-size", "font-size", "font-dirs", NULL}},
    {NULL, {NULL}}};

static int group_index(const char *g, size_t n)
{
    for (int i = 0; known[i].group; i++)
        if (strlen(known[i].group) == n && strncmp(known[i].group, g, n) == 0)
            return i;
    return -1;
}

static bool key_known(int group, const char *k, size_t n)
{
    for (int i = 0; known[group].keys[i]; i++)
        if (strlen(known[group].keys[i]) == n && strncmp(known[group].keys[i], k, n) == 0)
            return true;
    return false;
}

/* Line by line: every line a comment, a known [group] or a known key of its
 * group. GLib would accept unknown ones silently and report syntax errors
 * without a line. */
static int check_lines(const char *path, const char *text, bl_error *err)
{
    int line = 0, group = -1;
    for (const char *p = text; *p;) {
        const char *e = strchr(p, '\n');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        line++;
        const char *s = p;
        size_t len = n;
        while (len && (*s == ' ' || *s == '\t'))
            s++, len--;
        while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\r'))
            len--;
        if (len == 0 || s[0] == '#') {
            /* blank or comment */
        } else if (s[0] == '[') {
            if (s[len - 1] != ']')
                return bl_error_set(err, BL_EINPUT, path, line,
                                    "a group line must end with ']'");
            group = group_index(s + 1, len - 2);
            if (group < 0)
                return bl_error_set(err, BL_EINPUT, path, line,
                                    "unknown group '%.*s' (known: office, colours, "
                                    "output)",
                                    (int)(len - 2), s + 1);
        } else {
            const char *eq = memchr(s, '=', len);
            if (!eq)
                return bl_error_set(err, BL_EINPUT, path, line,
                                    "not a key = value line, a [group] or a # comment");
            size_t kn = (size_t)(eq - s);
            while (kn && (s[kn - 1] == ' ' || s[kn - 1] == '\t'))
                kn--;
            if (group < 0)
                return bl_error_set(err, BL_EINPUT, path, line,
                                    "key '%.*s' before any [group]", (int)kn, s);
            if (!key_known(group, s, kn))
                return bl_error_set(err, BL_EINPUT, path, line, "unknown key '%.*s'",
                                    (int)kn, s);
        }
        p = e ? e + 1 : p + n;
    }
    return BL_OK;
}

/* The line of key in group, for messages about its value. */
static int key_line(const char *text, const char *group, const char *key)
{
    int line = 0;
    bool in = false;
    for (const char *p = text; *p;) {
        const char *e = strchr(p, '\n');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        line++;
        while (n && (*p == ' ' || *p == '\t'))
            p++, n--;
        if (n && *p == '[')
            in = n >= strlen(group) + 2 && strncmp(p + 1, group, strlen(group)) == 0 &&
                 p[strlen(group) + 1] == ']';
        else if (in && strncmp(p, key, strlen(key)) == 0 &&
                 strchr(" \t=", p[strlen(key)]))
            return line;
        if (!e)
            break;
        p = e + 1;
    }
    return 0;
}

static char *dup_or_null(char *g)
{
    if (!g)
        return NULL;
    char *s = bl_strdup(g);
    g_free(g);
    return s;
}

static bool is_colour(const char *s)
{
    if (strlen(s) != 7 || s[0] != '#')
        return false;
    for (int i = 1; i < 7; i++)
        if (!strchr("0123456789abcdefABCDEF", s[i]))
            return false;
    return true;
}

static bool is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* A path from the file, relative to the file's folder (malloc'd). */
static char *beside(const char *settings_path, const char *p)
{
    const char *slash = strrchr(settings_path, '/');
    if (p[0] == '/' || !slash) {
        char *s = bl_strdup(p);
        return s;
    }
    size_t n = (size_t)(slash - settings_path) + strlen(p) + 2;
    char *s = bl_malloc(n);
    snprintf(s, n, "%.*s/%s", (int)(slash - settings_path), settings_path, p);
    return s;
}

static int read_logo(bl_settings *s, const char *text, bl_error *err)
{
    int line = key_line(text, "office", "logo");
    s->logo_line = line;
    bl_buf b = BL_BUF_INIT;
    bl_error e2 = {0};
    if (bl_read_file(s->logo_path, &b, &e2)) {
        bl_buf_free(&b);
        return bl_error_set(err, BL_EINPUT, s->path, line, "logo %s: %s", s->logo_path,
                            e2.message);
    }
    static const unsigned char png[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    if (b.len >= 8 && memcmp(b.data, png, 8) == 0) {
        s->logo_type = "image/png";
    } else {
        size_t look = b.len < 4096 ? b.len : 4096;
        bool svg = false;
        for (size_t i = 0; i + 4 <= look && !svg; i++)
            svg = memcmp(b.data + i, "<svg", 4) == 0;
        if (!svg) {
            bl_buf_free(&b);
            return bl_error_set(err, BL_EINPUT, s->path, line,
                                "logo %s is neither a PNG nor an SVG file",
                                s->logo_path);
        }
        s->logo_type = "image/svg+xml";
    }
    s->logo_len = b.len;
    s->logo = (unsigned char *)b.data; /* handed over */
    return BL_OK;
}

/* The values: strings copied out of GLib, each checked. */
static int read_values(GKeyFile *kf, bl_settings *s, const char *text, bl_error *err)
{
    s->name = dup_or_null(g_key_file_get_string(kf, "office", "name", NULL));
    s->footer = dup_or_null(g_key_file_get_string(kf, "office", "footer", NULL));
    s->contact = dup_or_null(g_key_file_get_string(kf, "office", "contact", NULL));
    s->accent = dup_or_null(g_key_file_get_string(kf, "colours", "accent", NULL));
    s->secondary = dup_or_null(g_key_file_get_string(kf, "colours", "secondary", NULL));
    s->edition = dup_or_null(g_key_file_get_string(kf, "output", "edition", NULL));
    s->style = dup_or_null(g_key_file_get_string(kf, "output", "style", NULL));
    s->page_size = dup_or_null(g_key_file_get_string(kf, "output", "page-size", NULL));
    const char *colour_keys[] = {"accent", "secondary"};
    const char *colours[] = {s->accent, s->secondary};
    for (int i = 0; i < 2; i++)
        if (colours[i] && !is_colour(colours[i]))
            return bl_error_set(err, BL_EINPUT, s->path,
                                key_line(text, "colours", colour_keys[i]),
                                "%s: '%s' is not a colour (#rrggbb)", colour_keys[i],
                                colours[i]);
    if (s->edition && strcmp(s->edition, "public") && strcmp(s->edition, "internal"))
        return bl_error_set(err, BL_EINPUT, s->path, key_line(text, "output", "edition"),
                            "edition: '%s' (known: public, internal)", s->edition);
    if (s->style && strcmp(s->style, "default") && strcmp(s->style, "gongwen"))
        return bl_error_set(err, BL_EINPUT, s->path, key_line(text, "output", "style"),
                            "style: '%s' (known: default, gongwen)", s->style);
    if (s->page_size && strcmp(s->page_size, "A4") && strcmp(s->page_size, "A4-landscape"))
        return bl_error_set(err, BL_EINPUT, s->path,
                            key_line(text, "output", "page-size"),
                            "page-size: '%s' (known: A4, A4-landscape)", s->page_size);
    if (g_key_file_has_key(kf, "output", "font-size", NULL)) {
        char *v = g_key_file_get_string(kf, "output", "font-size", NULL);
        char *end = NULL;
        double d = v ? g_ascii_strtod(v, &end) : 0;
        bool good = v && end != v && *end == '\0' && d >= 6 && d <= 24;
        int line = key_line(text, "output", "font-size");
        if (!good) {
            bl_error_set(err, BL_EINPUT, s->path, line,
                         "font-size: '%s' is not a size in points (6 to 24)",
                         v ? v : "");
            g_free(v);
            return BL_EINPUT;
        }
        g_free(v);
        s->font_size = d;
    }
    gsize n = 0;
    char **dirs = g_key_file_get_string_list(kf, "output", "font-dirs", &n, NULL);
    if (dirs) {
        s->font_dirs = bl_calloc(n + 1, sizeof *s->font_dirs);
        for (gsize i = 0; i < n; i++) {
            s->font_dirs[i] = beside(s->path, g_strstrip(dirs[i]));
            if (!is_dir(s->font_dirs[i])) {
                int rc = bl_error_set(err, BL_EINPUT, s->path,
                                      key_line(text, "output", "font-dirs"),
                                      "font-dirs: %s is not a directory",
                                      s->font_dirs[i]);
                g_strfreev(dirs);
                return rc;
            }
        }
        g_strfreev(dirs);
    }
    char *logo = g_key_file_get_string(kf, "office", "logo", NULL);
    if (logo) {
        s->logo_path = beside(s->path, logo);
        g_free(logo);
        return read_logo(s, text, err);
    }
    return BL_OK;
}

int bl_settings_load(const char *path, bl_settings *s, bl_error *err)
{
    memset(s, 0, sizeof *s);
    s->path = bl_strdup(path);
    bl_buf b = BL_BUF_INIT;
    int rc = bl_read_file(path, &b, err);
    const char *text = b.data ? bl_buf_cstr(&b) : "";
    if (!rc && !g_utf8_validate(text, (gssize)b.len, NULL))
        rc = bl_error_set(err, BL_EINPUT, path, 0, "not UTF-8 text");
    if (!rc)
        rc = check_lines(path, text, err);
    GKeyFile *kf = g_key_file_new();
    GError *ge = NULL;
    if (!rc && !g_key_file_load_from_data(kf, text, b.len, G_KEY_FILE_NONE, &ge)) {
        rc = bl_error_set(err, BL_EINPUT, path, 0, "%s", ge->message);
        g_error_free(ge);
    }
    if (!rc)
        rc = read_values(kf, s, text, err);
    g_key_file_free(kf);
    bl_buf_free(&b);
    if (rc)
        bl_settings_free(s);
    return rc;
}

static char *existing(const char *a, const char *b)
{
    char *p = g_build_filename(a, b, NULL);
    char *out = NULL;
    if (g_file_test(p, G_FILE_TEST_IS_REGULAR)) {
        out = bl_strdup(p);
    }
    g_free(p);
    return out;
}

char *bl_settings_default_path(void)
{
    char *p = existing(".", "bulletin.conf");
    if (p) {
        free(p);
        p = bl_strdup("bulletin.conf");
        return p;
    }
    /* g_get_user_config_dir: $XDG_CONFIG_HOME, else ~/.config */
    char *dir = g_build_filename(g_get_user_config_dir(), "bulletin", NULL);
    p = existing(dir, "bulletin.conf");
    g_free(dir);
    return p;
}

void bl_settings_free(bl_settings *s)
{
    free(s->path);
    free(s->name);
    free(s->logo_path);
    free(s->logo);
    free(s->footer);
    free(s->contact);
    free(s->accent);
    free(s->secondary);
    free(s->edition);
    free(s->style);
    free(s->page_size);
    if (s->font_dirs)
        for (char **d = s->font_dirs; *d; d++)
            free(*d);
    free(s->font_dirs);
    memset(s, 0, sizeof *s);
}

bool bl_settings_internal(const bl_settings *s)
{
    return s && s->edition && strcmp(s->edition, "internal") == 0;
}
