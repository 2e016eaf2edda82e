#!/usr/bin/env bash
# test_html_tidy.sh - every example's bulletin page is valid HTML: Debian's
# `tidy -errors -quiet` reports no errors (warnings are listed, not fatal).
# Exit 77 (skip) only when tidy is missing and CI is not "true".
set -u
cd "${BL_SOURCE_DIR:-.}" || exit 1
: "${BULLETIN:?BULLETIN must name the built bulletin program}"

if ! command -v tidy >/dev/null 2>&1; then
    echo "tidy is not installed"
    [ "${CI:-}" = "true" ] && exit 1
    exit 77
fi

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

if ! "$BULLETIN" html examples/* -o "$out" >/dev/null; then
    echo "FAIL: bulletin html examples/* -o $out"
    exit 1
fi

pass=0 fail=0
for input in examples/*; do
    stem=$(basename "${input%.*}")
    page="$out/$stem.html"
    if [ ! -s "$page" ]; then
        echo "FAIL $stem: no page written"
        fail=$((fail + 1))
        continue
    fi
    report=$(tidy -errors -quiet "$page" 2>&1)
    status=$?
    # tidy exits 0 when clean, 1 with warnings only, 2 with errors.
    if [ "$status" -ge 2 ]; then
        echo "FAIL $stem: tidy reports errors"
        echo "$report" | head -20
        fail=$((fail + 1))
    else
        warnings=$(printf '%s' "$report" | grep -c 'Warning:')
        echo "ok   $stem: tidy reports 0 errors ($warnings warnings)"
        [ "$warnings" -gt 0 ] && echo "$report" | head -5
        pass=$((pass + 1))
    fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
