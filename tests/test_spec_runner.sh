#!/usr/bin/env bash
# The spec runner (tests/test_spec.c) must fail, naming the key, on each
# wrong example of tests/spec/selfcheck/must-fail.md, and pass a right one.
set -u
runner="${BL_BUILD_DIR:-build}/tests/test_spec"
src="${BL_SOURCE_DIR:-.}"
[ -x "$runner" ] || { echo "no $runner"; exit 1; }
fail=0
out=$(cd "$src" && "$runner" tests/spec/selfcheck/must-fail.md 2>&1)
rc=$?
expect() {
    if ! grep -qF -- "$1" <<<"$out"; then
        echo "FAIL: the runner did not print: $1"
        fail=1
    fi
}
[ "$rc" -ne 0 ] || { echo "FAIL: the runner passed must-fail.md"; fail=1; }
expect 'spec: 0 passed, 9 failed'
expect 'must-fail.md:9: example failed'
expect 'documents[0].lists[0].projects[0].entries[0].department: expected "县住建局", got "县教育局"'
expect 'documents[0].lists[0].projects[0].entries[0].rates[0]: expected 73, got 72'
expect 'documents[0].lists[0].projects: expected 2 elements, got 1'
expect 'documents[0].no_such_key: missing (expected 1)'
expect 'documents[0].lists[0].projects[0].behind: expected true, got false'
expect 'documents[0].lists[0].projects[0].rate: expected null, got 72'
expect 'expected an error containing "no table header"; the input read without one'
expect 'expected a warning containing "row fits no column"'
expect 'expected an error containing "not a progress report", got "input.txt: error: file is empty"'
expect 'unexpected error: input.txt:1: error:'

# One example of it, fixed, passes: the runner is not failing everything.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sed -n '/^`\{32\} example$/,/^`\{32\}$/p' "$src/tests/spec/selfcheck/must-fail.md" |
    sed -n '1,6p' | sed 's/县住建局/县教育局/' >"$tmp/fixed.md"
if ! (cd "$src" && "$runner" "$tmp/fixed.md" >"$tmp/out" 2>&1); then
    echo "FAIL: the fixed example did not pass:"; cat "$tmp/out"; fail=1
fi
grep -qF 'spec: 1 passed, 0 failed' "$tmp/out" || { echo "FAIL: no pass count"; fail=1; }
[ $fail -eq 0 ] && echo "spec runner: every wrong example reported"
exit $fail
