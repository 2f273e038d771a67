#!/usr/bin/env bash
# JMH: the Kotlin binding vs io.livekit:livekit-server (mint and webhook receive) in one JVM.
# Needs the build (scripts/setup.sh) and the Maven artifacts in $LKS_DEPS_DIR/m2. Extra arguments
# go to JMH (e.g. `-f 1 -wi 2 -i 3` or a benchmark regex such as `mint`); `--cpu [rounds]` runs
# CpuRatio instead (the same operations interleaved, in thread CPU time); `--cpu --loop SECONDS`
# only mints, for a profiler. LKS_JAVA_OPTS: extra JVM options (e.g. for perf's JIT symbols).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
BUILD="${LKS_BUILD_DIR:-$ROOT/build}"
DEPS="${LKS_DEPS_DIR:-$ROOT/.deps}"
OUT="$BUILD/bindings/kotlin/maven-bench"
cd "$ROOT/bindings/kotlin"
mvn -B -o -q --no-transfer-progress -Dmaven.repo.local="$DEPS/m2" -Dlks.build.dir="$OUT" \
  -Dlks.native.dir="$BUILD/bindings/kotlin/jar" -DskipTests \
  test-compile dependency:build-classpath -Dmdep.outputFile="$OUT/classpath.txt" -Dmdep.includeScope=test
CP="$OUT/classes:$OUT/test-classes:$(cat "$OUT/classpath.txt")"
if [ "${1:-}" = "--cpu" ]; then
  shift
  exec java ${LKS_JAVA_OPTS:-} -cp "$CP" io.lkstudy.bench.CpuRatio "$@"
fi
exec java ${LKS_JAVA_OPTS:-} -cp "$CP" org.openjdk.jmh.Main "${@:-io.lkstudy.bench.TokenBench}"
