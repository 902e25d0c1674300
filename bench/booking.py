#!/usr/bin/python3
"""The work of bench/booking.sh once the demo server runs and the town's households are imported.

Usage: bench/booking.py DATABASE PORT SESSIONS CAPACITY WORK_FOLDER

Seeds behind the server's back (the same rows the portal would write, faster): every imported child enrolled in TRAM
for the school year under way; SESSIONS parent accounts, each the linked representative of one imported household,
with the demo parent's password. Signs them all in over HTTP, picks the month ahead whose TRAM days can be booked,
then has every parent open the calendar and, all at once, post the summary of all those days for his child and
confirm it.

Each parent books over one HTTP/1.1 connection kept open from his calendar to his confirmation, as a browser keeps
it, from an address of his own (127.0.x.y: the families of a town come from as many homes, and the server caps the
connections of one address). The client builds its requests beforehand and reads the answers with no more parsing
than the checks need, so that it leaves the two cores to the server: before the booking phase it measures itself
against /healthz at the same concurrency, and says so when it cannot go much faster than the bookings did.
"""
import html
import os
import re
import socket
import sqlite3
import statistics
import sys
import threading
import time
import urllib.parse

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "e2e"))
from web_client import Browser  # noqa: E402

C = "/chanteloup-les-vignes/"
PASSWORD = "le chat dort sur le radiateur"  # the demo parent's, whose hash the bench parents share


def fail(message):
    print("booking bench: " + message, file=sys.stderr)
    sys.exit(1)


def seed(database, sessions, capacity):
    db = sqlite3.connect(database, timeout=60)
    db.execute("PRAGMA busy_timeout = 60000")
    commune, = db.execute("SELECT id FROM commune WHERE slug = 'chanteloup-les-vignes'").fetchone()
    tram, = db.execute("SELECT id FROM catalog_activity WHERE commune_id = ? AND code = 'tram'", (commune,)).fetchone()
    site, = db.execute("SELECT site_id FROM catalog_activity_site WHERE activity_id = ?", (tram,)).fetchone()
    today = time.strftime("%Y-%m-%d")
    year = db.execute("SELECT id FROM school_year WHERE commune_id = ? AND last_day >= ? ORDER BY rentree LIMIT 1",
                      (commune, today)).fetchone()
    if year is None:
        fail("no school year is under way or to come in the demo catalogue")
    agent, = db.execute("SELECT id FROM account WHERE commune_id = ? AND role = 'agent' LIMIT 1", (commune,)).fetchone()
    now_us = int(time.time() * 1e6)
    with db:
        db.execute("UPDATE catalog_activity_site SET capacity = ? WHERE activity_id = ? AND site_id = ?",
                   (capacity, tram, site))
        # With its history line, as every change of the catalogue writes one: the server checks their count to know
        # that the catalogue it keeps in memory is still the stored one.
        db.execute("INSERT INTO catalog_event (commune_id, actor_id, kind, detail, at_us) VALUES (?, NULL, "
                   "'catalog_edited', 'bench: TRAM places', ?)", (commune, now_us))
        db.execute(
            "INSERT INTO enrolment (commune_id, household_id, child_id, activity_id, school_year_id, site_id, status, "
            "refusal_reason, requested_by, requested_at_us, decided_by, decided_at_us) "
            "SELECT h.commune_id, h.id, hc.child_id, ?, ?, ?, 'accepted', '', ?, ?, ?, ? FROM household h "
            "JOIN household_child hc ON hc.household_id = h.id WHERE h.commune_id = ? AND h.reference LIKE 'R%'",
            (tram, year[0], site, agent, now_us, agent, now_us, commune))
        households = db.execute("SELECT h.id, MIN(hc.child_id) FROM household h JOIN household_child hc ON "
                                "hc.household_id = h.id WHERE h.reference LIKE 'R%' GROUP BY h.id ORDER BY h.id "
                                "LIMIT ?", (sessions,)).fetchall()
        if len(households) < sessions:
            fail(f"only {len(households)} households to give {sessions} parents")
        parents = []
        for n, (household, child) in enumerate(households):
            username = f"banc{n:05d}"
            db.execute(
                "INSERT INTO account (commune_id, role, status, username, username_lower, email, email_lower, civility, "
                "last_name, first_name, address_line, address_complement, postal_code, city, mobile_phone, "
                "landline_phone, password_hash, pending_childcare_key, created_at_us) SELECT commune_id, role, status, "
                "?, ?, ?, ?, civility, 'Bernard', 'Claire', address_line, address_complement, postal_code, city, "
                "mobile_phone, landline_phone, password_hash, '', created_at_us FROM account WHERE username = "
                "'marie.dupont'", (username, username, username + "@banc.example", username + "@banc.example"))
            account, = db.execute("SELECT id FROM account WHERE username = ?", (username,)).fetchone()
            db.execute("UPDATE representative SET account_id = ? WHERE household_id = ? AND relationship = 'mother'",
                       (account, household))
            parents.append((username, child))
    enrolled, = db.execute("SELECT COUNT(*) FROM enrolment WHERE activity_id = ?", (tram,)).fetchone()
    return db, tram, site, parents, enrolled


