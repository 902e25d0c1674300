"""The JSON API and its description: the OpenAPI 3.1 document served at /{commune}/api/v1/openapi.json names every
JSON route of `guichet routes` (and no other), and what the real server answers, success and errors, validates
against the document's schemas."""
import datetime
import json
import os
import unittest
import zoneinfo

import jsonschema

from harness import GuichetServer, TestDatabase, run_cli
from web_client import Browser

C = "/chanteloup-les-vignes/"
API = C + "api/v1"
DOCUMENT = os.path.join(os.path.dirname(__file__), "..", "..", "assets", "api", "openapi.json")
PARENT, PARENT_PASSWORD = "marie.dupont", "le chat dort sur le radiateur"


def json_routes():
    """(method, path under /{commune}/api/v1) of every JSON route the binary declares."""
    listed = run_cli("routes")
    assert listed.returncode == 0, listed.stderr
    routes = set()
    for line in listed.stdout.splitlines():
        method, path, _name, _policy, kind = line.split("\t")
        if kind == "json":
            assert path.startswith("/{commune}/api/v1/"), f"a JSON route outside the API: {path}"
            routes.add((method.lower(), path[len("/{commune}/api/v1"):]))
    return routes


class ApiDocumentTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.database = TestDatabase()
        cls.server = GuichetServer(cls.database, subcommand="demo")
        with open(DOCUMENT, encoding="utf-8") as f:
            cls.document = json.load(f)

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        cls.database.close()

    def browser(self):
        return Browser(self.server.port)

    def signed_in(self):
        browser = self.browser()
        done = browser.submit(C + "connexion", C + "connexion", {"login": PARENT, "password": PARENT_PASSWORD})
        self.assertEqual(done.status, 303, done.text[:300])
        return browser

    def assert_valid(self, method, path, response):
        """The response's status is documented for this operation and its body validates against its schema."""
        operation = self.document["paths"][path][method]
        documented = operation["responses"]
        self.assertIn(str(response.status), documented, f"{method} {path} answered {response.status}")
        answer = documented[str(response.status)]
        if "$ref" in answer:
            answer = self.document["components"]["responses"][answer["$ref"].rsplit("/", 1)[1]]
        self.assertEqual(response.headers.get("content-type"), "application/json")
        schema = answer["content"]["application/json"]["schema"]
        resolver = jsonschema.RefResolver.from_schema(self.document)
        jsonschema.Draft202012Validator(schema, resolver=resolver).validate(response.json())

    def test_the_document_served_is_the_one_in_the_repository(self):
        response = self.browser().get(API + "/openapi.json")
        self.assertEqual(response.status, 200)
        self.assertEqual(response.json(), self.document)
        self.assertEqual(self.document["openapi"], "3.1.0")
        # Every schema in it is itself a valid JSON Schema (2020-12, the dialect of OpenAPI 3.1).
        for name, schema in self.document["components"]["schemas"].items():
            with self.subTest(schema=name):
                jsonschema.Draft202012Validator.check_schema(schema)

    def test_every_api_route_is_documented_and_nothing_else(self):
        documented = {(method, path) for path, operations in self.document["paths"].items()
                      for method in operations if method in ("get", "post", "put", "patch", "delete")}
        routes = json_routes()
        self.assertGreaterEqual(len(routes), 3)
        self.assertEqual(routes - documented, set(), "API routes missing from assets/api/openapi.json")
        self.assertEqual(documented - routes, set(), "operations documented that no route serves")

    def test_answers_validate_against_their_schemas(self):
        anonymous = self.browser()
        self.assert_valid("get", "/moi", anonymous.api("GET", API + "/moi"))

        browser = self.signed_in()
        me = browser.api("GET", API + "/moi")
        self.assert_valid("get", "/moi", me)
        self.assertEqual(me.status, 200)
        self.assertEqual(me.json()["username"], PARENT)
        token = me.json()["csrf_token"]
        before = me.json()["contact"]

        fields = {key: value for key, value in before.items()}
        no_token = browser.api("POST", API + "/moi/coordonnees", dict(fields, city="Sans jeton"))
        self.assert_valid("post", "/moi/coordonnees", no_token)
        self.assertEqual(no_token.status, 403)
        not_object = browser.request("POST", API + "/moi/coordonnees", body="[1, 2]",
                                     headers={"Content-Type": "application/json", "Origin": browser.origin,
                                              "X-CSRF-Token": token})
        self.assert_valid("post", "/moi/coordonnees", not_object)
        self.assertEqual(not_object.status, 400)
        refused = browser.api("POST", API + "/moi/coordonnees", dict(fields, postal_code="785"), token=token)
        self.assert_valid("post", "/moi/coordonnees", refused)
        self.assertEqual(refused.status, 422)
        self.assertIn("postal_code", [field["field"] for field in refused.json()["error"]["fields"]])
        # Nothing of the refused requests was saved.
        self.assertEqual(browser.api("GET", API + "/moi").json()["contact"], before)

        saved = browser.api("POST", API + "/moi/coordonnees", dict(fields, city="Andrésy"), token=token)
        self.assert_valid("post", "/moi/coordonnees", saved)
        self.assertEqual(saved.status, 200)
        self.assertEqual(browser.api("GET", API + "/moi").json()["contact"]["city"], "Andrésy")


    def test_booking_answers_validate_against_their_schemas(self):
        browser = self.signed_in()
        token = browser.api("GET", API + "/moi").json()["csrf_token"]
        child = self.database.scalar("SELECT id FROM child WHERE first_name = 'Rémi'")
        base = f"{API}/enfants/{child}"
        calendar_path = "/enfants/{child}/calendrier"

        def post(path, payload, with_token=True):
            return browser.api("POST", base + path, payload, token=token if with_token else None)

        # A day to book, chosen from what the calendar says (never a fixed date: decisions follow the real date).
        today = datetime.datetime.now(zoneinfo.ZoneInfo("Europe/Paris")).date()
        month = today.replace(day=1)
        chosen = None
        for _ in range(4):
            answer = browser.api("GET", f"{base}/calendrier?mois={month:%Y-%m}")
            self.assert_valid("get", calendar_path, answer)
            self.assertEqual(answer.status, 200)
            for activity in answer.json()["activities"]:
                for day in activity["days"]:
                    self.assertEqual(day["price_cents"] is None, day["decision"] not in ("on_time", "late"), day)
                    self.assertEqual("surcharge" in day, day["decision"] == "late", day)
                    if not chosen and not day["booked"] and day["decision"] in ("on_time", "late"):
                        chosen = (activity["id"], day)
            if chosen:
                break
            month = (month + datetime.timedelta(days=32)).replace(day=1)
        self.assertIsNotNone(chosen, "no bookable day in the next four months")
        activity, day = chosen
        selection = {"activity": activity, "days": [day["date"]]}

        self.assert_valid("get", calendar_path, browser.api("GET", base + "/calendrier"))
        for month_text in ("2026-13", "2026-1", "demain"):
            wrong = browser.api("GET", f"{base}/calendrier?mois={month_text}")
            self.assert_valid("get", calendar_path, wrong)
            self.assertEqual(wrong.status, 422, month_text)
            self.assertEqual(wrong.json()["error"]["field"], "mois")

        # Another household's child and an id nobody has are not found, on every route.
        self.database.execute(
            "INSERT INTO household (commune_id, reference, address_line, address_complement, postal_code, city, "
            "created_at_us) SELECT commune_id, 'API-AUTRE', '1 rue Autre', '', '78570', 'Chanteloup', 0 "
            f"FROM child WHERE id = {child}")
        self.database.execute(
            "INSERT INTO child (commune_id, last_name, first_name, birth_date, sex, school, class_level, diet, pai) "
            f"SELECT commune_id, 'Autre', 'Zoé', '2016-05-05', 'female', 'École', 'cm1', 'standard', 0 "
            f"FROM child WHERE id = {child}")
        foreign = self.database.scalar("SELECT id FROM child WHERE first_name = 'Zoé'")
        self.database.execute("INSERT INTO household_child (household_id, child_id) SELECT id, "
                              f"{foreign} FROM household WHERE reference = 'API-AUTRE'")
        for other in (foreign, 987654321, "abc"):
            with self.subTest(child=other):
                path = f"{API}/enfants/{other}"
                refused = browser.api("GET", path + "/calendrier")
                self.assertEqual(refused.status, 404)
                if other != "abc":
                    self.assert_valid("get", calendar_path, refused)
                for route in ("/reservations/recapitulatif", "/annulations/recapitulatif"):
                    answer = browser.api("POST", path + route, selection, token=token)
                    self.assertEqual(answer.status, 404, route)
                    self.assertEqual(answer.json()["error"]["code"], "not_found")
                for route in ("/reservations", "/annulations"):
                    answer = browser.api("POST", path + route, dict(selection, fingerprint="x"), token=token)
                    self.assertEqual(answer.status, 404, route)
        self.assertEqual(self.database.scalar(f"SELECT count(*) FROM day_booking WHERE child_id = {foreign}"), 0)

        summary_path = "/enfants/{child}/reservations/recapitulatif"
        no_token = post("/reservations/recapitulatif", selection, with_token=False)
        self.assert_valid("post", summary_path, no_token)
        self.assertEqual(no_token.status, 403)
        not_json = browser.request("POST", base + "/reservations/recapitulatif", body="{\"activity\": ",
                                   headers={"Content-Type": "application/json", "Origin": browser.origin,
                                            "X-CSRF-Token": token})
        self.assert_valid("post", summary_path, not_json)
        self.assertEqual(not_json.status, 400)
        for payload, status, field in (
                ({"activity": str(activity), "days": [day["date"]]}, 400, "activity"),
                ({"activity": activity, "days": day["date"]}, 400, "days"),
                ({"activity": activity, "days": [20261207]}, 400, "days[0]"),
                ({"activity": activity}, 400, "days"),
                (dict(selection, pattern={"weekdays": ["monday"]}), 400, "days"),
                (dict(selection, extra=1), 400, "extra"),
                ({"activity": activity, "pattern": {"weekdays": ["monday"], "every_other_week": "yes"}}, 400,
                 "pattern.every_other_week"),
                ({"activity": activity, "days": ["2026-02-30"]}, 422, "days[0]"),
                ({"activity": activity, "days": []}, 422, "days"),
                ({"activity": activity, "pattern": {"weekdays": ["lundi"]}}, 422, "pattern.weekdays[0]"),
                ({"activity": activity, "pattern": {"weekdays": ["monday"], "until": "noel"}}, 422, "pattern.until"),
                ({"activity": activity, "pattern": {"weekdays": ["monday"], "from": "2099-01-04"}}, 422,
                 "pattern.from"),
                ({"activity": 987654321, "days": [day["date"]]}, 422, "activity")):
            with self.subTest(payload=payload):
                answer = post("/reservations/recapitulatif", payload)
                self.assert_valid("post", summary_path, answer)
                self.assertEqual(answer.status, status, answer.text)
                self.assertEqual(answer.json()["error"]["field"], field)

        summary = post("/reservations/recapitulatif", selection)
        self.assert_valid("post", summary_path, summary)
        self.assertEqual(summary.status, 200, summary.text)
        line = summary.json()["lines"][0]
        self.assertEqual((line["day"], line["decision"], line["price_cents"]),
                         (day["date"], day["decision"], day["price_cents"]))
        self.assertEqual(summary.json()["total_cents"], day["price_cents"])

        confirm_path = "/enfants/{child}/reservations"
        booked_rows = f"SELECT count(*) FROM day_booking WHERE child_id = {child} AND activity_id = {activity} " \
                      f"AND day = '{day['date']}' AND status = 'booked'"
        missing = post("/reservations", selection)
        self.assert_valid("post", confirm_path, missing)
        self.assertEqual((missing.status, missing.json()["error"]["field"]), (400, "fingerprint"))
        stale = post("/reservations", dict(selection, fingerprint="not the one shown"))
        self.assert_valid("post", confirm_path, stale)
        self.assertEqual(stale.status, 409)
        self.assertEqual(stale.json()["summary"]["fingerprint"], summary.json()["fingerprint"])
        self.assertEqual(self.database.scalar(booked_rows), 0)
        done = post("/reservations", dict(selection, fingerprint=summary.json()["fingerprint"]))
        self.assert_valid("post", confirm_path, done)
        self.assertEqual(done.status, 201, done.text)
        self.assertEqual(len(done.json()["booked"]), 1)
        row = done.json()["booked"][0]
        self.assertEqual(self.database.scalar(booked_rows), 1)
        self.assertEqual(self.database.scalar(f"SELECT unit_price_cents + surcharge_cents FROM day_booking "
                                              f"WHERE id = {row}"), day["price_cents"])
        self.assertEqual(self.database.scalar(f"SELECT timing FROM day_booking WHERE id = {row}"), day["decision"])
        self.assertEqual(self.database.scalar(f"SELECT channel FROM day_booking WHERE id = {row}"), "portal")
        # The same confirmation again: the day is booked already, so the plan changed and nothing more is written.
        again = post("/reservations", dict(selection, fingerprint=summary.json()["fingerprint"]))
        self.assert_valid("post", confirm_path, again)
        self.assertEqual(again.status, 409)
        self.assertEqual(again.json()["summary"]["already_booked"], [day["date"]])
        self.assertEqual(self.database.scalar(booked_rows), 1)

        calendar = browser.api("GET", f"{base}/calendrier?mois={day['date'][:7]}").json()
        shown = [d for a in calendar["activities"] if a["id"] == activity for d in a["days"]
                 if d["date"] == day["date"]][0]
        self.assertEqual((shown["booked"], shown["booking_id"]), (True, row))

        # A weekly pattern (the chosen day's weekday until the next holidays) lists that day as booked already.
        weekday = datetime.date.fromisoformat(day["date"]).strftime("%A").lower()
        pattern = post("/reservations/recapitulatif",
                       {"activity": activity, "pattern": {"weekdays": [weekday], "from": day["date"],
                                                          "until": "next_holidays", "every_other_week": True}})
        self.assert_valid("post", summary_path, pattern)
        self.assertEqual(pattern.status, 200, pattern.text)
        self.assertIn(day["date"], pattern.json()["already_booked"])
        self.assertNotIn(day["date"], [line["day"] for line in pattern.json()["lines"]])

        cancel_summary_path, cancel_path = "/enfants/{child}/annulations/recapitulatif", "/enfants/{child}/annulations"
        bad = post("/annulations/recapitulatif", {"activity": activity, "days": ["07/12/2026"]})
        self.assert_valid("post", cancel_summary_path, bad)
        self.assertEqual(bad.status, 422)
        plan = post("/annulations/recapitulatif", selection)
        self.assert_valid("post", cancel_summary_path, plan)
        self.assertEqual(plan.status, 200, plan.text)
        self.assertEqual([(line["day"], line["booking_id"]) for line in plan.json()["lines"]], [(day["date"], row)])
        decision = plan.json()["lines"][0]["decision"]
        self.assertIn(decision, ("free", "billed"))
        stale = post("/annulations", dict(selection, fingerprint="old"))
        self.assert_valid("post", cancel_path, stale)
        self.assertEqual(stale.status, 409)
        self.assertEqual(self.database.scalar(booked_rows), 1)
        cancelled = post("/annulations", dict(selection, fingerprint=plan.json()["fingerprint"]))
        self.assert_valid("post", cancel_path, cancelled)
        self.assertEqual(cancelled.status, 200, cancelled.text)
        self.assertEqual(cancelled.json()["cancelled"], 1)
        self.assertEqual(self.database.scalar(booked_rows), 0)
        self.assertEqual(self.database.scalar(f"SELECT status || ' ' || cancellation FROM day_booking WHERE id = {row}"),
                         "cancelled " + decision)
        nothing = post("/annulations/recapitulatif", selection)
        self.assert_valid("post", cancel_summary_path, nothing)
        self.assertEqual((nothing.json()["lines"], nothing.json()["not_booked"]), ([], [day["date"]]))
        twice = post("/annulations", dict(selection, fingerprint=plan.json()["fingerprint"]))
        self.assert_valid("post", cancel_path, twice)
        self.assertEqual(twice.status, 409)


if __name__ == "__main__":
    unittest.main()
