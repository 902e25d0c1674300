"""G6 end-to-end, absences and school events: a parent reports an absence with a reason (the row, its certificate's
state and deadline on the page), an agent accepts the certificate (the day not billed, the family told by mail); a
strike day declared by an agent cancels the booked days free of charge, frees their places, mails each family and
shows the reason on the calendar, and undoing it restores the bookings; other households' children, forged ids and
another commune's agent are refused (404, or 403 for a parent on the agents' pages) and change nothing.

As in test_booking, the days are chosen from what the calendar says of them, never fixed."""
import datetime
import re

from harness import run_cli
from test_booking import CELL, BookingCase, iso, plain, post_pairs, today
from test_catalog import DEMO_FILE
from test_families import C, FR
from smtp_sink import text_of


class AbsenceCase(BookingCase):
    def absences_url(self, child):
        return f"{C}ma-famille/enfants/{child}/absences"

    def booked_family(self, last_name, first_name):
        """A household with one child enrolled in tram at the Victor Hugo school and its first on-time day booked;
        returns (browser, child id, the day)."""
        browser, ids = self.family(last_name, [first_name])
        child = ids[first_name]
        self.enrol(browser, child, "tram")
        days = sorted(d for d, s in self.states(browser, child, "tram").items() if s == "on_time")
        if not days:
            self.skipTest("no on-time day of tram in the next three months")
        return browser, child, days[0]

    def book(self, browser, child, day):
        summary = self.summary(browser, child, "tram", [day])
        self.assertEqual(summary.status, 200, summary.text[:1500])
        done = self.confirm(browser, child, summary)
        self.assertEqual(done.status, 303, done.text[:1500])
        self.assertEqual(self.count("day_booking", f"child_id = {child} AND day = '{iso(day)}' AND status = 'booked'"),
                         1)

    def absence_rows(self):
        return {table: self.count(table) for table in ["absence", "booking_event", "day_booking"]}

    def cell(self, browser, child, day):
        """(state, text) of the day's tram cell on the child's calendar."""
        page = browser.get(self.calendar_url(child) + f"?mois={day:%Y-%m}")
        self.assertEqual(page.status, 200)
        for section in page.text.split('<section class="booking-activity"')[1:]:
            if 'id="rythme-tram-1"' not in section:
                continue
            for state, number, rest in CELL.findall(section):
                if int(number) == day.day and state != "outside":
                    return state, plain(re.sub(r"<[^>]+>", " ", rest))
        self.fail(f"no tram cell for {day}")


