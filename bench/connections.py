"""A normal client's latency while other connections hold the server (run by bench/connections.sh).

Usage: connections.py PORT [--seconds S] [--idle N] [--trickling N] [--path P] [--server-pid PID]

One run, three phases of S seconds each (default 10): no load; N idle connections (default 2,000: opened, sending
nothing, reopened as soon as the server closes them); N clients trickling a request header byte by byte (default
1,000, one byte a second each, reopened when closed: slowloris). The load runs in a separate process, so that it does
not hold the measuring one back. The normal client opens a new connection for each request (as a new visitor does:
connecting is what a full server makes wait), GET PATH, reads the whole answer, about a hundred times a second.
Prints p50, p99 and the maximum of those latencies per phase, with how many load connections were open on average,
how many the server closed, and the server's resident memory when --server-pid is given. Standard library only.
"""
import argparse
import multiprocessing
import resource
import select
import socket
import statistics
import time

ADDRESS = "127.0.0.1"


def raise_open_files_limit():
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft != hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


def hold(port, count, trickle, stop, opened, closed_by_server):
    """Keeps `count` connections open until `stop` is set (reopening those the server closes); a trickling one has
    sent the start of a request and sends one more header byte a second."""
    raise_open_files_limit()
    poller = select.poll()
    sockets = {}

    def open_one():
        try:
            sock = socket.create_connection((ADDRESS, port), timeout=5)
        except OSError:
            return
        sock.setblocking(False)
        if trickle:
            try:
                sock.send(b"GET / HTTP/1.1\r\nHost: bench\r\nX-Trickle: ")
            except OSError:
                pass
        sockets[sock.fileno()] = sock
        poller.register(sock, select.POLLIN)

    for _ in range(count):
        open_one()
    last_trickle = time.monotonic()
    while not stop.is_set():
        for fd, _ in poller.poll(100):
            sock = sockets.pop(fd, None)
            if sock is None:
                continue
            poller.unregister(fd)
            sock.close()  # the server answers nothing to these before closing them: readable means closed
            with closed_by_server.get_lock():
                closed_by_server.value += 1
        while len(sockets) < count and not stop.is_set():
            open_one()
        opened.value = len(sockets)
        if trickle and time.monotonic() - last_trickle >= 1.0:
            last_trickle = time.monotonic()
            for sock in list(sockets.values()):
                try:
                    sock.send(b"a")
                except OSError:
                    pass
    for sock in sockets.values():
        sock.close()
    opened.value = 0


def one_request(port, path):
    started = time.perf_counter()
    with socket.create_connection((ADDRESS, port), timeout=60) as sock:
        sock.sendall(f"GET {path} HTTP/1.1\r\nHost: bench\r\n\r\n".encode())
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = sock.recv(65536)
            if not chunk:
                raise ConnectionError("closed before the answer")
            data += chunk
        head, _, body = data.partition(b"\r\n\r\n")
        length = next(int(line.split(b":", 1)[1]) for line in head.split(b"\r\n")
                      if line.lower().startswith(b"content-length:"))
        while len(body) < length:
            chunk = sock.recv(65536)
            if not chunk:
                raise ConnectionError("closed within the answer")
            body += chunk
        status = int(head.split(b" ")[1])
    if status != 200:
        raise RuntimeError(f"{path} answered {status}")
    return time.perf_counter() - started


def resident_kib(pid):
    if pid is None:
        return None
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return None


def measure(port, path, seconds, opened=None):
    latencies = []
    open_counts = []
    errors = 0
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            latencies.append(one_request(port, path))
        except (OSError, RuntimeError):
            errors += 1
        if opened is not None:
            open_counts.append(opened.value)
        time.sleep(0.01)
    return latencies, open_counts, errors


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("port", type=int)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--idle", type=int, default=2000)
    parser.add_argument("--trickling", type=int, default=1000)
    parser.add_argument("--path", default="/chanteloup-les-vignes/")
    parser.add_argument("--server-pid", type=int)
    args = parser.parse_args()
    limit = raise_open_files_limit()
    needed = max(args.idle, args.trickling) + 64
    if limit < needed:
        raise SystemExit(f"open files limit {limit} is below the {needed} this bench needs (ulimit -n)")

    rows = []
    for name, count, trickle in [("no load", 0, False), (f"{args.idle} idle", args.idle, False),
                                 (f"{args.trickling} trickling", args.trickling, True)]:
        stop = multiprocessing.Event()
        opened = multiprocessing.Value("i", 0)
        closed = multiprocessing.Value("i", 0)
        holder = None
        if count:
            holder = multiprocessing.Process(target=hold, args=(args.port, count, trickle, stop, opened, closed))
            holder.start()
            wait_until = time.monotonic() + 30
            while opened.value < count and time.monotonic() < wait_until:
                time.sleep(0.05)
        latencies, open_counts, errors = measure(args.port, args.path, args.seconds, opened if count else None)
        memory = resident_kib(args.server_pid)
        stop.set()
        if holder:
            holder.join()
        rows.append((name, latencies, statistics.mean(open_counts) if open_counts else 0, closed.value, errors, memory))
        time.sleep(1)  # let the server close what was held

    print(f"normal client: GET {args.path} on a new connection each time, {args.seconds:g} s per phase")
    print(f"{'phase':<16} {'requests':>8} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8} {'held':>6} "
          f"{'closed by server':>16} {'errors':>6} {'server RSS MiB':>14}")
    for name, latencies, held, closed, errors, memory in rows:
        if latencies:
            p50, p99, worst = (1000 * percentile(latencies, 0.5), 1000 * percentile(latencies, 0.99),
                               1000 * max(latencies))
        else:
            p50 = p99 = worst = float("nan")
        rss = f"{memory / 1024:.0f}" if memory else "-"
        print(f"{name:<16} {len(latencies):>8} {p50:>8.2f} {p99:>8.2f} {worst:>8.2f} {held:>6.0f} {closed:>16} "
              f"{errors:>6} {rss:>14}")


if __name__ == "__main__":
    main()
