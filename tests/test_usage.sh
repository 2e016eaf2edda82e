#!/usr/bin/env bash
# The command line's refusals that test_cli.sh does not reach: per-command
# help, options given to a command they do not apply to (in each spelling),
# missing values and inputs, unknown styles and output formats, overrides
# that name nothing, directories where a file is wanted, two inputs of one
# stem into one directory, the ledger's preconditions, an invalid
# SOURCE_DATE_EPOCH; and --aliases and -- as they work. Each refusal: its
# exit code, its message, and nothing written. No PDF is rendered.
set -u
B=${BULLETIN:-build/bulletin}
SRC_DIR=$(pwd)
case $B in /*) ;; *) B=$SRC_DIR/$B ;; esac
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
has() { # has FILE PATTERN DESCRIPTION
  if grep -qE -- "$2" "$1"; then ok; else bad "$3: '$2' not in $(head -c 300 "$1")"; fi
}
P=$SRC_DIR/examples/002_d2b346bc7988df13.txt
Q=$SRC_DIR/examples/004_4439fbf7470fe794.txt

# --- help of one command ------------------------------------------------
expect 0 "help check" -- "$B" help check
has "$T/stdout" "^usage: bulletin check FILE\.\.\. \[--error" "help check prints check's usage"
expect 0 "check --help" -- "$B" check --help
has "$T/stdout" "^usage: bulletin check " "check --help"
expect 0 "template --help" -- "$B" template --help
has "$T/stdout" "^usage: bulletin template TEMPLATE DATA\.json" "template --help"

# --- options outside their commands ---------------------------------------
expect 2 "parse --font-dir" -- "$B" parse --font-dir "$T" "$P"
has "$T/stderr" "option '--font-dir' does not apply to parse \(only to pdf, build, site\)" \
  "--font-dir names its commands"
expect 2 "check -oFILE" -- "$B" check -o"$T/x" "$P"
has "$T/stderr" "check: option '-o$T/x' does not apply to check" "-oFILE on check"
expect 2 "check --output=FILE" -- "$B" check --output="$T/x" "$P"
has "$T/stderr" "option '--output' does not apply to check" "--output= on check"
if [ ! -e "$T/x" ]; then ok; else bad "a refused -o wrote $T/x"; fi

# --- values and inputs ------------------------------------------------------
expect 2 "--from without value" -- "$B" parse "$P" --from
has "$T/stderr" "option '--from' needs a value" "--from at the end"
expect 2 "unknown style" -- "$B" pdf --style fancy "$P" -o "$T/s.pdf"
has "$T/stderr" "unknown style 'fancy' \(known: default, gongwen\)" "--style fancy"
expect 2 "--to csv" -- "$B" parse --to csv "$P"
has "$T/stderr" "unknown output format 'csv'" "--to csv"
expect 2 "--period names nothing" -- "$B" parse --period 无期 "$P"
has "$T/stderr" "^bulletin: error: --period '无期' names no period" "--period 无期 (named as the program's error)"
if [ ! -s "$T/stdout" ]; then ok; else bad "a refused --period printed a model"; fi
expect 2 "--lag-tolerance abc" -- "$B" parse --lag-tolerance abc "$P"
has "$T/stderr" "--lag-tolerance 'abc' is not a number" "--lag-tolerance abc"
expect 2 "site without inputs" -- "$B" site -o "$T/site/"
has "$T/stderr" "site: no input files" "site without inputs"
expect 2 "check without inputs" -- "$B" check
has "$T/stderr" "check: no input files" "check without inputs"
printf 'hello\n' >"$T/hello.txt"
expect 1 "check of a non-report" -- "$B" check "$T/hello.txt"
has "$T/stderr" "hello.txt:1: error: not a progress report" "check names the input"
expect 1 "check --format json of a non-report" -- "$B" check --format json "$T/hello.txt"
if [ ! -s "$T/stdout" ]; then ok; else bad "check --format json printed on error"; fi

# --- directories where a file is wanted -------------------------------------
expect 2 "view -o DIR/" -- "$B" view "$P" -o "$T/"
has "$T/stderr" "view: -o $T/ is a directory; give a file name" "view -o DIR/"
printf '{{x}}\n' >"$T/t.mustache"
printf '{"x": 1}\n' >"$T/ok.json"
printf '{"x": \n' >"$T/bad.json"
expect 2 "template with one input" -- "$B" template "$T/t.mustache"
has "$T/stderr" "template: expected TEMPLATE DATA\.json" "template with one input"
expect 2 "template -o DIR" -- "$B" template "$T/t.mustache" "$T/ok.json" -o "$T"
has "$T/stderr" "template: -o $T is a directory" "template -o DIR"
expect 1 "template of bad JSON" -- "$B" template "$T/t.mustache" "$T/bad.json" -o "$T/t.out"
has "$T/stderr" "bad.json: error: not valid JSON \(near byte [0-9]+\)" "template's bad JSON"
if [ ! -e "$T/t.out" ]; then ok; else bad "template of bad JSON wrote its output"; fi
expect 0 "template" -- "$B" template "$T/t.mustache" "$T/ok.json" -o "$T/t.out"
if [ "$(cat "$T/t.out")" = 1 ]; then ok; else bad "template wrote '$(cat "$T/t.out")'"; fi

# Partials of `bulletin template`: beside the template (a template named
# without a directory: the working directory), or in --partials; never
# outside it, by name or by a symbolic link.
mkdir -p "$T/tp/parts" "$T/tp/sub"
printf '{"x": "<b>"}\n' >"$T/tp/d.json"
printf 'A{{> p}}Z\n' >"$T/tp/t.mustache"
printf '[{{x}}]' >"$T/tp/p.mustache"
(cd "$T/tp" && "$B" template t.mustache d.json >"$T/stdout" 2>"$T/stderr"); rc=$?
if [ $rc -eq 0 ] && [ "$(cat "$T/stdout")" = 'A[&lt;b&gt;]Z' ]; then ok; else
  bad "template beside its partial: exit $rc, '$(cat "$T/stdout")'"; fi
printf '{{> ../p}}' >"$T/tp/sub/up.mustache"
expect 1 "partial ../p" -- "$B" template "$T/tp/sub/up.mustache" "$T/tp/d.json"
has "$T/stderr" "up.mustache:1:1: error: partial name '\.\./p' reaches outside the partials directory" \
  "partial ../p"
printf 'secret' >"$T/secret.mustache"
ln -s "$T/secret.mustache" "$T/tp/parts/s.mustache"
printf '{{> s}}' >"$T/tp/parts/t.mustache"
expect 1 "partial linked outside" -- "$B" template "$T/tp/parts/t.mustache" "$T/tp/d.json"
has "$T/stderr" "error: partial 's\.mustache' resolves to .*secret\.mustache, outside the partials directory" \
  "partial linked outside"
if ! grep -q secret "$T/stdout"; then ok; else bad "a partial outside was rendered"; fi
expect 1 "partial not in --partials" -- "$B" template "$T/tp/t.mustache" "$T/tp/d.json" \
  --partials "$T/tp/parts"
has "$T/stderr" "t.mustache:1:2: error: unknown partial 'p'" "--partials replaces the template's directory"
expect 1 "template missing" -- "$B" template "$T/tp/none.mustache" "$T/tp/d.json"
has "$T/stderr" "none.mustache: error: cannot open: No such file or directory" "template missing"

# --- two inputs of one stem into one directory --------------------------------
mkdir -p "$T/a" "$T/b" "$T/o"
cp "$P" "$T/a/x.txt"
cp "$P" "$T/b/x.txt"
expect 2 "same stem twice" -- "$B" html "$T/a/x.txt" "$T/b/x.txt" -o "$T/o/"
has "$T/stderr" "b/x.txt: error: has the same name as $T/a/x.txt; outputs would collide" \
  "same stem twice"

# With --keep-going the first is written, the second and a non-report refused.
printf 'hello\n' >"$T/hello.txt"
expect 1 "same stem twice, --keep-going" -- "$B" html --keep-going "$T/a/x.txt" "$T/b/x.txt" \
  "$T/hello.txt" -o "$T/o/"
has "$T/stderr" "b/x.txt: error: has the same name as $T/a/x.txt; outputs would collide" \
  "same stem twice, --keep-going"
has "$T/stderr" "1 of 3 reports written; 2 refused: $T/b/x.txt, $T/hello.txt" "--keep-going tally"
if [ -s "$T/o/x.html" ]; then ok; else bad "--keep-going did not write the first x.html"; fi

# --- numbers out of range (checked before anything is read) -------------------
for v in 0 65 3x ""; do
  expect 2 "--jobs '$v'" -- "$B" pdf --jobs "$v" "$P" -o "$T/j.pdf"
  has "$T/stderr" "--jobs takes a number of threads from 1 to 64, not '$v'" "--jobs '$v'"
done
for v in 5 24.5 12pt; do
  expect 2 "--font-size '$v'" -- "$B" pdf --font-size "$v" "$P" -o "$T/j.pdf"
  has "$T/stderr" "--font-size takes a size in points from 6 to 24, not '$v'" "--font-size '$v'"
done
if [ ! -e "$T/j.pdf" ]; then ok; else bad "a refused --jobs or --font-size wrote the PDF"; fi

# --- the ledger's preconditions -----------------------------------------------
expect 2 "ledger with --grid" -- "$B" parse --grid "$P" -o "$T/l.xlsx"
has "$T/stderr" "the ledger is written to a file \(-o NAME\.xlsx\), without --grid" "--grid ledger"
expect 2 "ledger of two reports" -- "$B" parse "$P" "$Q" -o "$T/l.xlsx"
has "$T/stderr" "a ledger holds one report; 2 were given" "two-report ledger"
if [ ! -e "$T/l.xlsx" ]; then ok; else bad "a refused ledger was written"; fi
SOURCE_DATE_EPOCH=abc expect 0 "ledger with a bad SOURCE_DATE_EPOCH" -- \
  "$B" parse "$P" -o "$T/l.xlsx"
has "$T/stderr" "warning: ignoring invalid SOURCE_DATE_EPOCH 'abc'" "bad SOURCE_DATE_EPOCH"
if [ -s "$T/l.xlsx" ]; then ok; else bad "no ledger with a bad SOURCE_DATE_EPOCH"; fi

# --- --aliases and -- ---------------------------------------------------------
printf '{"住建局": "建设局"}\n' >"$T/al.json"
expect 0 "--aliases" -- "$B" parse --aliases "$T/al.json" "$P"
n_new=$(grep -c '"department_key": "建设局"' "$T/stdout")
n_old=$(grep -c '"department_key": "住建局"' "$T/stdout")
if [ "$n_new" -ge 1 ] && [ "$n_old" -eq 0 ]; then ok; else
  bad "--aliases: 建设局 $n_new times, 住建局 $n_old times"; fi
printf '{\n' >"$T/badal.json"
expect 1 "--aliases of bad JSON" -- "$B" parse --aliases "$T/badal.json" "$P"
has "$T/stderr" "badal.json:[0-9]+: error: alias table is not valid JSON" "bad alias table"
cp "$P" "$T/-x.txt"
(cd "$T" && "$B" parse -- -x.txt >"$T/dash.json" 2>"$T/stderr"); rc=$?
if [ $rc -eq 0 ]; then ok; else bad "parse -- -x.txt: exit $rc"; cat "$T/stderr"; fi
has "$T/dash.json" '"source": "-x\.txt"' "-- makes -x.txt an input"

echo "usage: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
