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
    static bl_aliases *aliases;
    if (!aliases) {
        bl_error err = {0};
        REQUIRE(bl_aliases_new(&aliases, &err) == BL_OK);
    }
    if (size < 1)
        return 0;
    const char *format = data[0] % 2 ? NULL : "html";
    const char *text = (const char *)data + 1;
    size_t len = size - 1;
    n_lines = 1;
    for (size_t i = 0; i < len; i++)
        n_lines += text[i] == '\n';
    has_null_text = memmem(text, len, "(null)", 6) != NULL;

    int score = bl_sniff_html(NAME, (const unsigned char *)text, len);
    REQUIRE(score >= 0 && score <= 100);

    bl_model *m = bl_model_new();
    bl_error err = {0};
    int rc = bl_read_bytes_into(m, NAME, text, len, format, &err);
    if (rc == BL_OK) {
        REQUIRE(m->n_documents == 1);
        check_document(m->documents);
        REQUIRE(bl_analyze(m, aliases, &err) == BL_OK);
        bl_buf out = BL_BUF_INIT;
        REQUIRE(bl_write_json(m, &out, &err) == BL_OK);
        bl_buf_free(&out);
    } else {
        REQUIRE(rc == BL_EINPUT && err.code == rc);
        REQUIRE(strcmp(err.file, NAME) == 0 && err.message[0]);
        REQUIRE((err.line >= 1 && err.line <= n_lines) ||
                (err.line == 0 && bl_text_blank_n(text, len)));
        REQUIRE(m->n_documents == 0);
    }
    bl_model_free(m);
    return 0;
}
