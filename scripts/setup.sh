#!/usr/bin/env bash
# Installs what lkstudy needs on a machine that has only the toolchains (gcc/g++, cmake, Go, Node,
# npm; Python 3 comes from Debian if missing), then configures and builds. Idempotent: each step
# checks first and does nothing when its result is already there. Sourced by scripts/test.sh and
# scripts/run.sh; runnable alone.
#
# Environment:
#   LKS_BUILD_DIR   build folder (default: build)
#   LKS_DEPS_DIR    project-local tools: Go binaries, caches (default: .deps)
#   LKS_JOBS        parallel build jobs (default: nproc)
set -euo pipefail

LKS_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LKS_BUILD_DIR="${LKS_BUILD_DIR:-$LKS_ROOT/build}"
LKS_DEPS_DIR="${LKS_DEPS_DIR:-$LKS_ROOT/.deps}"
LKS_JOBS="${LKS_JOBS:-$(nproc)}"
export LKS_ROOT LKS_BUILD_DIR LKS_DEPS_DIR

lks_log() { printf '[setup] %s\n' "$*" >&2; }

# Debian packages: build dependencies, test servers and tools (chromium: the browser tests drive
# Debian's build; no browser is ever downloaded).
LKS_APT_PACKAGES=(
  build-essential cmake ninja-build pkg-config
  libssl-dev libcurl4-openssl-dev rapidjson-dev libsqlite3-dev sqlite3 libpq-dev
  libgtest-dev libgmock-dev libbenchmark-dev libmicrohttpd-dev
  libical-dev tzdata  # recurrences and calendar.ics (libical reads the system's zoneinfo)
  postgresql postgresql-client
  curl ca-certificates python3 python3-venv
  iproute2 util-linux
  valgrind wrk
  chromium
  clang-format clang-tidy ccache abigail-tools lintian  # lint, build cache, ABI check, .deb check
  openjdk-17-jdk-headless maven
  clang libclang-rt-14-dev
)