class AbsenceTest(AbsenceCase):
    def tearDown(self):
        self.assert_no_server_error()

    def test_an_illness_is_recorded_with_its_deadline_and_an_accepted_certificate_makes_the_day_not_billed(self):
        browser, child, day = self.booked_family("Moreau", "Jules")
        self.book(browser, child, day)
        # The booked day on the calendar leads to the absence form for that day.
        calendar = browser.get(self.calendar_url(child) + f"?mois={day:%Y-%m}")
        self.assertIn(f'href="{self.absences_url(child)}?du={iso(day)}"', calendar.text)
        page = browser.get(self.absences_url(child) + f"?du={iso(day)}")
        self.assertEqual(page.status, 200, page.text[:500])
        self.assertIn(f'value="{iso(day)}"', page.text)

        # "Autre" needs its words; a day with nothing booked is refused: nothing written either time.
        before = self.absence_rows()
        other = post_pairs(browser, self.absences_url(child), [("du", iso(day)), ("motif", "other")], page.csrf())
        self.assertEqual(other.status, 422)
        self.assertIn(plain(FR["err_absence_note"]), plain(other.text))
        empty_day = day + datetime.timedelta(days=1 if day.weekday() != 4 else 3)
        not_booked = post_pairs(browser, self.absences_url(child), [("du", iso(empty_day)), ("motif", "illness")],
                                page.csrf())
        self.assertEqual(not_booked.status, 422)
        self.assertIn(plain(FR["err_absence_not_booked"]), plain(not_booked.text))
        garbage = post_pairs(browser, self.absences_url(child), [("du", "32/13/2026"), ("motif", "illness")],
                             page.csrf())
        self.assertEqual(garbage.status, 422)
        self.assertEqual(self.absence_rows(), before)

        # Illness: the day stays booked, the certificate is awaited until the day + 10 days.
        reported = post_pairs(browser, self.absences_url(child), [("du", iso(day)), ("motif", "illness")],
                              page.csrf())
        self.assertEqual(reported.status, 303, reported.text[:1500])
        self.assertEqual(reported.location, self.absences_url(child))
        deadline = day + datetime.timedelta(days=10)
        self.assertEqual(self.database.scalar(
            f"SELECT reason || ' ' || justification || ' ' || justification_deadline || ' ' || channel FROM absence "
            f"WHERE child_id = {child}"), f"illness awaited {iso(deadline)} portal")
        self.assertEqual(self.count("day_booking", f"child_id = {child} AND status = 'booked'"), 1)
        self.assertEqual(self.count("booking_event", f"child_id = {child} AND kind = 'absence_reported'"), 1)
        listed = plain(browser.get(self.absences_url(child)).text)
        self.assertIn(FR["absence_reason_illness"], listed)
        self.assertIn(plain(FR["absence_justification_awaited"]), listed)
        self.assertIn(deadline.strftime("%d/%m/%Y"), listed)
        self.assertIn(plain(FR["absence_billing_billed_pending_justification"]), listed)
        # Reported twice: refused.
        twice = post_pairs(browser, self.absences_url(child), [("du", iso(day)), ("motif", "personal")], page.csrf())
        self.assertEqual(twice.status, 422)
        self.assertEqual(self.count("absence", f"child_id = {child}"), 1)

        # The agent sees it among the certificates to decide, and accepts it: the family is told.
        absence = self.database.scalar(f"SELECT id FROM absence WHERE child_id = {child}")
        office = self.agent.get(C + "agents/justificatifs")
        self.assertEqual(office.status, 200)
        self.assertIn(f'data-absence="{absence}"', office.text)
        refused = self.agent.post(C + f"agents/justificatifs/{absence}/decision", {"decision": "refuser"},
                                  csrf=office.csrf())
        self.assertEqual(refused.status, 422)  # a refusal needs its reason
        self.sink.clear()
        accepted = self.agent.post(C + f"agents/justificatifs/{absence}/decision", {"decision": "accepter"},
                                   csrf=office.csrf())
        self.assertEqual(accepted.status, 303, accepted.text[:1500])
        agent = self.database.scalar("SELECT id FROM account WHERE email_lower = 'agent@mairie.example.fr'")
        self.assertEqual(self.database.scalar(f"SELECT justification || ' ' || decided_by FROM absence WHERE id = "
                                              f"{absence}"), f"accepted {agent}")
        self.assertEqual(self.database.scalar(
            f"SELECT actor_id FROM booking_event WHERE child_id = {child} AND kind = 'justification_accepted'"), agent)
        mail = self.sink.wait_for_to("marie.moreau@example.fr", FR["mail_absence_justification_decided_subject"])
        self.assertIn("Jules", text_of(mail))
        self.assertIn(plain(FR["absence_billing_not_billed"]), plain(browser.get(self.absences_url(child)).text))
        self.assertNotIn(f'data-absence="{absence}"', self.agent.get(C + "agents/justificatifs").text)

    def test_an_agent_reports_an_absence_at_the_guichet_in_the_family_s_name(self):
        browser, child, day = self.booked_family("Petit", "Inès")
        self.book(browser, child, day)
        household = self.database.scalar(f"SELECT household_id FROM household_child WHERE child_id = {child}")
        desk = f"{C}agents/familles/{household}/enfants/{child}/absences"
        page = self.agent.get(desk)
        self.assertEqual(page.status, 200, page.text[:500])
        done = post_pairs(self.agent, desk, [("du", iso(day)), ("motif", "medical_appointment")], page.csrf())
        self.assertEqual(done.status, 303, done.text[:1500])
        agent = self.database.scalar("SELECT id FROM account WHERE email_lower = 'agent@mairie.example.fr'")
        self.assertEqual(self.database.scalar(
            f"SELECT reason || ' ' || justification || ' ' || channel || ' ' || reported_by FROM absence WHERE "
            f"child_id = {child}"), f"medical_appointment none guichet {agent}")
        self.assertIn(plain(FR["absence_billing_billed"]), plain(browser.get(self.absences_url(child)).text))


