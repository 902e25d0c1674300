"""Starts the real `guichet` binary for end-to-end tests, on a free port, with a throw-away database.

The backend follows the environment, as for the C++ backend tests:
  GUICHET_TEST_BACKEND=postgresql with GUICHET_TEST_POSTGRES_URL=postgresql://user@host:port/postgres creates a
  fresh database on that server for each server started, and drops it afterwards; otherwise a SQLite file in a
  temporary folder.
"""
import http.client
import json
import os
import secrets
import shutil
import signal
import socket
import sqlite3
import subprocess
import tempfile
import time
import urllib.parse

BINARY = os.environ.get("GUICHET_BINARY", os.path.join(os.path.dirname(__file__), "../../build/src/app/guichet"))


def backend():
    return os.environ.get("GUICHET_TEST_BACKEND", "sqlite")


class TestDatabase:
    """A database URL that exists for the lifetime of the object."""

    def __init__(self):
        self.folder = tempfile.mkdtemp(prefix="guichet-e2e-")
        self.pg_admin = None
        self.pg_name = None
        if backend() == "postgresql":
            self.pg_admin = os.environ["GUICHET_TEST_POSTGRES_URL"]
            self.pg_name = "guichet_e2e_" + secrets.token_hex(6)
            subprocess.run(["psql", self.pg_admin, "-q", "-c", f"CREATE DATABASE {self.pg_name}"], check=True)
            parts = urllib.parse.urlsplit(self.pg_admin)
            self.url = urllib.parse.urlunsplit(parts._replace(path="/" + self.pg_name))
        else:
            self.url = os.path.join(self.folder, "guichet.db")

    def scalar(self, sql):
        """The first column of the first row of `sql` run directly on the test database (None when there is no row
        or the value is NULL): with the sqlite3 module for SQLite, `psql -At` for PostgreSQL, where a value that
        reads as an integer comes back as int and anything else as str."""
        if self.pg_name:
            lines = self._psql("-At", "-P", "null=\\N", "-c", sql).splitlines()
            if not lines or lines[0] == "\\N":
                return None
            try:
                return int(lines[0])
            except ValueError:
                return lines[0]
        connection = sqlite3.connect(self.url, timeout=10)
        try:
            row = connection.execute(sql).fetchone()
            return None if row is None else row[0]
        finally:
            connection.close()

    def execute(self, sql):
        """Runs one data-changing statement directly on the test database (behind the server's back) and commits."""
        if self.pg_name:
            self._psql("-q", "-c", sql)
            return
        connection = sqlite3.connect(self.url, timeout=10)
        try:
            with connection:
                connection.execute(sql)
        finally:
            connection.close()

    def change_catalogue(self, sql):
        """Runs one statement that changes the catalogue behind the server's back, with the history line every change
        of the catalogue writes in its transaction (catalog_event): a running server checks the count of those lines
        to know that the catalogue it keeps in memory is still the stored one."""
        line = ("INSERT INTO catalog_event (commune_id, actor_id, kind, detail, at_us) SELECT id, NULL, "
                "'catalog_edited', 'test', 0 FROM commune")
        if self.pg_name:
            self._psql("-q", "-c", f"BEGIN; {sql}; {line}; COMMIT")
            return
        connection = sqlite3.connect(self.url, timeout=10)
        try:
            with connection:
                connection.execute(sql)
                connection.execute(line)
        finally:
            connection.close()

    def _psql(self, *args):
        result = subprocess.run(["psql", self.url, "-X", "-v", "ON_ERROR_STOP=1", *args], capture_output=True,
                                text=True)
        if result.returncode != 0:
            raise RuntimeError(f"psql failed ({result.returncode}): {result.stderr}")
        return result.stdout

    def close(self):
        if self.pg_name:
            subprocess.run(["psql", self.pg_admin, "-q", "-c", f"DROP DATABASE IF EXISTS {self.pg_name} WITH (FORCE)"],
                           check=False)
        shutil.rmtree(self.folder, ignore_errors=True)


