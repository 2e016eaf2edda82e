/* test_io.c - io.c on real files in a scratch directory: reads within the
 * input limit, atomic writes and what they refuse, batches, the signal
 * cleanup table, the directory lock, mkdir -p, published names and stems.
 * tests/test_faults.sh injects the write, fsync, rename and mkdir failures
 * through the program; here they are injected into the library calls. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "io.h"

static char dir[64];

static const char *at(const char *name)
{
    static char buf[4][PATH_MAX];
    static int k;
    char *p = buf[k++ % 4];
    snprintf(p, PATH_MAX, "%s/%s", dir, name);
    return p;
}

static void put(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static char *get(const char *path)
{
    bl_buf b = BL_BUF_INIT;
    bl_error err = {0};
    assert_int_equal(bl_read_file(path, &b, &err), BL_OK);
    return bl_buf_detach(&b);
}

/* Files in dir other than the lock: temporary files left behind show. */
static int files_in(const char *d)
{
    char cmd[PATH_MAX + 64];
    snprintf(cmd, sizeof cmd, "find '%s' -type f ! -name %s | wc -l", d, BL_LOCK_NAME);
    FILE *p = popen(cmd, "r");
    int n = -1;
    assert_int_equal(fscanf(p, "%d", &n), 1);
    pclose(p);
    return n;
}

static void expect(int rc, int code, const bl_error *err, const char *words)
{
    assert_int_equal(rc, code);
    if (!strstr(err->message, words))
        fail_msg("message \"%s\" lacks \"%s\"", err->message, words);
}

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/bl-test-io-XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd);
}

static void sizes(void **state)
{
    (void)state;
    size_t n = 0;
    assert_int_equal(bl_parse_size("1048576", &n), BL_OK);
    assert_int_equal(n, 1048576);
    assert_int_equal(bl_parse_size("512K", &n), BL_OK);
    assert_int_equal(n, 512 << 10);
    assert_int_equal(bl_parse_size("3mb", &n), BL_OK);
    assert_int_equal(n, 3 << 20);
    assert_int_equal(bl_parse_size("1G", &n), BL_OK);
    assert_int_equal(n, (size_t)1 << 30);
    assert_int_equal(bl_parse_size("1b", &n), BL_OK);
    assert_int_equal(n, 1);
    assert_int_equal(bl_parse_size("4096B", &n), BL_OK);
    assert_int_equal(n, 4096);
    const char *bad[] = {NULL, "", "K", "-1", "0", "12Q", "1KK", "99999999999999999999999",
                         "0K", "1Bb", "17179869184G" /* 2^64 bytes */};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        assert_int_equal(bl_parse_size(bad[i], &n), BL_EUSAGE);
}

static void reads(void **state)
{
    (void)state;
    bl_buf b = BL_BUF_INIT;
    bl_error err = {0};
    put(at("r.txt"), "0123456789");
    assert_int_equal(bl_read_file(at("r.txt"), &b, &err), BL_OK);
    assert_int_equal(b.len, 10);
    bl_buf_free(&b);
    expect(bl_read_file(at("none.txt"), &b, &err), BL_EIO, &err, "cannot open");
    expect(bl_read_file(dir, &b, &err), BL_EIO, &err, "is a directory");
    /* The limit: a regular file is refused by its size, a device (endless)
     * when the limit is passed. */
    size_t old = bl_max_input_size();
    assert_int_equal(old, BL_MAX_INPUT_DEFAULT);
    bl_set_max_input_size(9);
    assert_int_equal(bl_max_input_size(), 9);
    expect(bl_read_file(at("r.txt"), &b, &err), BL_EINPUT, &err, "input size limit of 9");
    bl_set_max_input_size(100000);
    expect(bl_read_file("/dev/zero", &b, &err), BL_EINPUT, &err, "--max-input-size");
    assert_true(b.len <= 100000);
    bl_buf_free(&b);
    bl_set_max_input_size(old);
    unlink(at("r.txt"));
}

