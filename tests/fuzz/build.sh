#!/usr/bin/env bash
# Builds the libFuzzer harness: the library with clang's coverage
# instrumentation plus ASan/UBSan, then tests/fuzz/fuzz_read.c and
# tests/fuzz/fuzz_html.c against it
# (readers and the JSON writer link without Pango and Cairo).
# Usage: bash tests/fuzz/build.sh [BUILD_DIR]   (default: build-fuzz)
set -euo pipefail
cd "$(dirname "$0")/../.."
dir=${1:-build-fuzz}
flags="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
CC=clang cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=Debug -DBULLETIN_TESTS=OFF \
  "-DCMAKE_C_FLAGS=$flags" >/dev/null
cmake --build "$dir" -j2 --target bl_read --target bl_write
for harness in fuzz_read fuzz_html; do
  clang -g -O1 -std=gnu11 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
    -Isrc/base -Isrc/model -Isrc/table -Isrc/read -Isrc/mustache -Isrc/write -Itests/fuzz "tests/fuzz/$harness.c" \
    "$dir/src/read/libbl_read.a" "$dir/src/write/libbl_write.a" "$dir/src/mustache/libbl_mustache.a" "$dir/src/table/libbl_table.a" \
    "$dir/src/model/libbl_model.a" "$dir/src/base/libbl_base.a" \
    $(pkg-config --libs libxml-2.0 libcjson uchardet libzip freexl) \
    -lm -lpthread -o "$dir/$harness"
  echo "built $dir/$harness"
done
