#!/usr/bin/env bash
# The C ABI against its committed baseline (ctest abi.baseline, label abi).
#   check_abi.sh ABIDW ABIDIFF BASELINE LIBRARY SUPPRESSIONS
# Fails on an incompatible change: a removed or changed function or variable (a changed
# signature, enum value or exposed struct shows as a changed function). Added functions pass and
# are listed. After a reviewed change: `cmake --build build --target abi_baseline` and commit
# capi/abi/liblkstudy.abi in the same commit, saying why (docs/api-stability.md).
set -uo pipefail
abidw="$1" abidiff="$2" baseline="$3" lib="$4" suppressions="$5"
current="$(mktemp --suffix=.abi)"
trap 'rm -f "$current"' EXIT
# The same flags as the abi_baseline target (capi/abi.cmake). The suppressions apply while writing
# (they drop the types that are not lks.h's); abidiff then compares the two files as they are.
"$abidw" --suppressions "$suppressions" --no-corpus-path --no-comp-dir-path --no-show-locs \
  --type-id-style hash --out-file "$current" "$lib" || { echo "abidw failed"; exit 1; }
out="$("$abidiff" --added-fns --added-vars "$baseline" "$current")"
rc=$?
echo "$out"
if (( rc & 3 )); then echo "abidiff could not compare (exit $rc)"; exit 1; fi
if (( rc & 8 )); then echo "ABI: incompatible change (see above)"; exit 1; fi
# Removed or changed functions/variables, from abidiff's summary lines.
bad=$(echo "$out" | sed -nE 's/^(Functions|Variables) changes summary: ([0-9]+) Removed, ([0-9]+) Changed.*/\2 \3/p' |
  awk '{ s += $1 + $2 } END { print s + 0 }')
removed_syms=$(echo "$out" | sed -nE 's/^(Function|Variable) symbols changes summary: ([0-9]+) Removed.*/\2/p' |
  awk '{ s += $1 } END { print s + 0 }')
if [ "$bad" -ne 0 ] || [ "$removed_syms" -ne 0 ]; then
  echo "ABI: $bad removed/changed function(s) or variable(s), $removed_syms removed symbol(s)"
  exit 1
fi
added=$(echo "$out" | sed -nE 's/^Functions changes summary: .* ([0-9]+) Added.*/\1/p')
echo "ABI: compatible with the 0.x baseline; ${added:-0} function(s) added (refresh with the abi_baseline target when released)"
