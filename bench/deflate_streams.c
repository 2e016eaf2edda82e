/* bench/deflate_streams.c - the time and size of deflating a PDF's
 * streams with zlib (compress2, level 3: what bulletin used before) and
 * with libdeflate's whole-buffer compressor at levels 1 to 6 and 9.
 *
 *   deflate_streams STREAMS.bin
 *
 * STREAMS.bin holds the streams one after another, each as a 4-byte
 * little-endian length and its bytes (bench/deflate.sh writes it from a
 * briefing). Each compressor deflates every stream, 7 times over; the
 * median time and the total size are printed. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libdeflate.h>
#include <zlib.h>

#define ROUNDS 7

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Deflates every stream of b[0..n) once with level (0: zlib's level 3);
 * returns the bytes written. */
static size_t one_round(const unsigned char *b, size_t n, unsigned char *out,
                        size_t cap, int level)
{
    struct libdeflate_compressor *c =
        level ? libdeflate_alloc_compressor(level) : NULL;
    size_t total = 0;
    for (size_t p = 0; p + 4 <= n;) {
        uint32_t len;
        memcpy(&len, b + p, 4);
        p += 4;
        if (level == 0) {
            uLongf k = (uLongf)cap;
            if (compress2(out, &k, b + p, len, 3) != Z_OK)
                exit(1);
            total += k;
        } else {
            total += libdeflate_zlib_compress(c, b + p, len, out, cap);
        }
        p += len;
    }
    if (c)
        libdeflate_free_compressor(c);
    return total;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: deflate_streams STREAMS.bin\n");
        return 2;
    }
    FILE *f = fopen(argv[1], "rb");
    if (!f || fseek(f, 0, SEEK_END) != 0) {
        perror(argv[1]);
        return 1;
    }
    long n = ftell(f);
    rewind(f);
    unsigned char *b = malloc((size_t)n);
    if (!b || fread(b, 1, (size_t)n, f) != (size_t)n) {
        perror(argv[1]);
        return 1;
    }
    fclose(f);
    size_t cap = (size_t)n * 2 + 4096;
    unsigned char *out = malloc(cap);
    static const int levels[] = {0, 1, 2, 3, 4, 5, 6, 9};
    printf("| compressor | median ms | bytes |\n|---|---:|---:|\n");
    for (size_t i = 0; i < sizeof levels / sizeof *levels; i++) {
        double t[ROUNDS];
        size_t total = 0;
        for (int r = 0; r < ROUNDS; r++) {
            double t0 = now();
            total = one_round(b, (size_t)n, out, cap, levels[i]);
            t[r] = now() - t0;
        }
        qsort(t, ROUNDS, sizeof *t, by_value);
        if (levels[i])
            printf("| libdeflate %d | %.2f | %zu |\n", levels[i], t[ROUNDS / 2] * 1e3, total);
        else
            printf("| zlib 3 | %.2f | %zu |\n", t[ROUNDS / 2] * 1e3, total);
    }
    free(out);
    free(b);
    return 0;
}
