/* pdf_printf.c - snprintf and __snprintf_chk for cairo's PDF output; see
 * pdf_printf.h for why they are defined here.
 *
 * The fast path takes a format that is one conversion and nothing else:
 *   %[0][width|*][l]{d,i,u,x,X,o}   the integers of cairo's output stream
 *   %[.prec|.*]f, prec 0 to 18      _cairo_dtostr's coordinates
 * A double is m * 2^e exactly; its digits come from m * 10^prec * 2^e in
 * 128-bit integers, rounded half to even as glibc rounds in the default
 * rounding mode. A value that would not fit (|d| above about 2^74 at six
 * decimals), NaN and infinity go to glibc. */
#undef _FORTIFY_SOURCE /* no inline snprintf wrapper from stdio.h */
#include "pdf_printf.h"

#include <locale.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

int __snprintf_chk(char *s, size_t maxlen, int flag, size_t slen,
                   const char *format, ...);
int __vsnprintf_chk(char *s, size_t maxlen, int flag, size_t slen,
                    const char *format, va_list ap);

typedef unsigned __int128 u128;

enum { MAX_PREC = 18, MAX_WIDTH = 64 };

static _Thread_local bool fast_on;

bool pdf_printf_fast(bool on)
{
    bool was = fast_on;
    if (on) {
        const struct lconv *lc = localeconv();
        on = lc && strcmp(lc->decimal_point, ".") == 0;
    }
    fast_on = on;
    return was;
}

/* One conversion, as parsed from the format. */
typedef struct spec {
    bool zero, star_width, star_prec, is_long;
    int width, prec; /* prec -1: none */
    char conv;
} spec;

/* Whether fmt is exactly one conversion the fast path takes. */
static bool parse(const char *f, spec *sp)
{
    memset(sp, 0, sizeof *sp);
    sp->prec = -1;
    if (*f++ != '%')
        return false;
    if (*f == '0') {
        sp->zero = true;
        f++;
    }
    if (*f == '*') {
        sp->star_width = true;
        f++;
    } else {
        while (*f >= '0' && *f <= '9' && sp->width <= MAX_WIDTH)
            sp->width = sp->width * 10 + (*f++ - '0');
    }
    if (*f == '.') {
        f++;
        sp->prec = 0;
        if (*f == '*') {
            sp->star_prec = true;
            f++;
        } else {
            while (*f >= '0' && *f <= '9' && sp->prec <= MAX_PREC)
                sp->prec = sp->prec * 10 + (*f++ - '0');
        }
    }
    if (*f == 'l') {
        sp->is_long = true;
        f++;
    }
    sp->conv = *f;
    if (sp->conv == '\0' || f[1] != '\0' || sp->width > MAX_WIDTH)
        return false;
    if (sp->conv == 'f') /* as _cairo_dtostr writes it */
        return !sp->zero && !sp->star_width && sp->width == 0 &&
               !sp->is_long && sp->prec <= MAX_PREC;
    return strchr("diuxXo", sp->conv) && sp->prec < 0;
}

/* Digits of v in base (8, 10, 16), written backwards from end. */
static char *put_digits(char *end, unsigned long long v, unsigned base,
                        bool upper)
{
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    /* each base on its own: shifts and a division by a constant */
    if (base == 16) {
        do {
            *--end = digits[v & 15];
            v >>= 4;
        } while (v);
    } else if (base == 8) {
        do {
            *--end = (char)('0' + (int)(v & 7));
            v >>= 3;
        } while (v);
    } else {
        do {
            *--end = (char)('0' + (int)(v % 10));
            v /= 10;
        } while (v);
    }
    return end;
}

static char *put_decimal128(char *end, u128 v)
{
    while (v > UINT64_MAX) {
        *--end = (char)('0' + (int)(v % 10));
        v /= 10;
    }
    return put_digits(end, (unsigned long long)v, 10, false);
}

/* The integer conversion into out; its length. */
static int format_int(char *out, const spec *sp, int width,
                      unsigned long long mag, bool neg)
{
    char tmp[32];
    char *end = tmp + sizeof tmp;
    unsigned base = sp->conv == 'o' ? 8 : (sp->conv == 'x' || sp->conv == 'X') ? 16 : 10;
    char *d = put_digits(end, mag, base, sp->conv == 'X');
    int nd = (int)(end - d);
    bool left = width < 0;
    if (left)
        width = -width;
    int len = nd + (neg ? 1 : 0);
    int pad = width > len ? width - len : 0;
    char *p = out;
    if (!left && !sp->zero)
        for (int i = 0; i < pad; i++)
            *p++ = ' ';
    if (neg)
        *p++ = '-';
    if (!left && sp->zero)
        for (int i = 0; i < pad; i++)
            *p++ = '0';
    memcpy(p, d, (size_t)nd);
    p += nd;
    if (left)
        for (int i = 0; i < pad; i++)
            *p++ = ' ';
    return (int)(p - out);
}

