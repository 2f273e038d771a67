#!/usr/bin/env bash
# run_fuzz.sh BINARY BUDGET WORK_DIR FUZZ_SRC_DIR TARGET: runs one libFuzzer target over its seed
# corpus (FUZZ_SRC_DIR/corpus/TARGET) and regressions, with its dictionary when there is one.
# BUDGET is either
#   SECONDS   a campaign (scripts/fuzz.sh): a random seed, for SECONDS, growing the corpus kept in
#             WORK_DIR/corpus across runs;
#   runs=N    the bounded check ctest runs (label fuzz): the fixed seed 1, exactly N executions
#             from a fresh WORK_DIR/corpus, no timed corpus reloads and no address-space
#             randomisation, so every run of the same code explores the same inputs and a failure
#             reproduces (a random-seed check in CI would be a flaky test). A cap of
#             LKS_FUZZ_TIME_CAP seconds (default 240) only shortens it on a very slow machine.
# Crashes go to WORK_DIR/artifacts; on one it says how to keep the input as a regression. Exits
# non-zero on any crash, leak or timeout.
set -euo pipefail
bin="$1" budget="$2" work="$3" src="$4" target="$5"
if [ ! -x "$bin" ]; then
  echo "run_fuzz: $bin is not built (scripts/fuzz.sh builds the fuzz targets)" >&2
  exit 1
fi
args=(-timeout=10 -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$work/artifacts/")
run=()
case "$budget" in
  runs=*)
    rm -rf "$work/corpus"
    args+=(-seed=1 -runs="${budget#runs=}" -reload=0 -max_total_time="${LKS_FUZZ_TIME_CAP:-240}")
    # The comparison tables libFuzzer mutates from hash code addresses: with address-space
    # randomisation, the same seed takes a different path in each process.
    if setarch "$(uname -m)" -R true 2>/dev/null; then
      run=(setarch "$(uname -m)" -R)
    else
      echo "run_fuzz: setarch -R refused here; this run is not reproducible in another process" >&2
    fi ;;
  *) args+=(-max_total_time="$budget") ;;
esac
mkdir -p "$work/corpus" "$work/artifacts"
[ ! -f "$src/dict/$target.dict" ] || args+=(-dict="$src/dict/$target.dict")
dirs=("$work/corpus" "$src/corpus/$target")
[ ! -d "$src/regressions/$target" ] || dirs+=("$src/regressions/$target")
export ASAN_OPTIONS="${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
if ! "${run[@]}" "$bin" "${args[@]}" "${dirs[@]}" 2>"$work/log.txt"; then
  tail -n 60 "$work/log.txt" >&2
  echo "run_fuzz: $target failed; inputs in $work/artifacts/. Keep each as a regression:" >&2
  echo "  cp $work/artifacts/<file> $src/regressions/$target/" >&2
  exit 1
fi
grep -E '^(stat::|#[0-9]+.*DONE)' "$work/log.txt" || tail -n 3 "$work/log.txt"
