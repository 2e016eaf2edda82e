#!/usr/bin/env bash
# Where outputs go and what is left behind: standard output errors, targets
# that are not regular files, symbolic links, long paths, signals during a
# render, concurrent runs into one directory, the JSON source name.
set -u
B=${BULLETIN:-build/bulletin}
B=$(cd "$(dirname "$B")" && pwd)/$(basename "$B")
SRC=$(pwd)
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
. "$(dirname "${BASH_SOURCE[0]}")/qpdf_check.sh"
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
has() { # has FILE PATTERN DESCRIPTION
  if grep -qE -- "$2" "$1"; then ok; else bad "$3: '$2' not in $(head -c 300 "$1")"; fi
}
SEED=examples/002_d2b346bc7988df13.txt

# --- write errors on standard output --------------------------------------
if [ -w /dev/full ]; then
  "$B" parse "$SEED" >/dev/full 2>"$T/err"; rc=$?
  if [ $rc -eq 1 ]; then ok; else bad "parse >/dev/full: exit $rc, want 1"; fi
  has "$T/err" "error: .*standard output" "parse >/dev/full names standard output"
  "$B" parse "$SEED" -o - >/dev/full 2>"$T/err"; rc=$?
  if [ $rc -eq 1 ]; then ok; else bad "parse -o - >/dev/full: exit $rc, want 1"; fi
  printf '{{x}}\n' >"$T/t.mustache"; echo '{"x": "y"}' >"$T/d.json"
  "$B" template "$T/t.mustache" "$T/d.json" >/dev/full 2>"$T/err"; rc=$?
  if [ $rc -eq 1 ]; then ok; else bad "template >/dev/full: exit $rc, want 1"; fi
  has "$T/err" "error: .*standard output" "template >/dev/full names standard output"
  "$B" --version >/dev/full 2>/dev/null; rc=$?
  if [ $rc -eq 1 ]; then ok; else bad "--version >/dev/full: exit $rc, want 1"; fi
  "$B" build "$SEED" -o "$T/full" >/dev/full 2>/dev/null; rc=$?
  if [ $rc -eq 1 ]; then ok; else bad "build >/dev/full: exit $rc, want 1"; fi
fi
"$B" parse "$SEED" -o - >"$T/dash.json"
has "$T/dash.json" '"format": "pipe"' "-o - writes to standard output"
if [ ! -e ./- ]; then ok; else bad "-o - created a file named -"; fi

# --- a target that is not a regular file is refused ----------------------
mkfifo "$T/fifo.json"
expect 1 "parse -o FIFO" -- timeout 20 "$B" parse "$SEED" -o "$T/fifo.json"
has "$T/stderr" "fifo.json: error: not a regular file; refusing to replace it" "FIFO refused"
if [ -p "$T/fifo.json" ]; then ok; else bad "the FIFO was replaced"; fi
mkdir -p "$T/fifodir"; mkfifo "$T/fifodir/002_d2b346bc7988df13.html"
expect 1 "html onto a FIFO" -- timeout 20 "$B" html "$SEED" -o "$T/fifodir"
has "$T/stderr" "error: not a regular file; refusing to replace it" "FIFO in -o DIR refused"
if [ -p "$T/fifodir/002_d2b346bc7988df13.html" ]; then ok; else bad "the FIFO in DIR was replaced"; fi
mkdir -p "$T/adir.json"
# An existing directory is a directory of outputs (issue 10), never replaced.
expect 0 "parse -o a directory" -- "$B" parse "$SEED" -o "$T/adir.json"
if [ -d "$T/adir.json" ]; then ok; else bad "the directory was replaced"; fi
has "$T/adir.json/002_d2b346bc7988df13.json" '"format": "pipe"' "parse -o DIR writes DIR/<stem>.json"
if [ -z "$(find "$T" -name '*.tmp-*')" ]; then ok; else bad "refusals left temporary files"; fi
# A symbolic link is written through: the link stays, its file is replaced.
mkdir -p "$T/real" "$T/links"
echo old >"$T/real/model.json"
ln -s ../real/model.json "$T/links/model.json"
expect 0 "parse -o a symlink" -- "$B" parse "$SEED" -o "$T/links/model.json"
if [ -L "$T/links/model.json" ]; then ok; else bad "the symlink was replaced by a file"; fi
has "$T/real/model.json" '"format": "pipe"' "written through the link"
ln -s "$T/real/nothing.json" "$T/links/dangling.json"
expect 1 "parse -o a dangling symlink" -- "$B" parse "$SEED" -o "$T/links/dangling.json"
has "$T/stderr" "dangling.json: error: symbolic link to nothing" "dangling link refused"
if [ -L "$T/links/dangling.json" ] && [ ! -e "$T/real/nothing.json" ]; then ok; else bad "dangling link replaced or followed"; fi
ln -s "$T/fifo.json" "$T/links/tofifo.json"
expect 1 "parse -o a link to a FIFO" -- timeout 20 "$B" parse "$SEED" -o "$T/links/tofifo.json"
has "$T/stderr" "not a regular file; refusing to replace it" "link to FIFO refused"
expect 0 "html -o -" -- env -C "$T" "$B" html "$SRC/$SEED" -o -
has "$T/stdout" '^<!DOCTYPE html>' "html -o - writes the page to standard output"
if [ ! -e "$T/-" ]; then ok; else bad "html -o - created a file or directory named -"; fi
expect 2 "html -o - with two inputs" -- env -C "$T" "$B" html "$SRC/$SEED" "$SRC/examples/000_03b3a4d07901329f.txt" -o -
if [ ! -e "$T/-" ]; then ok; else bad "html -o - created a directory named -"; fi

