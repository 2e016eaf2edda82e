/* fuzz_html.c - libFuzzer harness for the HTML reader (not built by default;
 * see README.md in this directory).
 *
 * The first input byte picks the way in: even forces the HTML reader
 * (--from html), odd lets the byte-level sniffing choose; the rest is the
 * page. The invariants are those of fuzz_read.c, whose checks are reused
 * here by including it with its entry point renamed: a read succeeds with
 * a sound model on which analysis and JSON succeed, or fails with
 * BL_EINPUT, the file's name, a message and a line inside the file.
 */
#define LLVMFuzzerTestOneInput fuzz_read_one_input
#include "fuzz_read.c"
#undef LLVMFuzzerTestOneInput

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    bl_aliases *aliases = fuzz_aliases();
    if (size < 1)
        return 0;
    const char *format = data[0] % 2 ? NULL : "html";
    const char *text = (const char *)data + 1;
    size_t len = size - 1;
    int score = bl_sniff_html(NAME, (const unsigned char *)text, len);
    REQUIRE(score >= 0 && score <= 100);
    check_read(text, len, format, aliases);
    return 0;
}
