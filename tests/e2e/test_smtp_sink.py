"""Self-test of smtp_sink.SmtpSink, the SMTP server of the end-to-end tests: talks to it with smtplib.

Run: cd tests/e2e && /usr/bin/python3 -m unittest -v test_smtp_sink
"""
import smtplib
import threading
import time
import unittest
import urllib.parse
from email.message import EmailMessage

from smtp_sink import SmtpSink, html_of, links_in, text_of

SUBJECT = "Confirmez votre adresse électronique"
LINK = "https://mairie.example.fr/confirmer?jeton=AbC123_-x&langue=fr"
TEXT = ("Bonjour Hélène,\n\nPour confirmer votre adresse électronique, ouvrez ce lien :\n"
        f"{LINK}.\n\nCe lien expire dans 24 heures. À bientôt sur le guichet de la mairie.\n")
HTML = (f'<!doctype html><html lang="fr"><body><p>Bonjour Hélène,</p>'
        f'<p><a href="{LINK.replace("&", "&amp;")}">Confirmer mon adresse électronique</a></p></body></html>\n')


def confirmation_mail(to="helene.dupont@example.fr"):
    msg = EmailMessage()
    msg["From"] = "Mairie de Chanteloup <ne-pas-repondre@mairie.example.fr>"
    msg["To"] = to
    msg["Subject"] = SUBJECT
    msg.set_content(TEXT)
    msg.add_alternative(HTML, subtype="html")
    return msg


def client(sink):
    parts = urllib.parse.urlsplit(sink.url)
    assert parts.scheme == "smtp"
    return smtplib.SMTP(parts.hostname, parts.port, timeout=5)


class SmtpSinkTest(unittest.TestCase):
    def test_receives_and_decodes_a_utf8_multipart_mail(self):
        started = time.monotonic()
        with SmtpSink() as sink:
            self.assertRegex(sink.url, r"^smtp://127\.0\.0\.1:\d+$")
            with client(sink) as smtp:
                smtp.send_message(confirmation_mail(), from_addr="bounces@mairie.example.fr",
                                  to_addrs=["helene.dupont@example.fr", "copie@example.fr"])
            got = sink.wait_for_to("Helene.Dupont@example.fr", subject_contains="électronique", timeout=5)
            self.assertEqual(got.mail_from, "bounces@mairie.example.fr")
            self.assertEqual(got.rcpt_tos, ["helene.dupont@example.fr", "copie@example.fr"])
            self.assertIsNone(got.login)
            self.assertEqual(got.subject, SUBJECT)
            self.assertEqual(got.message["Subject"], SUBJECT)
            self.assertEqual(got.message.get_content_type(), "multipart/alternative")
            headers = got.raw.split(b"\r\n\r\n", 1)[0]
            self.assertTrue(headers.isascii())  # the subject travels RFC 2047 encoded
            self.assertIn(b"=?utf-8?", headers)
            self.assertEqual(text_of(got), TEXT)
            self.assertEqual(html_of(got), HTML)
            self.assertEqual(links_in(got), [LINK])
            self.assertEqual(SmtpSink.links_in(got.message), [LINK])
            self.assertEqual(len(sink.messages()), 1)
            self.assertIs(sink.wait_for(lambda m: "copie@example.fr" in m.rcpt_tos, timeout=1), got)
            with self.assertRaises(TimeoutError):
                sink.wait_for_to("personne@example.fr", timeout=0.2)
            sink.clear()
            self.assertEqual(sink.messages(), [])
        self.assertLess(time.monotonic() - started, 5)

    def test_waits_for_a_message_sent_later(self):
        with SmtpSink() as sink:
            def send():
                time.sleep(0.2)
                with client(sink) as smtp:
                    smtp.send_message(confirmation_mail("tard@example.fr"))

            sender = threading.Thread(target=send)
            sender.start()
            got = sink.wait_for_to("tard@example.fr", timeout=5)
            sender.join()
            self.assertEqual(got.message["To"], "tard@example.fr")

    def test_rejects_matching_recipients_with_550(self):
        with SmtpSink(reject_recipients_matching=r"@rejete\.example$") as sink:
            with client(sink) as smtp:
                with self.assertRaises(smtplib.SMTPRecipientsRefused) as refused:
                    smtp.send_message(confirmation_mail("absent@rejete.example"))
                self.assertEqual(refused.exception.recipients["absent@rejete.example"][0], 550)
                # A mix: the accepted recipient gets the mail, the refused one is reported.
                refused_now = smtp.send_message(confirmation_mail("ok@example.fr"),
                                                to_addrs=["ok@example.fr", "AUTRE@REJETE.EXAMPLE"])
                self.assertEqual(refused_now["AUTRE@REJETE.EXAMPLE"][0], 550)
            got = sink.wait_for_to("ok@example.fr", timeout=5)
            self.assertEqual(got.rcpt_tos, ["ok@example.fr"])
            self.assertEqual(sink.rejected_recipients(), ["absent@rejete.example", "AUTRE@REJETE.EXAMPLE"])
            # The rule can be lifted on a running sink (a retry then succeeds).
            sink.reject_recipients_matching = None
            with client(sink) as smtp:
                smtp.send_message(confirmation_mail("absent@rejete.example"))
            sink.wait_for_to("absent@rejete.example", timeout=5)

    def test_auth_with_credentials(self):
        with SmtpSink(username="guichet", password="s3cret-de-test") as sink:
            with client(sink) as smtp:
                smtp.ehlo()
                self.assertIn("PLAIN", smtp.esmtp_features.get("auth", "").upper())
                self.assertIn("LOGIN", smtp.esmtp_features.get("auth", "").upper())
                # Without AUTH, MAIL is refused.
                with self.assertRaises(smtplib.SMTPSenderRefused):
                    smtp.send_message(confirmation_mail())
            with client(sink) as smtp:
                with self.assertRaises(smtplib.SMTPAuthenticationError):
                    smtp.login("guichet", "mauvais")
            with client(sink) as smtp:
                with self.assertRaises(smtplib.SMTPAuthenticationError):
                    smtp.login("intrus", "s3cret-de-test")
            for mechanism in ("PLAIN", "LOGIN"):
                with client(sink) as smtp:
                    smtp.ehlo()
                    smtp.user, smtp.password = "guichet", "s3cret-de-test"
                    code, _ = smtp.auth(mechanism, getattr(smtp, "auth_" + mechanism.lower()))
                    self.assertEqual(code, 235)
                    smtp.send_message(confirmation_mail(f"{mechanism.lower()}@example.fr"))
                got = sink.wait_for_to(f"{mechanism.lower()}@example.fr", timeout=5)
                self.assertEqual(got.login, "guichet")

    def test_auth_optional_without_credentials(self):
        with SmtpSink() as sink:
            with client(sink) as smtp:
                smtp.login("n-importe-qui", "n-importe-quoi")
                smtp.send_message(confirmation_mail("auth@example.fr"))
            self.assertEqual(sink.wait_for_to("auth@example.fr", timeout=5).login, "n-importe-qui")

    def test_stop_frees_the_port(self):
        sink = SmtpSink().start()
        port = sink.port
        sink.stop()
        sink.stop()  # idempotent
        with self.assertRaises(OSError):
            smtplib.SMTP("127.0.0.1", port, timeout=1)


if __name__ == "__main__":
    unittest.main()
