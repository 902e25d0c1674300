"""A real SMTP server on loopback that keeps every message it receives, for the end-to-end tests.

Runs on Debian's python3-aiosmtpd (1.4.3 on Debian 12) with /usr/bin/python3; plain SMTP, no STARTTLS.

    sink = SmtpSink()                       # or SmtpSink(username="guichet", password="secret")
    sink.start()                            # or: with SmtpSink() as sink:
    ... start guichet with sink.url ("smtp://127.0.0.1:PORT") ...
    mail = sink.wait_for_to("parent@example.fr", subject_contains="Confirmez")
    link = links_in(mail)[0]
    sink.stop()

AUTH PLAIN and LOGIN are offered without TLS. Without credentials, authentication is optional and any pair is
accepted. With username and password, authentication is required before MAIL, and only that pair is accepted.
reject_recipients_matching (a regex, searched case-insensitively in the recipient address; it can also be set on a
running sink) answers 550 to RCPT for those recipients, to test delivery failures and retries.
"""
import dataclasses
import email.message
import email.parser
import email.policy
import hmac
import logging
import re
import socket
import threading
import time
import warnings
from typing import Callable, List, Optional, Union

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

HOST = "127.0.0.1"

# aiosmtpd warns on every connection when AUTH is required without TLS (on loopback in tests, that is intended), and
# on every successful AUTH because it sets its own deprecated Session.login_data: neither is news to the tests.
warnings.filterwarnings("ignore", message="Requiring AUTH while not requiring TLS")
_QUIET = ("auth_required == True but auth_require_tls == False", "Session.login_data is deprecated")
logging.getLogger("mail.log").addFilter(lambda record: not any(q in record.getMessage() for q in _QUIET))


@dataclasses.dataclass
class ReceivedMessage:
    """One message accepted by the sink."""
    mail_from: str                         # envelope sender (MAIL FROM)
    rcpt_tos: List[str]                    # envelope recipients (RCPT TO) that were accepted
    raw: bytes                             # the DATA as received, dot-unstuffed, CRLF line ends
    message: email.message.EmailMessage    # raw parsed with email.policy.default
    mail_options: List[str]                # MAIL FROM parameters, e.g. ["SMTPUTF8", "BODY=8BITMIME"]
    login: Optional[str]                   # the AUTH user name, or None if the client did not authenticate
    received_at: float                     # time.time() when the message was accepted

    @property
    def subject(self) -> str:
        return str(self.message.get("Subject", ""))


MessageLike = Union[ReceivedMessage, email.message.EmailMessage]


def _message(message: MessageLike) -> email.message.EmailMessage:
    return message.message if isinstance(message, ReceivedMessage) else message


def _part_text(message: MessageLike, subtype: str) -> Optional[str]:
    msg = _message(message)
    if msg.is_multipart():
        part = msg.get_body(preferencelist=(subtype,))
    else:
        part = msg if msg.get_content_type() == "text/" + subtype else None
    # Line ends are normalised to "\n", whatever the transfer encoding (8bit parts keep the wire's CRLF).
    return None if part is None else part.get_content().replace("\r\n", "\n")


def text_of(message: MessageLike) -> Optional[str]:
    """The text/plain part, decoded as str with LF line ends (None if there is none)."""
    return _part_text(message, "plain")


def html_of(message: MessageLike) -> Optional[str]:
    """The text/html part, decoded as str with LF line ends (None if there is none)."""
    return _part_text(message, "html")


_URL = re.compile(r"https?://[^\s<>\"'()\[\]{}]+", re.IGNORECASE)


def links_in(message: MessageLike) -> List[str]:
    """Every http(s) URL of the text/plain part, in order (trailing sentence punctuation removed)."""
    text = text_of(message) or ""
    return [url.rstrip(".,;:!?»") for url in _URL.findall(text)]


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


class _Handler:
    def __init__(self, sink: "SmtpSink"):
        self.sink = sink

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        pattern = self.sink.reject_recipients_matching
        if pattern is not None and re.search(pattern, address, re.IGNORECASE):
            self.sink._record_rejection(address)
            return "550 5.1.1 Mailbox unavailable (rejected by the test SMTP sink)"
        envelope.rcpt_tos.append(address)
        envelope.rcpt_options.extend(rcpt_options)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        raw = envelope.original_content
        if raw is None:
            raw = envelope.content if isinstance(envelope.content, bytes) else envelope.content.encode("utf-8")
        auth_data = getattr(session, "auth_data", None)
        login = auth_data.login.decode("utf-8", "replace") if isinstance(auth_data, LoginPassword) else None
        self.sink._record(ReceivedMessage(
            mail_from=envelope.mail_from,
            rcpt_tos=list(envelope.rcpt_tos),
            raw=bytes(raw),
            message=email.parser.BytesParser(policy=email.policy.default).parsebytes(raw),
            mail_options=list(envelope.mail_options),
            login=login,
            received_at=time.time(),
        ))
        return "250 2.0.0 OK: queued"


