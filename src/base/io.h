/* io.h - whole-file reads and atomic writes.
 *
 * Output is never half-written: writers write to "PATH.tmp-XXXXXX" beside the
 * target and rename it over PATH only when everything succeeded. A target
 * that exists must be a regular file (a device, FIFO or directory is
 * refused); a symbolic link is written through: the temporary file goes
 * beside the file the link resolves to and is renamed onto it, so the link
 * stays.
 */
#ifndef BL_IO_H
#define BL_IO_H

#include <stdbool.h>
#include <stdio.h>

#include "buf.h"
#include "error.h"

/* Reads the whole file into out (caller-initialised, caller frees).
 * "-" reads standard input. A file larger than the input size limit is
 * refused (BL_EINPUT) before it is read when its size is known (a regular
 * file), else as soon as the limit is passed (a pipe, /dev/zero). */
int bl_read_file(const char *path, bl_buf *out, bl_error *err);

/* The input size limit of bl_read_file, process-wide (main.c sets it from
 * --max-input-size); 256 MiB unless set. */
#define BL_MAX_INPUT_DEFAULT ((size_t)256 << 20)
void bl_set_max_input_size(size_t bytes);
size_t bl_max_input_size(void);

/* "1048576", "512K", "512M", "1G" (binary units, optional B) -> bytes;
 * BL_EUSAGE for anything else or zero. */
int bl_parse_size(const char *s, size_t *out);

/* Writes data to path atomically. */
int bl_write_file_atomic(const char *path, const void *data, size_t len,
                         bl_error *err);

/* For writers that stream (cairo, large HTML): open a temporary file beside
 * path, write to `fp`, then commit (fflush, fsync, rename) or abort (unlink). */
typedef struct bl_atomic_file {
    FILE *fp;
    char *tmp_path;   /* malloc'd */
    char *final_path; /* malloc'd */
    int slot;         /* its entry in the signal cleanup table, or -1 */
} bl_atomic_file;

/* open: path too long (BL_EUSAGE), not a regular file, a dangling link, or
 * no temporary file (BL_EIO). final_path is the resolved target. */
int bl_atomic_open(bl_atomic_file *f, const char *path, bl_error *err);
int bl_atomic_commit(bl_atomic_file *f, bl_error *err);
void bl_atomic_abort(bl_atomic_file *f);

/* Batches: between bl_batch_begin and bl_batch_end, bl_atomic_commit (and
 * so bl_write_file_atomic) keeps each finished temporary file instead of
 * renaming it; bl_batch_end(true, …) renames them all in the order they were
 * committed, bl_batch_end(false, …) (or a failed rename) unlinks what is
 * left. So a batch writes all its outputs or none. The kept files are still
 * removed by bl_tmp_cleanup_signal. err may be NULL when commit is false. */
void bl_batch_begin(void);
int bl_batch_end(bool commit, bl_error *err);

/* Batches written by several processes (the command line's worker
 * processes, one document each at a time): bl_batch_each visits this
 * process's kept files in commit order, (tmp, final) with strings owned
 * by io.c, so a worker can send them to its parent; bl_batch_adopt keeps a
 * file another process committed (paths copied) as if it had been
 * committed here: removed by the signal handler, renamed or unlinked by
 * bl_batch_end in adoption order. Single-threaded, as the rest of io.c. */
void bl_batch_each(void (*fn)(void *ctx, const char *tmp_path, const char *final_path),
                   void *ctx);
void bl_batch_adopt(const char *tmp_path, const char *final_path);
/* Unlinks the temporary files of path (PATH.tmp-XXXXXX beside it) that a
 * process which died left; for a caller holding the directory's lock. */
void bl_tmp_remove_left(const char *path);

/* BL_EUSAGE when path, with its temporary suffix, would exceed PATH_MAX. */
int bl_check_output_path(const char *path, bl_error *err);

/* A handler for SIGINT, SIGTERM and SIGHUP, installed by main.c: unlinks
 * the temporary files of every open bl_atomic_file (unlink(2) only, so it is
 * async-signal-safe), then re-raises the signal with its default action.
 * Temporary files are registered from their creation (with those signals
 * blocked) until their commit or abort. */
void bl_tmp_cleanup_signal(int sig);
/* The same unlinks without the signal: for main.c's out-of-memory handler,
 * which exits at once (async-signal-safe too). */
void bl_tmp_cleanup(void);

/* Waits for an exclusive flock(2) on directory DIR itself, so that
 * concurrent runs writing into one directory take turns, without leaving a
 * file in it. Where a directory cannot be locked (NFS), on DIR/.bulletin.lock
 * instead (created if missing, never removed: removing it would let a
 * third run lock a new file while the second holds the old one). *fd is
 * the caller's to pass to bl_dir_unlock. */
#define BL_LOCK_NAME ".bulletin.lock"
int bl_dir_lock(const char *dir, int *fd, bl_error *err);
void bl_dir_unlock(int fd);

/* The directory part of path into dir (size bytes): "a/b" -> "a",
 * "/b" -> "/", "b" -> "."; -1 when it does not fit. */
int bl_path_dir(const char *path, char *dir, size_t size);

/* Creates directory path (and parents) if missing. */
int bl_mkdir_p(const char *path, bl_error *err);

/* The name a published document gives its input (malloc'd): path relative
 * to the working directory when it lies under it ("/home/x/r/a.txt" from
 * /home/x -> "r/a.txt"), else its file name; "-" stays "-". Absolute paths
 * thus never leak the directories above the working directory. */
char *bl_path_published(const char *path);

/* The file name of path without directories and without its last extension,
 * written into out ("examples/000_x.txt" -> "000_x"). */
void bl_path_stem(const char *path, char *out, size_t size);

#endif
