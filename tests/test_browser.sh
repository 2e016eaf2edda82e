#!/usr/bin/env bash
# test_browser.sh - loads every example's bulletin page in Debian's chromium
# (driven by playwright-core from npm, tests/browser/) at 1280x800 and
# 375x800; see tests/browser/browser.test.mjs for the checks. Screenshots go
# to out/screenshots/<stem>-<width>.png.
# Installs nothing but the pinned npm package (npm ci, only when
# tests/browser/node_modules is missing). Exit 77 (skip) when chromium or
# node is missing and CI is not "true".
# playwright-core is pinned at 1.60.0: the last line that runs on Debian 12's
# Node.js 18 (1.62 and later refuse anything older than Node 20).
set -u
cd "${BL_SOURCE_DIR:-.}" || exit 1
: "${BULLETIN:?BULLETIN must name the built bulletin program}"
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}

skip() {
    echo "$1"
    [ "${CI:-}" = "true" ] && exit 1
    exit 77
}
[ -x "$CHROMIUM" ] || skip "chromium is not installed ($CHROMIUM)"
command -v node >/dev/null 2>&1 || skip "node is not installed"

if [ ! -d tests/browser/node_modules/playwright-core ]; then
    command -v npm >/dev/null 2>&1 || skip "npm is not installed"
    if ! npm ci --prefix tests/browser --no-audit --no-fund >/dev/null 2>&1; then
        skip "npm ci --prefix tests/browser failed (no registry?)"
    fi
fi

pages=$(mktemp -d)
trap 'rm -rf "$pages"' EXIT

if ! "$BULLETIN" html examples/* -o "$pages" >/dev/null; then
    echo "FAIL: bulletin html examples/* -o $pages"
    exit 1
fi
# The model of each page, the test's independent account of what the page
# must show.
for input in examples/*; do
    stem=$(basename "${input%.*}")
    if ! "$BULLETIN" parse "$input" -o "$pages/$stem.json"; then
        echo "FAIL: bulletin parse $input"
        exit 1
    fi
done

CHROMIUM="$CHROMIUM" node tests/browser/browser.test.mjs "$pages" out/screenshots