class SmtpSink:
    """SMTP server on 127.0.0.1 (a free port) that stores every message; see the module docstring."""

    def __init__(self, username: Optional[str] = None, password: Optional[str] = None,
                 reject_recipients_matching: Optional[str] = None):
        if (username is None) != (password is None):
            raise ValueError("give both username and password, or neither")
        self.username = username
        self.password = password
        self.reject_recipients_matching = reject_recipients_matching
        self._cond = threading.Condition()
        self._messages: List[ReceivedMessage] = []
        self._rejected: List[str] = []
        self._controller: Optional[Controller] = None
        self._port: Optional[int] = None

    # -- life cycle --

    def start(self) -> "SmtpSink":
        if self._controller is not None:
            raise RuntimeError("SmtpSink already started")
        last_error: Optional[Exception] = None
        for _ in range(5):  # another process may take the free port between the probe and the bind
            port = _free_port()
            controller = Controller(
                _Handler(self), hostname=HOST, port=port,
                server_hostname="smtp-sink.guichet.test",  # avoids socket.getfqdn(), which may query DNS
                enable_SMTPUTF8=True,
                auth_require_tls=False,
                auth_required=self.username is not None,
                authenticator=self._authenticate,
                ready_timeout=10,
            )
            try:
                controller.start()
            except OSError as error:
                last_error = error
                if controller._thread is not None:
                    controller._thread.join(5)
                    controller._thread = None
                if not controller.loop.is_closed():
                    controller.loop.close()
                continue
            self._controller = controller
            self._port = port
            return self
        raise RuntimeError(f"SmtpSink could not listen on {HOST}: {last_error}")

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def __enter__(self) -> "SmtpSink":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    # -- where it listens --

    @property
    def host(self) -> str:
        return HOST

    @property
    def port(self) -> int:
        if self._port is None:
            raise RuntimeError("SmtpSink not started")
        return self._port

    @property
    def url(self) -> str:
        return f"smtp://{HOST}:{self.port}"

    # -- what it received --

    def messages(self) -> List[ReceivedMessage]:
        with self._cond:
            return list(self._messages)

    def rejected_recipients(self) -> List[str]:
        """Every RCPT refused by reject_recipients_matching, in order, once per attempt (to count retries)."""
        with self._cond:
            return list(self._rejected)

    def clear(self) -> None:
        with self._cond:
            self._messages.clear()
            self._rejected.clear()

    def wait_for(self, predicate: Callable[[ReceivedMessage], bool], timeout: float = 10) -> ReceivedMessage:
        """The first message (oldest first) for which predicate is true; waits for it up to timeout seconds, then
        raises TimeoutError listing what was received."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                for message in self._messages:
                    if predicate(message):
                        return message
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    break
                self._cond.wait(min(remaining, 0.1))
            received = [(m.rcpt_tos, m.subject) for m in self._messages]
        raise TimeoutError(f"no matching message within {timeout}s; received (recipients, subject): {received}")

    def wait_for_to(self, address: str, subject_contains: Optional[str] = None,
                    timeout: float = 10) -> ReceivedMessage:
        """The first message whose envelope recipients include address (case-insensitive) and whose decoded
        subject contains subject_contains, if given."""
        wanted = address.lower()

        def matches(message: ReceivedMessage) -> bool:
            if wanted not in (r.lower() for r in message.rcpt_tos):
                return False
            return subject_contains is None or subject_contains in message.subject

        return self.wait_for(matches, timeout)

    # -- internals, called from the server's thread --

    def _record(self, message: ReceivedMessage) -> None:
        with self._cond:
            self._messages.append(message)
            self._cond.notify_all()

    def _record_rejection(self, address: str) -> None:
        with self._cond:
            self._rejected.append(address)
            self._cond.notify_all()

    # The helpers, also reachable from the class: SmtpSink.text_of(message)…
    text_of = staticmethod(text_of)
    html_of = staticmethod(html_of)
    links_in = staticmethod(links_in)

    def _authenticate(self, server, session, envelope, mechanism, auth_data) -> AuthResult:
        if not isinstance(auth_data, LoginPassword):
            return AuthResult(success=False, handled=False)
        if self.username is None:
            return AuthResult(success=True, auth_data=auth_data)
        ok = (hmac.compare_digest(auth_data.login, self.username.encode("utf-8"))
              & hmac.compare_digest(auth_data.password, self.password.encode("utf-8")))
        return AuthResult(success=bool(ok), handled=False, auth_data=auth_data if ok else None)


__all__ = ["SmtpSink", "ReceivedMessage", "text_of", "html_of", "links_in"]