static void refused_targets(void **state)
{
    (void)state;
    bl_error err = {0};
    mkdir(at("d"), 0777);
    expect(bl_write_file_atomic(at("d"), "x", 1, &err), BL_EIO, &err,
           "not a regular file; refusing to replace it");
    assert_int_equal(mkfifo(at("fifo"), 0666), 0);
    expect(bl_write_file_atomic(at("fifo"), "x", 1, &err), BL_EIO, &err,
           "not a regular file");
    assert_int_equal(symlink("nowhere", at("dangling")), 0);
    expect(bl_write_file_atomic(at("dangling"), "x", 1, &err), BL_EIO, &err,
           "symbolic link to nothing");
    assert_int_equal(symlink("d", at("to-dir")), 0);
    expect(bl_write_file_atomic(at("to-dir"), "x", 1, &err), BL_EIO, &err,
           "not a regular file");
    put(at("plain"), "p");
    expect(bl_write_file_atomic(at("plain/x"), "x", 1, &err), BL_EIO, &err,
           "cannot write");
    expect(bl_write_file_atomic(at("missing/x"), "x", 1, &err), BL_EIO, &err,
           "cannot create");
    char long_path[PATH_MAX + 8];
    memset(long_path, 'a', sizeof long_path - 1);
    long_path[sizeof long_path - 1] = '\0';
    expect(bl_write_file_atomic(long_path, "x", 1, &err), BL_EUSAGE, &err, "too long");
    struct stat st;
    assert_int_equal(lstat(at("fifo"), &st), 0);
    assert_true(S_ISFIFO(st.st_mode));
    assert_int_equal(lstat(at("dangling"), &st), 0);
    assert_true(S_ISLNK(st.st_mode));
    unlink(at("fifo"));
    unlink(at("dangling"));
    unlink(at("to-dir"));
    unlink(at("plain"));
    rmdir(at("d"));
    assert_int_equal(files_in(dir), 0);
}

static void writes_through_a_link(void **state)
{
    (void)state;
    bl_error err = {0};
    put(at("real.txt"), "old");
    assert_int_equal(symlink("real.txt", at("link.txt")), 0);
    assert_int_equal(bl_write_file_atomic(at("link.txt"), "new", 3, &err), BL_OK);
    struct stat st;
    assert_int_equal(lstat(at("link.txt"), &st), 0);
    assert_true(S_ISLNK(st.st_mode));
    char *s = get(at("real.txt"));
    assert_string_equal(s, "new");
    free(s);
    unlink(at("link.txt"));
    unlink(at("real.txt"));
}

/* Each injected failure leaves the old file as it was and no temporary. */
static void injected_failures(void **state)
{
    (void)state;
    const char *steps[] = {"write", "fsync", "rename"};
    for (size_t i = 0; i < 3; i++) {
        bl_error err = {0};
        put(at("t.txt"), "old");
        setenv("BULLETIN_TEST_FAULT", steps[i], 1);
        int rc = bl_write_file_atomic(at("t.txt"), "new", 3, &err);
        unsetenv("BULLETIN_TEST_FAULT");
        assert_int_equal(rc, BL_EIO);
        assert_string_equal(err.file, at("t.txt"));
        char *s = get(at("t.txt"));
        assert_string_equal(s, "old");
        free(s);
        assert_int_equal(files_in(dir), 1);
    }
    /* A stream in error state fails the commit too. */
    bl_atomic_file f;
    bl_error err = {0};
    assert_int_equal(bl_atomic_open(&f, at("t.txt"), &err), BL_OK);
    fputs("partial", f.fp);
    close(fileno(f.fp)); /* the buffered write then fails (EBADF) */
    expect(bl_atomic_commit(&f, &err), BL_EIO, &err, "write failed");
    assert_int_equal(files_in(dir), 1);
    setenv("BULLETIN_TEST_FAULT", "mkdir", 1);
    expect(bl_mkdir_p(at("m1/m2"), &err), BL_EIO, &err, "cannot create directory");
    unsetenv("BULLETIN_TEST_FAULT");
    unlink(at("t.txt"));
}

