#!/usr/bin/env bash
# Install (issue 10 item 6): `cmake --install` into a temporary prefix, the
# prefix moved elsewhere, the source tree hidden (an empty tmpfs over it in a
# user and mount namespace, when the kernel allows one), and the examples
# rendered from there by the installed program; the man page matches --help;
# the bash completion completes.
set -u
SRC=$(pwd)
B=${BULLETIN:-build/bulletin}
case $B in /*) ;; *) B=$SRC/$B ;; esac
BUILD=${BL_BUILD_DIR:-$(dirname "$B")}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

if ! cmake --install "$BUILD" --prefix "$T/p" >"$T/install.log" 2>&1; then
  cat "$T/install.log"; echo "FAIL: cmake --install"; exit 1
fi
for f in bin/bulletin share/bulletin/templates/bulletin.html.mustache \
         share/bulletin/templates/partials share/bulletin/templates/style.css \
         share/bulletin/data/departments.json share/bulletin/data/status.json \
         share/bulletin/data/columns.json share/bulletin/fonts/fonts.conf \
         share/bulletin/settings.md share/man/man1/bulletin.1 \
         share/bash-completion/completions/bulletin; do
  if [ -e "$T/p/$f" ]; then ok; else bad "not installed: $f"; fi
done
# Moved: the installed program finds its data beside itself, not at the
# prefix it was installed to.
mv "$T/p" "$T/moved"
I=$T/moved/bin/bulletin
if [ "$("$I" --version | sed -n 's/^data: //p')" = "$T/moved/share/bulletin" ]; then ok
else bad "data directory: $("$I" --version)"; fi

mkdir -p "$T/work/in"
cp examples/*.txt "$T/work/in/"
cp tests/lsan.supp "$T/lsan.supp"
cat >"$T/render.sh" <<'SH'
set -u
cd "$1/work"
export LSAN_OPTIONS=suppressions=$1/lsan.supp SOURCE_DATE_EPOCH=1700000000
hidden=no
[ -z "$(ls -A "$2")" ] && hidden=yes
echo "source hidden: $hidden"
"$1/moved/bin/bulletin" build -q in/*.txt -o out/
SH
if unshare -rm true 2>/dev/null; then
  unshare -rm sh -c 'mount -t tmpfs none "$2" && bash "$1/render.sh" "$1" "$2"' sh "$T" "$SRC" >"$T/render.out" 2>&1
  rc=$?
  if grep -q "source hidden: yes" "$T/render.out"; then ok; else bad "source tree not hidden: $(cat "$T/render.out")"; fi
else
  echo "note: no user namespaces; the source tree stays in place (prefix still moved)"
  bash "$T/render.sh" "$T" "$SRC" >"$T/render.out" 2>&1
  rc=$?
fi
if [ $rc -eq 0 ]; then ok; else bad "installed build failed: $(cat "$T/render.out")"; fi
# The program names no path of the source tree (its data comes from
# share/bulletin/ beside it).
# Sanitizer and coverage builds name their source files by design (the
# checks' metadata, the .gcda paths; BULLETIN_SANITIZED, from
# tests/CMakeLists.txt): checked in the normal build only.
if [ -n "${BULLETIN_SANITIZED:-}" ]; then
  echo "note: sanitizer or coverage build; the no-source-path check runs in the normal build"
elif command -v objcopy >/dev/null 2>&1; then
  objcopy -O binary -j .rodata "$I" "$T/rodata" 2>/dev/null
  if ! strings "$T/rodata" | grep -qF "$SRC"; then ok; else bad "the program names the source tree: $(strings "$T/rodata" | grep -F "$SRC" | head -3)"; fi
fi
# The same bytes as the build tree's program.
mkdir -p "$T/ref"
(cd "$T/work" && SOURCE_DATE_EPOCH=1700000000 "$B" build -q in/*.txt -o "$T/ref/") 2>/dev/null
for src in examples/*.txt; do
  stem=$(basename "$src" .txt)
  for ext in json html pdf; do
    if [ -s "$T/work/out/$stem.$ext" ] && cmp -s "$T/work/out/$stem.$ext" "$T/ref/$stem.$ext"; then ok
    else bad "$stem.$ext from the installed program differs or is missing"; fi
  done
done

# The man page renders cleanly and names every option of every --help, and
# --help names every option the man page describes.
if command -v groff >/dev/null 2>&1; then
  warn=$(groff -k -Tutf8 -man -ww -z "$T/moved/share/man/man1/bulletin.1" 2>&1)
  if [ -z "$warn" ]; then ok; else bad "groff warnings: $warn"; fi
fi
{ "$I" --help; for c in parse html pdf build template view site; do "$I" "$c" --help; done; } >"$T/help"
grep -oE -- '(^|[ ,[(])--?[a-zA-Z][a-z-]*' "$T/help" | sed 's/^[ ,[(]//' | sort -u >"$T/help.opts"
sed 's/\\-/-/g' "$T/moved/share/man/man1/bulletin.1" | grep -v '^\.\\"' >"$T/man.txt"
grep -oE -- '(^|[ ,[(])--?[a-zA-Z][a-z-]*' "$T/man.txt" | sed 's/^[ ,[(]//' | sort -u >"$T/man.opts"
while read -r o; do
  if grep -qE -- "(^|[ ,])$o([ ,=]|$)" "$T/man.txt"; then ok; else bad "man page lacks $o (in --help)"; fi
done <"$T/help.opts"
while read -r o; do
  case $o in -9703|-bbox) continue ;; esac
  if grep -qE -- "(^|[ ,[(])$o([] ,=.)]|$)" "$T/help"; then ok; else bad "--help lacks $o (in the man page)"; fi
done < <(grep -E -- '^--?[a-zA-Z]' "$T/man.opts")

# bash completion: commands, a command's options, a value list.
comp() { # comp WORDS... -> the completions of the last word
  bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _bulletin; echo "${COMPREPLY[*]}"' \
    sh "$T/moved/share/bash-completion/completions/bulletin" "$@"
}
if [ "$(comp bulletin pa)" = parse ]; then ok; else bad "completion of 'pa': $(comp bulletin pa)"; fi
if [ "$(comp bulletin pdf --lan)" = --landscape ]; then ok; else bad "completion of 'pdf --lan': $(comp bulletin pdf --lan)"; fi
if [ -z "$(comp bulletin parse --lan)" ]; then ok; else bad "parse offers --landscape"; fi
if [ "$(comp bulletin pdf --style g)" = gongwen ]; then ok; else bad "completion of --style"; fi
if [ "$(comp bulletin vi)" = view ]; then ok; else bad "completion of 'vi': $(comp bulletin vi)"; fi
if [ "$(comp bulletin view --frag)" = --fragment ]; then ok; else bad "completion of 'view --frag': $(comp bulletin view --frag)"; fi
if [ "$(comp bulletin site --no-p)" = --no-pdf ]; then ok; else bad "completion of 'site --no-p': $(comp bulletin site --no-p)"; fi

echo "install: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
