"""Connections that hold the server without asking anything: idle sockets, clients trickling their header byte by byte
(slowloris), too many connections from one address. Others must still be answered at once, and such connections be
closed within their own time limits. Loopback addresses 127.0.0.2… stand for distinct clients (Linux answers the whole
127.0.0.0/8 on the loopback interface)."""
import os
import resource
import select
import socket
import threading
import time
import unittest

from harness import GuichetServer, TestDatabase

HEADER_TIMEOUT = 2
KEEP_ALIVE_TIMEOUT = 3
READ_TIMEOUT = 15
PER_ADDRESS = 100


def connect(port, source="127.0.0.1", timeout=5):
    return socket.create_connection(("127.0.0.1", port), timeout=timeout, source_address=(source, 0))


def readable(sock, seconds):
    poller = select.poll()  # not select(): the tests hold more than 1,024 descriptors
    poller.register(sock, select.POLLIN)
    return bool(poller.poll(seconds * 1000))


def closed_by_peer(sock):
    """True when the server has closed `sock` (end of stream or reset), False while it is open and silent."""
    if not readable(sock, 0):
        return False
    try:
        return sock.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT) == b""
    except BlockingIOError:
        return False
    except (ConnectionResetError, BrokenPipeError):
        return True


def wait_until_closed(sock, limit):
    """Seconds until the server closes `sock`, or None if it is still open after `limit` seconds."""
    started = time.monotonic()
    while time.monotonic() - started < limit:
        if closed_by_peer(sock):
            return time.monotonic() - started
        readable(sock, 0.05)
    return None