def catalogue(language):
    """The server's text catalogue (every assets/i18n/AREA/LANGUAGE.json merged), to compare pages with the exact
    messages."""
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../assets/i18n")
    merged = {}
    for area in sorted(os.listdir(root)):
        path = os.path.join(root, area, f"{language}.json")
        if os.path.isfile(path):
            with open(path, encoding="utf-8") as f:
                merged.update(json.load(f))
    return merged


def run_cli(*args, database=None, env=None, timeout=60):
    """Runs `guichet ARGS` and returns the CompletedProcess (text mode)."""
    command = [BINARY, *args]
    if database is not None:
        command += ["--database", database]
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout, env=env)


class GuichetServer:
    """`guichet serve` (or `demo`) on a free port; stop() sends SIGTERM and waits for a clean exit."""

    def __init__(self, database, subcommand="serve", extra_args=(), env=None):
        self.database = database
        self.stderr_path = os.path.join(database.folder, f"server-{secrets.token_hex(3)}.err")
        self.stdout_path = self.stderr_path.replace(".err", ".out")
        command = [BINARY, subcommand, "--port", "0", "--database", database.url, *extra_args]
        self.stderr = open(self.stderr_path, "w+")
        self.stdout = open(self.stdout_path, "w+")
        self.process = subprocess.Popen(command, stdout=self.stdout, stderr=self.stderr, env=env)
        self.port = self._wait_for_port()

    def _wait_for_port(self):
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            for event in self.events():
                if event.get("event") == "listening":
                    return event["port"]
            if self.process.poll() is not None:
                raise RuntimeError(f"guichet exited with {self.process.returncode}: {self.read_stderr()}")
            time.sleep(0.05)
        raise RuntimeError("guichet did not start listening: " + self.read_stderr())

    def read_stderr(self):
        with open(self.stderr_path) as f:
            return f.read()

    def events(self):
        """The structured lines of the event log (standard error), as dicts of their data."""
        result = []
        for line in self.read_stderr().splitlines():
            try:
                result.append(json.loads(line)["data"])
            except (ValueError, KeyError):
                pass
        return result

    def access_log(self):
        with open(self.stdout_path) as f:
            return [json.loads(line) for line in f.read().splitlines() if line.startswith("{")]

    def request(self, method, path, body=None, headers=None):
        """Sends one request on a new connection and returns (status, headers dict lower-cased, body bytes)."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request(method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            payload = response.read()
            header_map = {}
            for name, value in response.getheaders():
                key = name.lower()
                header_map[key] = header_map[key] + "\n" + value if key in header_map else value
            return response.status, header_map, payload
        finally:
            connection.close()

    def get(self, path, headers=None):
        return self.request("GET", path, headers=headers)

    def raw(self, payload, timeout=5):
        """Sends raw bytes and returns everything the server answers until it closes (or the timeout)."""
        with socket.create_connection(("127.0.0.1", self.port), timeout=timeout) as s:
            s.sendall(payload)
            data = b""
            try:
                while True:
                    chunk = s.recv(65536)
                    if not chunk:
                        break
                    data += chunk
            except socket.timeout:
                pass
            return data

    def stop(self, sig=signal.SIGTERM, timeout=20):
        if self.process.poll() is None:
            self.process.send_signal(sig)
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.stderr.close()
        self.stdout.close()
        return self.process.returncode


DEMO_COMMUNE = [
    "tenant", "create", "chanteloup-les-vignes", "--name", "Chanteloup-les-Vignes",
    "--service", "Guichet unique", "--address", "Espace Victor Hugo • 18 avenue de Poissy",
    "--postal", "78570 Chanteloup-les-Vignes", "--phone", "01 39 74 29 12",
    "--email", "inscriptionenfance@chanteloup-les-vignes.fr",
    "--hours", "Du lundi au vendredi : 9h-12h / 13h30-18h",
]
