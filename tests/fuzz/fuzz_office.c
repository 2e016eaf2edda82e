/* fuzz_office.c - libFuzzer harness for the office readers (XLSX, DOCX,
 * XLS, CSV: the byte readers of reader.c); see README.md in this directory.
 *
 * The first input byte picks the way in: 0 sniffed from the bytes, 1 xlsx,
 * 2 docx, 3 xls (FreeXL, through its temporary file), 4 csv (modulo 5);
 * the rest is the file. The invariants are those of fuzz_read.c, whose
 * checks are reused by including it with its entry point renamed, except
 * that lines are rows and paragraphs, and an error about the container
 * (a damaged zip, a refused bomb) names no line. Every byte sniffer is
 * also run on the raw bytes and must give a score in 0..100.
 */
#define NAME "fuzz"
#define LLVMFuzzerTestOneInput fuzz_read_one_input
#include "fuzz_read.c"
#undef LLVMFuzzerTestOneInput

#include <limits.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const formats[] = {NULL, "xlsx", "docx", "xls", "csv"};
    bl_aliases *aliases = fuzz_aliases();
    if (size < 1)
        return 0;
    const char *format = formats[data[0] % 5];
    const unsigned char *bytes = data + 1;
    size_t len = size - 1;
    for (const bl_byte_reader *r = bl_byte_readers; r->name; r++) {
        int score = r->sniff_bytes(NAME, bytes, len);
        REQUIRE(score >= 0 && score <= 100);
    }
    check_read_lines((const char *)bytes, len, format, aliases, INT_MAX);
    return 0;
}