/* d with prec decimals into out; its length, or -1: for glibc. */
static int format_fixed(char *out, double d, int prec)
{
    static const unsigned long long pow10[MAX_PREC + 1] = {
        1ULL, 10ULL, 100ULL, 1000ULL, 10000ULL, 100000ULL, 1000000ULL,
        10000000ULL, 100000000ULL, 1000000000ULL, 10000000000ULL,
        100000000000ULL, 1000000000000ULL, 10000000000000ULL,
        100000000000000ULL, 1000000000000000ULL, 10000000000000000ULL,
        100000000000000000ULL, 1000000000000000000ULL};
    uint64_t bits;
    memcpy(&bits, &d, sizeof bits);
    bool neg = bits >> 63;
    int biased = (int)((bits >> 52) & 0x7ff);
    uint64_t m = bits & ((1ULL << 52) - 1);
    if (biased == 0x7ff)
        return -1; /* NaN, infinity */
    int e = biased ? biased - 1075 : -1074;
    if (biased)
        m |= 1ULL << 52;
    u128 t = (u128)m * pow10[prec]; /* below 2^113 */
    u128 q;
    if (e >= 0) {
        uint64_t hi = (uint64_t)(t >> 64);
        int bits_t = hi ? 128 - __builtin_clzll(hi) : 64 - __builtin_clzll((uint64_t)t);
        if (bits_t + e > 127)
            return -1;
        q = t << e;
    } else if (-e >= 128) {
        q = 0; /* below 2^-15 of the last digit: rounds to zero */
    } else {
        int s = -e;
        u128 r = t & ((((u128)1) << s) - 1);
        u128 half = ((u128)1) << (s - 1);
        q = t >> s;
        if (r > half || (r == half && (q & 1)))
            q++;
    }
    u128 ip = q / pow10[prec];
    unsigned long long frac = (unsigned long long)(q % pow10[prec]);
    char tmp[48];
    char *end = tmp + sizeof tmp;
    char *p = end;
    if (prec > 0) {
        for (int i = 0; i < prec; i++) {
            *--p = (char)('0' + (int)(frac % 10));
            frac /= 10;
        }
        *--p = '.';
    }
    p = put_decimal128(p, ip);
    if (neg)
        *--p = '-';
    int len = (int)(end - p);
    memcpy(out, p, (size_t)len);
    return len;
}

/* The fast path: the conversion sp with its arguments from ap into buf
 * (at least 160 bytes); its length, or -1 for glibc. */
static int format_one(char *buf, const spec *sp, va_list ap)
{
    int width = sp->star_width ? va_arg(ap, int) : sp->width;
    if (sp->conv == 'f') {
        int prec = sp->star_prec ? va_arg(ap, int) : sp->prec;
        double d = va_arg(ap, double);
        if (prec < 0)
            prec = 6;
        if (prec > MAX_PREC)
            return -1;
        return format_fixed(buf, d, prec);
    }
    if (width > MAX_WIDTH || width < -MAX_WIDTH)
        return -1;
    unsigned long long mag;
    bool neg = false;
    bool is_signed = sp->conv == 'd' || sp->conv == 'i';
    if (sp->is_long) {
        long v = va_arg(ap, long);
        neg = is_signed && v < 0;
        /* -(v + 1) + 1: LONG_MIN's magnitude without wrapping */
        mag = neg ? (unsigned long long)(-(v + 1)) + 1
                  : (is_signed ? (unsigned long long)v : (unsigned long)v);
    } else {
        int v = va_arg(ap, int);
        neg = is_signed && v < 0;
        mag = neg ? (unsigned long long)(-((long long)v + 1)) + 1
                  : (is_signed ? (unsigned long long)v : (unsigned)v);
    }
    return format_int(buf, sp, width, mag, neg);
}

/* Copies what was formatted as snprintf does; returns len. */
static int deliver(char *s, size_t maxlen, const char *buf, int len)
{
    if (maxlen > 0) {
        size_t n = (size_t)len < maxlen - 1 ? (size_t)len : maxlen - 1;
        memcpy(s, buf, n);
        s[n] = '\0';
    }
    return len;
}

/* The fast path if it takes fmt; -1 otherwise (ap untouched then). */
static int try_fast(char *s, size_t maxlen, const char *fmt, va_list ap)
{
    spec sp;
    if (!fast_on || !parse(fmt, &sp))
        return -1;
    char buf[160];
    va_list cp;
    va_copy(cp, ap);
    int len = format_one(buf, &sp, cp);
    va_end(cp);
    return len < 0 ? -1 : deliver(s, maxlen, buf, len);
}

int snprintf(char *restrict s, size_t maxlen, const char *restrict fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = try_fast(s, maxlen, fmt, ap);
    if (n < 0)
        n = vsnprintf(s, maxlen, fmt, ap);
    va_end(ap);
    return n;
}

int __snprintf_chk(char *s, size_t maxlen, int flag, size_t slen,
                   const char *format, ...)
{
    va_list ap;
    va_start(ap, format);
    int n = -1;
    if (slen >= maxlen) /* else glibc's own check reports the overflow */
        n = try_fast(s, maxlen, format, ap);
    if (n < 0)
        n = __vsnprintf_chk(s, maxlen, flag, slen, format, ap);
    va_end(ap);
    return n;
}
