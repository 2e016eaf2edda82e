# Sourced by the tests that write PDFs (not a test itself): qpdf_check_all
# DIR runs `qpdf --check` on every PDF file under DIR and prints one line
# per file that fails it or draws a warning; returns the number of those.
# Without qpdf: a failure when CI=true, else a note (return 0).
qpdf_check_all() {
  local dir=$1 f n=0 bad=0 out
  if ! command -v qpdf >/dev/null 2>&1; then
    if [ "${CI:-}" = true ]; then echo "FAIL: qpdf missing"; return 1; fi
    echo "note: qpdf missing, PDFs not checked"; return 0
  fi
  while IFS= read -r -d '' f; do
    n=$((n + 1))
    out=$(qpdf --check "$f" 2>&1)
    if [ $? -ne 0 ] || grep -qi "warning" <<<"$out"; then
      bad=$((bad + 1))
      echo "FAIL: qpdf --check ${f#"$dir"/}: $(grep -i -m2 "warning\|error" <<<"$out" | tr '\n' ' ')"
    fi
  done < <(find "$dir" -type f -name '*.pdf' -print0)
  echo "qpdf --check: $n PDFs, $bad with warnings or errors"
  [ "$n" -gt 0 ] || { echo "FAIL: no PDF under $dir to check"; return 1; }
  return "$bad"
}

# The PDF's objects uncompressed (object streams unpacked), for greps.
qpdf_plain() { qpdf --qdf --object-streams=disable "$1" - 2>/dev/null; }