def sign_in(port, username):
    browser = Browser(port)
    browser.timeout = 120
    done = browser.submit(C + "connexion", C + "connexion", {"login": username, "password": PASSWORD})
    if done.status != 303:
        fail(f"{username} could not sign in: HTTP {done.status}")
    return browser


def bookable_days(browser, child, tram):
    """The first month ahead (of the next six) with at least eight TRAM days to book, and those days."""
    month = time.strftime("%Y-%m")
    year, number = int(month[:4]), int(month[5:])
    for _ in range(6):
        number += 1
        if number == 13:
            year, number = year + 1, 1
        key = f"{year}-{number:02d}"
        page = browser.get(C + f"ma-famille/enfants/{child}/reservations?mois={key}")
        if page.status != 200:
            fail(f"the calendar answers HTTP {page.status}")
        form = re.search(r'<input type="hidden" name="activite" value="%d">\s*<input type="hidden" name="mode" '
                         r'value="jours">(.*?)</form>' % tram, page.text, re.S)
        days = re.findall(r'name="jour" value="(\d{4}-\d\d-\d\d)"', form.group(1)) if form else []
        if len(days) >= 8:
            return key, days
    fail("no month ahead has eight TRAM days to book")


class Connection:
    """One parent's keep-alive connection, from his own loopback address; requests are bytes built beforehand."""

    def __init__(self, port, source):
        self.socket = socket.create_connection(("127.0.0.1", port), timeout=120, source_address=(source, 0))
        self.socket.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.pending = b""

    @staticmethod
    def request(method, path, port, cookies, body=b"", origin=None):
        head = [f"{method} {path} HTTP/1.1", f"Host: 127.0.0.1:{port}"]
        if cookies:
            head.append("Cookie: " + "; ".join(f"{k}={v}" for k, v in cookies.items()))
        if origin:
            head.append("Origin: " + origin)
        if method == "POST":
            head += ["Content-Type: application/x-www-form-urlencoded", f"Content-Length: {len(body)}"]
        return ("\r\n".join(head) + "\r\n\r\n").encode() + body

    def exchange(self, request):
        """Sends one request and returns (status, headers, body) of its answer."""
        self.socket.sendall(request)
        data = self.pending
        while True:
            end = data.find(b"\r\n\r\n")
            if end >= 0:
                break
            data += self._receive()
        head, body = data[:end], data[end + 4:]
        found = re.search(rb"\r\n[Cc]ontent-[Ll]ength: *(\d+)", head)
        if not found:
            fail("an answer without Content-Length: " + head[:200].decode(errors="replace"))
        length = int(found.group(1))
        while len(body) < length:
            body += self._receive()
        self.pending = body[length:]
        return int(head[9:12]), head, body[:length]

    def _receive(self):
        chunk = self.socket.recv(262144)
        if not chunk:
            fail("the server closed a kept-alive connection")
        return chunk

    def close(self):
        self.socket.close()


def source_address(i):
    return f"127.0.{1 + i // 250}.{1 + i % 250}"


