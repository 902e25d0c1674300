"""G5 end-to-end: enrolments (with the agents' validation), booking by day, by weekly pattern and for the whole year
with the summary before confirming (late days with their surcharge, refused days and why), a confirmation whose plan
changed, free and billed cancellations, nobody reaching another household's child, the race for the last places of
a day (two server processes on PostgreSQL), and `guichet rules explain`; on the backend the run selects.

Booking decisions depend on the real date: the days are chosen from what the calendar says of them (a day shown
late, a day shown on time), never fixed, except for `rules explain`, which is given its instant."""
import datetime
import html
import json
import re
import threading
import unittest
import urllib.parse
import zoneinfo

from harness import GuichetServer, backend, run_cli
from test_families import C, FR, FamilyServerCase, PASSWORD
from test_catalog import DEMO_FILE
from web_client import Browser

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
CELL = re.compile(r'<td class="month-grid__day month-grid__day--([a-z_]+)">\s*'
                  r'<span class="month-grid__number">(\d+)</span>(.*?)</td>', re.S)
LINE = re.compile(r'<tr class="summary-line summary-line--([a-z_]+)"><th scope="row">\S+ (\d\d/\d\d/\d{4})</th>'
                  r'<td>[^<]*</td>(?:<td>([^<]*)</td><td>([^<]*)</td>|<td>([^<]*)</td>)</tr>')


def today():
    return datetime.datetime.now(PARIS).date()


def month_key(day):
    return f"{day.year:04d}-{day.month:02d}"


