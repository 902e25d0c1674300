"""G1 end-to-end: the real binary over HTTP, on the backend the run selects."""
import os
import re
import signal
import threading
import time
import unittest

from harness import DEMO_COMMUNE, GuichetServer, TestDatabase, backend, run_cli

LANDING = "/chanteloup-les-vignes/"


class ServedCommuneTest(unittest.TestCase):
    """One server with the demo commune, shared by the read-only checks below."""

    @classmethod
    def setUpClass(cls):
        cls.database = TestDatabase()
        created = run_cli(*DEMO_COMMUNE, database=cls.database.url)
        assert created.returncode == 0, created.stderr
        cls.server = GuichetServer(cls.database)

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        cls.database.close()

    def landing(self, headers=None):
        status, headers, body = self.server.get(LANDING, headers=headers)
        self.assertEqual(status, 200)
        return headers, body.decode("utf-8")

    def test_landing_page_presents_the_commune_and_the_two_ways_in(self):
        headers, html = self.landing()
        self.assertEqual(headers["content-type"], "text/html; charset=utf-8")
        self.assertIn('<html lang="fr">', html)
        self.assertIn("Chanteloup-les-Vignes", html)
        self.assertIn("simplifiez-vous la ville", html)
        self.assertIn('href="/chanteloup-les-vignes/creer-mon-espace"', html)
        self.assertIn('href="/chanteloup-les-vignes/connexion"', html)
        self.assertIn("Créer mon espace", html)
        self.assertIn("Se connecter", html)
        for advantage in ["Démarches simplifiées", "Paiement en ligne", "Espace de stockage des justificatifs"]:
            self.assertIn(advantage, html)

    def test_landing_page_shows_the_guichet_unique_contact_block(self):
        _, html = self.landing()
        self.assertIn("BESOIN D", html.upper())
        self.assertIn("Espace Victor Hugo • 18 avenue de Poissy", html)
        self.assertIn('href="tel:+33139742912"', html)
        self.assertIn("01 39 74 29 12", html)
        self.assertIn("mailto:inscriptionenfance@chanteloup-les-vignes.fr", html)
        self.assertIn("9h-12h / 13h30-18h", html)

    def test_layout_is_accessible_without_javascript(self):
        _, html = self.landing()
        self.assertRegex(html, r'<a class="[^"]*skip[^"]*" href="#contenu"')
        self.assertIn('<main id="contenu"', html)
        for landmark in ["<header", "<nav", "<footer"]:
            self.assertIn(landmark, html)
        self.assertEqual(len(re.findall(r"<h1[ >]", html)), 1)
        self.assertIn('name="viewport"', html)
        self.assertNotRegex(html, r"<script(?![^>]*\bsrc=)", "no inline script")
        self.assertNotIn("style=", html)
        self.assertNotRegex(html, r'(src|href)="(https?:)?//', "no external resource")
        self.assertIn('href="/chanteloup-les-vignes/accessibilite"', html)

    def test_english_is_chosen_by_link_and_remembered_by_cookie(self):
        status, headers, body = self.server.get(LANDING + "?lang=en")
        self.assertEqual(status, 200)
        self.assertIn('<html lang="en">', body.decode())
        self.assertIn("lang=en", headers["set-cookie"])
        self.assertIn("HttpOnly", headers["set-cookie"])
        _, html = self.landing(headers={"Cookie": "lang=en"})
        self.assertIn('<html lang="en">', html)
        self.assertIn('hreflang="fr"', html)
        _, french = self.landing(headers={"Cookie": "lang=xx"})
        self.assertIn('<html lang="fr">', french)

    def test_accessibility_statement_is_served_for_the_commune(self):
        status, _, body = self.server.get("/chanteloup-les-vignes/accessibilite")
        self.assertEqual(status, 200)
        html = body.decode()
        self.assertIn("accessibilit", html.lower())
        self.assertIn("RGAA", html)
        self.assertIn("Défenseur des droits", html)

    def test_unknown_commune_gets_a_french_404_page(self):
        status, headers, body = self.server.get("/nulle-part/")
        self.assertEqual(status, 404)
        html = body.decode()
        self.assertIn('<html lang="fr">', html)
        self.assertIn("Page introuvable", html)
        self.assertIn('href="/chanteloup-les-vignes/"', html, "lists the communes served")
        self.assertEqual(headers["content-type"], "text/html; charset=utf-8")

    def test_unknown_page_of_a_known_commune_keeps_its_header(self):
        status, _, body = self.server.get("/chanteloup-les-vignes/pas-de-page")
        self.assertEqual(status, 404)
        self.assertIn("Chanteloup-les-Vignes", body.decode())
        self.assertIn("Page introuvable", body.decode())

    def test_paths_that_do_not_decode_are_bad_requests(self):
        for path in ["/%zz/", "/chanteloup-les-vignes/%00", "/a/../chanteloup-les-vignes/"]:
            status, _, body = self.server.get(path)
            self.assertEqual(status, 400, path)
            self.assertIn("lang=\"fr\"", body.decode())

    def test_commune_without_trailing_slash_redirects(self):
        status, headers, _ = self.server.get("/chanteloup-les-vignes")
        self.assertEqual(status, 301)
        self.assertEqual(headers["location"], LANDING)

    def test_the_root_sends_a_single_commune_portal_to_its_commune(self):
        status, headers, _ = self.server.get("/")
        self.assertEqual(status, 302)
        self.assertEqual(headers["location"], LANDING)

    def test_wrong_method_is_405_with_allow(self):
        status, headers, body = self.server.request("DELETE", LANDING)
        self.assertEqual(status, 405)
        self.assertIn("GET", headers["allow"])
        self.assertIn("n’accepte pas ce type de requête", body.decode())

    def test_the_server_runs_on_the_backend_this_run_selected(self):
        listening = [event for event in self.server.events() if event.get("event") == "listening"][0]
        self.assertEqual(listening["backend"], backend())

    def test_health_and_readiness(self):
        status, _, body = self.server.get("/healthz")
        self.assertEqual((status, body), (200, b"ok\n"))
        status, _, body = self.server.get("/readyz")
        self.assertEqual((status, body), (200, b"ready\n"))

    def test_metrics_count_requests_per_route_with_a_latency_histogram(self):
        self.landing()
        self.server.get("/nulle-part/")
        status, headers, body = self.server.get("/metrics")
        self.assertEqual(status, 200)
        self.assertTrue(headers["content-type"].startswith("text/plain; version=0.0.4"))
        text = body.decode()
        count = re.search(r'guichet_http_requests_total\{route="portal.landing",method="GET",status="200"\} (\d+)',
                          text)
        self.assertIsNotNone(count, text)
        self.assertGreaterEqual(int(count.group(1)), 1)
        self.assertRegex(text, r'guichet_http_requests_total\{route="unmatched",method="GET",status="404"\} \d+')
        self.assertRegex(text, r'guichet_http_request_duration_seconds_bucket\{route="portal.landing",le="\+Inf"\} \d+')
        self.assertRegex(text, r'guichet_http_request_duration_seconds_sum\{route="portal.landing"\} [0-9.e-]+')
        self.assertRegex(text, r"guichet_http_requests_in_flight \d+")

    def test_every_response_carries_the_security_headers_and_no_banner(self):
        css = re.search(r'href="(/assets/css/app\.[0-9a-f]{12}\.css)"', self.landing()[1]).group(1)
        for path in [LANDING, "/nulle-part/", "/healthz", css, "/%zz/"]:
            _, headers, _ = self.server.get(path)
            csp = headers.get("content-security-policy", "")
            self.assertIn("frame-ancestors 'none'", csp, path)
            self.assertIn("script-src 'self'", csp, path)
            self.assertNotIn("unsafe-inline", csp, path)
            self.assertEqual(headers.get("x-content-type-options"), "nosniff", path)
            self.assertEqual(headers.get("referrer-policy"), "same-origin", path)
            self.assertNotIn("server", headers, path)
            self.assertNotIn("x-powered-by", headers, path)

    def test_static_assets_have_hashed_names_long_caching_and_revalidation(self):
        _, html = self.landing()
        for pattern, content_type in [(r'href="(/assets/css/app\.[0-9a-f]{12}\.css)"', "text/css; charset=utf-8"),
                                      (r'src="(/assets/js/app\.[0-9a-f]{12}\.js)"', "text/javascript; charset=utf-8"),
                                      (r'src="(/assets/img/logo\.[0-9a-f]{12}\.svg)"', "image/svg+xml")]:
            url = re.search(pattern, html).group(1)
            status, headers, body = self.server.get(url)
            self.assertEqual(status, 200, url)
            self.assertEqual(headers["content-type"], content_type)
            self.assertEqual(headers["cache-control"], "public, max-age=31536000, immutable")
            self.assertGreater(len(body), 0)
            status, headers, body = self.server.get(url, headers={"If-None-Match": headers["etag"]})
            self.assertEqual((status, body), (304, b""))
        status, _, _ = self.server.get("/assets/css/app.css")
        self.assertEqual(status, 404, "only hashed names are served")
        status, _, _ = self.server.get("/assets/templates/layout.mustache")
        self.assertEqual(status, 404, "templates are not assets")

    def test_oversized_body_is_413_and_the_server_keeps_serving(self):
        status, headers, body = self.server.request("POST", LANDING, body=b"x" * (1024 * 1024 + 1),
                                                    headers={"Content-Type": "application/x-www-form-urlencoded"})
        self.assertEqual(status, 413)
        self.assertIn("trop volumineux", body.decode())
        self.assertEqual(self.server.get("/healthz")[0], 200)

    def test_malformed_request_line_is_400_and_the_server_keeps_serving(self):
        for payload in [b"GARBAGE\r\n\r\n", b"GET / HTTP/9\r\n\r\n", b"\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03"]:
            answer = self.server.raw(payload)
            self.assertTrue(answer.startswith(b"HTTP/1.1 400 Bad Request\r\n"), answer)
            self.assertIn(b"Connection: close", answer)
        self.assertEqual(self.server.get("/healthz")[0], 200)

    def test_oversized_headers_are_431_and_the_server_keeps_serving(self):
        status, headers, body = self.server.get(LANDING, headers={"X-Big": "a" * 20000})
        self.assertEqual(status, 431)
        self.assertEqual(headers["connection"], "close")
        self.assertIn("trop volumineux", body.decode())
        many_fields = "".join(f"X-Field-{i}: 1\r\n" for i in range(101))
        long_name = "X-" + "n" * 300 + ": 1\r\n"
        whole_header = "".join(f"X-Part-{i}: {'a' * 5000}\r\n" for i in range(20))  # 100 KB in fields under 8 KB
        for fields in [many_fields, long_name, whole_header]:
            answer = self.server.raw(f"GET /healthz HTTP/1.1\r\nHost: x\r\n{fields}\r\n".encode())
            self.assertTrue(answer.startswith(b"HTTP/1.1 431 Request Header Fields Too Large\r\n"), answer[:80])
            self.assertIn(b"Connection: close", answer)
        self.assertEqual(self.server.get("/healthz")[0], 200)

    def test_a_url_over_the_limit_is_414(self):
        answer = self.server.raw(b"GET /" + b"a" * 9000 + b" HTTP/1.1\r\nHost: x\r\n\r\n")
        self.assertTrue(answer.startswith(b"HTTP/1.1 414 URI Too Long\r\n"), answer[:80])
        self.assertIn(b"Connection: close", answer)
        self.assertEqual(self.server.get("/healthz")[0], 200)

    def test_http_versions_other_than_1_0_and_1_1_are_505(self):
        for version in [b"HTTP/9.9", b"HTTP/2.0", b"HTTP/1.2", b"HTTP/0.9"]:
            answer = self.server.raw(b"GET /healthz " + version + b"\r\nHost: x\r\n\r\n")
            self.assertTrue(answer.startswith(b"HTTP/1.1 505 HTTP Version Not Supported\r\n"), (version, answer[:80]))
            self.assertIn(b"Connection: close", answer)
        answer = self.server.raw(b"GET /healthz HTTP/1.0\r\n\r\n")
        self.assertTrue(answer.startswith(b"HTTP/1.1 200 OK\r\n"), answer[:80])

    def test_pipelined_requests_are_all_answered_in_order(self):
        paths = ["/healthz", "/nulle-part/", "/readyz", "/healthz", "/healthz"]
        payload = "".join(f"GET {path} HTTP/1.1\r\nHost: x\r\n\r\n" for path in paths[:-1])
        payload += f"GET {paths[-1]} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
        answer = self.server.raw(payload.encode())
        statuses = []
        while answer:
            head, _, rest = answer.partition(b"\r\n\r\n")
            self.assertTrue(head.startswith(b"HTTP/1.1 "), head[:80])
            statuses.append(int(head.split(b" ")[1]))
            length = int(re.search(rb"\r\nContent-Length: (\d+)", head).group(1))
            answer = rest[length:]
        self.assertEqual(statuses, [200, 404, 200, 200, 200])
        # Three in one write, the smallest case the probe found dropped.
        answer = self.server.raw(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n" * 3, timeout=1)
        self.assertEqual(answer.count(b"HTTP/1.1 200 OK\r\n"), 3, answer)

    def test_access_log_is_one_json_object_per_request(self):
        self.server.get("/healthz?probe=access-log")
        lines = self.server.access_log()
        self.assertTrue(lines)
        entry = [line for line in lines if line["data"].get("path") == "/healthz"][-1]
        self.assertEqual(entry["log"], "access")
        self.assertEqual(entry["data"]["status"], 200)
        self.assertEqual(entry["data"]["route"], "ops.healthz")
        self.assertIn("duration_ms", entry["data"])
        self.assertRegex(entry["time"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z$")

    def test_many_concurrent_clients_are_all_answered(self):
        results = []

        def fetch():
            results.append(self.server.get(LANDING)[0])

        threads = [threading.Thread(target=fetch) for _ in range(32)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self.assertEqual(results, [200] * 32)


class MonitoringAccessTest(unittest.TestCase):
    """/metrics is for the monitoring only: the configured addresses (seen through a trusted proxy) or a bearer
    token."""

    TOKEN = "a-long-enough-monitoring-token-0123456789"

    @classmethod
    def setUpClass(cls):
        cls.database = TestDatabase()
        assert run_cli(*DEMO_COMMUNE, database=cls.database.url).returncode == 0
        config = os.path.join(cls.database.folder, "monitoring.toml")
        with open(config, "w") as f:
            f.write('[server]\ntrusted_proxies = ["127.0.0.1"]\n'
                    f'[metrics]\nallow = ["192.0.2.0/24"]\nbearer_token = "{cls.TOKEN}"\n')
        cls.server = GuichetServer(cls.database, extra_args=["--config", config])

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        cls.database.close()

    def test_only_the_monitoring_reads_the_metrics(self):
        cases = [
            ({}, 403, "the proxy itself is not the monitoring"),
            ({"X-Forwarded-For": "192.0.2.5"}, 200, "an allowed address behind the proxy"),
            ({"X-Forwarded-For": "203.0.113.9"}, 403, "a visitor behind the proxy"),
            ({"X-Forwarded-For": "192.0.2.5, 203.0.113.9"}, 403, "a visitor who wrote an allowed address himself"),
            ({"Authorization": f"Bearer {self.TOKEN}", "X-Forwarded-For": "203.0.113.9"}, 200, "the token"),
            ({"Authorization": f"Bearer {self.TOKEN}x"}, 403, "a wrong token"),
            ({"Authorization": "Bearer "}, 403, "an empty token"),
        ]
        for headers, expected, why in cases:
            status, _, body = self.server.get("/metrics", headers=headers)
            self.assertEqual(status, expected, why)
            if expected == 200:
                self.assertIn(b"guichet_http_requests_total", body)
            else:
                self.assertNotIn(b"guichet_http", body, why)
        status, _, _ = self.server.get("/healthz", headers={"X-Forwarded-For": "203.0.113.9"})
        self.assertEqual(status, 200, "health checks stay open")
        visitor = [line["data"] for line in self.server.access_log()
                   if line["data"].get("path") == "/metrics" and line["data"].get("remote") == "203.0.113.9"]
        self.assertEqual(len(visitor), 3, "logged under the visitor's address")
        self.assertEqual({line["peer"] for line in visitor}, {"127.0.0.1"})

    def test_a_bad_address_in_the_configuration_is_refused_at_start(self):
        config = os.path.join(self.database.folder, "bad-monitoring.toml")
        with open(config, "w") as f:
            f.write('[metrics]\nallow = ["10.0.0.0/33"]\n')
        checked = run_cli("serve", "--port", "0", "--config", config, database=self.database.url)
        self.assertNotEqual(checked.returncode, 0)
        self.assertIn("10.0.0.0/33", checked.stderr)


class LifecycleTest(unittest.TestCase):
    def setUp(self):
        self.database = TestDatabase()

    def tearDown(self):
        self.database.close()

    def test_sigterm_stops_cleanly_and_the_data_survives(self):
        self.assertEqual(run_cli(*DEMO_COMMUNE, database=self.database.url).returncode, 0)
        server = GuichetServer(self.database)
        self.assertEqual(server.get(LANDING)[0], 200)
        self.assertEqual(server.stop(signal.SIGTERM), 0)
        events = [event.get("event") for event in server.events()]
        self.assertIn("stopping", events)
        self.assertEqual(events[-1], "stopped")
        again = GuichetServer(self.database)
        try:
            self.assertEqual(again.get(LANDING)[0], 200)
        finally:
            self.assertEqual(again.stop(signal.SIGINT), 0)

    def test_demo_creates_the_commune_once_and_serves_it(self):
        for _ in range(2):  # idempotent: the second start finds the commune
            server = GuichetServer(self.database, subcommand="demo")
            try:
                status, _, body = server.get(LANDING)
                self.assertEqual(status, 200)
                self.assertIn("Espace Victor Hugo", body.decode())
                with open(server.stdout_path) as out:
                    self.assertIn(f"Guichet is serving Chanteloup-les-Vignes at http://127.0.0.1:{server.port}"
                                  "/chanteloup-les-vignes/", out.read())
            finally:
                self.assertEqual(server.stop(), 0)
        listed = run_cli("tenant", "list", database=self.database.url)
        self.assertEqual(listed.stdout.count("chanteloup-les-vignes"), 1)

    def test_the_demo_prints_accounts_that_sign_in_and_a_key_that_links_a_second_parent(self):
        from web_client import Browser
        keys = []
        for start in range(2):
            server = GuichetServer(self.database, subcommand="demo")
            try:
                deadline = time.monotonic() + 10
                out = ""
                while "Mails are not sent" not in out and time.monotonic() < deadline:
                    with open(server.stdout_path) as f:
                        out = f.read()
                    time.sleep(0.05)
                logins = dict(re.findall(r"^  .*?:\s+(\S+) / (.+)$", out, re.M))
                self.assertEqual(set(logins), {"marie.dupont", "agent@chanteloup.demo", "admin@chanteloup.demo",
                                               "animateur@chanteloup.demo"}, out)
                keys.append(re.search(r"Xavier DUPONT: (\S+)", out).group(1))
                parent = Browser(server.port)
                signed = parent.submit(LANDING + "connexion", LANDING + "connexion",
                                       {"login": "marie.dupont", "password": logins["marie.dupont"]})
                self.assertEqual((signed.status, signed.location), (303, LANDING + "mon-espace"))
                family = parent.get(LANDING + "ma-famille")
                self.assertEqual(family.status, 200)
                for name in ("Rémi", "Léa", "Xavier", "Jeanne"):
                    self.assertIn(name, family.text)
                admin = Browser(server.port)
                signed = admin.submit(LANDING + "connexion", LANDING + "connexion",
                                      {"login": "admin@chanteloup.demo", "password": logins["admin@chanteloup.demo"]})
                self.assertEqual((signed.status, signed.location), (303, LANDING + "agents/"))
                found = admin.get(LANDING + "agents/familles?q=dupont")
                self.assertEqual(found.text.count("Rémi, Léa"), 1, "the demo household is created once")
                # The site staff takes the roll of his school only, where Rémi's days are booked once.
                staff = Browser(server.port)
                signed = staff.submit(LANDING + "connexion", LANDING + "connexion",
                                      {"login": "animateur@chanteloup.demo",
                                       "password": logins["animateur@chanteloup.demo"]})
                self.assertEqual(signed.status, 303)
                sites = staff.get(LANDING + "agents/pointage")
                self.assertEqual(sites.status, 200)
                self.assertEqual(staff.get(LANDING + "agents/familles").status, 403)
                booked = self.database.scalar("SELECT COUNT(*) FROM day_booking")
                self.assertGreater(booked, 0)
                if start == 0:
                    first_booked = booked
                else:
                    self.assertEqual(booked, first_booked, "the demo's days are booked once")
            finally:
                self.assertEqual(server.stop(), 0)
        self.assertNotEqual(keys[0], keys[1], "the second parent's key is issued anew at each start")

    def test_no_migrate_refuses_a_database_with_pending_migrations(self):
        result = run_cli("serve", "--no-migrate", "--port", "0", database=self.database.url)
        self.assertEqual(result.returncode, 1)
        self.assertIn("pending", result.stderr)
        self.assertEqual(run_cli("migrate", database=self.database.url).returncode, 0)
        status = run_cli("migrate", "--status", database=self.database.url)
        self.assertRegex(status.stdout, r"(?m)^1\tcommunes\tapplied$")
        self.assertRegex(status.stdout, r"(?m)^2\taccounts\tapplied$")
        server = GuichetServer(self.database, extra_args=["--no-migrate"])
        self.assertEqual(server.get("/readyz")[0], 200)
        self.assertEqual(server.stop(), 0)

    def test_environment_variables_configure_the_server(self):
        import os
        env = dict(os.environ, GUICHET_DATABASE=self.database.url, GUICHET_LOG_LEVEL="warn")
        self.assertEqual(run_cli(*DEMO_COMMUNE, env=env).returncode, 0)
        result = run_cli("tenant", "show", "chanteloup-les-vignes", env=env)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("Espace Victor Hugo", result.stdout)

    def test_tenant_commands_validate_and_refuse_duplicates(self):
        url = self.database.url
        self.assertEqual(run_cli(*DEMO_COMMUNE, database=url).returncode, 0)
        duplicate = run_cli(*DEMO_COMMUNE, database=url)
        self.assertEqual(duplicate.returncode, 2)
        self.assertIn("slug", duplicate.stderr)
        bad = run_cli("tenant", "create", "Pas Bon", "--name", "X", database=url)
        self.assertEqual(bad.returncode, 2)
        zone = run_cli("tenant", "create", "ailleurs", "--name", "Ailleurs", "--time-zone", "Mars/Olympus",
                       database=url)
        self.assertEqual(zone.returncode, 2)
        self.assertIn("Fuseau", zone.stderr)
        created = run_cli("tenant", "create", "andresy", "--name", "Andrésy", database=url)
        self.assertEqual(created.returncode, 0, created.stderr)
        listed = run_cli("tenant", "list", database=url)
        self.assertEqual(listed.stdout.splitlines(), ["andresy\tAndrésy", "chanteloup-les-vignes\tChanteloup-les-Vignes"])
        missing = run_cli("tenant", "show", "nulle-part", database=url)
        self.assertEqual(missing.returncode, 3)

    def test_a_commune_logo_is_served_and_linked_with_its_version(self):
        import os
        logo = os.path.join(self.database.folder, "logo.png")
        png = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63"
                            "f8ffff3f0005fe02fea7d6a4850000000049454e44ae426082")
        with open(logo, "wb") as f:
            f.write(png)
        self.assertEqual(run_cli(*DEMO_COMMUNE, "--logo", logo, database=self.database.url).returncode, 0)
        server = GuichetServer(self.database)
        try:
            html = server.get(LANDING)[2].decode()
            url = re.search(r'src="(/chanteloup-les-vignes/logo\?v=[0-9a-f]{12})"', html).group(1)
            status, headers, body = server.get(url)
            self.assertEqual((status, headers["content-type"], body), (200, "image/png", png))
        finally:
            server.stop()
        not_an_image = os.path.join(self.database.folder, "logo.txt")
        with open(not_an_image, "w") as f:
            f.write("hello")
        refused = run_cli("tenant", "create", "andresy", "--name", "Andrésy", "--logo", not_an_image,
                          database=self.database.url)
        self.assertEqual(refused.returncode, 2)

    def test_a_client_trickling_its_headers_is_dropped_at_the_read_timeout(self):
        import os
        import socket
        import time
        config = os.path.join(self.database.folder, "guichet.toml")
        with open(config, "w") as f:
            f.write("[server]\nread_timeout_seconds = 1\n")
        self.assertEqual(run_cli(*DEMO_COMMUNE, database=self.database.url).returncode, 0)
        server = GuichetServer(self.database, extra_args=["--config", config])
        try:
            slow = socket.create_connection(("127.0.0.1", server.port), timeout=10)
            slow.sendall(b"GET /chanteloup-les-vignes/ HTTP/1.1\r\nHost: x\r\n")
            started = time.monotonic()
            self.assertEqual(server.get("/healthz")[0], 200, "others are served meanwhile")
            closed_after = None
            for _ in range(8):
                try:
                    slow.sendall(b"X-Slow: 1\r\n")
                    time.sleep(0.4)
                    if slow.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT) == b"":
                        closed_after = time.monotonic() - started
                        break
                except BlockingIOError:
                    continue  # still open, nothing to read
                except (BrokenPipeError, ConnectionResetError):
                    closed_after = time.monotonic() - started
                    break
            slow.close()
            self.assertIsNotNone(closed_after, "the trickling client was never dropped")
            self.assertGreater(closed_after, 0.8, "dropped by the timeout, not at once")
            self.assertLess(closed_after, 3.5)
        finally:
            server.stop()

    def test_help_lists_the_subcommands(self):
        result = run_cli("--help")
        self.assertEqual(result.returncode, 0)
        for word in ["serve", "demo", "migrate", "tenant"]:
            self.assertIn(word, result.stdout)
        serve_help = run_cli("serve", "--help").stdout
        for option in ["--port", "--address", "--database", "--config", "GUICHET_PORT"]:
            self.assertIn(option, serve_help)

    def test_routes_lists_every_route_with_its_declared_policy(self):
        result = run_cli("routes")
        self.assertEqual(result.returncode, 0, result.stderr)
        rows = [line.split("\t") for line in result.stdout.splitlines()]
        self.assertGreater(len(rows), 60)
        self.assertTrue(all(len(row) == 5 for row in rows), rows)
        names = [row[2] for row in rows]
        self.assertEqual(len(names), len(set(names)), "route names are unique")
        policies = {row[3] for row in rows}
        self.assertLessEqual(policies, {"anyone", "signed_in", "parent", "agent", "admin", "ops", "monitoring",
                                        "parent_of(household)", "roll_takers"})
        table = {row[2]: row for row in rows}
        self.assertEqual(table["family.authorised"][:4],
                         ["POST", "/{commune}/ma-famille/{household}/personnes-autorisees", "family.authorised",
                          "parent_of(household)"])
        self.assertEqual(table["staff.mails"][3], "admin")
        self.assertEqual(table["staff.closures.confirm"][3], "admin")
        self.assertEqual(table["ops.metrics"][3], "monitoring")
        self.assertEqual(table["office.household"][3], "agent")
        self.assertEqual(table["catalog.calendar"][:4], ["GET", "/{commune}/calendrier", "catalog.calendar", "signed_in"])
        for name, method, path in [
                ("office.catalog", "GET", "/{commune}/agents/catalogue"),
                ("office.catalog.closures.add", "POST", "/{commune}/agents/catalogue/fermetures"),
                ("office.catalog.closures.remove", "POST", "/{commune}/agents/catalogue/fermetures/{closure}/retirer"),
                ("office.catalog.sessions.create", "POST", "/{commune}/agents/catalogue/sessions")]:
            self.assertEqual(table[name][:4], [method, path, name, "agent"])
        self.assertEqual(table["api.me"][4], "json")
        self.assertEqual(table["account.login.submit"][4], "page,slow")
        for row in rows:
            self.assertEqual(row[1].startswith("/{commune}"),
                             row[3] not in ("ops", "monitoring") and row[2] != "portal.root", row)
        # The table is the server's: a listed page answers as listed.
        server = GuichetServer(self.database)
        try:
            self.assertEqual(run_cli(*DEMO_COMMUNE, database=self.database.url).returncode, 0)
            status, _, _ = server.get("/chanteloup-les-vignes/accessibilite")
            self.assertEqual(status, 200)
            status, headers, _ = server.get("/chanteloup-les-vignes/ma-famille")
            self.assertEqual((status, headers["location"]),
                             (303, "/chanteloup-les-vignes/connexion?retour=/chanteloup-les-vignes/ma-famille"))
        finally:
            server.stop()


if __name__ == "__main__":
    unittest.main()
