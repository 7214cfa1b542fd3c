#!/usr/bin/env python3
"""Write load for scripts/twonode.sh (issue 24): CLIENTS citizens submit 依申请公开
applications through nginx for SECONDS seconds, like a browser: GET /ysqgk/apply
(the CSRF cookie, the form's idempotency key and the first 受理机关), then POST it.

  twonode_load.py BASE SECONDS CLIENTS OUT.jsonl

Each line of OUT is {"t": unix time, "ok": bool, "receipt": …, "key": …,
"again": bool, "error": …}: every acknowledged receipt and every failure.
"""
import http.cookiejar
import json
import re
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request


def citizen(base, until, n, out, lock):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    i = 0
    while time.time() < until:
        i += 1
        rec = {"t": time.time(), "ok": False}
        try:
            with opener.open(base + "/ysqgk/apply", timeout=30) as r:
                page = r.read().decode()
            key = re.search(r'name="idempotency_key" value="([^"]+)"', page).group(1)
            unit = re.search(r'<select id="unit_id"[^>]*>.*?<option value="(\d+)"', page, re.S).group(1)
            token = next(c.value for c in jar if c.name == "gk_csrf")
            fields = {
                "unit_id": unit,
                "applicant_kind": "natural",
                "applicant_name": "王小明",
                "id_kind": "id_card",
                "id_number": "11010519491231002X",
                "phone": "13912345678",
                "email": "wxm@example.cn",
                "info_description": f"压力测试申请 {n}-{i}：2025年本区渣土运输车辆备案名单",
                "delivery_form": "email",
                "delivery_method": "email",
                "idempotency_key": key,
                "csrf_token": token,
            }
            rec["key"] = key
            data = urllib.parse.urlencode(fields).encode()
            with opener.open(base + "/ysqgk/apply", data=data, timeout=30) as r:
                body = r.read().decode()
            rec["receipt"] = re.search(r'id="receipt-no">([^<]+)<', body).group(1)
            rec["again"] = "没有重复登记" in body
            rec["ok"] = True
        except urllib.error.HTTPError as e:
            rec["error"] = f"HTTP {e.code}"
        except Exception as e:  # connection reset, timeout, page without a receipt
            rec["error"] = f"{type(e).__name__}: {e}"
        rec["t_end"] = time.time()
        with lock:
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
            out.flush()


def main():
    base, seconds, clients, path = sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    until = time.time() + seconds
    lock = threading.Lock()
    with open(path, "w") as out:
        threads = [
            threading.Thread(target=citizen, args=(base, until, n, out, lock)) for n in range(clients)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()


if __name__ == "__main__":
    main()
