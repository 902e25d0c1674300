"""The JSON API and its description: the OpenAPI 3.1 document served at /{commune}/api/v1/openapi.json names every
JSON route of `guichet routes` (and no other), and what the real server answers, success and errors, validates
against the document's schemas."""
import json
import os
import unittest

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


if __name__ == "__main__":
    unittest.main()
