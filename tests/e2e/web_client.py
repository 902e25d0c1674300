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


class Browser:
    def __init__(self, port):
        self.port = port
        self.origin = f"http://127.0.0.1:{port}"
        self.cookies = {}
        self.last = None

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
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
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