lks_ensure_apt() {
  local missing=()
  for p in "${LKS_APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -eq 0 ]; then return 0; fi
  lks_log "installing Debian packages: ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# lks_ensure_go_tool MODULE@VERSION BINARY: `go install` into $LKS_DEPS_DIR/bin once.
lks_ensure_go_tool() {
  local pkg="$1" bin="$2"
  mkdir -p "$LKS_DEPS_DIR/bin"
  local stamp="$LKS_DEPS_DIR/bin/.$bin.version"
  if [ -x "$LKS_DEPS_DIR/bin/$bin" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$pkg" ]; then return 0; fi
  lks_log "go install $pkg"
  GOBIN="$LKS_DEPS_DIR/bin" CGO_ENABLED=0 GOFLAGS=-mod=mod go install "$pkg"
  echo "$pkg" > "$stamp"
}

# lks_ensure_npm DIR: `npm ci` (or install) in DIR when its node_modules is missing or stale.
lks_ensure_npm() {
  local dir="$1"
  local stamp="$dir/node_modules/.lks-stamp"
  local want
  want="$(cat "$dir/package.json" "$dir/package-lock.json" 2>/dev/null | sha256sum | cut -c1-16)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then return 0; fi
  lks_log "npm install in ${dir#$LKS_ROOT/}"
  if [ -f "$dir/package-lock.json" ]; then
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  else
    (cd "$dir" && npm install --no-audit --no-fund --loglevel=error >/dev/null)
  fi
  echo "$want" > "$stamp"
}

# lks_ensure_go_module DIR: download a Go test helper's modules (go build does the rest).
lks_ensure_go_module() {
  (cd "$1" && go mod download)
}

# lks_ensure_go_binary DIR BINARY: `go build` the Go program in DIR into $LKS_DEPS_DIR/bin once
# (again when its sources change). Pion-based helpers take minutes on 2 cores: build them here.
lks_ensure_go_binary() {
  local dir="$1" bin="$2"
  mkdir -p "$LKS_DEPS_DIR/bin"
  local stamp="$LKS_DEPS_DIR/bin/.$bin.version"
  local want
  want="$(cat "$dir"/go.mod "$dir"/go.sum "$dir"/*.go | sha256sum | cut -c1-16)"
  if [ -x "$LKS_DEPS_DIR/bin/$bin" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then return 0; fi
  lks_log "go build ${dir#$LKS_ROOT/} -> $bin"
  (cd "$dir" && CGO_ENABLED=0 GOFLAGS=-mod=mod go build -o "$LKS_DEPS_DIR/bin/$bin" .)
  echo "$want" > "$stamp"
}

# lks_ensure_python_venv DIR REQUIREMENTS: a virtualenv in DIR with the pinned REQUIREMENTS
# installed (again when they change).
lks_ensure_python_venv() {
  local dir="$1" req="$2"
  local stamp="$dir/.lks-stamp"
  local want
  want="$(sha256sum < "$req" | cut -c1-16)"
  if [ -x "$dir/bin/python" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then return 0; fi
  lks_log "pip install -r ${req#$LKS_ROOT/} into ${dir#$LKS_ROOT/}"
  python3 -m venv "$dir"
  "$dir/bin/python" -m pip install -q --disable-pip-version-check -r "$req"
  echo "$want" > "$stamp"
}

# lks_ensure_maven DIR [MAVEN ARGS...]: fetches what the Maven project in DIR needs (its dependencies, plugins and
# Surefire's JUnit provider) into $LKS_DEPS_DIR/m2 once, again when its pom changes; the build and
# the tests then run Maven offline (-o). The provider is resolved only when Surefire runs a test
# class, so the fetch runs one with a method filter that matches nothing (no test runs, nothing
# native is loaded).
lks_ensure_maven() {
  local dir="$1"; shift
  local repo="$LKS_DEPS_DIR/m2"
  local stamp="$repo/.lks-${dir##*/}.stamp"
  local want
  want="$(sha256sum < "$dir/pom.xml" | cut -c1-16)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then return 0; fi
  lks_log "mvn: fetching the artifacts of ${dir#$LKS_ROOT/} into ${repo#$LKS_ROOT/}"
  local out
  out="$(mktemp -d)"
  [ $# -gt 0 ] || set -- package dependency:build-classpath -Dmdep.outputFile="$out/classpath.txt" \
    -Dtest='StatusCodeTest#fetchOnly' -Dsurefire.failIfNoSpecifiedTests=false
  (cd "$dir" && mvn -B -q --no-transfer-progress -Dmaven.repo.local="$repo" -Dlks.build.dir="$out" "$@")
  rm -rf "$out"
  mkdir -p "$repo"
  echo "$want" > "$stamp"
}

# lks_build DIR [cmake args...]: configure (once) and build.
lks_build() {
  local dir="$1"; shift
  cmake -S "$LKS_ROOT" -B "$dir" -G Ninja "$@" >/dev/null
  cmake --build "$dir" -j "$LKS_JOBS"
}

lks_setup() {
  lks_ensure_apt
  # Test peers (see tests/README.md): LiveKit's SDKs for interop checks.
  [ ! -d "$LKS_ROOT/tests/interop/node" ] || lks_ensure_npm "$LKS_ROOT/tests/interop/node"
  [ ! -d "$LKS_ROOT/tests/interop/go" ] || lks_ensure_go_module "$LKS_ROOT/tests/interop/go"
  lks_ensure_python_venv "$LKS_DEPS_DIR/python-interop" "$LKS_ROOT/tests/interop/python/requirements.txt"
  # The REST contract test: schemathesis against `lkstudy serve` (tests/contract).
  lks_ensure_python_venv "$LKS_DEPS_DIR/python-contract" "$LKS_ROOT/tests/contract/requirements.txt"
  # The calendar test: icalendar and recurring-ical-events parse and expand calendar.ics.
  lks_ensure_python_venv "$LKS_DEPS_DIR/python-calendar" "$LKS_ROOT/tests/calendar/requirements.txt"
  # Room service tests: a real livekit-server, LiveKit's fault-injection test-server, and a real
  # participant (tests/participant, server-sdk-go).
  lks_ensure_go_tool github.com/livekit/livekit-server/cmd/server@v1.13.5 server
  lks_ensure_go_tool github.com/livekit/livekit-server/cmd/test-server@v1.13.5 test-server
  lks_ensure_go_binary "$LKS_ROOT/tests/participant" lks-participant
  lks_ensure_npm "$LKS_ROOT/tests/interop/webhook"
  lks_ensure_npm "$LKS_ROOT/benchmarks/node"
  # The Node binding's build and test dependencies; its addon is built by lks_build below.
  lks_ensure_npm "$LKS_ROOT/bindings/node"
  # The web client (livekit-client, esbuild, typescript; lks_build bundles it into build/web) and
  # its browser tests (playwright-core driving the chromium above).
  lks_ensure_npm "$LKS_ROOT/web"
  lks_ensure_npm "$LKS_ROOT/tests/browser"
  # The Kotlin binding's Maven artifacts (io.livekit:livekit-server, JUnit, JMH, ...); lks_build
  # builds its JNI library and jar offline.
  lks_ensure_maven "$LKS_ROOT/bindings/kotlin"
  # Its Ktor example: Ktor's artifacts (the plugins and Surefire's provider are the binding's); the
  # binding's jar is built later, so an empty stand-in fills its system-scoped path here.
  : > "${TMPDIR:-/tmp}/lks-kotlin-placeholder.jar"
  lks_ensure_maven "$LKS_ROOT/bindings/kotlin/examples/ktor" dependency:resolve dependency:resolve-plugins \
    -Dlks.jar="${TMPDIR:-/tmp}/lks-kotlin-placeholder.jar"
  lks_build "$LKS_BUILD_DIR" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DLKS_SANITIZER_BUILD_DIR="${LKS_SANITIZER_BUILD_DIR:-}" \
    -DLKS_FUZZ_BUILD_DIR="${LKS_FUZZ_BUILD_DIR:-}" \
    -DLKS_TSAN_BUILD_DIR="${LKS_TSAN_BUILD_DIR:-}"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  lks_setup
fi