def add_months(day, count):
    index = day.year * 12 + day.month - 1 + count
    return datetime.date(index // 12, index % 12 + 1, 1)


def iso(day):
    return day.isoformat()


def fr(day):
    return day.strftime("%d/%m/%Y")


def dated(value):
    """A date of the catalogue file: plain, or {"date": ..., "to_be_confirmed": ...}."""
    return value["date"] if isinstance(value, dict) else value


def plain(text):
    return html.unescape(text).replace("\u00a0", " ").replace("\u202f", " ").strip()


def post_pairs(browser, path, pairs, csrf):
    """Posts a form whose fields may repeat (the ticked days), with the page's CSRF token and the browser's
    Origin."""
    body = urllib.parse.urlencode(list(pairs) + [("_csrf", csrf)])
    return browser.request("POST", path, body=body, headers={"Content-Type": "application/x-www-form-urlencoded",
                                                             "Origin": browser.origin})


def hidden_fields(page, action):
    """The (name, value) pairs of the hidden inputs of the page's form posting to `action`."""
    form = re.search(r'<form[^>]*action="%s"[^>]*>(.*?)</form>' % re.escape(action), page.text, re.S)
    assert form, (action, page.text[:2000])
    return [(name, html.unescape(value)) for name, value in
            re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', form.group(1)) if name != "_csrf"]


def assert_no_server_error(test, server):
    """The server answered no request with a 5xx status and logged no error."""
    statuses = [line["data"]["status"] for line in server.access_log() if line.get("log") == "access"]
    test.assertTrue(statuses, "the access log lists the requests")
    test.assertFalse([s for s in statuses if s >= 500], statuses)
    logged = [line for line in server.read_stderr().splitlines() if '"level":"error"' in line
              or '"level":"critical"' in line]
    test.assertEqual(logged, [])


class Summary:
    """What a summary page says: its lines (decision, day, reason, price or billed amount), its total."""

    def __init__(self, page):
        self.page = page
        self.lines = []
        for decision, date, reason, price, billed in LINE.findall(page.text):
            day = datetime.datetime.strptime(date, "%d/%m/%Y").date()
            self.lines.append({"decision": decision, "day": day, "reason": plain(reason or ""),
                               "price": plain(price or billed)})
        total = re.search(r'<tfoot><tr><th scope="row" colspan="3">[^<]*</th><td>([^<]*)</td>', page.text)
        self.total = plain(total.group(1)) if total else None

    def decisions(self):
        return {line["day"]: line["decision"] for line in self.lines}

    def line(self, day):
        return next(line for line in self.lines if line["day"] == day)


class BookingCase(FamilyServerCase):
    """The demo catalogue, the household of Rémi (enrolled in tram, apps-matin and apps-soir by his parent) and Léa
    (enrolled in nothing), and a second household whose parent must reach none of it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        imported = run_cli("catalog", "import", "chanteloup-les-vignes", DEMO_FILE, "--config", cls.config,
                           database=cls.database.url)
        assert imported.returncode == 0, imported.stderr

    # Ids, read behind the server's back.

    def activity(self, code):
        return self.database.scalar(
            f"SELECT id FROM catalog_activity WHERE code = '{code}' AND commune_id = "
            "(SELECT id FROM commune WHERE slug = 'chanteloup-les-vignes')")

    def site(self, code):
        return self.database.scalar(
            f"SELECT id FROM catalog_site WHERE code = '{code}' AND commune_id = "
            "(SELECT id FROM commune WHERE slug = 'chanteloup-les-vignes')")

    def school_year(self):
        """The school year under way, or the next one in the summer."""
        return self.database.scalar(
            f"SELECT id FROM school_year WHERE last_day >= '{iso(today())}' AND commune_id = "
            "(SELECT id FROM commune WHERE slug = 'chanteloup-les-vignes') ORDER BY rentree LIMIT 1")

    def first_bookable(self, states):
        """The first day the calendar offers to book (on time or late); the test is skipped when there is none in
        the months read (the summer, between two school years)."""
        days = sorted(d for d, s in states.items() if s in ("on_time", "late"))
        if not days:
            self.skipTest("no bookable day in the months read")
        return days[0]

    def child_id(self, first_name):
        return self.database.scalar(f"SELECT id FROM child WHERE first_name = '{first_name}' ORDER BY id DESC LIMIT 1")

    def count(self, table, where="1 = 1"):
        return self.database.scalar(f"SELECT COUNT(*) FROM {table} WHERE {where}")

    def booking_rows(self):
        return {table: self.count(table) for table in ["enrolment", "day_booking", "day_places", "booking_event"]}

    # The family's pages.

    def family(self, last_name, children):
        """A household created by the agent with these children, and its first representative's signed-in
        account; returns (browser, {first name: child id})."""
        household_url = self.household(last_name=last_name, second=False)
        for first_name in children:
            self.add_child(household_url, first_name)
        _, key = self.issue_key(household_url, 0)
        browser = self.parent(key)
        household = int(household_url.rsplit("/", 1)[1])
        ids = {}
        for first_name in children:
            ids[first_name] = self.database.scalar(
                f"SELECT c.id FROM child c JOIN household_child hc ON hc.child_id = c.id WHERE hc.household_id = "
                f"{household} AND c.first_name = '{first_name}'")
        return browser, ids

    def calendar_url(self, child):
        return f"{C}ma-famille/enfants/{child}/reservations"

    def enrol(self, browser, child, code, site=None, expect=303):
        path = f"{C}ma-famille/enfants/{child}/inscriptions"
        page = browser.get(path)
        self.assertEqual(page.status, 200, page.text[:500])
        answer = browser.post(path, {"activite": self.activity(code), "periode": f"annee-{self.school_year()}",
                                     "site": site or self.site("ecole-victor-hugo" if code != "mercredi"
                                                                else "centre-de-loisirs-les-vignes")},
                              csrf=page.csrf())
        self.assertEqual(answer.status, expect, answer.text[:1500])
        return answer

    def month(self, browser, child, first):
        """The states the calendar shows for `first`'s month: {activity code: {date: state}} ("booked" for a
        booked day)."""
        page = browser.get(self.calendar_url(child) + "?mois=" + month_key(first))
        self.assertEqual(page.status, 200, page.text[:500])
        result = {}
        for section in page.text.split('<section class="booking-activity"')[1:]:
            code = re.search(r'id="rythme-([a-z0-9-]+)-1"', section).group(1)
            days = {}
            for state, number, _ in CELL.findall(section):
                if state != "outside":
                    days[first.replace(day=int(number))] = state
            result[code] = days
        return page, result

    def states(self, browser, child, code, months=3):
        """{date: state} of one activity over `months` months from the current one."""
        found = {}
        start = today().replace(day=1)
        for i in range(months):
            _, month = self.month(browser, child, add_months(start, i))
            found.update(month.get(code, {}))
        return found

    def summary(self, browser, child, code, days, action="reserver", extra=()):
        page = browser.get(self.calendar_url(child))
        self.assertEqual(page.status, 200, page.text[:500])
        pairs = [("activite", self.activity(code)), ("mode", "jours"), ("action", action)]
        pairs += [("annuler_jour" if action == "annuler" else "jour", iso(day)) for day in days]
        answer = post_pairs(browser, self.calendar_url(child) + "/recapitulatif", list(pairs) + list(extra),
                            page.csrf())
        return answer

    def confirm(self, browser, child, summary_page):
        action = self.calendar_url(child) + "/confirmer"
        return post_pairs(browser, action, hidden_fields(summary_page, action), summary_page.csrf())

    def assert_no_server_error(self):
        assert_no_server_error(self, self.server)


class BookingTest(BookingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.dupont = None

    def setUp(self):
        if BookingTest.dupont is None:
            browser, ids = self.family("Dupont", ["Rémi", "Léa"])
            for code in ["tram", "apps-matin", "apps-soir"]:
                self.enrol(browser, ids["Rémi"], code)
            BookingTest.dupont = (browser, ids)
        self.browser, ids = BookingTest.dupont
        self.remi, self.lea = ids["Rémi"], ids["Léa"]

    def tearDown(self):
        self.assert_no_server_error()

    def pick(self, code, state, exclude=()):
        states = self.states(self.browser, self.remi, code)
        chosen = [day for day, s in sorted(states.items()) if s == state and day not in exclude]
        if not chosen:
            self.skipTest(f"no {state} day of {code} in the next three months")
        return chosen[0]

    def test_a_late_day_is_shown_with_its_surcharge_and_refused_days_say_why_before_confirming(self):
        late = self.pick("tram", "late")
        on_time = self.pick("tram", "on_time")
        states = self.states(self.browser, self.remi, "tram")
        closed = [d for d, s in sorted(states.items()) if s == "closed"]
        if not closed:
            _, previous = self.month(self.browser, self.remi, add_months(today().replace(day=1), -1))
            closed = [d for d, s in sorted(previous.get("tram", {}).items()) if s == "closed"]
        self.assertTrue(closed, "a past school day of tram is shown closed")
        saturday = on_time + datetime.timedelta(days=(5 - on_time.weekday()) % 7)
        self.assertEqual(states.get(saturday, "no_service"), "no_service")
        before = self.booking_rows()

        answer = self.summary(self.browser, self.remi, "tram", [late, on_time, closed[0], saturday])
        self.assertEqual(answer.status, 200, answer.text[:1500])
        summary = Summary(answer)
        self.assertEqual(summary.decisions(), {late: "late", on_time: "on_time", closed[0]: "closed",
                                               saturday: "no_service"})
        self.assertEqual(summary.line(late)["price"], "6,30 €")
        self.assertIn("majoration de 50", summary.line(late)["reason"])
        self.assertEqual(summary.line(on_time)["price"], "4,20 €")
        self.assertEqual(summary.line(closed[0])["price"], "–")
        self.assertEqual(summary.line(saturday)["reason"], plain(FR["booking_no_service_weekend"]))
        self.assertEqual(summary.total, "10,50 €")
        self.assertIn(plain(FR["booking_totals"].replace("{on_time}", "1").replace("{late}", "1")
                            .replace("{refused}", "2")), plain(answer.text))
        self.assertEqual(self.booking_rows(), before, "a summary writes nothing")

        # Léa is enrolled in nothing: the same days are refused, not enrolled.
        lea = Summary(self.summary(self.browser, self.lea, "tram", [late, on_time]))
        self.assertEqual(lea.decisions(), {late: "not_enrolled", on_time: "not_enrolled"})
        self.assertEqual(lea.line(late)["reason"], plain(FR["booking_reason_not_enrolled"]))
        self.assertNotIn("/confirmer", lea.page.text, "nothing to confirm")
        # Posted all the same (the page offers no button), a confirmation of refused days books nothing and says so.
        refused = sorted([late, on_time])
        fingerprint = "".join(f"{iso(d)}:not_enrolled:-1;" for d in refused)  # what the server computes for them
        forged = post_pairs(self.browser, self.calendar_url(self.lea) + "/confirmer",
                            [("activite", self.activity("tram")), ("action", "reserver"), ("empreinte", fingerprint)] +
                            [("jour", iso(d)) for d in refused], lea.page.csrf())
        self.assertEqual(forged.status, 422, forged.text[:800])
        self.assertIn(plain(FR["booking_nothing_to_confirm"]), plain(forged.text))
        self.assertEqual(self.count("day_booking", f"child_id = {self.lea}"), 0)

        done = self.confirm(self.browser, self.remi, answer)
        self.assertEqual(done.status, 303, done.text[:1500])
        rows = f"child_id = {self.remi} AND activity_id = {self.activity('tram')} AND status = 'booked'"
        self.assertEqual(self.count("day_booking", rows), 2)
        self.assertEqual(self.database.scalar(
            f"SELECT timing || ' ' || unit_price_cents || ' ' || surcharge_cents FROM day_booking WHERE {rows} AND "
            f"day = '{iso(late)}'"), "late 420 210")
        self.assertEqual(self.database.scalar(
            f"SELECT timing || ' ' || unit_price_cents || ' ' || surcharge_cents FROM day_booking WHERE {rows} AND "
            f"day = '{iso(on_time)}'"), "on_time 420 0")
        self.assertEqual(self.count("day_booking", f"child_id = {self.remi} AND day IN ('{iso(closed[0])}', "
                                                   f"'{iso(saturday)}')"), 0)
        self.assertEqual(self.count("day_booking", f"child_id = {self.lea}"), 0)
        self.assertGreater(self.count("booking_event", f"child_id = {self.remi}"), before["booking_event"])
        for day in [late, on_time]:
            self.assertEqual(self.database.scalar(
                f"SELECT taken FROM day_places WHERE activity_id = {self.activity('tram')} AND day = '{iso(day)}'"), 1)
        after = self.states(self.browser, self.remi, "tram")
        self.assertEqual((after[late], after[on_time]), ("booked", "booked"))
        # Asked again, the booked days are left out of the batch.
        again = self.summary(self.browser, self.remi, "tram", [late, on_time])
        self.assertIn(FR["booking_already_booked"], again.text.replace("&#39;", "’").replace("&rsquo;", "’"))
        self.assertIn(fr(late), again.text)

    def test_bad_days_and_patterns_are_sent_back_to_the_calendar_and_write_nothing(self):
        page = self.browser.get(self.calendar_url(self.remi))
        before = self.booking_rows()
        tram = ("activite", self.activity("tram"))
        summary_url = self.calendar_url(self.remi) + "/recapitulatif"
        for pairs, message in [
            ([tram, ("mode", "jours"), ("jour", "2026-02-31")], "err_booking_day"),
            ([tram, ("mode", "jours")], "err_booking_no_day"),
            ([tram, ("mode", "semaine"), ("rythme", "chaque")], "err_booking_no_weekday"),
            ([tram, ("mode", "semaine"), ("jour_lundi", "oui"), ("du", "demain")], "err_booking_day"),
            ([tram, ("mode", "semaine"), ("jour_lundi", "oui"), ("du", "2031-09-01")], "err_booking_no_school_year"),
        ]:
            answer = post_pairs(self.browser, summary_url, pairs, page.csrf())
            self.assertEqual((answer.status, answer.location), (303, self.calendar_url(self.remi)), pairs)
            shown = self.browser.get(answer.location)
            self.assertIn(plain(FR[message]), plain(shown.text).replace("&#39;", "’"), pairs)
        confirm_url = self.calendar_url(self.remi) + "/confirmer"
        bad = post_pairs(self.browser, confirm_url, [tram, ("jour", "2026-02-31"), ("empreinte", "x")], page.csrf())
        self.assertEqual(bad.status, 400)
        empty = post_pairs(self.browser, confirm_url, [tram, ("empreinte", "x")], page.csrf())
        self.assertLess(empty.status, 500)
        self.assertEqual(self.booking_rows(), before)

    def test_every_other_week_until_the_next_holidays_books_exactly_the_days_of_the_pattern(self):
        start = today()
        states = self.states(self.browser, self.remi, "apps-soir", months=4)
        with open(DEMO_FILE, encoding="utf-8") as f:
            year = json.load(f)["school_years"]
        holidays = sorted(datetime.date.fromisoformat(dated(h["first_day_off"])) for y in year for h in y["holidays"])
        last_days = sorted(datetime.date.fromisoformat(y["last_day"]) for y in year)
        end = next((d for d in holidays if d > start), None) or next(d for d in last_days if d >= start)
        monday = start - datetime.timedelta(days=start.weekday())
        expected = {d: s for d, s in states.items()
                    if start <= d < end and d.weekday() in (0, 3) and ((d - monday).days // 7) % 2 == 0
                    and s != "no_service"}
        if not expected:
            self.skipTest("no day of the pattern before the next holidays")
        page = self.browser.get(self.calendar_url(self.remi))
        answer = post_pairs(self.browser, self.calendar_url(self.remi) + "/recapitulatif",
                            [("activite", self.activity("apps-soir")), ("mode", "semaine"), ("action", "reserver"),
                             ("jour_lundi", "oui"), ("jour_jeudi", "oui"), ("rythme", "une_sur_deux"),
                             ("du", iso(start)), ("jusqu_au", "vacances")], page.csrf())
        self.assertEqual(answer.status, 200, answer.text[:1500])
        summary = Summary(answer)
        self.assertEqual(summary.decisions(), expected)
        bookable = {d for d, s in expected.items() if s in ("on_time", "late")}
        if not bookable:
            self.skipTest("every day of the pattern is closed")
        self.assertEqual(self.confirm(self.browser, self.remi, answer).status, 303)
        written = self.database_days("apps-soir")
        self.assertEqual(written, {iso(d) for d in bookable})

    def database_days(self, code):
        rows = []
        if self.database.pg_name:
            rows = self.database._psql("-At", "-c", f"SELECT day FROM day_booking WHERE child_id = {self.remi} AND "
                                       f"activity_id = {self.activity(code)} AND status = 'booked'").split()
        else:
            import sqlite3
            connection = sqlite3.connect(self.database.url)
            try:
                rows = [r[0] for r in connection.execute(
                    f"SELECT day FROM day_booking WHERE child_id = {self.remi} AND activity_id = "
                    f"{self.activity(code)} AND status = 'booked'")]
            finally:
                connection.close()
        return set(rows)

    def test_the_whole_year_books_every_open_day_until_the_end_of_the_school_year(self):
        start = today()
        last_day = datetime.date.fromisoformat(self.database.scalar(
            f"SELECT last_day FROM school_year WHERE id = {self.school_year()}"))
        months = (last_day.year - start.year) * 12 + last_day.month - start.month + 1
        states = self.states(self.browser, self.remi, "apps-matin", months=months)
        expected = {d: s for d, s in states.items() if start <= d <= last_day and s != "no_service"}
        page = self.browser.get(self.calendar_url(self.remi))
        answer = post_pairs(self.browser, self.calendar_url(self.remi) + "/recapitulatif",
                            [("activite", self.activity("apps-matin")), ("mode", "annee"), ("action", "reserver")],
                            page.csrf())
        self.assertEqual(answer.status, 200, answer.text[:1500])
        summary = Summary(answer)
        self.assertEqual(summary.decisions(), expected)
        self.assertGreater(len(expected), 50)
        late = [d for d, s in expected.items() if s == "late"]
        on_time = [d for d, s in expected.items() if s == "on_time"]
        self.assertEqual(summary.total, f"{(len(late) * 315 + len(on_time) * 210) // 100},"
                                        f"{(len(late) * 315 + len(on_time) * 210) % 100:02d} €")
        self.assertEqual(self.confirm(self.browser, self.remi, answer).status, 303)
        self.assertEqual(self.database_days("apps-matin"), {iso(d) for d in late + on_time})

    def test_a_confirmation_whose_plan_changed_writes_nothing_and_shows_the_new_summary(self):
        day = self.pick("tram", "on_time", exclude=self.booked("tram"))
        answer = self.summary(self.browser, self.remi, "tram", [day])
        before = self.booking_rows()
        # A forged fingerprint.
        action = self.calendar_url(self.remi) + "/confirmer"
        fields = [(n, "0" * 16 if n == "empreinte" else v) for n, v in hidden_fields(answer, action)]
        forged = post_pairs(self.browser, action, fields, answer.csrf())
        self.assertEqual(forged.status, 409, forged.text[:1500])
        self.assertIn(plain(FR["booking_plan_changed"]), plain(forged.text).replace("&#39;", "’"))
        self.assertEqual(self.booking_rows(), before)
        # The day filled up behind the server's back between the summary and the confirmation.
        activity, site = self.activity("tram"), self.site("ecole-victor-hugo")
        self.database.change_catalogue(f"UPDATE catalog_activity_site SET capacity = 0 WHERE activity_id = "
                                       f"{activity} AND site_id = {site}")
        try:
            full = self.confirm(self.browser, self.remi, answer)
            self.assertEqual(full.status, 409, full.text[:1500])
            self.assertEqual(Summary(full).decisions(), {day: "full"})
            self.assertEqual(self.booking_rows(), before)
        finally:
            self.database.change_catalogue(f"UPDATE catalog_activity_site SET capacity = 200 WHERE activity_id = "
                                           f"{activity} AND site_id = {site}")

    def booked(self, code):
        return {datetime.date.fromisoformat(d) for d in self.database_days(code)}

    def book(self, code, day):
        answer = self.summary(self.browser, self.remi, code, [day])
        self.assertEqual(answer.status, 200)
        self.assertEqual(self.confirm(self.browser, self.remi, answer).status, 303)

    def test_an_on_time_day_cancels_for_free_and_a_late_day_is_billed(self):
        booked = self.booked("tram")
        on_time = self.pick("tram", "on_time", exclude=booked)
        late = self.pick("tram", "late", exclude=booked)
        self.book("tram", on_time)
        self.book("tram", late)
        activity = self.activity("tram")
        taken = {d: self.database.scalar(f"SELECT taken FROM day_places WHERE activity_id = {activity} AND "
                                         f"day = '{iso(d)}'") for d in [on_time, late]}
        answer = self.summary(self.browser, self.remi, "tram", [on_time, late], action="annuler")
        self.assertEqual(answer.status, 200, answer.text[:1500])
        summary = Summary(answer)
        self.assertEqual(summary.decisions(), {on_time: "free", late: "billed"})
        self.assertEqual(summary.line(late)["price"], "6,30 €")
        self.assertEqual(summary.line(on_time)["price"], "0,00 €")
        done = self.confirm(self.browser, self.remi, answer)
        self.assertEqual(done.status, 303, done.text[:1500])
        for day, kind in [(on_time, "free"), (late, "billed")]:
            self.assertEqual(self.database.scalar(
                f"SELECT status || ' ' || cancellation FROM day_booking WHERE child_id = {self.remi} AND activity_id "
                f"= {activity} AND day = '{iso(day)}' ORDER BY id DESC LIMIT 1"), "cancelled " + kind)
            self.assertEqual(self.database.scalar(f"SELECT taken FROM day_places WHERE activity_id = {activity} AND "
                                                  f"day = '{iso(day)}'"), taken[day] - 1)
        states = self.states(self.browser, self.remi, "tram")
        self.assertEqual((states[on_time], states[late]), ("on_time", "late"))


class EnrolmentTest(BookingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.database.change_catalogue("UPDATE catalog_activity SET needs_validation = 1 WHERE code = 'mercredi'")

    def tearDown(self):
        self.assert_no_server_error()

    def pending_page(self, agent=None, commune=C):
        page = (agent or self.agent).get(commune + "agents/inscriptions")
        self.assertEqual(page.status, 200, page.text[:500])
        return page

    def test_an_enrolment_that_needs_validation_waits_for_the_agent_who_accepts_or_refuses_it(self):
        browser, ids = self.family("Martin", ["Rémi", "Léa"])
        remi, lea = ids["Rémi"], ids["Léa"]
        self.enrol(browser, remi, "mercredi")
        row = f"child_id = {remi} AND activity_id = {self.activity('mercredi')}"
        self.assertEqual(self.database.scalar(f"SELECT status FROM enrolment WHERE {row}"), "pending")
        enrolment = self.database.scalar(f"SELECT id FROM enrolment WHERE {row}")
        listing = browser.get(f"{C}ma-famille/enfants/{remi}/inscriptions")
        self.assertIn(FR["enrolment_status_pending"], listing.text)
        # Pending: no day of mercredi can be booked yet.
        _, month = self.month(browser, remi, today().replace(day=1))
        self.assertNotIn("mercredi", month)
        wednesdays = [today() + datetime.timedelta(days=(2 - today().weekday()) % 7 + 7 * i) for i in range(1, 9)]
        pending = Summary(self.summary(browser, remi, "mercredi", wednesdays)).decisions()
        self.assertEqual(set(pending), set(wednesdays))
        self.assertEqual(set(pending.values()) - {"no_service"}, {"not_enrolled"}, pending)

        # Refused without a reason: an error in the page, the row unchanged.
        page = self.pending_page()
        self.assertIn(f"/agents/inscriptions/{enrolment}/decision", page.text)
        refused = self.agent.post(f"{C}agents/inscriptions/{enrolment}/decision",
                                  {"decision": "refuser", "motif": ""}, csrf=page.csrf())
        self.assertEqual(refused.status, 422, refused.text[:1000])
        self.assertIn(plain(FR["err_enrolment_reason"]), plain(refused.text).replace("&#39;", "’"))
        self.assertEqual(self.database.scalar(f"SELECT status FROM enrolment WHERE id = {enrolment}"), "pending")
        nonsense = self.agent.post(f"{C}agents/inscriptions/{enrolment}/decision", {"decision": "peut-etre"},
                                   csrf=page.csrf())
        self.assertEqual(nonsense.status, 422)
        accepted = self.agent.post(f"{C}agents/inscriptions/{enrolment}/decision", {"decision": "accepter"},
                                   csrf=page.csrf())
        self.assertEqual(accepted.status, 303, accepted.text[:1000])
        self.assertEqual(self.database.scalar(f"SELECT status FROM enrolment WHERE id = {enrolment}"), "accepted")
        self.assertIsNotNone(self.database.scalar(f"SELECT decided_by FROM enrolment WHERE id = {enrolment}"))
        again = self.agent.post(f"{C}agents/inscriptions/{enrolment}/decision", {"decision": "refuser",
                                                                              "motif": "Trop tard"},
                                csrf=page.csrf())
        self.assertIn(again.status, (404, 422))
        self.assertEqual(self.database.scalar(f"SELECT status FROM enrolment WHERE id = {enrolment}"), "accepted")
        # Now the parent can book.
        states = self.states(browser, remi, "mercredi")
        day = self.first_bookable(states)
        answer = self.summary(browser, remi, "mercredi", [day])
        self.assertEqual(Summary(answer).decisions(), {day: states[day]})
        self.assertEqual(self.confirm(browser, remi, answer).status, 303)
        self.assertEqual(self.count("day_booking", f"child_id = {remi} AND status = 'booked'"), 1)

        # A refusal with a reason is shown to the family.
        self.enrol(browser, lea, "mercredi")
        other = self.database.scalar(f"SELECT id FROM enrolment WHERE child_id = {lea}")
        page = self.pending_page()
        done = self.agent.post(f"{C}agents/inscriptions/{other}/decision",
                               {"decision": "refuser", "motif": "Le groupe des petits est complet"}, csrf=page.csrf())
        self.assertEqual(done.status, 303, done.text[:1000])
        self.assertEqual(self.database.scalar(f"SELECT status FROM enrolment WHERE id = {other}"), "refused")
        shown = browser.get(f"{C}ma-famille/enfants/{lea}/inscriptions")
        self.assertIn(FR["enrolment_status_refused"], shown.text)
        self.assertIn("Le groupe des petits est complet", shown.text)
        self.assertNotIn(f"/agents/inscriptions/{other}/decision", self.pending_page().text)

    def test_an_enrolment_at_a_site_not_served_or_twice_is_a_field_error_and_writes_nothing(self):
        browser, ids = self.family("Bernard", ["Noé"])
        child = ids["Noé"]
        self.enrol(browser, child, "tram")
        before = self.booking_rows()
        elsewhere = self.enrol(browser, child, "apps-soir", site=self.site("centre-de-loisirs-les-vignes"),
                               expect=422)
        self.assertEqual(elsewhere.field_error("site"), FR["err_enrolment_site"])
        twice = self.enrol(browser, child, "tram", expect=422)
        self.assertEqual(twice.field_error("activite"), FR["err_enrolment_exists"])
        self.assertEqual(self.booking_rows(), before)
        self.assertEqual(self.count("enrolment", f"child_id = {child}"), 1)


class ForeignIdsTest(BookingCase):
    """Every new route tried by a parent with another household's child, forged ids, an agent of another commune
    and a parent on the agents' routes: 404 or 403, nothing written, no 500."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_agent = cls.staff("andresy", "agent@andresy.example.fr")
        assert run_cli("catalog", "import", "andresy", DEMO_FILE, "--config", cls.config,
                       database=cls.database.url).returncode == 0

    def test_a_parent_reaches_no_other_households_child_and_no_forged_id(self):
        owner, ids = self.family("Petit", ["Jules"])
        theirs = ids["Jules"]
        self.enrol(owner, theirs, "tram")
        states = self.states(owner, theirs, "tram")
        day = self.first_bookable(states)
        answer = self.summary(owner, theirs, "tram", [day])
        self.assertEqual(answer.status, 200)
        confirm_fields = hidden_fields(answer, self.calendar_url(theirs) + "/confirmer")
        intruder, mine = self.family("Robert", ["Zoé"])
        home = intruder.get(self.calendar_url(mine["Zoé"]))
        self.assertEqual(home.status, 200)
        before = self.booking_rows()
        for child in [theirs, "abc", "99999999999999999999", "0", "-1", "1e3"]:
            base = f"{C}ma-famille/enfants/{child}"
            self.assertEqual(intruder.get(base + "/reservations").status, 404, child)
            self.assertEqual(intruder.get(base + "/reservations?mois=" + month_key(day)).status, 404, child)
            self.assertEqual(intruder.get(base + "/inscriptions").status, 404, child)
            for path, pairs in [
                ("/reservations/recapitulatif", [("activite", self.activity("tram")), ("jour", iso(day))]),
                ("/reservations/recapitulatif", [("activite", self.activity("tram")), ("mode", "semaine"),
                                                 ("jour_lundi", "oui")]),
                ("/reservations/recapitulatif", [("activite", self.activity("tram")), ("jour", iso(day)),
                                                 ("action", "annuler"), ("annuler_jour", iso(day))]),
                ("/reservations/confirmer", confirm_fields),
                ("/reservations/confirmer", [(n, v) for n, v in confirm_fields if n != "action"] +
                 [("action", "annuler")]),
                ("/inscriptions", [("activite", self.activity("apps-soir")), ("site", self.site("ecole-victor-hugo")),
                                   ("periode", f"annee-{self.school_year()}")]),
            ]:
                refused = post_pairs(intruder, base + path, pairs, home.csrf())
                self.assertEqual(refused.status, 404, (child, path, refused.text[:300]))
        # Forged activity and month ids on his own child.
        own = f"{C}ma-famille/enfants/{mine['Zoé']}"
        self.assertEqual(intruder.get(own + "/reservations?mois=2026-13").status, 404)
        self.assertEqual(intruder.get(own + "/reservations?mois=abc").status, 404)
        for activity in ["abc", "99999999999999999999", str(self.database.scalar(
                "SELECT id FROM catalog_activity WHERE code = 'tram' AND commune_id = "
                "(SELECT id FROM commune WHERE slug = 'andresy')"))]:
            refused = post_pairs(intruder, own + "/reservations/recapitulatif",
                                 [("activite", activity), ("jour", iso(day))], home.csrf())
            self.assertEqual(refused.status, 404, activity)
            refused = post_pairs(intruder, own + "/reservations/confirmer",
                                 [("activite", activity), ("jour", iso(day)), ("empreinte", "x")], home.csrf())
            self.assertEqual(refused.status, 404, activity)
        self.assertEqual(self.booking_rows(), before)
        self.assert_no_server_error()

    def test_agents_of_another_commune_and_parents_are_refused_the_agents_routes(self):
        self.database.change_catalogue("UPDATE catalog_activity SET needs_validation = 1 WHERE code = 'mercredi'")
        try:
            owner, ids = self.family("Moreau", ["Inès"])
            self.enrol(owner, ids["Inès"], "mercredi")
        finally:
            self.database.change_catalogue("UPDATE catalog_activity SET needs_validation = 0 WHERE code = 'mercredi'")
        enrolment = self.database.scalar(f"SELECT id FROM enrolment WHERE child_id = {ids['Inès']}")
        self.assertIn(f"/agents/inscriptions/{enrolment}/decision", self.agent.get(C + "agents/inscriptions").text)
        theirs = self.other_agent.get("/andresy/agents/inscriptions")
        self.assertEqual(theirs.status, 200)
        self.assertNotIn(f"/inscriptions/{enrolment}/decision", theirs.text)
        for enrolment_id in [enrolment, "abc", "99999999999999999999"]:
            refused = self.other_agent.post(f"/andresy/agents/inscriptions/{enrolment_id}/decision",
                                            {"decision": "accepter"}, csrf=theirs.csrf())
            self.assertEqual(refused.status, 404, enrolment_id)
        page = owner.get(self.calendar_url(ids["Inès"]))
        self.assertEqual(owner.get(C + "agents/inscriptions").status, 403)
        self.assertEqual(owner.post(f"{C}agents/inscriptions/{enrolment}/decision", {"decision": "accepter"},
                                    csrf=page.csrf()).status, 403)
        self.assertEqual(self.database.scalar(f"SELECT status FROM enrolment WHERE id = {enrolment}"), "pending")
        self.assert_no_server_error()


class RaceTest(BookingCase):
    """Many parents, each with his own child and session, for the last places of one day: exactly `capacity` win.
    On PostgreSQL the clients are spread over two server processes on the same database."""
    CAPACITY = 3
    PARENTS = 30

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.servers = [cls.server]
        if backend() == "postgresql":
            cls.servers.append(GuichetServer(cls.database, extra_args=["--config", cls.config]))

    @classmethod
    def tearDownClass(cls):
        for server in cls.servers[1:]:
            server.stop()
        super().tearDownClass()

    def seed_parents(self):
        """PARENTS households, each with one child enrolled in tram and one parent account, written by SQL from
        one parent who signed up through the pages (his password hash is shared); returns [(username, child id)]."""
        first = self.parent()
        template = self.account_id(first)
        commune = self.database.scalar("SELECT id FROM commune WHERE slug = 'chanteloup-les-vignes'")
        activity, site, year = self.activity("tram"), self.site("ecole-victor-hugo"), self.school_year()
        people = []
        for i in range(self.PARENTS):
            name = f"course{i:02d}"
            db = self.database
            db.execute(f"INSERT INTO household (commune_id, reference, address_line, address_complement, postal_code, "
                       f"city, created_at_us) VALUES ({commune}, 'COURSE{i:02d}', '1 rue', '', '78570', "
                       f"'Chanteloup', 0)")
            household = db.scalar(f"SELECT id FROM household WHERE reference = 'COURSE{i:02d}'")
            db.execute("INSERT INTO account (commune_id, role, status, username, username_lower, email, email_lower, "
                       "civility, last_name, first_name, address_line, address_complement, postal_code, city, "
                       "mobile_phone, landline_phone, password_hash, pending_childcare_key, created_at_us) "
                       f"SELECT commune_id, 'parent', 'active', '{name}', '{name}', '{name}@example.fr', "
                       f"'{name}@example.fr', civility, last_name, first_name, address_line, address_complement, "
                       f"postal_code, city, mobile_phone, landline_phone, password_hash, '', created_at_us "
                       f"FROM account WHERE id = {template}")
            account = db.scalar(f"SELECT id FROM account WHERE username_lower = '{name}'")
            db.execute("INSERT INTO representative (household_id, commune_id, civility, last_name, first_name, "
                       "relationship, email, mobile_phone, landline_phone, account_id, key_digest) VALUES "
                       f"({household}, {commune}, 'madame', 'Course', 'Marie', 'mother', '{name}@example.fr', '', "
                       f"'', {account}, '')")
            db.execute("INSERT INTO child (commune_id, last_name, first_name, birth_date, sex, school, class_level, "
                       f"diet, pai) VALUES ({commune}, 'Course', 'Enfant{i:02d}', '2016-09-01', 'male', "
                       "'École Victor Hugo', 'cm1', 'standard', 0)")
            child = self.child_id(f"Enfant{i:02d}")
            db.execute(f"INSERT INTO household_child (household_id, child_id) VALUES ({household}, {child})")
            db.execute("INSERT INTO enrolment (commune_id, household_id, child_id, activity_id, school_year_id, "
                       "site_id, status, refusal_reason, requested_by, requested_at_us) VALUES "
                       f"({commune}, {household}, {child}, {activity}, {year}, {site}, 'accepted', '', {account}, 0)")
            people.append((name, child))
        return people

    def test_exactly_capacity_parents_win_the_last_places_of_a_day(self):
        people = self.seed_parents()
        browsers = [None] * len(people)

        def sign_in(i):
            name, _ = people[i]
            browser = Browser(self.servers[i % len(self.servers)].port)
            signed = browser.submit(C + "connexion", C + "connexion", {"login": name, "password": PASSWORD})
            assert signed.status == 303, (name, signed.status)
            browsers[i] = browser

        threads = [threading.Thread(target=sign_in, args=(i,)) for i in range(len(people))]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertTrue(all(browsers))
        states = self.states(browsers[0], people[0][1], "tram")
        day = self.first_bookable(states)
        activity, site = self.activity("tram"), self.site("ecole-victor-hugo")
        self.database.change_catalogue(f"UPDATE catalog_activity_site SET capacity = {self.CAPACITY} WHERE "
                                       f"activity_id = {activity} AND site_id = {site}")
        try:
            summaries = [self.summary(browsers[i], people[i][1], "tram", [day]) for i in range(len(people))]
            self.assertTrue(all(s.status == 200 for s in summaries))
            self.assertTrue(all(Summary(s).decisions() == {day: states[day]} for s in summaries))
            results = [None] * len(people)
            barrier = threading.Barrier(len(people))

            def confirm(i):
                barrier.wait()
                results[i] = self.confirm(browsers[i], people[i][1], summaries[i])

            threads = [threading.Thread(target=confirm, args=(i,)) for i in range(len(people))]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
        finally:
            self.database.change_catalogue(f"UPDATE catalog_activity_site SET capacity = 200 WHERE activity_id = "
                                           f"{activity} AND site_id = {site}")
        statuses = [r.status for r in results]
        self.assertEqual(statuses.count(303), self.CAPACITY, statuses)
        self.assertEqual(statuses.count(409), len(people) - self.CAPACITY, statuses)
        for r in results:
            if r.status == 409:
                self.assertEqual(Summary(r).decisions(), {day: "full"})
        self.assertEqual(self.database.scalar(f"SELECT taken FROM day_places WHERE activity_id = {activity} AND "
                                              f"day = '{iso(day)}'"), self.CAPACITY)
        self.assertEqual(self.count("day_booking", f"activity_id = {activity} AND day = '{iso(day)}' AND "
                                                   "status = 'booked'"), self.CAPACITY)
        for server in self.servers:
            assert_no_server_error(self, server)


class RulesExplainTest(unittest.TestCase):
    """`guichet rules explain` on the demo catalogue's 2026-2027 year, at given instants."""

    @classmethod
    def setUpClass(cls):
        from harness import DEMO_COMMUNE, TestDatabase
        cls.database = TestDatabase()
        assert run_cli(*DEMO_COMMUNE, database=cls.database.url).returncode == 0
        assert run_cli("catalog", "import", "chanteloup-les-vignes", DEMO_FILE,
                       database=cls.database.url).returncode == 0

    @classmethod
    def tearDownClass(cls):
        cls.database.close()

    def explain(self, *args):
        return run_cli("rules", "explain", "chanteloup-les-vignes", *args, database=self.database.url)

    def decision(self, activity, day, at, *extra):
        result = self.explain("--activity", activity, "--day", day, "--at", at, *extra)
        self.assertEqual(result.returncode, 0, result.stderr)
        return json.loads(result.stdout)

    def test_the_guides_example_is_on_time_until_the_last_second_of_d_minus_14_in_paris(self):
        # Thursday 2026-11-26; D−14 is Thursday 2026-11-12, winter time (+01:00).
        on_time = self.decision("apps-matin", "2026-11-26", "2026-11-12T23:59:59+01:00")
        self.assertEqual(on_time["decision"], "on_time")
        self.assertEqual(on_time["deadline"], "2026-11-12T23:59:59+01:00")
        self.assertEqual(on_time["cutoff"], "2026-11-25T23:59:59+01:00")
        self.assertIsNone(on_time["surcharge"])
        self.assertIn("à l’heure", on_time["reason"])
        late = self.decision("apps-matin", "2026-11-26", "2026-11-12T23:00:00Z")
        self.assertEqual(late["decision"], "late")
        self.assertEqual(late["surcharge"], {"percent": 50})
        self.assertIn("majoration de 50", late["reason"])
        closed = self.decision("apps-matin", "2026-11-26", "2026-11-26T00:00:00+01:00")
        self.assertEqual(closed["decision"], "closed")
        self.assertIsNone(closed["surcharge"])

    def test_summer_time_offsets(self):
        # Thursday 2027-06-10: D−14 is 2027-05-27, summer time (+02:00).
        on_time = self.decision("tram", "2027-06-10", "2027-05-27T21:59:59Z")
        self.assertEqual(on_time["decision"], "on_time")
        self.assertEqual(on_time["deadline"], "2027-05-27T23:59:59+02:00")
        self.assertEqual(self.decision("tram", "2027-06-10", "2027-05-27T22:00:00Z")["decision"], "late")

    def test_a_holiday_session_day_is_due_28_days_before_the_sessions_first_day(self):
        # The first summer session runs 2027-07-05 to 07-09: its Thursday is due on 2027-06-07 (first day − 28).
        explained = self.decision("vacances", "2027-07-08", "2027-06-07T12:00:00+02:00")
        self.assertEqual(explained["decision"], "on_time")
        self.assertEqual(explained["deadline"], "2027-06-07T23:59:59+02:00")
        self.assertEqual(self.decision("vacances", "2027-07-08", "2027-06-08T00:00:00+02:00")["decision"], "late")

    def test_a_sunday_has_no_service_a_child_not_enrolled_is_refused_and_an_unknown_activity_fails(self):
        sunday = self.decision("tram", "2026-11-29", "2026-11-01T12:00:00+01:00")
        self.assertEqual(sunday["decision"], "no_service")
        self.assertEqual(sunday["reason"], FR["booking_no_service_weekend"])
        self.assertIsNone(sunday["surcharge"])
        # A child of the commune enrolled in nothing.
        commune = self.database.scalar("SELECT id FROM commune WHERE slug = 'chanteloup-les-vignes'")
        self.database.execute("INSERT INTO child (commune_id, last_name, first_name, birth_date, sex, school, "
                              f"class_level, diet, pai) VALUES ({commune}, 'Dupont', 'Léa', '2018-03-04', 'female', "
                              "'École Victor Hugo', 'ce1', 'standard', 0)")
        child = self.database.scalar("SELECT id FROM child WHERE first_name = 'Léa'")
        refused = self.decision("tram", "2026-11-26", "2026-11-01T12:00:00+01:00", "--child", str(child))
        self.assertEqual(refused["decision"], "not_enrolled")
        self.assertEqual(refused["reason"], FR["booking_reason_not_enrolled"])
        unknown = self.explain("--activity", "piscine", "--day", "2026-11-26", "--at", "2026-11-01T12:00:00Z")
        self.assertEqual(unknown.returncode, 2, unknown.stdout)
        self.assertTrue(unknown.stderr.strip())
        self.assertEqual(unknown.stdout, "")


if __name__ == "__main__":
    unittest.main()
