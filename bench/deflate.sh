#!/usr/bin/env bash
# bench/deflate.sh - zlib against libdeflate on the streams of real
# briefings (bench/deflate_streams.c): a briefing of N projects is made
# with `bulletin pdf --jobs 1`, its streams inflated back (python3's zlib)
# into one file, and each compressor times deflating them all.
#
#   bash bench/deflate.sh            # N = 130 and 10000
#   NS="1000" bash bench/deflate.sh
#
# Environment: BULLETIN (default build/bulletin), NS, WORK (default
# /tmp/bulletin-deflate). Needs libdeflate-dev and zlib1g-dev.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
BULLETIN=${BULLETIN:-$root/build/bulletin}
NS=${NS:-"130 10000"}
WORK=${WORK:-/tmp/bulletin-deflate}
mkdir -p "$WORK"
cc -O2 -Wall -Wextra -o "$WORK/deflate_streams" "$here/deflate_streams.c" -ldeflate -lz
for n in $NS; do
  python3 "$here/gen_report.py" "$n" --seed 1 --shape cells -o "$WORK/r$n.txt"
  SOURCE_DATE_EPOCH=1700000000 "$BULLETIN" pdf --jobs 1 "$WORK/r$n.txt" -o "$WORK/r$n.pdf" >/dev/null
  python3 - "$WORK/r$n.pdf" "$WORK/r$n.bin" <<'PY'
import re, struct, sys, zlib
d = open(sys.argv[1], 'rb').read()
n = total = 0
with open(sys.argv[2], 'wb') as out:
    for m in re.finditer(rb'/Length (\d+)[^>]*>>\s*stream\r?\n', d):
        s = d[m.end():m.end() + int(m.group(1))]
        try:
            r = zlib.decompress(s)
        except zlib.error:
            continue
        out.write(struct.pack('<I', len(r)) + r)
        n += 1
        total += len(r)
print(f"{sys.argv[1].rsplit('/', 1)[-1]}: {n} streams, {total} bytes inflated")
PY
  "$WORK/deflate_streams" "$WORK/r$n.bin"
done