class AbsenceForeignIdsTest(AbsenceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_agent = cls.staff("andresy", "agent@andresy.example.fr")
        assert run_cli("catalog", "import", "andresy", DEMO_FILE, "--config", cls.config,
                       database=cls.database.url).returncode == 0

    def test_no_one_reaches_another_household_s_absences_or_another_commune_s_certificates_and_events(self):
        browser, child, day = self.booked_family("Lambert", "Zoé")
        self.book(browser, child, day)
        page = browser.get(self.absences_url(child))
        done = post_pairs(browser, self.absences_url(child), [("du", iso(day)), ("motif", "illness")], page.csrf())
        self.assertEqual(done.status, 303)
        absence = self.database.scalar(f"SELECT id FROM absence WHERE child_id = {child}")
        stranger, ids = self.family("Girard", ["Paul"])
        own = stranger.get(self.absences_url(ids["Paul"]))
        self.assertEqual(own.status, 200)
        before = self.absence_rows()
        # Another household's child, forged ids: not found.
        for forged in [child, "abc", "0", "-1", "99999999999999999999"]:
            self.assertEqual(stranger.get(self.absences_url(forged)).status, 404, forged)
            refused = post_pairs(stranger, self.absences_url(forged), [("du", iso(day)), ("motif", "illness")],
                                 own.csrf())
            self.assertEqual(refused.status, 404, forged)
        # At the guichet, a child of another household than the address's: not found.
        other_household = self.database.scalar(
            f"SELECT household_id FROM household_child WHERE child_id = {ids['Paul']}")
        desk = f"{C}agents/familles/{other_household}/enfants/{child}/absences"
        office = self.agent.get(C + "agents/justificatifs")
        self.assertEqual(self.agent.get(desk).status, 404)
        self.assertEqual(post_pairs(self.agent, desk, [("du", iso(day)), ("motif", "illness")],
                                    office.csrf()).status, 404)
        # Forged certificate and event ids.
        for forged in ["abc", "0", "99999999"]:
            self.assertEqual(self.agent.post(C + f"agents/justificatifs/{forged}/decision",
                                             {"decision": "accepter"}, csrf=office.csrf()).status, 404, forged)
            self.assertEqual(self.agent.post(C + f"agents/evenements/{forged}/annulation", {},
                                             csrf=office.csrf()).status, 404, forged)
        # A parent is refused the agents' pages.
        self.assertEqual(browser.get(C + "agents/justificatifs").status, 403)
        self.assertEqual(browser.post(C + f"agents/justificatifs/{absence}/decision", {"decision": "accepter"},
                                      csrf=page.csrf()).status, 403)
        self.assertEqual(browser.get(C + "agents/evenements").status, 403)
        # Another commune's agent does not find this commune's certificate, nor its site for an event.
        theirs = self.other_agent.get("/andresy/agents/justificatifs")
        self.assertEqual(theirs.status, 200)
        self.assertNotIn(f'data-absence="{absence}"', theirs.text)
        self.assertEqual(self.other_agent.post(f"/andresy/agents/justificatifs/{absence}/decision",
                                               {"decision": "accepter"}, csrf=theirs.csrf()).status, 404)
        events = self.other_agent.get("/andresy/agents/evenements")
        declared = post_pairs(self.other_agent, "/andresy/agents/evenements",
                              [("genre", "strike"), ("site", self.site("ecole-victor-hugo")), ("du", iso(day)),
                               ("activite", self.activity("tram"))], events.csrf())
        self.assertEqual(declared.status, 422)
        self.assertEqual(self.count("school_event"), 0)
        self.assertEqual(self.absence_rows(), before)
        self.assertEqual(self.database.scalar(f"SELECT justification FROM absence WHERE id = {absence}"), "awaited")
        self.assert_no_server_error()


class SchoolEventTest(AbsenceCase):
    def tearDown(self):
        self.assert_no_server_error()

    def test_a_strike_cancels_the_day_free_of_charge_mails_the_families_and_undoing_it_restores_the_bookings(self):
        first, lucas, day = self.booked_family("Roussel", "Lucas")
        second, ids = self.family("Fournier", ["Emma"])
        emma = ids["Emma"]
        self.enrol(second, emma, "tram")
        self.book(first, lucas, day)
        self.book(second, emma, day)
        tram, school = self.activity("tram"), self.site("ecole-victor-hugo")
        places = f"activity_id = {tram} AND site_id = {school} AND day = '{iso(day)}'"
        taken = self.database.scalar(f"SELECT taken FROM day_places WHERE {places}")
        self.assertGreaterEqual(taken, 2)

        page = self.agent.get(C + "agents/evenements")
        self.assertEqual(page.status, 200, page.text[:500])
        # A day past, a site without the activity: refused, nothing written.
        past = post_pairs(self.agent, C + "agents/evenements",
                          [("genre", "strike"), ("site", school), ("du", iso(today() - datetime.timedelta(days=1))),
                           ("activite", tram)], page.csrf())
        self.assertEqual(past.status, 422)
        self.assertIn(plain(FR["err_event_past"]), plain(past.text))
        self.assertEqual(self.count("school_event"), 0)

        self.sink.clear()
        declared = post_pairs(self.agent, C + "agents/evenements",
                              [("genre", "strike"), ("site", school), ("du", iso(day)), ("activite", tram)],
                              page.csrf())
        self.assertEqual(declared.status, 303, declared.text[:1500])
        event = self.database.scalar("SELECT id FROM school_event ORDER BY id DESC LIMIT 1")
        for child in (lucas, emma):
            self.assertEqual(self.database.scalar(
                f"SELECT status || ' ' || cancellation FROM day_booking WHERE child_id = {child} AND day = "
                f"'{iso(day)}'"), "cancelled free")
            self.assertEqual(self.count("booking_event", f"child_id = {child} AND kind = 'day_cancelled_event'"), 1)
        self.assertEqual(self.count("school_event_cancellation", f"event_id = {event}"), taken)
        self.assertEqual(self.database.scalar(f"SELECT taken FROM day_places WHERE {places}"), 0)
        for address in ("marie.roussel@example.fr", "marie.fournier@example.fr"):
            mail = self.sink.wait_for_to(address, FR["mail_school_event_declared_subject"])
            self.assertIn(day.strftime("%d/%m/%Y"), text_of(mail))
            self.assertIn(FR["event_kind_strike"], text_of(mail))
        # The calendar shows the reason, and the day cannot be booked while the strike stands.
        state, text = self.cell(first, lucas, day)
        self.assertEqual(state, "no_service")
        self.assertIn(plain(FR["booking_no_service_event_strike"]), text)
        summary = self.summary(first, lucas, "tram", [day])
        self.assertEqual(summary.status, 200)
        self.assertIn(plain(FR["booking_no_service_event_strike"]), plain(summary.text))
        self.assertEqual(self.count("day_booking", f"child_id = {lucas} AND status = 'booked'"), 0)
        listed = self.agent.get(C + "agents/evenements")
        self.assertIn(f'data-event="{event}"', listed.text)

        # Undone: the same rows booked again, the places taken again, the families told.
        self.sink.clear()
        undone = self.agent.post(C + f"agents/evenements/{event}/annulation", {}, csrf=listed.csrf())
        self.assertEqual(undone.status, 303, undone.text[:1500])
        for child in (lucas, emma):
            self.assertEqual(self.database.scalar(
                f"SELECT status FROM day_booking WHERE child_id = {child} AND day = '{iso(day)}'"), "booked")
            self.assertEqual(self.count("booking_event", f"child_id = {child} AND kind = 'day_restored_event'"), 1)
        self.assertEqual(self.database.scalar(f"SELECT taken FROM day_places WHERE {places}"), taken)
        self.assertEqual(self.database.scalar(f"SELECT status FROM school_event WHERE id = {event}"), "undone")
        self.sink.wait_for_to("marie.roussel@example.fr", FR["mail_school_event_undone_subject"])
        self.assertEqual(self.cell(first, lucas, day)[0], "booked")
        # Undone twice: refused, nothing changed.
        again = self.agent.post(C + f"agents/evenements/{event}/annulation", {}, csrf=listed.csrf())
        self.assertEqual(again.status, 409)
        self.assertEqual(self.count("booking_event", f"child_id = {lucas} AND kind = 'day_restored_event'"), 1)