# --- output paths longer than PATH_MAX: refused, nothing created ---------
long=$T/$(printf 'd%.0s' $(seq 200))
for i in $(seq 25); do long=$long/$(printf 'e%.0s' $(seq 180)); done
expect 2 "build -o a long path" -- "$B" build "$SEED" -o "$long"
has "$T/stderr" "too long" "long -o DIR named"
if [ ! -e "$T/$(printf 'd%.0s' $(seq 200))" ]; then ok; else bad "a long -o DIR created directories"; fi
expect 2 "parse -o a long path" -- "$B" parse "$SEED" -o "$long/m.json"
has "$T/stderr" "too long" "long -o FILE named"

# --- a render killed by a signal leaves no temporary file ------------------
python3 bench/gen_report.py 5000 --shape pipe -o "$T/big.txt"
# kill_during SIGNAL: start a PDF render, signal it once its temporary file
# exists, then check it died of the signal and left nothing behind.
kill_during() {
  local sig=$1 out=$T/sig-$1
  mkdir -p "$out"
  python3 - "$sig" "$B" "$T/big.txt" "$out" <<'PY' >"$T/sig.log" 2>&1
import glob, os, signal, subprocess, sys, time
sig = getattr(signal, "SIG" + sys.argv[1])
# Default dispositions in the child (a background shell ignores SIGINT).
def reset():
    for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(s, signal.SIG_DFL)
p = subprocess.Popen([sys.argv[2], "pdf", sys.argv[3], "-o", sys.argv[4]],
                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                     preexec_fn=reset)
deadline = time.time() + 60
while time.time() < deadline and p.poll() is None:
    if glob.glob(os.path.join(sys.argv[4], "*.tmp-*")):
        time.sleep(0.2)
        p.send_signal(sig)
        break
    time.sleep(0.01)
rc = p.wait()
print("rc", rc)
sys.exit(0 if rc == -sig else 1)
PY
  if [ $? -eq 0 ]; then ok; else bad "SIG$sig during pdf: not killed by it ($(cat "$T/sig.log"))"; fi
  local left
  left=$(find "$out" -name '*.tmp-*')
  if [ -z "$left" ]; then ok; else bad "SIG$sig during pdf left $left"; fi
}
for sig in TERM INT HUP; do kill_during $sig; done

# --- concurrent builds into one directory never mix their output sets -----
mkdir -p "$T/ca" "$T/cb"
cp "$T/big.txt" "$T/ca/x.txt"     # slow: a long PDF render
cp "$SEED" "$T/cb/x.txt"          # fast
# set_of DIR: the run (ALPHA or BRAVO) each of x.json, x.html, x.pdf is from.
set_of() {
  local j h p
  j=$(grep -oE '"title": "(ALPHA|BRAVO)' "$1/x.json" | grep -oE 'ALPHA|BRAVO')
  h=$(grep -oE '<title>(ALPHA|BRAVO)' "$1/x.html" | grep -oE 'ALPHA|BRAVO' | head -1)
  p=$(qpdf_plain "$1/x.pdf" | grep -aoE '/Title \((ALPHA|BRAVO)' | grep -oE 'ALPHA|BRAVO' | head -1)
  echo "$j $h $p"
}
for trial in 1 2 3; do
  out=$T/conc-$trial
  mkdir -p "$out"
  "$B" build -q "$T/ca/x.txt" --title ALPHA -o "$out" 2>/dev/null &
  pa=$!
  # The fast run starts once the slow one has written its JSON (trial 1; a
  # temporary file until the batch commits), or
  # at once (later trials), so without a lock it would finish in the middle.
  if [ $trial -eq 1 ]; then
    for _ in $(seq 600); do compgen -G "$out/x.json*" >/dev/null && break; sleep 0.05; done
  fi
  "$B" build -q "$T/cb/x.txt" --title BRAVO -o "$out" 2>/dev/null &
  pb=$!
  wait $pa; ra=$?; wait $pb; rb=$?
  if [ $ra -eq 0 ] && [ $rb -eq 0 ]; then ok; else bad "concurrent trial $trial: exit $ra, $rb"; fi
  set=$(set_of "$out")
  case "$set" in
    "ALPHA ALPHA ALPHA"|"BRAVO BRAVO BRAVO") ok ;;
    *) bad "concurrent trial $trial: json/html/pdf from '$set'" ;;
  esac
  if [ -z "$(find "$out" -name '*.tmp-*')" ]; then ok; else bad "concurrent trial $trial left temporary files"; fi
