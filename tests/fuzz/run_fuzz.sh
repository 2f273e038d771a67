#!/usr/bin/env bash
# run_fuzz.sh BINARY SECONDS WORK_DIR FUZZ_SRC_DIR TARGET: runs one libFuzzer target for SECONDS
# over its seed corpus (FUZZ_SRC_DIR/corpus/TARGET) and regressions, with its dictionary when
# there is one. New inputs go to WORK_DIR/corpus, crashes to WORK_DIR/artifacts; on a crash it
# says how to keep the input as a regression. Exits non-zero on any crash, leak or timeout.
set -euo pipefail
bin="$1" secs="$2" work="$3" src="$4" target="$5"
if [ ! -x "$bin" ]; then
  echo "run_fuzz: $bin is not built (scripts/fuzz.sh builds the fuzz targets)" >&2
  exit 1
fi
mkdir -p "$work/corpus" "$work/artifacts"
args=(-max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
      -artifact_prefix="$work/artifacts/")
[ ! -f "$src/dict/$target.dict" ] || args+=(-dict="$src/dict/$target.dict")
dirs=("$work/corpus" "$src/corpus/$target")
[ ! -d "$src/regressions/$target" ] || dirs+=("$src/regressions/$target")
export ASAN_OPTIONS="${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
if ! "$bin" "${args[@]}" "${dirs[@]}" 2>"$work/log.txt"; then
  tail -n 60 "$work/log.txt" >&2
  echo "run_fuzz: $target failed; inputs in $work/artifacts/. Keep each as a regression:" >&2
  echo "  cp $work/artifacts/<file> $src/regressions/$target/" >&2
  exit 1
fi
grep -E '^(stat::|#[0-9]+.*DONE)' "$work/log.txt" || tail -n 3 "$work/log.txt"
