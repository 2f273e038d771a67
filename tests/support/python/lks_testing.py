"""Helpers shared by the Python tests and benchmarks (tests/calendar, tests/contract, tests/faults,
benchmarks/soak.py): a free loopback port, polling until a condition holds, and waiting for a child
process to answer HTTP. Standard library only, so every virtualenv can import it.

A script finds this folder relative to its own file:
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                    "<to tests>", "support", "python"))
"""
import socket, sys, time, urllib.request


def free_port():
    """A free TCP port on 127.0.0.1 at the time of asking."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(cond, seconds, step=0.05):
    """Polls `cond` until true or `seconds` pass; returns its last answer."""
    deadline = time.monotonic() + seconds
    while True:
        v = cond()
        if v or time.monotonic() > deadline:
            return v
        time.sleep(step)


def wait_http(url, seconds, proc, what, log):
    """Waits until GET `url` answers 2xx and returns its body. Exits the script (with the tail of
    `log`) when the child `proc`, named `what`, exits first or does not answer in `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            sys.exit(f"{what} exited early:\n{_tail(log)}")
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                return r.read()
        except Exception:
            time.sleep(0.2)
    sys.exit(f"{what} did not answer {url} in {seconds}s:\n{_tail(log)}")


def _tail(path, n=3000):
    with open(path, errors="replace") as f:
        return f.read()[-n:]
