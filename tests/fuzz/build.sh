#!/usr/bin/env bash
# Builds the libFuzzer harness: the library with clang's coverage
# instrumentation plus ASan/UBSan, then tests/fuzz/fuzz_read.c against it.
# Usage: bash tests/fuzz/build.sh [BUILD_DIR]   (default: build-fuzz)
set -euo pipefail
cd "$(dirname "$0")/../.."
dir=${1:-build-fuzz}
flags="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
CC=clang cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=Debug -DBULLETIN_TESTS=OFF \
  "-DCMAKE_C_FLAGS=$flags" >/dev/null
cmake --build "$dir" -j2 --target libbulletin
clang -g -O1 -std=gnu11 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
  -Isrc tests/fuzz/fuzz_read.c "$dir/libbulletin.a" \
  $(pkg-config --libs libxml-2.0 cairo pangocairo pangoft2 fontconfig freetype2 libcjson) \
  -lm -lpthread -o "$dir/fuzz_read"
echo "built $dir/fuzz_read"
