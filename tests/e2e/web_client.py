"""A small browser for the end-to-end tests: keeps cookies, reads the CSRF token of the last page, posts forms
with the Origin a browser would send."""
import html
import http.client
import json
import re
import urllib.parse


class Page:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body
        self.text = body.decode("utf-8", errors="replace")

    @property
    def location(self):
        return self.headers.get("location", "")

    def csrf(self):
        found = re.search(r'name="_csrf" value="([^"]+)"', self.text)
        return html.unescape(found.group(1)) if found else None

    def field_value(self, name):
        found = re.search(r'name="%s"[^>]*value="([^"]*)"' % re.escape(name), self.text)
        return html.unescape(found.group(1)) if found else None

    def json(self):
        return json.loads(self.text)

    def field_error(self, name):
        """The error message shown beside the form field `name` (its <p class="field__error"> element, which the
        input names in aria-describedby and which goes with aria-invalid="true"), or None when the field shows none.
        Raises AssertionError when the message is there but not tied to the input."""
        found = re.search(r'<p class="field__error" id="(champ-%s-[a-z]+)">(.*?)</p>' % re.escape(name), self.text,
                          re.S)
        if not found:
            return None
        element_id, message = found.groups()
        field = re.search(r'<(?:input|select|textarea)\b[^>]*\bid="champ-%s"[^>]*>' % re.escape(name), self.text)
        assert field, f"no input champ-{name} for the error {element_id}"
        described = re.search(r'aria-describedby="([^"]*)"', field.group(0))
        assert described and element_id in described.group(1).split(), (element_id, field.group(0))
        assert 'aria-invalid="true"' in field.group(0), field.group(0)
        return _plain(message)

    def error_summary(self):
        """The error summary at the top of the form, as [(href, text)] of its links; None when it is hidden
        (every form page carries it, hidden, for the browser-side checks)."""
        found = re.search(r'<div class="error-summary"([^>]*)>(.*?)</div>', self.text, re.S)
        if not found or re.search(r"(?:^|\s)hidden(?:[\s=]|$)", found.group(1)):
            return None
        return [(html.unescape(href), _plain(text))
                for href, text in re.findall(r'<a href="([^"]*)">(.*?)</a>', found.group(2), re.S)]


def _plain(fragment):
    """The text of an HTML fragment, without the visually hidden prefixes ("Erreur : ") and tags."""
    fragment = re.sub(r'<span class="visually-hidden">.*?</span>', "", fragment, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", fragment)).strip()


class Browser:
    def __init__(self, port):
        self.port = port
        self.origin = f"http://127.0.0.1:{port}"
        self.cookies = {}
        self.last = None
        self.timeout = 30  # seconds a request may take; a bench of an old build's synchronous batch needs more

    def _cookie_header(self):
        return "; ".join(f"{k}={v}" for k, v in self.cookies.items())

    def _remember(self, set_cookies):
        for line in set_cookies:
            name, _, rest = line.partition("=")
            value = rest.split(";", 1)[0]
            if "Max-Age=0" in line or value == "":
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value

    def request(self, method, path, body=None, headers=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
        all_headers = dict(headers or {})
        if self.cookies:
            all_headers["Cookie"] = self._cookie_header()
        try:
            connection.request(method, path, body=body, headers=all_headers)
            response = connection.getresponse()
            payload = response.read()
            header_map = {}
            set_cookies = []
            for name, value in response.getheaders():
                key = name.lower()
                if key == "set-cookie":
                    set_cookies.append(value)
                header_map[key] = header_map[key] + "\n" + value if key in header_map else value
            self._remember(set_cookies)
            page = Page(response.status, header_map, payload)
            if method == "GET" and page.status == 200:
                self.last = page
            return page
        finally:
            connection.close()

    def get(self, path):
        return self.request("GET", path)

    def post(self, path, fields, csrf=None, origin=None, with_csrf=True):
        fields = dict(fields)
        if with_csrf:
            token = csrf if csrf is not None else (self.last.csrf() if self.last else None)
            if token is not None:
                fields["_csrf"] = token
        body = urllib.parse.urlencode(fields)
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        if origin is not False:
            headers["Origin"] = origin or self.origin
        return self.request("POST", path, body=body, headers=headers)

    def submit(self, page_path, action_path, fields):
        """GETs the page holding the form (for its CSRF token), then posts the form."""
        page = self.get(page_path)
        assert page.status == 200, (page_path, page.status, page.text[:300])
        return self.post(action_path, fields, csrf=page.csrf())

    def api(self, method, path, payload=None, token=None):
        headers = {"Content-Type": "application/json", "Origin": self.origin}
        if token:
            headers["X-CSRF-Token"] = token
        return self.request(method, path, body=json.dumps(payload) if payload is not None else None, headers=headers)
