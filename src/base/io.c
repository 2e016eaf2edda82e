/* io.c - whole-file reads and atomic writes; see io.h. */
#include "io.h"
#include "alloc.h"

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

static size_t max_input = BL_MAX_INPUT_DEFAULT;

void bl_set_max_input_size(size_t bytes)
{
    max_input = bytes;
}

size_t bl_max_input_size(void)
{
    return max_input;
}

int bl_parse_size(const char *s, size_t *out)
{
    if (!s || *s < '0' || *s > '9')
        return BL_EUSAGE;
    unsigned long long v = 0;
    const char *p = s;
    for (; *p >= '0' && *p <= '9'; p++) {
        if (v > (ULLONG_MAX - 9) / 10)
            return BL_EUSAGE;
        v = v * 10 + (unsigned)(*p - '0');
    }
    unsigned shift = 0;
    switch (*p) {
    case 'k': case 'K': shift = 10; p++; break;
    case 'm': case 'M': shift = 20; p++; break;
    case 'g': case 'G': shift = 30; p++; break;
    default: break;
    }
    if (*p == 'B' || *p == 'b')
        p++;
    if (*p || v == 0 || v > (SIZE_MAX >> shift))
        return BL_EUSAGE;
    *out = (size_t)(v << shift);
    return BL_OK;
}

static int too_large(const char *path, bl_error *err)
{
    return bl_error_set(err, BL_EINPUT, path, 0,
                        "larger than the input size limit of %zu bytes "
                        "(--max-input-size)", max_input);
}

int bl_read_file(const char *path, bl_buf *out, bl_error *err)
{
    FILE *fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!fp)
        return bl_error_set(err, BL_EIO, path, 0, "cannot open: %s",
                            strerror(errno));
    struct stat st;
    bool regular = false;
    if (fstat(fileno(fp), &st) == 0) {
        if (S_ISDIR(st.st_mode)) {
            if (fp != stdin)
                fclose(fp);
            return bl_error_set(err, BL_EIO, path, 0, "is a directory");
        }
        regular = S_ISREG(st.st_mode);
    }
    /* A regular file is measured before it is read, and read into a buffer
     * of its size; anything else (a pipe, /dev/zero) is counted as it comes
     * and stopped one byte past the limit. */
    if (regular && (unsigned long long)st.st_size > max_input) {
        if (fp != stdin)
            fclose(fp);
        return too_large(path, err);
    }
    if (regular && st.st_size > 0)
        bl_buf_grow(out, (size_t)st.st_size + 1);
    char chunk[65536];
    size_t n, total = 0;
    bool over = false;
    while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0) {
        if (n > max_input - total) {
            over = true;
            break;
        }
        total += n;
        bl_buf_append(out, chunk, n);
    }
    int failed = ferror(fp);
    int saved = errno;
    if (fp != stdin)
        fclose(fp);
    if (over)
        return too_large(path, err);
    if (failed)
        return bl_error_set(err, BL_EIO, path, 0, "cannot read: %s",
                            strerror(saved));
    return BL_OK;
}

#define TMP_SUFFIX ".tmp-XXXXXX"

/* Fault injection for the tests (tests/test_faults.sh):
 * BULLETIN_TEST_FAULT=write|fsync|rename|mkdir makes that step of every
 * output fail with errno set, as a full disk or a read-only directory
 * would; dirlock makes the output directory's lock fail as on NFS. Unset (always, outside the tests) it costs one getenv per step. */
static bool injected(const char *step, int e)
{
    const char *f = getenv("BULLETIN_TEST_FAULT");
    if (!f || strcmp(f, step) != 0)
        return false;
    errno = e;
    return true;
}

/* ---- temporary files removed on a fatal signal -------------------------
 * A fixed table the handler can read without locks: a slot's path is
 * written before its flag is set and is not touched while the flag is set.
 * Signals are blocked from mkstemp to registration, so no temporary file
 * exists unregistered. */
#define TMP_SLOTS 32

static char tmp_slots[TMP_SLOTS][PATH_MAX];
static volatile sig_atomic_t tmp_used[TMP_SLOTS];

static void block_fatal(sigset_t *old)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGHUP);
    sigprocmask(SIG_BLOCK, &set, old);
}

