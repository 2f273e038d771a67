#!/usr/bin/env bash
# scripts/fuzz.sh [SECONDS] [TARGET...]: builds the libFuzzer targets of tests/fuzz with clang,
# ASan and UBSan (folder build-fuzz, or $LKS_FUZZ_BUILD_DIR) and runs each for SECONDS (default
# 60) one after the other, with its seed corpus, regressions and dictionary (tests/fuzz/run_fuzz.sh).
# The corpus it grows is kept in <build>/fuzz-work/<target>/corpus; a crash leaves its input in
# <build>/fuzz-work/<target>/artifacts/ and the script exits non-zero.
# Sourced by scripts/test.sh for lks_fuzz_build only.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
LKS_FUZZ_BUILD_DIR="${LKS_FUZZ_BUILD_DIR:-$LKS_ROOT/build-fuzz}"
LKS_FUZZ_TARGETS=(base64 iso_time dotenv token_verifier app_token webhook_receiver models
                  twirp_error rest_handler)

# lks_fuzz_build: configure (once) and build only the fuzz targets (and the library under them).
lks_fuzz_build() {
  cmake -S "$LKS_ROOT" -B "$LKS_FUZZ_BUILD_DIR" -G Ninja -DCMAKE_C_COMPILER=clang \
    -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_FLAGS="-fsanitize-ignorelist=$LKS_ROOT/tests/fuzz/sanitizer_ignorelist.txt" \
    -DLKS_SANITIZE=address,undefined,fuzzer-no-link -DLKS_WERROR=OFF \
    -DLKS_BUILD_BENCHMARKS=OFF -DLKS_BUILD_CLI=OFF -DLKS_BUILD_SHARED=OFF -DLKS_BUILD_NODE=OFF \
    -DLKS_BUILD_KOTLIN=OFF >/dev/null
  cmake --build "$LKS_FUZZ_BUILD_DIR" -j "$LKS_JOBS" --target lks_fuzz_targets
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  seconds="${1:-60}"
  shift || true
  targets=("$@")
  [ ${#targets[@]} -gt 0 ] || targets=("${LKS_FUZZ_TARGETS[@]}")
  lks_ensure_apt
  lks_fuzz_build
  failed=0
  for t in "${targets[@]}"; do
    echo "== $t (${seconds}s)"
    bash "$LKS_ROOT/tests/fuzz/run_fuzz.sh" "$LKS_FUZZ_BUILD_DIR/bin/lks_fuzz_$t" "$seconds" \
      "$LKS_FUZZ_BUILD_DIR/fuzz-work/$t" "$LKS_ROOT/tests/fuzz" "$t" || failed=1
  done
  exit $failed
fi
