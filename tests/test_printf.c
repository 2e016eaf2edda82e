/* test_printf.c - the fast snprintf of cairo's PDF output (pdf_printf.c)
 * writes what glibc writes: the conversions cairo uses, over random and
 * edge values, compared byte for byte with glibc's vsnprintf, with the
 * fast path on; and formats it does not take still reach glibc. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "pdf_printf.h"
#include "wraps.h"

int __snprintf_chk(char *s, size_t maxlen, int flag, size_t slen,
                   const char *format, ...);

/* glibc's own formatting: vsnprintf is not redefined by the program */
static int reference(char *s, size_t n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int r = vsnprintf(s, n, fmt, ap);
    va_end(ap);
    return r;
}

static uint64_t rng = 0x9e3779b97f4a7c15ULL;

/* xorshift64: its shifts drop high bits on purpose */
BL_WRAPS static uint64_t next_random(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static size_t failures;

static void same(const char *fmt, const char *got, int got_n,
                 const char *want, int want_n)
{
    if (got_n == want_n && strcmp(got, want) == 0)
        return;
    if (failures++ < 10)
        fprintf(stderr, "%s: got \"%s\" (%d), want \"%s\" (%d)\n", fmt, got,
                got_n, want, want_n);
}

static void check_double(const char *fmt, double d)
{
    char got[400], want[400];
    int g = snprintf(got, sizeof got, fmt, d);
    int w = reference(want, sizeof want, fmt, d);
    same(fmt, got, g, want, w);
    g = __snprintf_chk(got, sizeof got, 1, sizeof got, fmt, d);
    same(fmt, got, g, want, w);
}

static void check_prec(int prec, double d)
{
    char got[400], want[400];
    int g = snprintf(got, sizeof got, "%.*f", prec, d);
    int w = reference(want, sizeof want, "%.*f", prec, d);
    same("%.*f", got, g, want, w);
}

/* Doubles of every magnitude cairo meets and beyond, as bit patterns. */
static double random_double(void)
{
    uint64_t r = next_random();
    switch (r & 3) {
    case 0: /* anything, NaN and infinity included */
        break;
    case 1: { /* page coordinates: -2000 … 2000 */
        double u = (double)(next_random() >> 11) / 9007199254740992.0;
        return (u - 0.5) * 4000.0;
    }
    case 2: /* exponents 2^-70 … 2^80 */
        r = (r & 0x800fffffffffffffULL) |
            ((uint64_t)(1023 - 70 + (int)(next_random() % 150)) << 52);
        break;
    default: { /* exact ties: k / 2^j, which round half to even */
        double k = (double)(int64_t)(next_random() % 2000001) - 1000000.0;
        return ldexp(k, -(int)(next_random() % 24));
    }
    }
    double d;
    memcpy(&d, &r, sizeof d);
    return d;
}

static void doubles_as_glibc(void **state)
{
    (void)state;
    assert_true(pdf_printf_fast(true) == false);
    static const double edges[] = {
        0.0, -0.0, 0.5, 1.5, 2.5, -0.5, 0.05, 0.15, 0.25, 0.35, 1e-7,
        -1e-7, 5e-7, 4.9999999999999996e-7, 0.0000005, 1e-300, -1e-300,
        DBL_MIN, DBL_TRUE_MIN, DBL_MAX, -DBL_MAX, 1e21, 1e22, 123456789.5,
        18446744073709551616.0, 1.8446744073709552e19 * 1024, 841.89,
        595.28, 56.349609, 0.714286, -1.428571, 9.999999, 9.9999995,
        0.0999999999, 0.1, INFINITY, -INFINITY, NAN};
    const char *fmts[] = {"%f", "%.18f", "%.3f", "%.0f", "%.1f", "%.12f"};
    for (size_t i = 0; i < sizeof edges / sizeof *edges; i++)
        for (size_t f = 0; f < sizeof fmts / sizeof *fmts; f++)
            check_double(fmts[f], edges[i]);
    for (int i = 0; i < 200000; i++) {
        double d = random_double();
        check_double("%f", d);
        check_double("%.18f", d);
        check_prec((int)(next_random() % 19), d);
    }
    pdf_printf_fast(false);
    assert_int_equal(failures, 0);
}

static void check_ints(const char *fmt, int width, long v)
{
    char got[200], want[200];
    int g, w;
    if (strchr(fmt, '*')) {
        if (strchr(fmt, 'l')) {
            g = snprintf(got, sizeof got, fmt, width, v);
            w = reference(want, sizeof want, fmt, width, v);
        } else {
            g = snprintf(got, sizeof got, fmt, width, (int)v);
            w = reference(want, sizeof want, fmt, width, (int)v);
        }
    } else if (strchr(fmt, 'l')) {
        g = snprintf(got, sizeof got, fmt, v);
        w = reference(want, sizeof want, fmt, v);
    } else {
        g = snprintf(got, sizeof got, fmt, (int)v);
        w = reference(want, sizeof want, fmt, (int)v);
    }
    same(fmt, got, g, want, w);
}

static void integers_as_glibc(void **state)
{
    (void)state;
    pdf_printf_fast(true);
    const char *fmts[] = {"%d",   "%i",   "%u",   "%x",   "%X",   "%o",
                          "%02x", "%04x", "%5d",  "%05d", "%0*x", "%*d",
                          "%ld",  "%lu",  "%lx",  "%0*lx", "%*u", "%08X"};
    static const long edges[] = {0, 1, -1, 9, 10, 15, 16, 255, 256, 65535,
                                 2147483647L, -2147483647L - 1, 4294967295L,
                                 9223372036854775807L,
                                 -9223372036854775807L - 1};
    for (size_t f = 0; f < sizeof fmts / sizeof *fmts; f++) {
        for (size_t i = 0; i < sizeof edges / sizeof *edges; i++)
            for (int wd = -12; wd <= 12; wd += 3)
                check_ints(fmts[f], wd, edges[i]);
        for (int i = 0; i < 20000; i++) {
            uint64_t r = next_random();
            long v = (long)(r >> (r & 63));
            check_ints(fmts[f], (int)(next_random() % 41) - 20, v);
        }
    }
    pdf_printf_fast(false);
    assert_int_equal(failures, 0);
}

/* Truncation and the return value, as snprintf's contract has them. */
static void truncates_as_glibc(void **state)
{
    (void)state;
    pdf_printf_fast(true);
    for (size_t n = 0; n < 12; n++) {
        char got[16], want[16];
        memset(got, 'x', sizeof got);
        memset(want, 'x', sizeof want);
        int g = snprintf(got, n, "%f", 841.890625);
        int w = reference(want, n, "%f", 841.890625);
        assert_int_equal(g, w);
        assert_memory_equal(got, want, sizeof got);
        memset(got, 'x', sizeof got);
        memset(want, 'x', sizeof want);
        g = snprintf(got, n, "%04x", 0x1a3);
        w = reference(want, n, "%04x", 0x1a3);
        assert_int_equal(g, w);
        assert_memory_equal(got, want, sizeof got);
    }
    pdf_printf_fast(false);
}

/* Formats the fast path does not take, and every format with it off. */
static void other_formats_reach_glibc(void **state)
{
    (void)state;
    char got[400];
    for (int on = 0; on < 2; on++) {
        pdf_printf_fast(on);
        assert_int_equal(snprintf(got, sizeof got, "%s=%d", "n", 42), 4);
        assert_string_equal(got, "n=42");
        assert_int_equal(snprintf(got, sizeof got, "%g", 0.5), 3);
        assert_string_equal(got, "0.5");
        snprintf(got, sizeof got, "%.3d|%-4d|%+d|% d", 7, 7, 7, 7);
        assert_string_equal(got, "007|7   |+7| 7");
        snprintf(got, sizeof got, "%8.2f|%e", 3.14159, 1234.5);
        assert_string_equal(got, "    3.14|1.234500e+03");
        snprintf(got, sizeof got, "%.19f", 0.25);
        assert_string_equal(got, "0.2500000000000000000");
        char want[400];
        assert_int_equal(snprintf(got, sizeof got, "%f", 1e300),
                         reference(want, sizeof want, "%f", 1e300));
        assert_string_equal(got, want);
        snprintf(got, sizeof got, "%d%%", 5);
        assert_string_equal(got, "5%");
    }
    pdf_printf_fast(false);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(doubles_as_glibc),
        cmocka_unit_test(integers_as_glibc),
        cmocka_unit_test(truncates_as_glibc),
        cmocka_unit_test(other_formats_reach_glibc),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