static int tmp_register(const char *path)
{
    size_t n = strlen(path);
    for (int i = 0; i < TMP_SLOTS; i++)
        if (!tmp_used[i] && n < PATH_MAX) {
            memcpy(tmp_slots[i], path, n + 1);
            atomic_signal_fence(memory_order_seq_cst);
            tmp_used[i] = 1;
            return i;
        }
    return -1; /* table full: the file is still removed on every error path */
}

static void tmp_unregister(int slot)
{
    if (slot >= 0)
        tmp_used[slot] = 0;
    atomic_signal_fence(memory_order_seq_cst);
}

/* Commits deferred by a batch (bl_batch_begin): temporary files waiting for
 * their rename, newest first. The handler walks the list; nodes are linked
 * fully built and unlinked with the fatal signals blocked. */
typedef struct pending {
    char *tmp_path;
    char *final_path;
    struct pending *next;
} pending;

static pending *volatile pending_head;
static int batch_depth;

/* A kept file onto the list (newest first), with the fatal signals
 * blocked; the list takes the two strings. */
static void pending_push(char *tmp_path, char *final_path)
{
    pending *p = bl_malloc(sizeof *p);
    p->tmp_path = tmp_path;
    p->final_path = final_path;
    sigset_t old;
    block_fatal(&old);
    p->next = pending_head;
    atomic_signal_fence(memory_order_seq_cst);
    pending_head = p;
    sigprocmask(SIG_SETMASK, &old, NULL);
}

void bl_tmp_cleanup(void)
{
    for (int i = 0; i < TMP_SLOTS; i++)
        if (tmp_used[i])
            unlink(tmp_slots[i]);
    for (pending *p = pending_head; p; p = p->next)
        unlink(p->tmp_path);
}

void bl_tmp_cleanup_signal(int sig)
{
    int saved = errno;
    bl_tmp_cleanup();
    signal(sig, SIG_DFL);
    raise(sig); /* delivered, with the default action, when this returns */
    errno = saved;
}

int bl_check_output_path(const char *path, bl_error *err)
{
    size_t n = strlen(path);
    if (n + sizeof TMP_SUFFIX > PATH_MAX)
        return bl_error_set(err, BL_EUSAGE, NULL, 0,
                            "output path too long (%zu bytes; at most %zu)", n,
                            (size_t)PATH_MAX - sizeof TMP_SUFFIX);
    return BL_OK;
}

/* The path to rename onto: path itself, or what a symbolic link at path
 * resolves to (the link is kept). Anything but a regular file or nothing is
 * refused. Returns a malloc'd path. */
static int replace_target(const char *path, char **out, bl_error *err)
{
    struct stat st;
    if (lstat(path, &st) != 0) {
        if (errno != ENOENT)
            return bl_error_set(err, BL_EIO, path, 0, "cannot write: %s",
                                strerror(errno));
        *out = bl_strdup(path);
    } else if (S_ISLNK(st.st_mode)) {
        *out = realpath(path, NULL);
        if (!*out)
            return bl_error_set(err, BL_EIO, path, 0,
                                "symbolic link to nothing (%s); refusing to "
                                "replace it", strerror(errno));
        if (stat(*out, &st) != 0 || !S_ISREG(st.st_mode)) {
            free(*out);
            *out = NULL;
            return bl_error_set(err, BL_EIO, path, 0,
                                "not a regular file; refusing to replace it");
        }
    } else if (!S_ISREG(st.st_mode)) {
        return bl_error_set(err, BL_EIO, path, 0,
                            "not a regular file; refusing to replace it");
    } else {
        *out = bl_strdup(path);
    }
    int rc = bl_check_output_path(*out, err);
    if (rc) {
        free(*out);
        *out = NULL;
    }
    return rc;
}