def read_response(sock):
    """Reads one response with a Content-Length from `sock`; returns (status, body)."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            raise ConnectionError("closed before the answer: %r" % data)
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    while len(body) < length:
        body += sock.recv(65536)
    return int(head.split(b" ")[1]), body


def timed_healthz(port, source="127.0.0.1"):
    """Seconds a new connection from `source` takes to get /healthz answered (5 at most: then it raises)."""
    started = time.monotonic()
    with connect(port, source) as sock:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        status, _ = read_response(sock)
    if status != 200:
        raise AssertionError(f"/healthz answered {status}")
    return time.monotonic() - started


class ConnectionLimitsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        wanted = 4096
        if soft < wanted:
            if hard != resource.RLIM_INFINITY and hard < wanted:
                raise unittest.SkipTest(f"needs {wanted} open files, the hard limit is {hard}")
            resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
        cls.database = TestDatabase()
        config = os.path.join(cls.database.folder, "guichet.toml")
        with open(config, "w") as f:
            f.write("[server]\n"
                    f"header_timeout_seconds = {HEADER_TIMEOUT}\n"
                    f"keep_alive_timeout_seconds = {KEEP_ALIVE_TIMEOUT}\n"
                    f"read_timeout_seconds = {READ_TIMEOUT}\n"
                    f"max_connections_per_address = {PER_ADDRESS}\n")
        cls.server = GuichetServer(cls.database, extra_args=["--config", config])

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        cls.database.close()

    def setUp(self):
        self.sockets = []

    def tearDown(self):
        for sock in self.sockets:
            sock.close()

    def open(self, count, source):
        opened = [connect(self.server.port, source) for _ in range(count)]
        self.sockets += opened
        return opened

    def test_a_normal_request_is_answered_at_once_beside_idle_and_trickling_connections(self):
        # More idle connections than the server used to hold at once (1,024), from 11 addresses within the cap,
        # and 200 clients trickling a header from two more.
        idle = []
        for n in range(2, 13):
            idle += self.open(100, f"127.0.0.{n}")
        trickling = self.open(100, "127.0.0.13") + self.open(100, "127.0.0.14")
        for sock in trickling:
            sock.sendall(b"GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ")
        opened_at = time.monotonic()
        stop = threading.Event()

        def trickle():
            while not stop.wait(0.25):
                for sock in trickling:
                    try:
                        sock.send(b"a")
                    except OSError:
                        pass

        feeder = threading.Thread(target=trickle)
        feeder.start()
        try:
            durations = []
            while time.monotonic() - opened_at < HEADER_TIMEOUT - 0.5:
                durations.append(timed_healthz(self.server.port))
                time.sleep(0.1)
        finally:
            stop.set()
            feeder.join()
        self.assertGreaterEqual(len(durations), 3)
        self.assertLess(max(durations), 1.0, f"a normal request waited {max(durations):.2f} s")
        # Both kinds are closed by the header timeout, well before the time allowed for a whole request.
        time.sleep(max(0.0, opened_at + HEADER_TIMEOUT + 1.5 - time.monotonic()))
        still_open = [sock for sock in idle + trickling if not closed_by_peer(sock)]
        self.assertEqual(len(still_open), 0, f"{len(still_open)} connections still open after the header timeout")

    def test_a_client_trickling_its_header_is_closed_at_the_header_timeout(self):
        trickling = self.open(20, "127.0.0.30")
        for sock in trickling:
            sock.sendall(b"GET /chanteloup-les-vignes/ HTTP/1.1\r\n")
        started = time.monotonic()
        closed_after = {}
        while len(closed_after) < len(trickling) and time.monotonic() - started < HEADER_TIMEOUT + 3:
            for i, sock in enumerate(trickling):
                if i in closed_after:
                    continue
                try:
                    sock.send(b"X")  # a header that never ends
                except OSError:
                    closed_after[i] = time.monotonic() - started
                    continue
                if closed_by_peer(sock):
                    closed_after[i] = time.monotonic() - started
            time.sleep(0.2)
        self.assertEqual(len(closed_after), len(trickling), "some trickling clients were never closed")
        self.assertGreater(min(closed_after.values()), HEADER_TIMEOUT - 0.3, "closed by the timeout, not at once")
        self.assertLess(max(closed_after.values()), HEADER_TIMEOUT + 1.5)

    def test_a_slow_body_gets_the_time_of_a_whole_request_not_of_a_header(self):
        sock = self.open(1, "127.0.0.31")[0]
        sock.sendall(b"POST /healthz HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 10\r\n\r\n")
        for _ in range(10):
            time.sleep((HEADER_TIMEOUT + 1) / 10)
            sock.sendall(b"a")
        status, _ = read_response(sock)
        self.assertEqual(status, 405)

    def test_a_keep_alive_connection_is_closed_after_its_idle_time(self):
        sock = self.open(1, "127.0.0.32")[0]
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        self.assertEqual(read_response(sock)[0], 200)
        time.sleep(KEEP_ALIVE_TIMEOUT - 1)
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        self.assertEqual(read_response(sock)[0], 200, "still open within its idle time")
        closed_after = wait_until_closed(sock, KEEP_ALIVE_TIMEOUT + 2)
        self.assertIsNotNone(closed_after, "an idle keep-alive connection was never closed")
        self.assertGreater(closed_after, KEEP_ALIVE_TIMEOUT - 0.3)
        self.assertLess(closed_after, KEEP_ALIVE_TIMEOUT + 1.5)

    def test_connections_beyond_the_cap_of_one_address_are_closed_at_once(self):
        held = self.open(PER_ADDRESS, "127.0.0.40")
        time.sleep(0.3)  # all accepted
        extra = self.open(10, "127.0.0.40")
        closed = [wait_until_closed(sock, 1.0) for sock in extra]
        self.assertNotIn(None, closed, "connections beyond the cap were kept")
        self.assertEqual([sock for sock in held if closed_by_peer(sock)], [], "those within the cap are kept")
        self.assertLess(timed_healthz(self.server.port, "127.0.0.41"), 1.0, "another address is served")
        # A place freed is a place taken again.
        for sock in held[:5]:
            sock.close()
        time.sleep(0.3)
        self.assertLess(timed_healthz(self.server.port, "127.0.0.40"), 1.0)
        refusals = [event for event in self.server.events() if event.get("event") == "connections_refused"]
        self.assertTrue(refusals)
        self.assertEqual(refusals[0]["address"], "127.0.0.40")


if __name__ == "__main__":
    unittest.main()