static void batches(void **state)
{
    (void)state;
    bl_error err = {0};
    /* Committed: every output appears at the end, none before. */
    bl_batch_begin();
    assert_int_equal(bl_write_file_atomic(at("a.json"), "a", 1, &err), BL_OK);
    assert_int_equal(bl_write_file_atomic(at("a.html"), "b", 1, &err), BL_OK);
    assert_int_equal(access(at("a.json"), F_OK), -1);
    assert_int_equal(bl_batch_end(true, &err), BL_OK);
    assert_int_equal(access(at("a.json"), F_OK), 0);
    assert_int_equal(access(at("a.html"), F_OK), 0);
    /* Abandoned: none of them, and no temporary file. */
    bl_batch_begin();
    assert_int_equal(bl_write_file_atomic(at("b.json"), "a", 1, &err), BL_OK);
    assert_int_equal(bl_batch_end(false, NULL), BL_OK);
    assert_int_equal(access(at("b.json"), F_OK), -1);
    /* A failed rename: the rest are removed, the error names the file. */
    bl_batch_begin();
    assert_int_equal(bl_write_file_atomic(at("c.json"), "a", 1, &err), BL_OK);
    assert_int_equal(bl_write_file_atomic(at("c.html"), "a", 1, &err), BL_OK);
    setenv("BULLETIN_TEST_FAULT", "rename", 1);
    expect(bl_batch_end(true, &err), BL_EIO, &err, "cannot rename");
    unsetenv("BULLETIN_TEST_FAULT");
    assert_string_equal(err.file, at("c.json"));
    assert_int_equal(access(at("c.html"), F_OK), -1);
    assert_int_equal(files_in(dir), 2);
    /* The cleanup removes a batch's waiting files (a signal during a
     * build); the commit then finds them gone and says so. */
    bl_batch_begin();
    assert_int_equal(bl_write_file_atomic(at("d.json"), "a", 1, &err), BL_OK);
    assert_int_equal(files_in(dir), 3);
    bl_tmp_cleanup();
    assert_int_equal(files_in(dir), 2);
    expect(bl_batch_end(true, &err), BL_EIO, &err, "cannot rename");
    unlink(at("a.json"));
    unlink(at("a.html"));
}

/* The handler unlinks the open temporary files and re-raises the signal:
 * here it stays pending (blocked) and is then discarded. */
static void signal_cleanup(void **state)
{
    (void)state;
    bl_error err = {0};
    bl_atomic_file f[40];
    /* More than the table's 32 slots: the rest are still removed on their
     * own error paths (abort). */
    for (int i = 0; i < 40; i++) {
        char name[32];
        snprintf(name, sizeof name, "s%d.txt", i);
        assert_int_equal(bl_atomic_open(&f[i], at(name), &err), BL_OK);
    }
    assert_int_equal(f[39].slot, -1);
    assert_int_equal(files_in(dir), 40);
    sigset_t set, old, pending;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigprocmask(SIG_BLOCK, &set, &old);
    bl_tmp_cleanup_signal(SIGUSR1);
    sigpending(&pending);
    assert_true(sigismember(&pending, SIGUSR1));
    signal(SIGUSR1, SIG_IGN); /* discards the pending signal */
    sigprocmask(SIG_SETMASK, &old, NULL);
    signal(SIGUSR1, SIG_DFL);
    assert_int_equal(files_in(dir), 8); /* the 8 past the table */
    for (int i = 0; i < 40; i++)
        bl_atomic_abort(&f[i]);
    assert_int_equal(files_in(dir), 0);
}

static void locks_and_directories(void **state)
{
    (void)state;
    bl_error err = {0};
    int fd;
    char d[PATH_MAX];
    snprintf(d, sizeof d, "%s/", dir);
    assert_int_equal(bl_dir_lock(d, &fd, &err), BL_OK);
    assert_true(fd >= 0);
    /* the directory itself is locked: nothing is created in it */
    assert_int_equal(access(at(BL_LOCK_NAME), F_OK), -1);
    /* another process cannot take the lock until it is released */
    int probe = open(dir, O_RDONLY | O_DIRECTORY);
    assert_true(probe >= 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0)
        _exit(flock(probe, LOCK_EX | LOCK_NB) == 0 ? 0 : errno == EWOULDBLOCK ? 3 : 4);
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 3);
    bl_dir_unlock(fd);
    assert_int_equal(flock(probe, LOCK_EX | LOCK_NB), 0);
    close(probe);
    bl_dir_unlock(-1);
    expect(bl_dir_lock(at("none"), &fd, &err), BL_EIO, &err, "cannot open directory");
    assert_int_equal(fd, -1);
    char long_path[PATH_MAX + 8];
    memset(long_path, 'a', sizeof long_path - 1);
    long_path[sizeof long_path - 1] = '\0';
    expect(bl_dir_lock(long_path, &fd, &err), BL_EUSAGE, &err, "too long");
    expect(bl_mkdir_p(long_path, &err), BL_EUSAGE, &err, "too long");
    assert_int_equal(bl_mkdir_p(at("p/q/r//"), &err), BL_OK);
    struct stat st;
    assert_int_equal(stat(at("p/q/r"), &st), 0);
    assert_true(S_ISDIR(st.st_mode));
    assert_int_equal(bl_mkdir_p(at("p/q"), &err), BL_OK); /* exists: fine */
    put(at("p/file"), "x");
    expect(bl_mkdir_p(at("p/file"), &err), BL_EIO, &err, "not a directory");
    expect(bl_mkdir_p(at("p/file/sub"), &err), BL_EIO, &err, "cannot create directory");
}