int bl_atomic_open(bl_atomic_file *f, const char *path, bl_error *err)
{
    memset(f, 0, sizeof *f);
    f->slot = -1;
    int rc = bl_check_output_path(path, err);
    if (!rc)
        rc = replace_target(path, &f->final_path, err);
    if (rc)
        return rc;
    size_t n = strlen(f->final_path) + sizeof TMP_SUFFIX;
    f->tmp_path = bl_malloc(n);
    snprintf(f->tmp_path, n, "%s" TMP_SUFFIX, f->final_path);
    sigset_t old;
    block_fatal(&old);
    int fd = mkstemp(f->tmp_path);
    int e = errno;
    f->slot = fd >= 0 ? tmp_register(f->tmp_path) : -1;
    sigprocmask(SIG_SETMASK, &old, NULL);
    if (fd < 0) {
        free(f->tmp_path);
        free(f->final_path);
        memset(f, 0, sizeof *f);
        return bl_error_set(err, BL_EIO, path, 0, "cannot create: %s",
                            strerror(e));
    }
    /* mkstemp makes 0600 files; published documents should be readable. */
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0666 & ~mask);
    f->fp = fdopen(fd, "wb");
    if (!f->fp) {
        close(fd);
        bl_atomic_abort(f);
        return bl_error_set(err, BL_EIO, path, 0, "cannot open stream");
    }
    return BL_OK;
}

/* Fails the commit: the temporary file goes, the target stays as it was. */
static int commit_failed(bl_atomic_file *f, const char *what, int e, bl_error *err)
{
    char *p = bl_strdup(f->final_path);
    bl_atomic_abort(f);
    int rc = bl_error_set(err, BL_EIO, p, 0, "%s: %s", what, strerror(e));
    free(p);
    return rc;
}

int bl_atomic_commit(bl_atomic_file *f, bl_error *err)
{
    /* Flushed and on disk before the rename: a crash leaves the old file
     * or the whole new one, never a short one under the final name. */
    errno = 0;
    bool bad = ferror(f->fp) || fflush(f->fp) != 0 || injected("write", ENOSPC);
    int e = errno ? errno : EIO;
    if (!bad && (fsync(fileno(f->fp)) != 0 || injected("fsync", EIO))) {
        int se = errno;
        fclose(f->fp);
        f->fp = NULL;
        return commit_failed(f, "cannot sync to disk", se, err);
    }
    if (fclose(f->fp) != 0 && !bad) {
        bad = true;
        e = errno;
    }
    f->fp = NULL;
    if (bad)
        return commit_failed(f, "write failed", e, err);
    if (batch_depth > 0) {
        /* Kept until bl_batch_end: moved from the slot table to the list. */
        pending_push(f->tmp_path, f->final_path);
        tmp_unregister(f->slot);
        memset(f, 0, sizeof *f);
        f->slot = -1;
        return BL_OK;
    }
    if (injected("rename", EACCES) || rename(f->tmp_path, f->final_path) != 0) {
        int e = errno;
        char *p = bl_strdup(f->final_path);
        bl_atomic_abort(f);
        int rc = bl_error_set(err, BL_EIO, p, 0, "cannot rename: %s",
                              strerror(e));
        free(p);
        return rc;
    }
    tmp_unregister(f->slot);
    free(f->tmp_path);
    free(f->final_path);
    memset(f, 0, sizeof *f);
    f->slot = -1;
    return BL_OK;
}

void bl_atomic_abort(bl_atomic_file *f)
{
    if (f->fp)
        fclose(f->fp);
    if (f->tmp_path)
        unlink(f->tmp_path);
    if (f->tmp_path)
        tmp_unregister(f->slot);
    free(f->tmp_path);
    free(f->final_path);
    memset(f, 0, sizeof *f);
    f->slot = -1;
}

int bl_write_file_atomic(const char *path, const void *data, size_t len,
                         bl_error *err)
{
    bl_atomic_file f;
    int rc = bl_atomic_open(&f, path, err);
    if (rc)
        return rc;
    errno = 0;
    if (len && fwrite(data, 1, len, f.fp) != len) {
        int e = errno ? errno : EIO; /* before abort's close and unlink */
        bl_atomic_abort(&f);
        return bl_error_set(err, BL_EIO, path, 0, "write failed: %s", strerror(e));
    }
    return bl_atomic_commit(&f, err);
}

void bl_batch_begin(void)
{
    batch_depth++;
}

/* The list in commit order (oldest first), detached from the handler's view
 * only node by node, so an interrupted commit still removes what is left. */
