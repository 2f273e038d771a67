#!/usr/bin/env bash
# Sets everything up (scripts/setup.sh), builds, and runs every test: unit, C ABI, CLI, interop
# with LiveKit's SDKs, and the sanitizer (ASan+UBSan) build of the unit tests, all through ctest.
# Exits non-zero on any failure; the last lines are ctest's summary.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
# The sanitizer build has its own folder; the main build's ctest runs its tests as "sanitizers".
export LKS_SANITIZER_BUILD_DIR="$LKS_ROOT/build-asan"
lks_setup
lks_build "$LKS_SANITIZER_BUILD_DIR" -DCMAKE_BUILD_TYPE=Debug -DLKS_SANITIZE=address,undefined \
  -DLKS_BUILD_BENCHMARKS=OFF -DLKS_BUILD_CLI=OFF -DLKS_BUILD_SHARED=OFF -DLKS_BUILD_NODE=OFF

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

cd "$LKS_BUILD_DIR"
ctest --output-on-failure --timeout 600 -j "${LKS_TEST_JOBS:-2}" "$@"
