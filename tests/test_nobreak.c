/* test_nobreak.c - the runs a line break must not cut (nobreak.c, issue
 * 10.2): numbers with their units, dates, office names' endings; and what
 * stays breakable. Each case lists the runs expected as text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "nobreak.h"

/* The runs of text joined with " | ", offices marked with "@". */
static void runs(const char *text, char *out, size_t size)
{
    bl_nobreak r[32];
    size_t n = bl_nobreak_scan(text, strlen(text), r, 32);
    assert_true(n <= 32);
    out[0] = '\0';
    size_t len = 0;
    for (size_t i = 0; i < n; i++) {
        assert_true(r[i].start < r[i].end);
        if (i > 0)
            assert_true(r[i - 1].end <= r[i].start);
        len += (size_t)snprintf(out + len, size - len, "%s%s%.*s",
                                i ? " | " : "", r[i].office ? "@" : "",
                                (int)(r[i].end - r[i].start),
                                text + r[i].start);
    }
}

static void expect(const char *text, const char *want)
{
    char got[1024];
    runs(text, got, sizeof got);
    if (strcmp(got, want) != 0)
        fprintf(stderr, "%s: got \"%s\", want \"%s\"\n", text, got, want);
    assert_string_equal(got, want);
}

static void numbers_with_units(void **state)
{
    (void)state;
    expect("完成率104.82%", "104.82%");
    expect("已完成104.82％、107%", "104.82％ | 107%");
    expect("受益3.71万人", "3.71万人");
    expect("投资2.5亿元", "2.5亿元");
    expect("提高12.5个百分点", "12.5个百分点");
    expect("下降0.3百分点", "0.3百分点");
    expect("新建1,200平方米", "1,200平方米");
    expect("改造４５户", "４５户");
    expect("累计8万", "8万");
    /* letter-spaced sources keep their spaces, and the run takes them */
    expect("仍超 5 万元以上", "5 万元");
    expect("共 39 名群众", "39 名");
    expect("共 39  名", "");
}

static void dates_chain(void **state)
{
    (void)state;
    expect("2023年10月底前完成", "2023年10月");
    expect("于2023年10月15日开工", "2023年10月15日");
    expect("1-9月累计", "1-9月");
    expect("计划10月15日", "10月15日");
}

static void office_endings(void **state)
{
    (void)state;
    expect("县文广旅游体育局", "@育局");
    expect("县住建局、县财政局", "@建局 | @政局");
    expect("县政府办", "@府办");
    expect("县发改委", "@改委");
    expect("县残联理事会", "@事会");
    expect("县委办公室", "@公室");
    /* not an ending: a han character follows */
    expect("县教育局局长", "");
}

static void left_alone(void **state)
{
    (void)state;
    /* bare numbers, numbers glued to letters, no text */
    expect("编号12，共12", "");
    expect("G320国道", "");
    expect("", "");
    expect("ABC", "");
}

static void counts_beyond_cap(void **state)
{
    (void)state;
    const char *t = "1人2人3人4人5人";
    bl_nobreak r[2];
    assert_int_equal(bl_nobreak_scan(t, strlen(t), r, 2), 5);
    assert_int_equal(bl_nobreak_scan(t, strlen(t), NULL, 0), 5);
    assert_int_equal(r[1].start, strlen("1人"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(numbers_with_units),
        cmocka_unit_test(dates_chain),
        cmocka_unit_test(office_endings),
        cmocka_unit_test(left_alone),
        cmocka_unit_test(counts_beyond_cap),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
