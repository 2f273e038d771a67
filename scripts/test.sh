#!/usr/bin/env bash
# Sets everything up (scripts/setup.sh), builds, and runs every test: unit, C ABI, CLI, interop
# with LiveKit's SDKs, the sanitizer (ASan+UBSan) build of the unit tests, a short libFuzzer run of
# every fuzz target (label fuzz) and the ThreadSanitizer build of the concurrent tests (label
# tsan), all through ctest.
# Exits non-zero on any failure; the last lines are ctest's summary.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
# The sanitizer build has its own folder; the main build's ctest runs its tests as "sanitizers".
export LKS_SANITIZER_BUILD_DIR="$LKS_ROOT/build-asan"
# The libFuzzer build (clang, ASan+UBSan; scripts/fuzz.sh) and the ThreadSanitizer build: only the
# targets their ctest entries run are built there.
export LKS_FUZZ_BUILD_DIR="$LKS_ROOT/build-fuzz" LKS_TSAN_BUILD_DIR="$LKS_ROOT/build-tsan"
source "$(dirname "${BASH_SOURCE[0]}")/fuzz.sh"
lks_setup
lks_build "$LKS_SANITIZER_BUILD_DIR" -DCMAKE_BUILD_TYPE=Debug -DLKS_SANITIZE=address,undefined \
  -DLKS_BUILD_BENCHMARKS=OFF -DLKS_BUILD_CLI=OFF -DLKS_BUILD_SHARED=OFF -DLKS_BUILD_NODE=OFF \
  -DLKS_BUILD_KOTLIN=OFF
lks_fuzz_build
cmake -S "$LKS_ROOT" -B "$LKS_TSAN_BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DLKS_SANITIZE=thread -DLKS_BUILD_BENCHMARKS=OFF -DLKS_BUILD_SHARED=OFF -DLKS_BUILD_NODE=OFF \
  -DLKS_BUILD_KOTLIN=OFF >/dev/null
cmake --build "$LKS_TSAN_BUILD_DIR" -j "$LKS_JOBS" --target lks_unit_tests lks_storage_tests \
  lks_store_worker lks_server_tests lks_capi_threads_test

# The Kotlin binding's Android build (bindings/kotlin/README.md) needs the NDK's CMake toolchain.
if [ -n "${ANDROID_NDK_HOME:-}" ] && [ -f "$ANDROID_NDK_HOME/build/cmake/android.toolchain.cmake" ]; then
  for abi in arm64-v8a x86_64; do
    lks_build "$LKS_ROOT/build-android-$abi" -DCMAKE_TOOLCHAIN_FILE="$ANDROID_NDK_HOME/build/cmake/android.toolchain.cmake" \
      -DANDROID_ABI="$abi" -DANDROID_PLATFORM=android-26 -DLKS_BUILD_TESTS=OFF -DLKS_BUILD_CLI=OFF \
      -DLKS_BUILD_BENCHMARKS=OFF -DLKS_BUILD_SHARED=OFF
  done
else
  echo "SKIPPED: Android NDK not installed (the Kotlin binding's arm64-v8a/x86_64 JNI builds; set ANDROID_NDK_HOME)"
fi

# EgressRealWorkerTest (tests/integration/egress_integration_test.cc) records with a real LiveKit
# Egress worker only when its binary is installed; say so here, where CI's output shows it.
if [ ! -x "$LKS_DEPS_DIR/bin/egress" ]; then
  echo "SKIPPED: EgressRealWorkerTest: no egress binary in $LKS_DEPS_DIR/bin (the Go module proxy answers 403 for github.com/livekit/egress; see docs/recording.md)"
fi

cd "$LKS_BUILD_DIR"
ctest --output-on-failure --timeout 600 -j "${LKS_TEST_JOBS:-2}" "$@"