done

# --- the JSON source: relative to the working directory, else the file name
mkdir -p "$T/office/deep"
cp "$SEED" "$T/office/deep/r.txt"
"$B" parse "$SRC/$SEED" >"$T/src1.json"
has "$T/src1.json" "\"source\": \"$SEED\"" "an absolute path under the working directory is made relative"
(cd "$T/office" && "$B" parse "$T/office/deep/r.txt" >"$T/src2.json")
has "$T/src2.json" '"source": "deep/r.txt"' "absolute path relative to the working directory"
(cd "$T/office/deep" && "$B" parse ../deep/./r.txt >"$T/src3.json")
has "$T/src3.json" '"source": "r.txt"' "a relative path through .. normalised"
"$B" parse "$T/office/deep/r.txt" >"$T/src4.json"
has "$T/src4.json" '"source": "r.txt"' "outside the working directory: the file name"
if grep -q "$T" "$T/src4.json"; then bad "the JSON names the directories above"; else ok; fi
"$B" build -q "$T/office/deep/r.txt" -o "$T/srcb" && has "$T/srcb/r.json" '"source": "r.txt"' "build JSON source"
"$B" parse "$T/office/deep/r.txt" --source-name 月报.txt >"$T/src5.json"
has "$T/src5.json" '"source": "月报.txt"' "--source-name"
expect 2 "--source-name with two inputs" -- "$B" parse "$SEED" "$T/office/deep/r.txt" --source-name x

# --- many departments: the HTML view looks them up by hash -----------------
# 2k and 16k distinct departments: linear work grows 8x; the old per-entry
# search grew about 35x (0.13 s -> 4.6 s); allowed: 16x of CPU time (user +
# sys of the child, which a loaded machine changes far less than wall time).
depts() {
  python3 -c "
import sys
print('序号 | 项目名称 | 责任单位 | 进展情况 | 完成率 |')
for i in range(1, int(sys.argv[1]) + 1):
    print(f'{i} | 新建公园{i}号 | 第{i}号建设局 | 已完工 | {i % 100}% |')
" "$1" >"$T/dep$1.txt"
}
depts 2000; depts 16000
cpu_ms() {
  python3 -c 'import resource, subprocess, sys
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
r = resource.getrusage(resource.RUSAGE_CHILDREN)
print(int((r.ru_utime + r.ru_stime) * 1000))' "$@"
}
t2=$(cpu_ms "$B" html "$T/dep2000.txt" -o "$T/dep/")
t16=$(cpu_ms "$B" html "$T/dep16000.txt" -o "$T/dep/")
if [ -s "$T/dep/dep16000.html" ]; then ok; else bad "16k departments: no HTML"; fi
if [ "$t16" -le $((16 * t2 + 300)) ]; then ok; else bad "16k departments: ${t16} ms CPU, 2k: ${t2} ms (more than linear)"; fi
echo "html: 2k departments ${t2} ms, 16k ${t16} ms"

# --- many small lists split: the page is measured once per 1,000 rows --------
# Past 4,000 rows the page's rows are measured before it is rendered whole;
# measuring rendered the page once per list (4,100 one-row lists: 8,200
# renders of a page of 4,100 lists, minutes of CPU; 8,000 lists 531 s).
# Now about 5x the CPU of 512 lists (whose page is rendered whole) for 8x
# the lists; allowed: 12x.
lists() {
  python3 -c "
import sys
print('县民生实事项目进展情况')
for i in range(1, int(sys.argv[1]) + 1):
    print(f'第{i}批民生实事项目进展情况表\n序号\n项目内容\n牵头单位\n落实情况\n1\n新建公园{i}号\n县住建局\n已完成。')
" "$1" >"$T/lists$1.txt"
}
lists 512; lists 4100
t512=$(cpu_ms "$B" html "$T/lists512.txt" -o "$T/lists512/")
t4100=$(cpu_ms "$B" html "$T/lists4100.txt" -o "$T/lists4100/")
n_pages=$(find "$T/lists4100" -name 'lists4100*.html' | wc -l)
if [ "$n_pages" -eq 4101 ]; then ok; else bad "4,100 lists: $n_pages pages, not the index and 4,100 parts"; fi
if [ "$t4100" -le $((12 * t512 + 500)) ]; then ok; else bad "4,100 lists: ${t4100} ms CPU, 512: ${t512} ms (more than linear)"; fi
echo "html: 512 lists ${t512} ms, 4,100 lists ${t4100} ms"

# every PDF this script wrote passes qpdf --check without a warning
if qpdf_check_all "$T"; then ok; else bad "qpdf --check"; fi
echo "output: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
