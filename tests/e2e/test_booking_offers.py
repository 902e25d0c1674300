"""G6 end-to-end: waiting-list offers. A cancellation of a full day offers the place to the first child waiting, by
mail with a link that works without signing in, asks to confirm, books the day on time once (the same link used
twice books once), and says so when used again or forged; the place stays held meanwhile; after the offer's expiry
(`guichet timers run --at … booking.offers`) the next family is offered it; a parent answers on his home page; no
one reaches another household's offer; the agents see the lists and offer a place by hand. On the backend the run
selects."""
import datetime
import re
import threading
import unittest
import urllib.parse

from harness import run_cli
from smtp_sink import links_in, text_of
from test_booking import BookingCase, FR, iso, plain, post_pairs
from test_families import C
from web_client import Browser

SUBJECT = "Une place s’est libérée"


class OfferTest(BookingCase):
    def tearDown(self):
        self.assert_no_server_error()

    def join(self, browser, child, day):
        page = browser.get(self.calendar_url(child))
        joined = post_pairs(browser, self.calendar_url(child) + "/liste-attente",
                            [("activite", self.activity("tram")), ("rejoindre", iso(day))], page.csrf())
        self.assertEqual(joined.status, 303, joined.text[:800])
        self.assertIn(plain(FR["msg_waiting_joined"]), plain(browser.get(joined.location).text))

    def book(self, browser, child, day):
        answer = self.summary(browser, child, "tram", [day])
        self.assertEqual(answer.status, 200, answer.text[:800])
        self.assertEqual(self.confirm(browser, child, answer).status, 303)

    def cancel(self, browser, child, day):
        answer = self.summary(browser, child, "tram", [day], action="annuler")
        self.assertEqual(answer.status, 200, answer.text[:800])
        self.assertEqual(self.confirm(browser, child, answer).status, 303)

    def offer_link(self, last_name):
        """The offer mail sent to the family, and the path of its link (/{commune}/offres?jeton=…)."""
        mail = self.sink.wait_for_to(f"marie.{last_name.lower()}@example.fr", SUBJECT, timeout=20)
        link = [l for l in links_in(mail) if "/offres?jeton=" in l]
        self.assertEqual(len(link), 1, text_of(mail))
        parts = urllib.parse.urlsplit(link[0])
        return mail, parts.path + "?" + parts.query

    def answer(self, browser, path, page, reponse):
        """Posts the answer of the link's page (its hidden token and CSRF field)."""
        token = urllib.parse.parse_qs(urllib.parse.urlsplit(path).query).get("jeton", [""])[0]
        return browser.post(C + "offres", {"jeton": token, "reponse": reponse}, csrf=page.csrf())

    def booked(self, child, day):
        return self.count("day_booking", f"child_id = {child} AND day = '{iso(day)}' AND status = 'booked'")

    def taken(self, day):
        return self.database.scalar(f"SELECT taken FROM day_places WHERE activity_id = {self.activity('tram')} AND "
                                    f"site_id = {self.site('ecole-victor-hugo')} AND day = '{iso(day)}'")

    def offer(self, child, column):
        return self.database.scalar(f"SELECT {column} FROM waiting_offer WHERE child_id = {child} ORDER BY id DESC "
                                    "LIMIT 1")

    def test_a_freed_place_is_offered_in_order_booked_once_through_its_link_then_offered_on_after_expiry(self):
        booker, booker_ids = self.family("Roux", ["Paul"])
        first, first_ids = self.family("Vert", ["Zoé"])
        second, second_ids = self.family("Gris", ["Noé"])
        third, third_ids = self.family("Brun", ["Ana"])
        paul, zoe, noe, ana = booker_ids["Paul"], first_ids["Zoé"], second_ids["Noé"], third_ids["Ana"]
        for browser, child in [(booker, paul), (first, zoe), (second, noe), (third, ana)]:
            self.enrol(browser, child, "tram")
        states = self.states(booker, paul, "tram", months=3)
        days = sorted(d for d, s in states.items() if s == "on_time")
        if len(days) < 2:
            self.skipTest("no on-time day of tram in the next three months")
        day = days[1]  # not the first: its cut-off must leave the whole offer delay, twice
        activity, site = self.activity("tram"), self.site("ecole-victor-hugo")
        self.book(booker, paul, day)
        self.database.change_catalogue(f"UPDATE catalog_activity_site SET capacity = 1 WHERE activity_id = "
                                       f"{activity} AND site_id = {site}")
        try:
            for browser, child in [(first, zoe), (second, noe), (third, ana)]:
                self.join(browser, child, day)

            # The booker cancels: the place goes to Zoé (first on the list), held for her.
            self.cancel(booker, paul, day)
            self.assertEqual(self.taken(day), 1)
            mail, path = self.offer_link("Vert")
            text = plain(text_of(mail))
            self.assertIn("Zoé", text)
            self.assertIn(f"le {day:%d/%m}", text)
            self.assertRegex(text, r"avant le \d\d/\d\d à \d\d:\d\d")
            self.assertEqual(self.offer(zoe, "status"), "offered")
            token = path.rsplit("=", 1)[1]
            self.assertNotEqual(self.offer(zoe, "token_digest"), token, "only a digest of the token is stored")
            self.assertEqual(self.count("waiting_offer", f"child_id IN ({noe}, {ana})"), 0)
            self.assertEqual(self.count("booking_event", f"child_id = {zoe} AND kind = 'offer_made'"), 1)

            # The link, without signing in: a page that asks to confirm, then the day is booked, on time.
            anonymous = Browser(self.server.port)
            page = anonymous.get(path)
            self.assertEqual(page.status, 200, page.text[:800])
            self.assertIn('value="accepter"', page.text)
            self.assertIn('value="refuser"', page.text)
            self.assertEqual(self.booked(zoe, day), 0, "opening the link decides nothing")
            accepted = self.answer(anonymous, path, page, "accepter")
            self.assertEqual(accepted.status, 200, accepted.text[:800])
            self.assertIn(plain(FR["msg_offer_accepted"]), plain(accepted.text))
            self.assertEqual(self.booked(zoe, day), 1)
            self.assertEqual(self.database.scalar(
                f"SELECT timing || ' ' || surcharge_cents FROM day_booking WHERE child_id = {zoe} AND "
                f"day = '{iso(day)}' AND status = 'booked'"), "on_time 0")
            self.assertEqual(self.taken(day), 1, "the held place became her booking")
            self.assertEqual(self.offer(zoe, "status || ' ' || channel"), "accepted mail")
            self.assertIsNone(self.offer(zoe, "decided_by"))
            self.assertEqual(self.count("booking_event", f"child_id = {zoe} AND kind = 'offer_accepted'"), 1)
            self.assertEqual(self.count("waiting_entry", f"child_id = {zoe} AND left_at_us IS NULL"), 0)

            # The same link twice: one booking, and a clear page.
            again = self.answer(anonymous, path, page, "accepter")
            self.assertEqual(again.status, 409, again.text[:800])
            self.assertIn(plain(FR["err_offer_closed"]), plain(again.text))
            self.assertEqual(self.booked(zoe, day), 1)
            self.assertEqual(anonymous.get(path).status, 410)
            # A forged token, and one of another commune's address: not found, nothing changed.
            before = {t: self.count(t) for t in ["day_booking", "waiting_offer", "booking_event"]}
            forged = C + "offres?jeton=" + "A" * 43
            self.assertEqual(anonymous.get(forged).status, 404)
            self.assertEqual(self.answer(anonymous, forged, page, "accepter").status, 404)
            self.assertEqual(anonymous.get(C + "offres").status, 404)
            self.assertEqual(self.answer(anonymous, C + "offres?jeton=", page, "accepter").status, 404)
            other = anonymous.get("/andresy/offres?jeton=" + token)
            self.assertEqual(other.status, 404)
            self.assertEqual({t: self.count(t) for t in before}, before)

            # Zoé's family gives the day back: the place goes to Noé, who does not answer in time.
            self.cancel(first, zoe, day)
            self.offer_link("Gris")
            self.assertEqual(self.offer(noe, "status"), "offered")
            self.assertEqual(self.taken(day), 1)
            offered = self.offer(noe, "offered_at_us")
            expires = self.offer(noe, "expires_at_us")
            if expires - offered != 24 * 3600 * 1_000_000:
                self.skipTest("the day's cut-off comes before the offer delay")
            after = datetime.datetime.fromtimestamp(expires / 1e6 + 60, datetime.timezone.utc)
            ticked = run_cli("timers", "run", "--at", after.strftime("%Y-%m-%dT%H:%M:%SZ"), "booking.offers",
                             "--config", self.config, database=self.database.url)
            self.assertEqual(ticked.returncode, 0, ticked.stderr)
            self.assertEqual(self.offer(noe, "status || ' ' || channel"), "expired timer")
            self.assertEqual(self.count("booking_event", f"child_id = {noe} AND kind = 'offer_expired'"), 1)
            # The next family (Ana's) is offered it; the server's dispatcher sends the mail.
            _, ana_path = self.offer_link("Brun")
            self.assertEqual(self.offer(ana, "status"), "offered")
            self.assertEqual(self.taken(day), 1)
            self.assertEqual(self.booked(noe, day), 0)

            # Another parent reaches nothing of Ana's offer: under his child or hers, 404 and nothing changed.
            offer_id = self.offer(ana, "id")
            home = booker.get(C + "mon-espace")
            for child in (paul, ana):
                refused = booker.post(f"{C}ma-famille/enfants/{child}/offres/{offer_id}", {"reponse": "accepter"},
                                      csrf=home.csrf())
                self.assertEqual(refused.status, 404, refused.text[:500])
            self.assertEqual(self.offer(ana, "status"), "offered")
            # A parent cannot open the agents' lists.
            self.assertEqual(booker.get(C + "agents/listes-attente").status, 403)
            # The agents see the list and the offers made, in order.
            lists = self.agent.get(C + "agents/listes-attente")
            self.assertEqual(lists.status, 200)
            self.assertIn("Ana DUPONT", plain(lists.text))
            self.assertIn(plain(FR["offer_status_expired"]), plain(lists.text))

            # Ana's parent answers on his home page, signed in.
            home = third.get(C + "mon-espace")
            self.assertIn(plain(FR["offers_block_heading"]), plain(home.text))
            action = f"{C}ma-famille/enfants/{ana}/offres/{offer_id}"
            self.assertIn(f'action="{action}"', home.text)
            done = third.post(action, {"reponse": "accepter"}, csrf=home.csrf())
            self.assertEqual(done.status, 303, done.text[:500])
            self.assertIn(plain(FR["msg_offer_accepted"]), plain(third.get(done.location).text))
            self.assertEqual(self.booked(ana, day), 1)
            self.assertEqual(self.offer(ana, "status || ' ' || channel"), "accepted portal")
            self.assertEqual(self.offer(ana, "decided_by"), self.account_id(third))
            self.assertEqual(self.taken(day), 1)
            # Her mail's link, used afterwards, books nothing more.
            late = anonymous.get(ana_path)
            self.assertEqual(late.status, 410)
            self.assertEqual(self.booked(ana, day), 1)
        finally:
            self.database.change_catalogue(f"UPDATE catalog_activity_site SET capacity = 200 WHERE activity_id = "
                                           f"{activity} AND site_id = {site}")

    def test_an_agent_offers_a_place_by_hand_a_decline_hands_it_on_and_forged_forms_change_nothing(self):
        booker, booker_ids = self.family("Blanc", ["Lou"])
        first, first_ids = self.family("Noir", ["Tim"])
        second, second_ids = self.family("Rose", ["Eve"])
        lou, tim, eve = booker_ids["Lou"], first_ids["Tim"], second_ids["Eve"]
        for browser, child in [(booker, lou), (first, tim), (second, eve)]:
            self.enrol(browser, child, "tram")
        states = self.states(booker, lou, "tram", months=3)
        days = sorted(d for d, s in states.items() if s == "on_time")
        if len(days) < 3:
            self.skipTest("not enough on-time days of tram in the next three months")
        day = days[2]  # another day than the other test's
        activity, site = self.activity("tram"), self.site("ecole-victor-hugo")
        self.book(booker, lou, day)
        self.database.change_catalogue(f"UPDATE catalog_activity_site SET capacity = 1 WHERE activity_id = "
                                       f"{activity} AND site_id = {site}")
        try:
            for browser, child in [(first, tim), (second, eve)]:
                self.join(browser, child, day)
            lists = self.agent.get(C + "agents/listes-attente")
            self.assertEqual(lists.status, 200)
            text = plain(lists.text)
            self.assertLess(text.index("Tim DUPONT"), text.index("Eve DUPONT"), "in the order they joined")
            self.assertIn(plain(FR["agents_waiting_over_capacity"]), text)
            # Forged forms: an unknown activity, a malformed day, another commune's agent; nothing changes.
            before = {t: self.count(t) for t in ["waiting_offer", "day_places", "booking_event"]}
            taken = self.taken(day)
            for fields in [{"activite": "999999", "site": site, "jour": iso(day)},
                           {"activite": activity, "site": site, "jour": "2026-02-31"},
                           {"activite": "abc", "site": site, "jour": iso(day)}]:
                refused = self.agent.post(C + "agents/listes-attente/proposer", fields, csrf=lists.csrf())
                self.assertEqual(refused.status, 422, refused.text[:500])
            andresy = self.staff("andresy", "agent@andresy.example.fr")
            elsewhere = andresy.get("/andresy/agents/listes-attente")
            self.assertEqual(elsewhere.status, 200)
            self.assertNotIn("Tim DUPONT", plain(elsewhere.text))
            foreign = andresy.post("/andresy/agents/listes-attente/proposer",
                                   {"activite": activity, "site": site, "jour": iso(day)}, csrf=elsewhere.csrf())
            self.assertEqual(foreign.status, 422, foreign.text[:500])
            self.assertEqual({t: self.count(t) for t in before}, before)
            self.assertEqual(self.taken(day), taken)

            # By hand: a place over the capacity, offered to Tim, said on the page.
            made = self.agent.post(C + "agents/listes-attente/proposer",
                                   {"activite": activity, "site": site, "jour": iso(day)}, csrf=lists.csrf())
            self.assertEqual(made.status, 303, made.text[:500])
            self.assertIn(plain(FR["msg_offer_made"]), plain(self.agent.get(made.location).text))
            self.assertEqual(self.taken(day), 2)
            self.assertEqual(self.offer(tim, "status"), "offered")
            agent_id = self.database.scalar("SELECT id FROM account WHERE email = 'agent@mairie.example.fr'")
            self.assertEqual(self.database.scalar(
                f"SELECT actor_id || ' ' || channel FROM booking_event WHERE child_id = {tim} AND kind = 'offer_made'"),
                f"{agent_id} guichet")
            _, path = self.offer_link("Noir")
            # Tim's calendar shows the offer on its day, with its buttons.
            page = first.get(self.calendar_url(tim) + f"?mois={day:%Y-%m}")
            action = f"{C}ma-famille/enfants/{tim}/offres/{self.offer(tim, 'id')}"
            self.assertIn(f'formaction="{action}"', page.text)
            # Declined through the link: Eve is offered the place, still held.
            anonymous = Browser(self.server.port)
            shown = anonymous.get(path)
            declined = self.answer(anonymous, path, shown, "refuser")
            self.assertEqual(declined.status, 200, declined.text[:500])
            self.assertIn(plain(FR["msg_offer_declined"]), plain(declined.text))
            self.assertEqual(self.offer(tim, "status || ' ' || channel"), "declined mail")
            self.assertEqual(self.booked(tim, day), 0)
            self.assertEqual(self.count("waiting_entry", f"child_id = {tim} AND left_at_us IS NULL"), 0)
            _, eve_path = self.offer_link("Rose")
            self.assertEqual(self.taken(day), 2)
            # A malformed answer decides nothing.
            page = anonymous.get(eve_path)
            self.assertEqual(self.answer(anonymous, eve_path, page, "peut-etre").status, 422)
            self.assertEqual(self.offer(eve, "status"), "offered")
            # At the guichet, the agent sees the offer on Eve's calendar for her household; through another
            # household's address it is not found, and nothing changes.
            household = self.database.scalar(f"SELECT household_id FROM household_child WHERE child_id = {eve}")
            other = self.database.scalar(f"SELECT household_id FROM household_child WHERE child_id = {tim}")
            desk = self.agent.get(f"{C}agents/familles/{household}/enfants/{eve}/reservations?mois={day:%Y-%m}")
            self.assertEqual(desk.status, 200, desk.text[:500])
            eve_offer = self.offer(eve, "id")
            self.assertIn(f'formaction="{C}agents/familles/{household}/enfants/{eve}/offres/{eve_offer}"', desk.text)
            wrong = self.agent.post(f"{C}agents/familles/{other}/enfants/{eve}/offres/{eve_offer}",
                                    {"reponse": "accepter"}, csrf=desk.csrf())
            self.assertEqual(wrong.status, 404, wrong.text[:500])
            self.assertEqual(self.offer(eve, "status"), "offered")
            # Eve's family declines on the calendar: nobody is left waiting, the place is released.
            page = second.get(self.calendar_url(eve) + f"?mois={day:%Y-%m}")
            action = f"{C}ma-famille/enfants/{eve}/offres/{self.offer(eve, 'id')}"
            self.assertIn(f'formaction="{action}"', page.text)
            done = post_pairs(second, action, [("reponse", "refuser")], page.csrf())
            self.assertEqual(done.status, 303, done.text[:500])
            self.assertIn(plain(FR["msg_offer_declined"]), plain(second.get(done.location).text))
            self.assertEqual(self.offer(eve, "status || ' ' || channel"), "declined portal")
            self.assertEqual(self.taken(day), 1)
            self.assertEqual(self.count("waiting_offer", "status = 'offered' AND day = '%s'" % iso(day)), 0)
        finally:
            self.database.change_catalogue(f"UPDATE catalog_activity_site SET capacity = 200 WHERE activity_id = "
                                           f"{activity} AND site_id = {site}")

    def test_places_added_by_an_agent_make_one_offer_each_and_one_link_posted_twice_at_once_books_once(self):
        booker, booker_ids = self.family("Jaune", ["Max"])
        waiting = [self.family(name, [child]) for name, child in [("Mauve", "Luc"), ("Ocre", "Ivy")]]
        max_ = booker_ids["Max"]
        self.enrol(booker, max_, "tram")
        children = []
        for browser, ids in waiting:
            child = next(iter(ids.values()))
            self.enrol(browser, child, "tram")
            children.append((browser, child))
        states = self.states(booker, max_, "tram", months=3)
        days = sorted(d for d, s in states.items() if s == "on_time")
        if len(days) < 4:
            self.skipTest("not enough on-time days of tram in the next three months")
        day = days[3]
        activity, site = self.activity("tram"), self.site("ecole-victor-hugo")
        self.book(booker, max_, day)
        self.database.change_catalogue(f"UPDATE catalog_activity_site SET capacity = 1 WHERE activity_id = "
                                       f"{activity} AND site_id = {site}")
        try:
            for browser, child in children:
                self.join(browser, child, day)
            # Two places added: the timer offers one to each child waiting.
            self.database.change_catalogue(f"UPDATE catalog_activity_site SET capacity = 3 WHERE activity_id = "
                                           f"{activity} AND site_id = {site}")
            ticked = run_cli("timers", "run", "booking.offers", "--config", self.config, database=self.database.url)
            self.assertEqual(ticked.returncode, 0, ticked.stderr)
            self.assertEqual(self.taken(day), 3)
            for _, child in children:
                self.assertEqual(self.offer(child, "status"), "offered")
            _, path = self.offer_link("Mauve")
            self.offer_link("Ocre")
            # The same link posted twice at once: one booking, the other answer refused.
            luc = children[0][1]
            browsers = [Browser(self.server.port), Browser(self.server.port)]
            pages = [b.get(path) for b in browsers]
            statuses = []

            def answer(index):
                statuses.append(self.answer(browsers[index], path, pages[index], "accepter").status)

            threads = [threading.Thread(target=answer, args=(i,)) for i in range(2)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            self.assertEqual(sorted(statuses), [200, 409])
            self.assertEqual(self.booked(luc, day), 1)
            self.assertEqual(self.count("booking_event", f"child_id = {luc} AND kind = 'offer_accepted'"), 1)
            self.assertEqual(self.taken(day), 3)
        finally:
            self.database.change_catalogue(f"UPDATE catalog_activity_site SET capacity = 200 WHERE activity_id = "
                                           f"{activity} AND site_id = {site}")


if __name__ == "__main__":
    unittest.main()