static pending *pending_pop_oldest(void)
{
    sigset_t old;
    block_fatal(&old);
    pending *volatile *link = &pending_head;
    while (*link && (*link)->next)
        link = &(*link)->next;
    pending *p = *link;
    if (p)
        *link = NULL;
    atomic_signal_fence(memory_order_seq_cst);
    sigprocmask(SIG_SETMASK, &old, NULL);
    return p;
}

void bl_batch_adopt(const char *tmp_path, const char *final_path)
{
    pending_push(bl_strdup(tmp_path), bl_strdup(final_path));
}

void bl_batch_each(void (*fn)(void *ctx, const char *tmp_path, const char *final_path),
                   void *ctx)
{
    size_t n = 0;
    for (pending *p = pending_head; p; p = p->next)
        n++;
    pending **v = bl_calloc(n ? n : 1, sizeof *v);
    size_t i = n;
    for (pending *p = pending_head; p; p = p->next)
        v[--i] = p;
    for (i = 0; i < n; i++)
        fn(ctx, v[i]->tmp_path, v[i]->final_path);
    free(v);
}

int bl_path_dir(const char *path, char *dir, size_t size)
{
    const char *slash = strrchr(path, '/');
    size_t dlen = !slash ? 1 : slash == path ? 1 : (size_t)(slash - path);
    if (dlen >= size)
        return -1;
    memcpy(dir, slash ? path : ".", dlen);
    dir[dlen] = '\0';
    return 0;
}

void bl_tmp_remove_left(const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    char dir[PATH_MAX];
    if (bl_path_dir(path, dir, sizeof dir) != 0)
        return;
    DIR *d = opendir(dir);
    if (!d)
        return;
    size_t blen = strlen(base), slen = sizeof TMP_SUFFIX - 1;
    for (struct dirent *e; (e = readdir(d));) {
        size_t n = strlen(e->d_name);
        if (n != blen + slen || strncmp(e->d_name, base, blen) != 0 ||
            strncmp(e->d_name + blen, TMP_SUFFIX, slen - 6) != 0)
            continue;
        char full[PATH_MAX];
        if ((size_t)snprintf(full, sizeof full, "%s/%s", dir, e->d_name) < sizeof full)
            unlink(full);
    }
    closedir(d);
}

int bl_batch_end(bool commit, bl_error *err)
{
    if (batch_depth > 0)
        batch_depth--;
    int rc = BL_OK;
    pending *p;
    while ((p = pending_pop_oldest())) {
        if (commit && !rc &&
            (injected("rename", EACCES) || rename(p->tmp_path, p->final_path) != 0))
            rc = bl_error_set(err, BL_EIO, p->final_path, 0, "cannot rename: %s",
                              strerror(errno));
        if (!commit || rc)
            unlink(p->tmp_path);
        free(p->tmp_path);
        free(p->final_path);
        free(p);
    }
    return rc;
}

/* flock(2) on fd, through signals. */
static int lock_fd(int fd)
{
    while (flock(fd, LOCK_EX) != 0)
        if (errno != EINTR)
            return -1;
    return 0;
}

int bl_dir_lock(const char *dir, int *fd_out, bl_error *err)
{
    *fd_out = -1;
    size_t n = strlen(dir);
    while (n > 1 && dir[n - 1] == '/')
        n--;
    char path[PATH_MAX];
    if (n + sizeof "/" BL_LOCK_NAME > sizeof path)
        return bl_error_set(err, BL_EUSAGE, NULL, 0, "output path too long");
    snprintf(path, sizeof path, "%.*s", (int)n, dir);
    /* The directory itself is locked: no file is left in it. */
    int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return bl_error_set(err, BL_EIO, path, 0, "cannot open directory: %s",
                            strerror(errno));
    if (!injected("dirlock", ENOLCK) && lock_fd(fd) == 0) {
        *fd_out = fd;
        return BL_OK;
    }
    int e = errno;
    close(fd);
    /* Where a directory cannot be locked (NFS emulates flock with POSIX
     * locks, which want a file open for writing), a lock file. */
    if (e != EBADF && e != ENOLCK && e != EOPNOTSUPP && e != EINVAL)
        return bl_error_set(err, BL_EIO, path, 0, "cannot lock: %s", strerror(e));
    snprintf(path, sizeof path, "%.*s/%s", (int)n, dir, BL_LOCK_NAME);
    fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0666);
    if (fd < 0)
        return bl_error_set(err, BL_EIO, path, 0, "cannot open lock file: %s",
                            strerror(errno));
    if (lock_fd(fd) != 0) {
        e = errno;
        close(fd);
        return bl_error_set(err, BL_EIO, path, 0, "cannot lock: %s", strerror(e));
    }
    *fd_out = fd;
    return BL_OK;
}

