#!/usr/bin/env bash
# Builds the libFuzzer harnesses: the library with clang's coverage
# instrumentation plus ASan/UBSan, then every tests/fuzz/fuzz_*.c against
# it (fuzz_read, fuzz_html, fuzz_office, fuzz_template, fuzz_pdf).
# Usage: bash tests/fuzz/build.sh [BUILD_DIR [HARNESS...]]   (default: build-fuzz, all)
set -euo pipefail
cd "$(dirname "$0")/../.."
dir=${1:-build-fuzz}
shift || true
harnesses=("$@")
[ ${#harnesses[@]} -gt 0 ] || harnesses=(fuzz_read fuzz_html fuzz_office fuzz_template fuzz_pdf)
flags="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
CC=clang cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=Debug -DBULLETIN_TESTS=OFF \
  "-DCMAKE_C_FLAGS=$flags" >/dev/null
cmake --build "$dir" -j2 --target bl_read --target bl_write --target bl_pdf
archives=()
for l in read pdf write mustache table model base; do archives+=("$dir/src/$l/libbl_$l.a"); done
for harness in "${harnesses[@]}"; do
  clang -g -O1 -std=gnu11 -Wall -Wextra -Werror \
    -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
    -Isrc/base -Isrc/model -Isrc/table -Isrc/read -Isrc/mustache -Isrc/write -Isrc/pdf \
    -Itests/fuzz "tests/fuzz/$harness.c" \
    "${archives[@]}" \
    $(pkg-config --libs libxml-2.0 libcjson uchardet libzip freexl cairo pangocairo pangoft2 fontconfig freetype2 harfbuzz harfbuzz-subset libdeflate zlib) \
    -lm -lpthread -o "$dir/$harness"
  echo "built $dir/$harness"
done
