"""G6 items 7 and 8 end-to-end: the reminders before a booking deadline, sent by `guichet timers run --at …
booking.reminders` through the outbox (the running server's dispatcher delivers them to the SMTP sink) once per
deadline, child, step and parent account, and not to an account that turned them off on "Mon compte"; and the
private iCalendar feed, created, re-issued and revoked on "Mon compte", fetched without a session and parsed by a
real parser (Python's icalendar), holding the booked days of the parent's children and nobody else's; on the backend
the run selects.

The reminders are ticked at instants chosen from the deadline of the first holiday session whose deadline is at
least five days away (the on-time deadline: 28 days before the session's first day at 23:59:59 in Paris), so the
story does not depend on today's date, as long as the demo catalogue has such a session."""
import datetime
import html
import re
import time
import unittest
import urllib.parse
import zoneinfo

import icalendar

from harness import run_cli
from test_booking import BookingCase, assert_no_server_error, hidden_fields, iso, plain, post_pairs
from test_families import C, FR
from smtp_sink import text_of
from web_client import Browser

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
UTC = datetime.timezone.utc


def utc_text(instant):
    return instant.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class RemindersFeedCase(BookingCase):
    """The demo catalogue, a household with two parents (each his own account, linked with his clé enfance) and
    Rémi, enrolled for an upcoming holiday session, and another household (Léa) enrolled for the same session."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.prepared = None

    def setUp(self):
        # Prepared once per class (each class has its own server and database).
        if type(self).prepared is None:
            type(self).prepared = self.prepare()
        (self.mother, self.father, self.remi, self.household_id, self.stranger, self.lea,
         self.session, self.deadline) = type(self).prepared

    def tearDown(self):
        assert_no_server_error(self, self.server)

    def prepare(self):
        session = self.upcoming_session()
        if session is None:
            raise unittest.SkipTest("no holiday session with its deadline at least five days away")
        household_url = self.household(last_name="Rappel")
        self.add_child(household_url, "Rémi")
        _, mother_key = self.issue_key(household_url, 0)
        _, father_key = self.issue_key(household_url, 1)
        mother = self.parent(mother_key)
        father = self.parent(father_key)
        household_id = int(household_url.rsplit("/", 1)[1])
        remi = self.database.scalar(
            f"SELECT c.id FROM child c JOIN household_child hc ON hc.child_id = c.id WHERE hc.household_id = "
            f"{household_id} AND c.first_name = 'Rémi'")
        self.enrol_session(mother, remi, session["id"])
        stranger, ids = self.family("Etranger", ["Léa"])
        self.enrol_session(stranger, ids["Léa"], session["id"])
        return mother, father, remi, household_id, stranger, ids["Léa"], session, session["deadline"]

    def upcoming_session(self):
        """The first session of the holiday activity whose on-time deadline is at least five days away, with that
        deadline (an aware datetime) and its name."""
        now = datetime.datetime.now(UTC)
        commune = "(SELECT id FROM commune WHERE slug = 'chanteloup-les-vignes')"
        for offset in range(100):
            session_id = self.database.scalar(f"SELECT id FROM holiday_session WHERE commune_id = {commune} "
                                              f"ORDER BY first_day, id LIMIT 1 OFFSET {offset}")
            if session_id is None:
                break
            first = datetime.date.fromisoformat(
                str(self.database.scalar(f"SELECT first_day FROM holiday_session WHERE id = {session_id}")))
            name = self.database.scalar(f"SELECT name FROM holiday_session WHERE id = {session_id}")
            deadline = datetime.datetime.combine(first - datetime.timedelta(days=28), datetime.time(23, 59, 59),
                                                 PARIS)
            if deadline - now >= datetime.timedelta(days=5):
                return {"id": int(session_id), "first_day": first, "name": name, "deadline": deadline}
        return None

    def enrol_session(self, browser, child, session_id):
        path = f"{C}ma-famille/enfants/{child}/inscriptions"
        page = browser.get(path)
        self.assertEqual(page.status, 200, page.text[:500])
        answer = browser.post(path, {"activite": self.activity("vacances"), "periode": f"session-{session_id}",
                                     "site": self.site("centre-de-loisirs-les-vignes")}, csrf=page.csrf())
        self.assertEqual(answer.status, 303, answer.text[:1500])
        self.assertEqual(self.count("enrolment", f"child_id = {child} AND session_id = {session_id} AND "
                                                 "status = 'accepted'"), 1)

    def tick(self, at):
        ran = run_cli("timers", "run", "--at", utc_text(at), "booking.reminders", "--config", self.config,
                      database=self.database.url)
        self.assertEqual(ran.returncode, 0, ran.stderr)
        return ran

    def email_of(self, browser):
        return self.database.scalar(f"SELECT email FROM account WHERE username_lower = '{browser.username}'")

    def reminders_to(self, address):
        return self.count("outbox_message", f"template = 'booking_reminder' AND recipient = '{address}'")

    def book_session_days(self, browser, child, days):
        path = f"{C}ma-famille/enfants/{child}/reservations"
        page = browser.get(path + "?mois=" + days[0].strftime("%Y-%m"))
        self.assertEqual(page.status, 200, page.text[:500])
        pairs = [("activite", self.activity("vacances")), ("mode", "jours"), ("action", "reserver")]
        pairs += [("jour", iso(day)) for day in days]
        summary = post_pairs(browser, path + "/recapitulatif", pairs, page.csrf())
        self.assertEqual(summary.status, 200, summary.text[:1500])
        action = path + "/confirmer"
        done = post_pairs(browser, action, hidden_fields(summary, action), summary.csrf())
        self.assertEqual(done.status, 303, done.text[:1500])
        for day in days:
            self.assertEqual(self.count("day_booking", f"child_id = {child} AND day = '{iso(day)}' AND "
                                                       "status = 'booked'"), 1)

    def account_page(self, browser):
        page = browser.get(C + "mon-compte")
        self.assertEqual(page.status, 200, page.text[:500])
        return page


class RemindersTest(RemindersFeedCase):
    def test_each_parent_gets_one_reminder_per_deadline_and_step_and_none_once_turned_off(self):
        mother, father = self.email_of(self.mother), self.email_of(self.father)
        first_at = self.deadline - datetime.timedelta(days=2, hours=10)
        self.tick(first_at)
        for address in (mother, father):
            mail = self.sink.wait_for_to(address, FR["mail_booking_reminder_subject"].split("\u00a0")[0], timeout=20)
            text = plain(text_of(mail) or "")
            expected = (f"Il vous reste 3 jours pour réserver « {self.session['name']} » pour Rémi "
                        f"(jusqu’au {self.deadline.strftime('%d/%m')} à 23:59).")
            self.assertIn(expected, text)
            self.assertIn(f"{C}ma-famille/enfants/{self.remi}/reservations", text)
        self.assertEqual(self.count("reminder_sent", f"child_id = {self.remi} AND step = 'first'"), 1)
        self.assertEqual(self.count("booking_event", f"child_id = {self.remi} AND kind = 'reminder_sent'"), 2)

        # The timer ticks again an hour later, and twice at once: nothing more leaves.
        self.tick(first_at + datetime.timedelta(hours=1))
        self.tick(first_at + datetime.timedelta(hours=1))
        self.assertEqual((self.reminders_to(mother), self.reminders_to(father)), (1, 1))
        self.assertEqual(self.count("reminder_sent", f"child_id = {self.remi}"), 1)

        # Léa's parent books a day of the session: no more reminders for her.
        self.assertEqual(self.reminders_to(self.email_of(self.stranger)), 1)
        first = self.session["first_day"]
        self.book_session_days(self.stranger, self.lea, [next(first + datetime.timedelta(days=i) for i in range(7)
                                                              if (first + datetime.timedelta(days=i)).weekday() < 5)])

        # The father turns reminders off on "Mon compte"; the 1-day reminder goes to the mother only, once.
        page = self.account_page(self.father)
        self.assertIn('id="champ-rappels" name="rappels" value="oui" checked', page.text)
        answer = self.father.post(C + "mon-compte/rappels", {}, csrf=page.csrf())
        self.assertEqual(answer.status, 303, answer.text[:1000])
        self.assertNotIn(" checked", re.search(r'<input[^>]*id="champ-rappels"[^>]*>',
                                               self.account_page(self.father).text).group(0))
        father_id = self.database.scalar(f"SELECT id FROM account WHERE username_lower = '{self.father.username}'")
        self.assertEqual(self.database.scalar(
            f"SELECT wanted FROM reminder_preference WHERE account_id = {father_id}"), 0)
        self.assertEqual(self.count("audit_event", f"account_id = {father_id} AND kind = 'reminders_off'"), 1)
        second_at = self.deadline - datetime.timedelta(hours=12)
        self.tick(second_at)
        self.tick(second_at)
        mail = self.sink.wait_for(lambda m: mother in m.rcpt_tos and "Il vous reste 1 jour " in plain(text_of(m) or ""),
                                  timeout=20)
        self.assertIsNotNone(mail)
        self.assertEqual((self.reminders_to(mother), self.reminders_to(father)), (2, 1))
        self.assertEqual(self.count("reminder_sent", f"child_id = {self.remi}"), 2)

        # Léa's household booked a day of the session between the two: her parent got the first reminder only.
        self.assertEqual(self.reminders_to(self.email_of(self.stranger)), 1)

        # A value the checkbox never sends is refused and changes nothing.
        page = self.account_page(self.mother)
        refused = self.mother.post(C + "mon-compte/rappels", {"rappels": "peut-être"}, csrf=page.csrf())
        self.assertEqual(refused.status, 400)
        mother_id = self.database.scalar(f"SELECT id FROM account WHERE username_lower = '{self.mother.username}'")
        self.assertEqual(self.count("reminder_preference", f"account_id = {mother_id}"), 0)

    def test_an_agent_has_no_reminders_section_and_cannot_post_to_it(self):
        before = (self.count("calendar_feed"), self.count("reminder_preference"))
        page = self.agent.get(C + "mon-compte")
        self.assertEqual(page.status, 200)
        self.assertNotIn("champ-rappels", page.text)
        refused = self.agent.post(C + "mon-compte/rappels", {"rappels": "oui"}, csrf=page.csrf())
        self.assertEqual(refused.status, 403)
        refused = self.agent.post(C + "mon-compte/agenda", {}, csrf=page.csrf())
        self.assertEqual(refused.status, 403)
        self.assertEqual((self.count("calendar_feed"), self.count("reminder_preference")), before)


class FeedTest(RemindersFeedCase):
    def issue(self, browser):
        page = self.account_page(browser)
        issued = browser.post(C + "mon-compte/agenda", {}, csrf=page.csrf())
        self.assertEqual(issued.status, 200, issued.text[:1500])
        url = html.unescape(re.search(r'id="champ-agenda-adresse" name="adresse" value="([^"]+)"', issued.text)
                            .group(1))
        path = urllib.parse.urlsplit(url).path
        self.assertRegex(path, r"^%sagenda/[A-Za-z0-9_-]{43}\.ics$" % re.escape(C))
        return path

    def fetch(self, path):
        """The feed as a calendar application fetches it: no session, no cookie."""
        return Browser(self.server.port).get(path)

    def test_the_feed_holds_the_booked_days_of_the_parents_children_and_is_revoked_and_reissued(self):
        first = self.session["first_day"]
        days = [first + datetime.timedelta(days=i) for i in range(5)
                if (first + datetime.timedelta(days=i)).weekday() < 5][:2]
        self.book_session_days(self.mother, self.remi, days)
        self.book_session_days(self.stranger, self.lea, days[:1])

        path = self.issue(self.mother)
        feed = self.fetch(path)
        self.assertEqual(feed.status, 200, feed.text[:500])
        self.assertEqual(feed.headers["content-type"], "text/calendar; charset=utf-8")
        self.assertIn("no-store", feed.headers["cache-control"])
        self.assertIn("private", feed.headers["cache-control"])
        calendar = icalendar.Calendar.from_ical(feed.body)
        self.assertEqual(str(calendar["VERSION"]), "2.0")
        self.assertEqual(str(calendar["X-WR-TIMEZONE"]), "Europe/Paris")
        self.assertIn(b"DTSTART;VALUE=DATE:", feed.body)  # whole days: no time zone needed, the rest in UTC
        events = calendar.walk("VEVENT")
        activity = self.database.scalar("SELECT name FROM catalog_activity WHERE code = 'vacances'")
        self.assertEqual(sorted(e.decoded("DTSTART") for e in events), days)
        for event in events:
            self.assertEqual(str(event["SUMMARY"]), f"Rémi — {activity}")
            self.assertIn("DTSTAMP", event)
            self.assertEqual(event.decoded("DTEND") - event.decoded("DTSTART"), datetime.timedelta(days=1))
        self.assertEqual(len({str(e["UID"]) for e in events}), len(events))
        self.assertNotIn("Léa", feed.body.decode("utf-8"))
        uids = {str(e["UID"]) for e in events}
        self.assertEqual(uids, {str(e["UID"]) for e in icalendar.Calendar.from_ical(self.fetch(path).body)
                                .walk("VEVENT")}, "UIDs are stable")

        # The other household's feed shows Léa only.
        stranger_feed = icalendar.Calendar.from_ical(self.fetch(self.issue(self.stranger)).body)
        self.assertEqual([str(e["SUMMARY"]) for e in stranger_feed.walk("VEVENT")], [f"Léa — {activity}"])

        # Another commune, a malformed token, a wrong suffix: not found.
        token = path.rsplit("/", 1)[1]
        self.assertEqual(self.fetch("/andresy/agenda/" + token).status, 404)
        self.assertEqual(self.fetch(C + "agenda/pas-un-jeton.ics").status, 404)
        self.assertEqual(self.fetch(path[:-4]).status, 404)

        # Re-issued: the old address is gone, the new one works; revoked: gone too, and the page says none is active.
        self.assertIn(FR["agenda_feed_active"], self.account_page(self.mother).text)
        reissued = self.issue(self.mother)
        self.assertNotEqual(reissued, path)
        self.assertEqual(self.fetch(path).status, 404)
        self.assertEqual(self.fetch(reissued).status, 200)
        page = self.account_page(self.mother)
        revoked = self.mother.post(C + "mon-compte/agenda/revoquer", {}, csrf=page.csrf())
        self.assertEqual(revoked.status, 303, revoked.text[:1000])
        self.assertEqual(self.fetch(reissued).status, 404)
        self.assertIn(FR["agenda_feed_none"], self.account_page(self.mother).text)
        mother_id = self.database.scalar(f"SELECT id FROM account WHERE username_lower = '{self.mother.username}'")
        self.assertEqual(self.count("calendar_feed", f"account_id = {mother_id}"), 2)
        self.assertEqual(self.count("calendar_feed", f"account_id = {mother_id} AND revoked_at_us IS NULL"), 0)
        self.assertEqual(self.count("audit_event", f"account_id = {mother_id} AND kind = 'calendar_feed_issued'"), 2)
        self.assertEqual(self.count("audit_event", f"account_id = {mother_id} AND kind = 'calendar_feed_revoked'"), 1)
        # The token is stored only as its digest.
        self.assertEqual(self.count("calendar_feed", f"token_digest = '{token[:-4]}'"), 0)

    def test_a_cancelled_day_leaves_the_feed(self):
        first = self.session["first_day"]
        day = next(first + datetime.timedelta(days=i) for i in range(2, 7)
                   if (first + datetime.timedelta(days=i)).weekday() < 5)
        self.book_session_days(self.mother, self.remi, [day])
        path = self.issue(self.father)
        before = icalendar.Calendar.from_ical(self.fetch(path).body).walk("VEVENT")
        self.assertIn(day, [e.decoded("DTSTART") for e in before])
        calendar = f"{C}ma-famille/enfants/{self.remi}/reservations"
        page = self.mother.get(calendar + "?mois=" + day.strftime("%Y-%m"))
        pairs = [("activite", self.activity("vacances")), ("mode", "jours"), ("action", "annuler"),
                 ("annuler_jour", iso(day))]
        summary = post_pairs(self.mother, calendar + "/recapitulatif", pairs, page.csrf())
        self.assertEqual(summary.status, 200, summary.text[:1500])
        action = calendar + "/annuler"
        if action not in summary.text:
            action = calendar + "/confirmer"
        done = post_pairs(self.mother, action, hidden_fields(summary, action), summary.csrf())
        self.assertEqual(done.status, 303, done.text[:1500])
        after = icalendar.Calendar.from_ical(self.fetch(path).body).walk("VEVENT")
        self.assertNotIn(day, [e.decoded("DTSTART") for e in after])


if __name__ == "__main__":
    unittest.main()
