#!/usr/bin/env python3
"""wrk_summary.py FILE: one line "rps p50_ms p99_ms non2xx [socket-errors]" from the output of
`wrk --latency` in FILE (the benchmark scripts read it with `read -r`)."""
import re
import sys


def ms(value):
    n, unit = re.match(r"([\d.]+)(us|ms|s)", value).groups()
    return float(n) * {"us": 1e-3, "ms": 1, "s": 1e3}[unit]


def main(path):
    t = open(path).read()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", t).group(1))
    p50 = ms(re.search(r"\s50%\s+(\S+)", t).group(1))
    p99 = ms(re.search(r"\s99%\s+(\S+)", t).group(1))
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", t)
    err = re.search(r"Socket errors:.*", t)
    print(f"{rps:.0f} {p50:.2f} {p99:.2f} {bad.group(1) if bad else 0} {'socket-errors' if err else ''}")


if __name__ == "__main__":
    main(sys.argv[1])