def client_capacity(port, count):
    """Requests per second the client gets from /healthz (the cheapest answer) with `count` connections at once,
    each sending two in turn as a parent does: what this client can drive at most."""
    connections = [Connection(port, source_address(i)) for i in range(count)]
    request = Connection.request("GET", "/healthz", port, {})
    gate = threading.Barrier(count + 1)
    failures = []

    def run(connection):
        gate.wait()
        for _ in range(2):
            if connection.exchange(request)[0] != 200:
                failures.append(1)

    threads = [threading.Thread(target=run, args=(c,)) for c in connections]
    for t in threads:
        t.start()
    gate.wait()
    started = time.monotonic()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started
    for c in connections:
        c.close()
    if failures:
        fail(f"/healthz failed {len(failures)} times")
    return 2 * count / elapsed


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))] * 1000 if ordered else 0.0


def main():
    database, port, sessions, capacity, work = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), \
        sys.argv[5]
    db, tram, site, parents, enrolled = seed(database, sessions, capacity)
    print(f"{enrolled} children enrolled in TRAM; {len(parents)} parents; {capacity} places a day")
    browsers = [None] * len(parents)

    def signer(indexes):
        for i in indexes:
            browsers[i] = sign_in(port, parents[i][0])

    started = time.monotonic()
    threads = [threading.Thread(target=signer, args=(range(k, len(parents), 8),)) for k in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print(f"signed {len(parents)} parents in in {time.monotonic() - started:.1f} s")
    month, days = bookable_days(browsers[0], parents[0][1], tram)
    print(f"each books {len(days)} TRAM days of {month}")

    capacity_rate = client_capacity(port, len(parents))
    print(f"client alone: {capacity_rate:,.0f} requests/s from /healthz over {len(parents)} connections at once")

    summary_times, confirm_times = [0.0] * len(parents), [0.0] * len(parents)
    outcomes = [None] * len(parents)
    gate = threading.Barrier(len(parents) + 1)
    origin = f"http://127.0.0.1:{port}"

    def book(i):
        browser, child = browsers[i], parents[i][1]
        connection = Connection(port, source_address(i))
        cookies = dict(browser.cookies)
        status, head, page = connection.exchange(Connection.request(
            "GET", C + f"ma-famille/enfants/{child}/reservations?mois={month}", port, cookies))
        for name, value in re.findall(rb"\r\n[Ss]et-[Cc]ookie: *([^=]+)=([^;\r]*)", head):
            cookies[name.decode()] = value.decode()
        found = re.search(rb'name="_csrf" value="([^"]+)"', page)
        if status != 200 or not found:
            outcomes[i] = ("calendar", status)
            gate.wait()
            return
        csrf = html.unescape(found.group(1).decode())
        fields = [f"_csrf={urllib.parse.quote(csrf)}", f"activite={tram}", "action=reserver"]
        fields += [f"jour={d}" for d in days]
        summary_request = Connection.request("POST", C + f"ma-famille/enfants/{child}/reservations/recapitulatif", port,
                                             cookies, "&".join(fields[:2] + ["mode=jours"] + fields[2:]).encode(),
                                             origin)
        confirm_form = "&".join(fields)
        confirm_path = C + f"ma-famille/enfants/{child}/reservations/confirmer"
        gate.wait()
        t0 = time.monotonic()
        status, _, summary = connection.exchange(summary_request)
        t1 = time.monotonic()
        found = re.search(rb'name="empreinte" value="([^"]*)"', summary)
        if status != 200 or not found:
            outcomes[i] = ("summary", status)
            return
        fingerprint = html.unescape(found.group(1).decode())
        status, _, _ = connection.exchange(Connection.request(
            "POST", confirm_path, port, cookies,
            (confirm_form + "&empreinte=" + urllib.parse.quote(fingerprint)).encode(), origin))
        t2 = time.monotonic()
        connection.close()
        summary_times[i], confirm_times[i] = t1 - t0, t2 - t1
        outcomes[i] = ("booked", status) if status == 303 else ("changed", status)

    threads = [threading.Thread(target=book, args=(i,)) for i in range(len(parents))]
    for t in threads:
        t.start()
    gate.wait()
    started = time.monotonic()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started
    summary_times = [summary_times[i] for i, o in enumerate(outcomes) if o and o[0] in ("booked", "changed")]
    confirm_times = [confirm_times[i] for i, o in enumerate(outcomes) if o and o[0] in ("booked", "changed")]

    booked_sessions = [i for i, o in enumerate(outcomes) if o and o[0] == "booked"]
    changed = sum(1 for o in outcomes if o and o[0] == "changed")
    errors = [o for o in outcomes if not o or o[0] in ("calendar", "summary") or (o[0] == "changed" and o[1] != 409)]
    rows, = db.execute("SELECT COUNT(*) FROM day_booking WHERE activity_id = ? AND status = 'booked'", (tram,)).fetchone()

    # Afterwards: no day above its capacity, the counter equal to the rows, every acknowledged day present.
    overbooked = db.execute(
        "SELECT b.day, COUNT(*), p.taken FROM day_booking b JOIN day_places p ON p.activity_id = b.activity_id AND "
        "p.site_id = b.site_id AND p.day = b.day WHERE b.activity_id = ? AND b.status = 'booked' GROUP BY b.day, "
        "p.taken HAVING COUNT(*) > ? OR COUNT(*) <> p.taken", (tram, capacity)).fetchall()
    missing = 0
    for i in booked_sessions:
        have, = db.execute("SELECT COUNT(*) FROM day_booking WHERE child_id = ? AND activity_id = ? AND status = "
                           "'booked' AND day >= ? AND day <= ?", (parents[i][1], tram, days[0], days[-1])).fetchone()
        missing += len(days) - have

    # The reference, in the same run: the same rows, one transaction per acknowledged confirmation, WAL and
    # synchronous=FULL, into a table of the same shape on the same disk.
    reference = sqlite3.connect(os.path.join(work, "reference.db"), isolation_level=None)
    reference.execute("PRAGMA journal_mode = WAL")
    reference.execute("PRAGMA synchronous = FULL")
    schema, = db.execute("SELECT sql FROM sqlite_master WHERE name = 'day_booking'").fetchone()
    reference.execute(re.sub(r"REFERENCES \w+\(id\)", "", schema))
    batches = db.execute("SELECT child_id, household_id, day FROM day_booking WHERE activity_id = ? AND status = "
                         "'booked' ORDER BY booked_at_us, id", (tram,)).fetchall()
    by_child = {}
    for child, household, day in batches:
        by_child.setdefault(child, []).append((household, day))
    t0 = time.monotonic()
    for child, rows_of in by_child.items():
        reference.execute("BEGIN")
        for household, day in rows_of:
            reference.execute(
                "INSERT INTO day_booking (commune_id, household_id, child_id, activity_id, site_id, day, status, "
                "timing, unit_price_cents, surcharge_cents, channel, booked_by, booked_at_us) VALUES (1, ?, ?, ?, ?, "
                "?, 'booked', 'on_time', 420, 0, 'portal', 1, ?)", (household, child, tram, site, day,
                                                                    int(time.time() * 1e6)))
        reference.execute("COMMIT")
    reference_elapsed = time.monotonic() - t0
    reference_rate = len(batches) / reference_elapsed if reference_elapsed > 0 else 0.0

    rate = rows / elapsed if elapsed > 0 else 0.0
    print(f"{len(parents)} parents at once: {len(booked_sessions)} booked their month, {changed} found days full "
          f"(409, the new summary), {len(errors)} errors")
    print(f"booking phase: {elapsed:.2f} s, {rows} day-bookings committed: {rate:,.0f} day-bookings/s")
    requests_rate = 2 * (len(summary_times)) / elapsed if elapsed > 0 else 0.0
    if requests_rate > capacity_rate / 2:
        print(f"warning: the bookings took {requests_rate:,.0f} requests/s, more than half of what the client alone "
              f"drives ({capacity_rate:,.0f}/s): the client may be what limits them")
    print(f"summary  p50 {percentile(summary_times, 50):7.1f} ms   p99 {percentile(summary_times, 99):7.1f} ms")
    print(f"confirm  p50 {percentile(confirm_times, 50):7.1f} ms   p99 {percentile(confirm_times, 99):7.1f} ms")
    print(f"reference (raw SQLite inserts, WAL + synchronous=FULL, a transaction per confirmation): "
          f"{reference_rate:,.0f} rows/s; ratio {rate / reference_rate if reference_rate else 0:.2f}")
    print(f"checks: overbooked or miscounted days: {len(overbooked)}; acknowledged days missing: {missing}")
    if overbooked or missing or errors:
        sys.exit(1)


if __name__ == "__main__":
    main()
