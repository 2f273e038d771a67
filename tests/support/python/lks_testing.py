"""Helpers shared by the Python tests and benchmarks (tests/calendar, tests/contract, tests/faults,
benchmarks/soak.py): a free loopback port, polling until a condition holds, and waiting for a child
process to answer HTTP. Standard library only, so every virtualenv can import it.

A script finds this folder relative to its own file:
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                    "<to tests>", "support", "python"))
"""
import random, socket, sys, time, urllib.request


_FIRST_PORT = 10000
_next_port = None


def _can_bind(kind, port):
    with socket.socket(socket.AF_INET, kind) as s:
        try:
            s.bind(("127.0.0.1", port))
            return True
        except OSError:
            return False


def _ephemeral_low():
    try:
        with open("/proc/sys/net/ipv4/ip_local_port_range") as f:
            return int(f.read().split()[0])
    except (OSError, ValueError, IndexError):
        return 32768


def free_port():
    """A port on 127.0.0.1 free for TCP and UDP at the time of asking, as FreeLoopbackPort in
    tests/support/livekit_server.cc: from below the kernel's ephemeral range (no bind(0) or
    outgoing connection of another process takes it before its user binds it), never the same
    twice in a process, from an offset drawn per process."""
    global _next_port
    span = _ephemeral_low() - _FIRST_PORT
    if span < 1000:  # no room below the range
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            return s.getsockname()[1]
    if _next_port is None:
        _next_port = random.randrange(span)
    for _ in range(span):
        port = _FIRST_PORT + _next_port
        _next_port = (_next_port + 1) % span
        if _can_bind(socket.SOCK_STREAM, port) and _can_bind(socket.SOCK_DGRAM, port):
            return port
    raise RuntimeError("no free loopback port below the ephemeral range")


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