static void published_names(void **state)
{
    (void)state;
    char cwd[PATH_MAX];
    assert_non_null(getcwd(cwd, sizeof cwd));
    char sub[128];
    snprintf(sub, sizeof sub, "%s/office", dir);
    mkdir(sub, 0777);
    mkdir(at("office/deep"), 0777);
    put(at("office/deep/r.txt"), "x");
    assert_int_equal(symlink(at("office/deep"), at("office/alias")), 0);
    assert_int_equal(chdir(sub), 0);
    struct {
        const char *path, *want;
    } cases[] = {
        {"deep/r.txt", "deep/r.txt"},
        {"./deep/../deep/r.txt", "deep/r.txt"},
        {"-", "-"},
        {"../office/deep/r.txt", "deep/r.txt"},
        {"/etc/passwd", "passwd"},
        {"../elsewhere/x.txt", "x.txt"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *got = bl_path_published(cases[i].path);
        assert_string_equal(got, cases[i].want);
        free(got);
    }
    char abs[PATH_MAX];
    snprintf(abs, sizeof abs, "%s/deep/r.txt", sub);
    char *got = bl_path_published(abs);
    assert_string_equal(got, "deep/r.txt");
    free(got);
    /* A path through a link: its resolved path is under the directory. */
    assert_int_equal(chdir("deep"), 0);
    got = bl_path_published(at("office/alias/r.txt"));
    assert_string_equal(got, "r.txt");
    free(got);
    assert_int_equal(chdir("/"), 0);
    got = bl_path_published(at("office/deep/r.txt"));
    assert_string_equal(got, at("office/deep/r.txt") + 1);
    free(got);
    assert_int_equal(chdir(cwd), 0);
}

static void stems(void **state)
{
    (void)state;
    char out[8];
    bl_path_stem("examples/000_x.txt", out, sizeof out);
    assert_string_equal(out, "000_x");
    bl_path_stem(".hidden", out, sizeof out);
    assert_string_equal(out, ".hidden");
    bl_path_stem("a/b.tar.gz", out, sizeof out);
    assert_string_equal(out, "b.tar");
    bl_path_stem("very-long-name.txt", out, sizeof out);
    assert_string_equal(out, "very-lo");
}

/* The directory part of a path, as the pool's file and the left
 * temporary files are looked for beside the output. */
static void directory_of_a_path(void **state)
{
    (void)state;
    char d[8];
    assert_int_equal(bl_path_dir("out/a.pdf", d, sizeof d), 0);
    assert_string_equal(d, "out");
    assert_int_equal(bl_path_dir("/a.pdf", d, sizeof d), 0);
    assert_string_equal(d, "/");
    assert_int_equal(bl_path_dir("a.pdf", d, sizeof d), 0);
    assert_string_equal(d, ".");
    assert_int_equal(bl_path_dir("/x/y/z/w/a.pdf", d, sizeof d), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sizes),
        cmocka_unit_test(directory_of_a_path),
        cmocka_unit_test(reads),
        cmocka_unit_test(refused_targets),
        cmocka_unit_test(writes_through_a_link),
        cmocka_unit_test(injected_failures),
        cmocka_unit_test(batches),
        cmocka_unit_test(signal_cleanup),
        cmocka_unit_test(locks_and_directories),
        cmocka_unit_test(published_names),
        cmocka_unit_test(stems),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
