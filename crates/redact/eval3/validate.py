#!/usr/bin/env python3
"""Validate dev.jsonl / test.jsonl of the redact3 blind evaluation set. Exit code 0 = pass."""
import json, re, sys, os
from collections import Counter, defaultdict

ROOT = os.path.dirname(os.path.abspath(__file__))
KINDS = {"name", "id_number", "phone", "address", "birth_date", "ethnicity", "health", "passport", "plate",
         "account", "social", "religion", "other"}
GENRES = {"penalty_decision", "foi_reply", "letter_reply", "work_order", "inspection", "other"}
W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]; C = "10X98765432"
CS = "0123456789ABCDEFGHJKLMNPQRTUWXY"; WW = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
errors, warnings = [], []

def err(m): errors.append(m)
def warn(m): warnings.append(m)

def redact(text, masks):
    for m in sorted(masks, key=len, reverse=True):
        text = text.replace(m, "\u2588")
    return text

rows = []
for split in ("dev", "test"):
    path = os.path.join(ROOT, split + ".jsonl")
    with open(path, encoding="utf-8") as f:
        for ln, line in enumerate(f, 1):
            if not line.strip():
                err(f"{split}:{ln}: empty line"); continue
            try:
                r = json.loads(line)
            except Exception as e:
                err(f"{split}:{ln}: bad json {e}"); continue
            if r.get("split") != split:
                err(f"{split}:{ln}: split field {r.get('split')!r} != file {split}")
            rows.append(r)

ids = Counter(r.get("id") for r in rows)
for i, c in ids.items():
    if c > 1: err(f"duplicate id {i}")
for r in rows:
    rid = r.get("id", "?")
    if set(r) != {"id", "split", "genre", "text", "mask", "keep"}:
        err(f"{rid}: unexpected/missing fields {sorted(r)}")
    if not re.fullmatch(r"r3-\d{3}", rid): err(f"{rid}: bad id format")
    else:
        want = "dev" if int(rid[3:]) % 2 else "test"
        if r["split"] != want: err(f"{rid}: split should be {want} (odd id -> dev)")
    if r.get("genre") not in GENRES: err(f"{rid}: bad genre {r.get('genre')}")
    text = r["text"]
    masks = [m["text"] for m in r["mask"]]
    keeps = r["keep"]
    if not masks: err(f"{rid}: no mask items")
    for m in r["mask"]:
        if set(m) != {"text", "kind"}: err(f"{rid}: bad mask item {m}")
        if m["kind"] not in KINDS: err(f"{rid}: bad kind {m['kind']}")
        if not m["text"] or m["text"] not in text: err(f"{rid}: mask {m['text']!r} not in text")
        if m["kind"] == "id_number":
            d = re.sub(r"\s", "", m["text"])
            if re.fullmatch(r"\d{17}[\dX]", d) and C[sum(int(x) * w for x, w in zip(d[:17], W)) % 11] != d[17]:
                err(f"{rid}: id {m['text']} has bad check digit")
    for k in keeps:
        if not k or k not in text: err(f"{rid}: keep {k!r} not in text")
    dup = Counter(masks); dup.update(set(keeps))
    for s in set(masks) & set(keeps): err(f"{rid}: {s!r} both mask and keep")
    for m in masks:
        for k in keeps:
            if m in k: err(f"{rid}: mask {m!r} is inside keep {k!r}")
    red = redact(text, masks)
    for k in keeps:
        if k not in red: err(f"{rid}: keep {k!r} cannot survive once mask strings are removed")
    for m in masks:
        if m in red: err(f"{rid}: mask {m!r} still present after redaction")
    # lint: mobile numbers / 18-digit IDs in Arabic digits must be covered by a mask or a keep item
    for pat, what in ((r"(?<!\d)1[3-9]\d(?:[ -]?\d){8}(?!\d)", "mobile"), (r"(?<![\dA-Z])\d{17}[\dX](?![\dA-Z])", "18-digit id")):
        for mt in re.finditer(pat, red):
            s = mt.group(0)
            if not any(s in k for k in keeps):
                err(f"{rid}: unannotated {what}-like string {s!r}")
    for code in re.findall(r"(?<![0-9A-Z])9[123]\d{6}[0-9A-Z]{10}(?![0-9A-Z])", text):
        ok = all(ch in CS for ch in code)
        if ok:
            c = 31 - sum(CS.index(ch) * w for ch, w in zip(code[:17], WW)) % 31
            ok = CS[0 if c == 31 else c] == code[17]
        if not ok: err(f"{rid}: USCC {code} invalid")
    if len(keeps) < len(masks): warn(f"{rid}: fewer keep ({len(keeps)}) than mask ({len(masks)}) items")

# balance
by = defaultdict(Counter)
kinds = defaultdict(Counter)
nm = Counter(); nk = Counter()
for r in rows:
    by[r["split"]][r["genre"]] += 1
    for m in r["mask"]: kinds[r["split"]][m["kind"]] += 1
    nm[r["split"]] += len(r["mask"]); nk[r["split"]] += len(r["keep"])
if len(rows) != 60: err(f"expected 60 docs, got {len(rows)}")
if by["dev"] != by["test"]: err(f"genre mix differs: dev {dict(by['dev'])} test {dict(by['test'])}")
if sum(by["dev"].values()) != sum(by["test"].values()): err("splits not balanced")
for s in ("dev", "test"):
    if nk[s] < nm[s]: err(f"{s}: fewer keep items ({nk[s]}) than mask items ({nm[s]})")

print("docs per split/genre:", {s: dict(sorted(by[s].items())) for s in ("dev", "test")})
print("mask items per kind:")
for k in sorted(KINDS):
    print(f"  {k:11s} dev={kinds['dev'][k]:3d} test={kinds['test'][k]:3d}")
print(f"totals: mask dev={nm['dev']} test={nm['test']}; keep dev={nk['dev']} test={nk['test']}")
for w in warnings: print("WARN", w)
for e in errors: print("ERROR", e)
print("FAIL" if errors else "PASS")
sys.exit(1 if errors else 0)
