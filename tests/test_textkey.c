/* test_textkey.c - match keys: width folding, traditional -> simplified
 * (the OpenCC table made at build time), pinyin residue dropped, and the
 * map from key bytes back to the source's own text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "text.h"
#include "textkey.h"

static bl_arena *arena;

static int setup(void **state)
{
    (void)state;
    arena = bl_arena_new();
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    bl_arena_free(arena);
    return 0;
}

#define KEY(src, want) assert_string_equal(bl_key(arena, src), want)

static void widths(void **state)
{
    (void)state;
    KEY("完成率：１００％", "完成率:100%");
    KEY("（一）改造，提升；", "(一)改造,提升;");
    KEY("项目\xE3\x80\x80内容\xC2\xA0\t", "项目 内容  ");
    KEY("甲﹔乙﹐丙﹕", "甲;乙,丙:");
    KEY("ＡＢＣ１２３", "ABC123");
    KEY("", "");
}

static void traditional(void **state)
{
    (void)state;
    KEY("項目名稱", "项目名称");
    KEY("牽頭部門", "牵头部门");
    KEY("滯後", "滞后");
    KEY("實事", "实事");
    KEY("城區", "城区");
    KEY("進展情況", "进展情况");
    KEY("關於", "关于");
    KEY("鄉鎮", "乡镇");
    KEY("縣住建局", "县住建局");
    /* Variants t2s keeps, added by the generator. */
    KEY("硏究", "研究");
    KEY("衞生", "卫生");
    /* Simplified text and ASCII are their own key. */
    KEY("项目名称 ABC 123", "项目名称 ABC 123");
    assert_int_equal(bl_key_simplify(0x9805 /* 項 */), 0x9879 /* 项 */);
    assert_int_equal(bl_key_simplify(0x5F8C /* 後 */), 0x540E /* 后 */);
    assert_int_equal(bl_key_simplify(0x65BC /* 於 */), 0x4E8E /* 于 */);
    assert_int_equal(bl_key_simplify(0x4E00), 0x4E00);
    assert_int_equal(bl_key_simplify('A'), 'A');
    assert_int_equal(bl_key_simplify(0x1F600), 0x1F600);
}

static void common_hanzi(void **state)
{
    (void)state;
    assert_true(bl_key_common_hanzi(0x9879));  /* 项 */
    assert_true(bl_key_common_hanzi(0x9805));  /* 項, through 项 */
    assert_true(bl_key_common_hanzi(0x7684));  /* 的 */
    assert_false(bl_key_common_hanzi(0x9F98)); /* 龘 */
    assert_false(bl_key_common_hanzi('a'));
    assert_false(bl_key_common_hanzi(0xE000));
}

static void pinyin(void **state)
{
    (void)state;
    KEY("實(shí)事", "实事");
    KEY("區(qū)", "区");
    KEY("進(jìn)度", "进度");
    KEY("項(xiàng)目", "项目");
    KEY("關(guān)于", "关于");
    KEY("鎮(zhèn)", "镇");
    KEY("綠(lǜ)道", "绿道");
    KEY("區（qū）域", "区域");
    KEY("实(shi)事", "实事"); /* a plain lower-case syllable */
    /* Real text stays. */
    KEY("项目(2)", "项目(2)");
    KEY("项目(PPP)", "项目(PPP)");
    KEY("措施(a)", "措施(a)");
    KEY("重量(kg)", "重量(kg)");
    KEY("项目(一期)", "项目(一期)");
    KEY("改造(shí  )", "改造(shí  )");
    KEY("abc(shí)", "abc(shí)");         /* not after a hanzi */
    KEY("(shí)项目", "(shí)项目");
    KEY("实(shídeqianmian)", "实(shídeqianmian)"); /* too long */
    KEY("实(shí", "实(shí"); /* not closed */
}

/* The rest of a source from a key offset: the source's own bytes when
 * nothing is to be trimmed after them, else a trimmed copy. */
