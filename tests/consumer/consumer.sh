#!/usr/bin/env bash
# Consumer tests (ctest label consumer): each way a project takes lkstudy in, built from scratch
# the way a new user would. Called by tests/consumer/CMakeLists.txt:
#   consumer.sh STEP
# with LKS_SOURCE_DIR, LKS_BUILD_DIR (the project's build), LKS_WORK (this test's folder),
# LKS_GENERATOR, LKS_CC, LKS_CXX and LKS_LAUNCHER (ccache, or empty) in the environment.
# Steps: install, find_package, add_subdirectory, fetchcontent, pkg_config, deb, version.
set -euo pipefail
step="$1"
programs="$LKS_SOURCE_DIR/tests/consumer/programs"
prefix="$LKS_WORK/prefix"
launcher=()
[ -z "${LKS_LAUNCHER:-}" ] || launcher=("$LKS_LAUNCHER")

# configure_and_build DIR [cmake args...]: the consumer project in programs/, in DIR.
configure_and_build() {
  local dir="$1"; shift
  rm -rf "$dir"
  cmake -S "$programs" -B "$dir" -G "$LKS_GENERATOR" \
    -DCMAKE_C_COMPILER="$LKS_CC" -DCMAKE_CXX_COMPILER="$LKS_CXX" \
    -DCMAKE_C_COMPILER_LAUNCHER="${LKS_LAUNCHER:-}" -DCMAKE_CXX_COMPILER_LAUNCHER="${LKS_LAUNCHER:-}" \
    "$@" >"$dir.configure.log" 2>&1 || { cat "$dir.configure.log"; return 1; }
  cmake --build "$dir" -j 2
}

# run_programs DIR [LD_LIBRARY_PATH]: the three programs must print their success lines.
run_programs() {
  local dir="$1" libs="${2:-}"
  LD_LIBRARY_PATH="$libs" "$dir/consumer_cxx" | grep '^ok: token'
  LD_LIBRARY_PATH="$libs" "$dir/consumer_c" | grep '^ok: token'
  LD_LIBRARY_PATH="$libs" "$dir/version_check"
}

# The vendored builds compile lkstudy itself, so they are kept cheap: the smallest library (fewer
# files), no build type (no optimisation or debug info; lkstudy must keep the parent's choice),
# and one binary-dir layout for add_subdirectory and FetchContent, so the second hits the cache.
vendored_options=(-DLKS_SOURCE_DIR="$LKS_SOURCE_DIR" -DLKS_WITH_ROOM_SERVICE=OFF
  -DLKS_WITH_SERVICE=OFF -DLKS_WITH_POSTGRES=OFF -DCMAKE_BUILD_TYPE=)

