#!/usr/bin/env python3
"""Staff steps over HTTP, as a person does them in a browser (issue 24).

  gk_staff.py BASE ADMIN ONE_TIME_PASSWORD NEW_PASSWORD USER [USER ...]

Signs in as ADMIN with the one-time password printed by `gongkai user add`,
changes it on the forced /admin/password page, then issues one API token per
USER on /admin/tokens (each shown once on the page) and prints them, one a line,
in the order given. Forms carry the CSRF token of the gk_csrf cookie.
"""
import http.cookiejar
import re
import sys
import urllib.parse
import urllib.request


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def main():
    base, admin, once, new, *users = sys.argv[1:]
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)

    def csrf():
        for c in jar:
            if c.name == "gk_csrf":
                return c.value
        raise SystemExit("no gk_csrf cookie")

    def get(path):
        with opener.open(base + path, timeout=30) as r:
            return r.read().decode()

    def post(path, fields):
        data = urllib.parse.urlencode(list(fields.items()) + [("csrf_token", csrf())]).encode()
        try:
            with opener.open(base + path, data=data, timeout=60) as r:
                return r.status, r.read().decode()
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode()

    get("/admin/login")
    status, body = post("/admin/login", {"username": admin, "password": once})
    if status != 303:
        raise SystemExit(f"login of {admin}: HTTP {status}")
    get("/admin/password")
    status, body = post(
        "/admin/password", {"current": once, "new_password": new, "confirm": new}
    )
    if status not in (200, 303):
        raise SystemExit(f"password change: HTTP {status}")
    get("/admin/tokens")
    for user in users:
        status, body = post("/admin/tokens", {"name": f"issue 24 {user}", "username": user})
        m = re.search(r'id="new-token">([^<]+)<', body)
        if status != 200 or not m:
            raise SystemExit(f"token for {user}: HTTP {status}")
        print(m.group(1))


if __name__ == "__main__":
    main()
