/* test_departments.c - department keys: rules, the built-in alias table,
 * a user's table, and bad tables. Names are the seeds' own. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "departments.h"

typedef struct fixture {
    bl_arena *arena;
    bl_aliases *aliases;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    bl_error err = {0};
    f->arena = bl_arena_new();
    if (bl_aliases_new(&f->aliases, &err))
        return -1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    bl_aliases_free(f->aliases);
    bl_arena_free(f->arena);
    free(f);
    return 0;
}

static const char *key(fixture *f, const char *name)
{
    return bl_department_key(f->arena, f->aliases, name);
}

/* The pairs issue 2 names: one office with and without the county. */
static void level_dropped(void **state)
{
    fixture *f = *state;
    assert_string_equal(key(f, "县教育局"), key(f, "教育局"));
    assert_string_equal(key(f, "县残联"), "残联");
    assert_string_equal(key(f, "残联"), "残联");
    assert_string_equal(key(f, "县人力社保局"), key(f, "人力社保局"));
    assert_string_equal(key(f, "县卫生健康局"), "卫生健康局");
    assert_string_equal(key(f, "市民政局"), "民政局");
}

/* The level stays where it is part of the next word. */
static void level_kept(void **state)
{
    fixture *f = *state;
    assert_string_equal(key(f, "县委宣传部"), "县委宣传部");
    assert_string_equal(key(f, "县委组织部"), "县委组织部");
    assert_string_equal(key(f, "县市场监管局"), "市场监管局");
    assert_string_equal(key(f, "市市场监管局"), "市场监管局");
    assert_string_equal(key(f, "市市政公用工程建设"), "市政公用工程建设");
    assert_string_equal(key(f, "团县委"), "团县委");
    assert_string_equal(key(f, "罗阳镇"), "罗阳镇");
    assert_null(key(f, NULL));
    assert_null(key(f, " "));
}

static void builtin_aliases(void **state)
{
    fixture *f = *state;
    /* examples/002 writes 市文广旅体局, examples/000 县文广旅游体育局. */
    assert_string_equal(key(f, "市文广旅体局"), key(f, "县文广旅游体育局"));
    assert_string_equal(key(f, "县卫健局"), "卫生健康局");
    assert_string_equal(key(f, "市场监督管理局"), "市场监管局");
    /* Layout spaces and full-width forms do not split a key. */
    assert_string_equal(key(f, "县 教育局"), "教育局");
    assert_string_equal(key(f, "（县综合行政执法局）"), "(县综合行政执法局)");
}

static void user_table(void **state)
{
    fixture *f = *state;
    bl_error err = {0};
    char path[] = "/tmp/bl-aliases-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    const char *json = "{\"县城建中心\": \"县住建局\", \"市交水集团\": \"交通运输局\"}";
    assert_int_equal(write(fd, json, strlen(json)), (int)strlen(json));
    close(fd);
    assert_int_equal(bl_aliases_add_file(f->aliases, path, &err), BL_OK);
    unlink(path);
    /* The key is normalised like any name, so it meets 县住建局's key. */
    assert_string_equal(key(f, "县城建中心"), "住建局");
    assert_string_equal(key(f, "市交水集团"), "交通运输局");
    /* Later entries win. */
    assert_int_equal(bl_aliases_add_json(f->aliases, "x.json", "{\"县城建中心\": \"城建中心\"}", &err), BL_OK);
    assert_string_equal(key(f, "县城建中心"), "城建中心");
}

static void bad_tables(void **state)
{
    fixture *f = *state;
    bl_error err = {0};
    assert_int_equal(bl_aliases_add_json(f->aliases, "a.json", "{\n\"x\": \n", &err), BL_EINPUT);
    assert_string_equal(err.file, "a.json");
    assert_true(err.line >= 2);
    assert_int_equal(bl_aliases_add_json(f->aliases, "b.json", "[\"x\"]", &err), BL_EINPUT);
    assert_int_equal(bl_aliases_add_json(f->aliases, "c.json", "{\"x\": 3}", &err), BL_EINPUT);
    assert_int_equal(bl_aliases_add_file(f->aliases, "/nonexistent/aliases.json", &err), BL_EIO);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(level_dropped, setup, teardown),
        cmocka_unit_test_setup_teardown(level_kept, setup, teardown),
        cmocka_unit_test_setup_teardown(builtin_aliases, setup, teardown),
        cmocka_unit_test_setup_teardown(user_table, setup, teardown),
        cmocka_unit_test_setup_teardown(bad_tables, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