void bl_dir_unlock(int fd)
{
    if (fd >= 0)
        close(fd); /* releases the flock */
}

int bl_mkdir_p(const char *path, bl_error *err)
{
    char tmp[PATH_MAX];
    if (strlen(path) >= sizeof tmp)
        return bl_error_set(err, BL_EUSAGE, NULL, 0,
                            "output path too long (%zu bytes; at most %zu)",
                            strlen(path), sizeof tmp - 1);
    snprintf(tmp, sizeof tmp, "%s", path);
    size_t n = strlen(tmp);
    while (n > 1 && tmp[n - 1] == '/')
        tmp[--n] = '\0';
    for (char *p = tmp + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if ((injected("mkdir", EACCES) || mkdir(tmp, 0777) != 0) && errno != EEXIST)
            return bl_error_set(err, BL_EIO, tmp, 0, "cannot create directory: %s",
                                strerror(errno));
        *p = '/';
    }
    if ((injected("mkdir", EACCES) || mkdir(tmp, 0777) != 0) && errno != EEXIST)
        return bl_error_set(err, BL_EIO, tmp, 0, "cannot create directory: %s",
                            strerror(errno));
    struct stat st;
    if (stat(tmp, &st) != 0 || !S_ISDIR(st.st_mode))
        return bl_error_set(err, BL_EIO, tmp, 0, "not a directory");
    return BL_OK;
}

/* Lexically normalises an absolute path in place: "//", "/./" and "x/.."
 * removed. */
static void normalise(char *p)
{
    char *out = p;
    const char *s = p;
    while (*s) {
        while (*s == '/')
            s++;
        const char *e = strchr(s, '/');
        size_t n = e ? (size_t)(e - s) : strlen(s);
        if (n == 0)
            break;
        if (n == 1 && s[0] == '.') {
            /* skip */
        } else if (n == 2 && s[0] == '.' && s[1] == '.') {
            while (out > p && *--out != '/')
                ;
        } else {
            *out++ = '/';
            memmove(out, s, n);
            out += n;
        }
        s += n;
    }
    if (out == p)
        *out++ = '/';
    *out = '\0';
}

/* The part of abs under dir, or NULL. */
static const char *under(const char *abs, const char *dir)
{
    size_t n = strlen(dir);
    if (n == 1 && dir[0] == '/')
        return abs[0] == '/' && abs[1] ? abs + 1 : NULL;
    if (strncmp(abs, dir, n) == 0 && abs[n] == '/' && abs[n + 1])
        return abs + n + 1;
    return NULL;
}

char *bl_path_published(const char *path)
{
    char *out = NULL;
    char cwd[PATH_MAX];
    if (strcmp(path, "-") != 0 && getcwd(cwd, sizeof cwd)) {
        size_t n = strlen(cwd) + strlen(path) + 2;
        char *abs = bl_malloc(n);
        if (path[0] == '/')
            snprintf(abs, n, "%s", path);
        else
            snprintf(abs, n, "%s/%s", cwd, path);
        normalise(abs);
        const char *rel = under(abs, cwd);
        char *real = rel ? NULL : realpath(path, NULL);
        if (real)
            rel = under(real, cwd);
        if (rel)
            out = bl_strdup(rel);
        free(real);
        free(abs);
    }
    if (!out) {
        const char *base = strrchr(path, '/');
        out = bl_strdup(base && base[1] ? base + 1 : path);
    }
    return out;
}

void bl_path_stem(const char *path, char *out, size_t size)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const char *dot = strrchr(base, '.');
    size_t n = dot && dot != base ? (size_t)(dot - base) : strlen(base);
    if (n >= size)
        n = size - 1;
    memcpy(out, base, n);
    out[n] = '\0';
}