case "$step" in
  install)
    rm -rf "$prefix"
    cmake --install "$LKS_BUILD_DIR" --prefix "$prefix" >/dev/null
    test -f "$prefix/include/lks.h" && test -f "$prefix/include/lks/core/version.h"
    test -f "$prefix/lib/liblkstudy.a" && test -x "$prefix/bin/lkstudy"
    soname=$(objdump -p "$prefix/lib/liblkstudy.so" | awk '/SONAME/ { print $2 }')
    echo "installed into $prefix; SONAME $soname"
    [ "$soname" = "liblkstudy.so.0" ]
    test -L "$prefix/lib/liblkstudy.so.0" && test -f "$prefix/lib/liblkstudy.so.$(cd "$LKS_BUILD_DIR" && sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' CMakeCache.txt)"
    # Every exported symbol carries the version node LKS_0.
    if objdump -T "$prefix/lib/liblkstudy.so" | awk '$NF ~ /^lks_/ && $(NF-1) != "LKS_0"' | grep .; then
      echo "symbols above are not versioned LKS_0"; exit 1
    fi
    ;;
  find_package)
    configure_and_build "$LKS_WORK/find_package" -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH="$prefix"
    run_programs "$LKS_WORK/find_package" "$prefix/lib"
    ;;
  add_subdirectory|fetchcontent)
    configure_and_build "$LKS_WORK/$step" -DLKS_CONSUMER_MODE="$step" "${vendored_options[@]}"
    # lkstudy kept the parent's (empty) build type, and its tests and CLI stayed off.
    grep -qE '^CMAKE_BUILD_TYPE:[A-Z]+=$' "$LKS_WORK/$step/CMakeCache.txt"
    if test -e "$LKS_WORK/$step/lkstudy-build/src/cli/lkstudy"; then echo "the CLI was built"; exit 1; fi
    run_programs "$LKS_WORK/$step"
    ;;
  pkg_config)
    dir="$LKS_WORK/pkg_config"; rm -rf "$dir"; mkdir -p "$dir"
    export PKG_CONFIG_PATH="$prefix/lib/pkgconfig"
    # shellcheck disable=SC2046 # word splitting of pkg-config's output is the point
    "${launcher[@]}" "$LKS_CC" -std=c99 -Wall -Wextra -Werror "$programs/consumer.c" -o "$dir/consumer_c" \
      $(pkg-config --cflags --libs lkstudy)
    # --static: lkstudy-static's Requires.private (OpenSSL, SQLite, libcurl, libpq); --pure
    # (pkgconf, Debian's pkg-config): not their own static closures, since they link shared.
    # shellcheck disable=SC2046
    "${launcher[@]}" "$LKS_CXX" -std=c++20 -Wall -Wextra -Werror "$programs/consumer.cc" -o "$dir/consumer_cxx" \
      $(pkg-config --static --pure --cflags --libs lkstudy-static)
    LD_LIBRARY_PATH="$prefix/lib" "$dir/consumer_c" | grep '^ok: token'
    "$dir/consumer_cxx" | grep '^ok: token'
    if grep liblkstudy <<<"$(ldd "$dir/consumer_cxx")"; then echo "the static variant is not static"; exit 1; fi
    ;;
  deb)
    dir="$LKS_WORK/deb"; rm -rf "$dir"; mkdir -p "$dir/root"
    (cd "$LKS_BUILD_DIR" && cpack -G DEB -B "$dir/out" >"$dir/cpack.log" 2>&1) || { cat "$dir/cpack.log"; exit 1; }
    ls "$dir"/out/*.deb
    for deb in "$dir"/out/*.deb; do
      dpkg-deb -I "$deb" | grep -E '^ (Package|Version|Depends):'
      dpkg-deb -x "$deb" "$dir/root"
    done
    # (Read whole before grep -q: with pipefail, grep's early exit would fail dpkg-deb on SIGPIPE.)
    runtime_info=$(dpkg-deb -I "$dir"/out/liblkstudy0_*.deb)
    dev_info=$(dpkg-deb -I "$dir"/out/liblkstudy-dev_*.deb)
    grep -q 'Depends:.*libssl3' <<<"$runtime_info"
    grep -q 'Depends:.*liblkstudy0 (=' <<<"$dev_info"
    if command -v lintian >/dev/null; then
      # Errors fail the test; warnings are printed (a locally built package is not a Debian upload).
      lintian --no-tag-display-limit "$dir"/out/*.deb | tee "$dir/lintian.log" || true
      if grep -q '^E:' "$dir/lintian.log"; then echo "lintian reports errors"; exit 1; fi
    else
      echo "lintian not installed (scripts/setup.sh installs it)"; exit 1
    fi
    configure_and_build "$dir/consumer" -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH="$dir/root/usr"
    run_programs "$dir/consumer" "$dir/root/usr/lib"
    ;;
  version)
    dir="$LKS_WORK/version"; rm -rf "$dir"; mkdir -p "$dir/fake"
    # The stand-in has the real one's SONAME and symbol version, so the loader takes it.
    printf 'LKS_0 { global: lks_*; local: *; };\n' >"$dir/fake.map"
    "$LKS_CC" -shared -fPIC -Wl,-soname,liblkstudy.so.0 -Wl,--version-script="$dir/fake.map" \
      "$programs/fake_major.c" -o "$dir/fake/liblkstudy.so.0"
    "$LKS_CC" -std=c99 -I"$prefix/include" "$programs/version_check.c" -o "$dir/version_check" \
      -L"$prefix/lib" -llkstudy
    LD_LIBRARY_PATH="$prefix/lib" "$dir/version_check"
    if out=$(LD_LIBRARY_PATH="$dir/fake" "$dir/version_check" 2>&1); then
      echo "the check accepted a library of another major version: $out"; exit 1
    fi
    echo "$out"
    grep -q 'major versions differ' <<<"$out"
    ;;
  *)
    echo "unknown step $step" >&2; exit 2
    ;;
esac
