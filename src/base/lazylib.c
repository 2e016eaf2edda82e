/* lazylib.c - shared libraries opened on first use (lazylib.h). */
#include "lazylib.h"

#include <dlfcn.h>
#include <string.h>

void *bl_lazylib_open(const char *soname, const char *what, bl_error *err)
{
    void *lib = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
    if (!lib) {
        const char *why = dlerror();
        bl_error_set(err, BL_EIO, what, 0, "cannot load %s: %s", soname,
                     why ? why : "no reason given");
    }
    return lib;
}

void *bl_lazylib_sym(void *lib, const char *soname, const char *name,
                     const char *what, bl_error *err)
{
    dlerror(); /* clear: a symbol's value may be NULL */
    void *f = dlsym(lib, name);
    if (!f)
        bl_error_set(err, BL_EIO, what, 0, "%s has no function %s", soname,
                     name);
    return f;
}

int bl_lazylib_load(void **lib, const char *soname, const bl_lazyfn *fns,
                    size_t n, void *table, const char *what, bl_error *err)
{
    if (*lib)
        return BL_OK;
    void *h = bl_lazylib_open(soname, what, err);
    if (!h)
        return BL_EIO;
    for (size_t i = 0; i < n; i++) {
        void *f = bl_lazylib_sym(h, soname, fns[i].name, what, err);
        if (!f)
            return BL_EIO;
        memcpy((char *)table + fns[i].offset, &f, sizeof f);
    }
    *lib = h;
    return BL_OK;
}
