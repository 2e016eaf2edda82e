/* datadir.c - the data directory from the program's location; see datadir.h. */
#include "datadir.h"

#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static bool is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

const char *bl_data_dir(void)
{
    static char found[PATH_MAX];
    static bool looked;
    if (looked)
        return found[0] ? found : NULL;
    looked = true;
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            static const char *const rel[] = {"/../share/bulletin", "/share/bulletin"};
            for (size_t i = 0; i < sizeof rel / sizeof rel[0]; i++) {
                char cand[PATH_MAX];
                if ((size_t)snprintf(cand, sizeof cand, "%s%s", exe, rel[i]) <
                        sizeof cand &&
                    is_dir(cand) && realpath(cand, found))
                    return found;
            }
        }
    }
#ifdef BL_INSTALL_DATADIR
    if (is_dir(BL_INSTALL_DATADIR) &&
        strlen(BL_INSTALL_DATADIR) < sizeof found) {
        strcpy(found, BL_INSTALL_DATADIR);
        return found;
    }
#endif
    found[0] = '\0';
    return NULL;
}
