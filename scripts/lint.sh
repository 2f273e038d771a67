#!/usr/bin/env bash
# Lint (ctest label `lint`):
#   scripts/lint.sh format          clang-format --dry-run -Werror over lkstudy's C/C++ sources
#   scripts/lint.sh tidy BUILD_DIR  clang-tidy (.clang-tidy) over src/core, using BUILD_DIR's
#                                   compile_commands.json
# To fix formatting: scripts/lint.sh format --fix (runs clang-format -i on the same files).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

# Our own C/C++ sources; vendored and generated code (node_modules, build folders) excluded.
sources() {
  if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    git ls-files --cached --others --exclude-standard -- '*.c' '*.cc' '*.h' | grep -v -e node_modules/ -e '^build'
  else
    find src include capi tests benchmarks bindings -name node_modules -prune -o \
      \( -name '*.c' -o -name '*.cc' -o -name '*.h' \) -print
  fi
}

case "${1:-}" in
  format)
    if [ "${2:-}" = "--fix" ]; then sources | xargs clang-format -i; exit 0; fi
    sources | xargs clang-format --dry-run -Werror
    echo "lint format: $(sources | wc -l) files formatted"
    ;;
  tidy)
    build="${2:?usage: lint.sh tidy BUILD_DIR}"
    [ -f "$build/compile_commands.json" ] || { echo "no $build/compile_commands.json"; exit 1; }
    files=$(ls src/core/*.cc)
    # GCC-only warning flags in the compile commands mean nothing to clang: not an error.
    clang-tidy -p "$build" --quiet --extra-arg=-Wno-unknown-warning-option $files
    echo "lint tidy: $(echo "$files" | wc -w) files clean"
    ;;
  *)
    echo "usage: lint.sh format [--fix] | tidy BUILD_DIR" >&2
    exit 2
    ;;
esac
