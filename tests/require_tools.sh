# Sourced by shell tests: require_tools TOOL... exits 77 (skip) when one is
# missing, or fails in CI (CI=true), where every tool must be installed.
require_tools() {
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null 2>&1 && continue
    if [ "${CI:-}" = true ]; then echo "FAIL: $tool missing"; exit 1; fi
    echo "skip: $tool missing"; exit 77
  done
}