static void source_rest(void **state)
{
    (void)state;
    const char src[] = "（１）新建公園3處";
    bl_keyed k;
    bl_key_map(arena, src, strlen(src), &k);
    assert_string_equal(k.key, "(1)新建公园3处");
    const char *rest = bl_keyed_source_rest(arena, &k, strlen("(1)"));
    assert_string_equal(rest, "新建公園3處");
    assert_ptr_equal(rest, src + strlen("（１）")); /* not copied */
    assert_string_equal(bl_keyed_source_rest(arena, &k, k.len), "");
    /* Leading white space is skipped, still without a copy. */
    const char spaced[] = "1、\xE3\x80\x80道路";
    bl_key_map(arena, spaced, strlen(spaced), &k);
    rest = bl_keyed_source_rest(arena, &k, strlen("1、"));
    assert_string_equal(rest, "道路");
    assert_ptr_equal(rest, spaced + strlen(spaced) - strlen("道路"));
    /* Trailing white space: a trimmed copy. */
    const char trailing[] = "1、道路\xE3\x80\x80";
    bl_key_map(arena, trailing, strlen(trailing), &k);
    rest = bl_keyed_source_rest(arena, &k, strlen("1、"));
    assert_string_equal(rest, "道路");
    assert_true(rest < trailing || rest >= trailing + sizeof trailing);
    /* A piece of a longer string: its tail is not a C string, so a copy. */
    const char longer[] = "1、道路|2、桥梁";
    bl_key_map(arena, longer, strlen("1、道路"), &k);
    rest = bl_keyed_source_rest(arena, &k, strlen("1、"));
    assert_string_equal(rest, "道路");
    assert_true(rest < longer || rest >= longer + sizeof longer);
}

static void map_back(void **state)
{
    (void)state;
    const char src[] = "牽頭部門：縣住建局（實(shí)事）";
    bl_keyed k;
    bl_key_map(arena, src, strlen(src), &k);
    assert_string_equal(k.key, "牵头部门:县住建局(实事)");
    assert_int_equal(k.at[k.len], strlen(src));
    /* at[] never goes back and stays inside the source. */
    for (size_t i = 0; i + 1 <= k.len; i++) {
        assert_true(k.at[i] <= k.at[i + 1]);
        assert_true(k.at[i] < k.src_len);
    }
    /* Find in the key, take from the source. */
    const char *colon = strchr(k.key, ':');
    size_t c = (size_t)(colon - k.key);
    assert_string_equal(bl_keyed_source(arena, &k, 0, c), "牽頭部門");
    const char *open = strchr(k.key, '(');
    size_t o = (size_t)(open - k.key);
    assert_string_equal(bl_keyed_source(arena, &k, c + 1, o), "縣住建局");
    /* The dropped reading goes with its character. */
    const char *shi = strstr(k.key, "实");
    size_t s = (size_t)(shi - k.key);
    assert_string_equal(bl_keyed_source(arena, &k, s, s + strlen("实")), "實(shí)");
    assert_string_equal(bl_keyed_source(arena, &k, o, k.len), "（實(shí)事）");
    assert_string_equal(bl_keyed_source(arena, &k, 0, k.len), src);
    assert_int_equal(bl_keyed_src_offset(&k, k.len), strlen(src));
    assert_int_equal(bl_keyed_src_offset(&k, c), strlen("牽頭部門"));
    /* Empty and reversed ranges. */
    assert_string_equal(bl_keyed_source(arena, &k, 3, 3), "");
    assert_string_equal(bl_keyed_source(arena, &k, 5, 2), "");
    /* White space is trimmed from what comes back. */
    const char padded[] = "\xE3\x80\x80項目\xE3\x80\x80";
    bl_key_map(arena, padded, strlen(padded), &k);
    assert_string_equal(k.key, " 项目 ");
    assert_string_equal(bl_keyed_source(arena, &k, 0, k.len), "項目");
    /* A key is never longer than its source. */
    const char mixed[] = "ＡＢ（區(qū)）實(shí)事項目１００％";
    bl_key_map(arena, mixed, strlen(mixed), &k);
    assert_true(k.len <= strlen(mixed));
    assert_string_equal(k.key, "AB(区)实事项目100%");
    /* A NUL inside the range is skipped, not looped on. */
    bl_key_map(arena, "a\0b", 3, &k);
    assert_string_equal(k.key, "ab");
    assert_int_equal(k.len, 2);
    assert_int_equal(k.at[1], 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(widths),
        cmocka_unit_test(traditional),
        cmocka_unit_test(common_hanzi),
        cmocka_unit_test(pinyin),
        cmocka_unit_test(map_back),
        cmocka_unit_test(source_rest),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
