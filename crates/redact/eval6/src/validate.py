import json, re, sys, collections
from common import id_ok, luhn_ok, uscc_ok

CLASSES = {"name", "address", "id", "phone", "health", "birth", "ethnicity", "plate", "minor", "age",
           "welfare", "contact", "criminal", "religion", "bank", "other"}
errs = []
seen = set()
counts = {}
chars = {}
for half in ("dev", "test"):
    c = collections.Counter(); nchar = 0
    for ln, line in enumerate(open(f"{half}.jsonl", encoding="utf-8"), 1):
        r = json.loads(line)
        i = r["id"]; t = r["text"]; nchar += len(t)
        E = lambda m: errs.append(f"{half}:{i}: {m}")
        if i in seen: E("duplicate id")
        seen.add(i)
        for k in ("id", "genre", "text", "mask", "classes", "keep"):
            if k not in r: E(f"missing {k}")
        if len(r["mask"]) != len(r["classes"]): E("mask/classes length differ")
        if len(set(r["mask"])) != len(r["mask"]): E("duplicate mask item")
        if len(set(r["keep"])) != len(r["keep"]): E("duplicate keep item")
        spans = []
        for m, cl in zip(r["mask"], r["classes"]):
            if cl not in CLASSES: E(f"bad class {cl}")
            if not m or m not in t: E(f"mask not in text: {m!r}")
            for mo in re.finditer(re.escape(m), t):
                spans.append((mo.start(), mo.end()))
            c["mask"] += 1; c["mask:" + cl] += 1
            if cl == "bank":
                d = re.sub(r"[\s\-]", "", m)
                if d.isdigit() and not luhn_ok(d): E(f"Luhn fails {m}")
            if cl == "id":
                d = m.strip()
                if re.fullmatch(r"\d{17}[\dXx]", d) and not id_ok(d): E(f"ID check fails {m}")
        for k in r["keep"]:
            c["keep"] += 1
            if not k or k not in t: E(f"keep not in text: {k!r}"); continue
            for m in r["mask"]:
                if m in k or k in m: E(f"keep {k!r} / mask {m!r} contain each other")
            free = any(not any(s < mo.end() and mo.start() < e for s, e in spans)
                       for mo in re.finditer(re.escape(k), t))
            if not free: E(f"keep {k!r} always overlapped by a mask")
        for mo in re.finditer(r"(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])", t):
            if not id_ok(mo.group()): E(f"18-digit ID in text with bad check digit: {mo.group()}")
        for mo in re.finditer(r"(?<![0-9A-Z])[0-9A-HJ-NPQRTUWXY]{18}(?![0-9A-Z])", t):
            s = mo.group()
            if re.search(r"[A-WYZ]", s[:17]) and s[0] in "9" and not uscc_ok(s):
                E(f"USCC-like code with bad check char: {s}")
        c["docs"] += 1
    counts[half] = c; chars[half] = nchar
for e in errs: print("ERROR", e)
allc = sorted({k for c in counts.values() for k in c})
print(f"{'':16}{'dev':>6}{'test':>6}")
for k in allc:
    print(f"{k:16}{counts['dev'][k]:>6}{counts['test'][k]:>6}")
print(f"{'chars':16}{chars['dev']:>6}{chars['test']:>6}")
sys.exit(1 if errs else 0)
