#!/usr/bin/env bash
# Instructions per operation under callgrind: counts instead of seconds (SQLite's habit), so a
# regression shows on a loaded machine as on an idle one. Runs build/bin/lks_bench_ops
# (benchmarks/instruction_ops.cc) for each operation with a fixed iteration count, counting only
# its measured loop, and prints instructions per operation.
#
#   benchmarks/instructions.sh                 measure and print the table
#   benchmarks/instructions.sh --check         also compare with benchmarks/instruction_budgets.txt:
#                                              exit 1 when an operation is over its budget (ctest
#                                              `instruction_budgets`, label budget)
#   benchmarks/instructions.sh --write         rewrite the budgets file: each count + 5%
#   benchmarks/instructions.sh [...] OP...     only these operations
#
# Counts are only comparable with the library choices pinned, so every run pins them:
#  - glibc's string functions (ifuncs chosen by CPU) to their SSE2 versions (GLIBC_TUNABLES);
#  - OpenSSL's capability mask to no AVX and no CPUID leaf-7 features (OPENSSL_ia32cap): SHA-256
#    runs its SSSE3 code on every x86-64 (valgrind cannot run SHA-NI anyway), ~1.9k instructions
#    per 64-byte block, so the MAC is a large, fixed part of mint/verify/webhook (the `mac` line).
# lkstudy's own SIMD paths (base64url AVX2/SSSE3) follow the CPU valgrind reports; a machine
# without AVX2 counts a few hundred instructions more per token (well inside the 5%).
# Exits 77 (ctest: skipped) when valgrind is missing. Lowering a budget belongs in the commit
# that earns it.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="${LKS_BUILD_DIR:-$ROOT/build}"
BUDGETS="$ROOT/benchmarks/instruction_budgets.txt"
mode=measure
ops=()
for a in "$@"; do
  case "$a" in
    --check) mode=check ;;
    --write) mode=write ;;
    -*) echo "instructions.sh: unknown option $a" >&2; exit 2 ;;
    *) ops+=("$a") ;;
  esac
done
[ ${#ops[@]} -gt 0 ] || ops=(mac mint verify webhook webhook_into store_read rest_token)

if ! command -v valgrind >/dev/null; then
  echo "SKIPPED: valgrind is not installed (scripts/setup.sh installs it)"
  exit 77
fi
BIN="$BUILD_DIR/bin/lks_bench_ops"
[ -x "$BIN" ] || { echo "instructions.sh: $BIN missing (build the lks_bench_ops target)" >&2; exit 2; }

iterations() {
  case "$1" in
    rest_token) echo 300 ;;
    store_read|webhook|webhook_into) echo 1000 ;;
    *) echo 3000 ;;
  esac
}

export GLIBC_TUNABLES="glibc.cpu.hwcaps=-AVX512F,-AVX512VL,-AVX512BW,-AVX512DQ,-AVX2,-AVX,-ERMS,-FSRM,-AVX_Fast_Unaligned_Load"
export OPENSSL_ia32cap="~0x1000000000000000:0"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

declare -A count
for op in "${ops[@]}"; do
  n="$(iterations "$op")"
  out="$tmp/$op.out"
  if ! valgrind --tool=callgrind --callgrind-out-file="$out" --collect-atstart=no \
       --toggle-collect=lks_measured_loop "$BIN" "$op" "$n" >"$tmp/$op.log" 2>&1; then
    echo "instructions.sh: $op failed:" >&2
    tail -20 "$tmp/$op.log" >&2
    exit 2
  fi
  total="$(sed -n 's/^totals: *\([0-9]*\).*/\1/p' "$out")"
  [ -n "$total" ] || total="$(sed -n 's/^summary: *\([0-9]*\).*/\1/p' "$out")"
  count[$op]=$(( total / n ))
done

status=0
printf '%-12s %12s %12s  %s\n' operation instructions budget ""
for op in "${ops[@]}"; do
  budget="$(awk -v op="$op" '$1 == op { print $2 }' "$BUDGETS" 2>/dev/null || true)"
  note=""
  if [ -n "$budget" ] && [ "${count[$op]}" -gt "$budget" ]; then
    note="OVER BUDGET by $(( (count[$op] - budget) * 100 / budget ))%"
    [ "$mode" != check ] || status=1
  elif [ -n "$budget" ]; then
    note="$(( count[$op] * 100 / budget ))% of budget"
  fi
  printf '%-12s %12s %12s  %s\n' "$op" "${count[$op]}" "${budget:--}" "$note"
done

if [ "$mode" = write ]; then
  {
    echo "# Instructions per operation allowed by the ctest instruction_budgets (label budget):"
    echo "# benchmarks/instructions.sh's count when the budget was set, plus 5%. Lower a budget in"
    echo "# the commit that earns it; raise one only with the reason in that commit."
    for op in "${ops[@]}"; do echo "$op $(( count[$op] * 105 / 100 ))"; done
  } >"$BUDGETS"
  echo "wrote $BUDGETS"
fi
exit $status
