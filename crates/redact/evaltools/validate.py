"""Checks an evaluation set's src/dev.jsonl and src/test.jsonl (run inside the set's src/):
every item occurs in its text, keep items clear of mask items, ids unique with the set's
prefix (eval9 -> "r9-"), valid classes, GB 11643 ID check characters, Luhn bank cards,
GB 32100 credit codes. Shared by eval7, eval8 and eval9 (their src/validate.py call it)."""
import json, os, re, sys, collections
SET = os.path.basename(os.path.dirname(os.getcwd()))
PREFIX = "r" + SET.removeprefix("eval") + "-"
CLASSES = {"name","address","id","phone","health","birth","ethnicity","plate","minor","age","welfare","contact","criminal","religion","bank","other"}
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checks import W, C, UA, UW, id_ok as idok, luhn_ok as luhn
errs=[]; ids=set()
for half in ("dev","test"):
    cnt=collections.Counter(); nk=0; nd=0; chars=0
    for ln in open(f"{half}.jsonl",encoding="utf-8"):
        o=json.loads(ln); i=o["id"]; t=o["text"]; nd+=1; chars+=len(t)
        if i in ids: errs.append(f"dup id {i}")
        ids.add(i)
        if not i.startswith(PREFIX): errs.append(f"bad id {i}")
        if len(o["mask"])!=len(o["classes"]): errs.append(f"{i} classes length")
        if len(set(o["mask"]))!=len(o["mask"]): errs.append(f"{i} dup mask")
        for m,c in zip(o["mask"],o["classes"]):
            if c not in CLASSES: errs.append(f"{i} bad class {c}")
            if m not in t: errs.append(f"{i} mask not in text: {m!r}")
            cnt[c]+=1
            if c=="bank":
                dg=re.sub(r"[\s\-]","",m)
                if dg.isdigit() and not luhn(dg): errs.append(f"{i} Luhn fails {m!r}")
        spans=[]
        for m in o["mask"]:
            for x in re.finditer(re.escape(m),t): spans.append((x.start(),x.end()))
        for k in o["keep"]:
            nk+=1
            if k not in t: errs.append(f"{i} keep not in text: {k!r}"); continue
            for m in o["mask"]:
                if m in k or k in m: errs.append(f"{i} keep/mask containment: {k!r} / {m!r}")
            if not any(all(e<=x.start() or s>=x.end() for s,e in spans) for x in re.finditer(re.escape(k),t)):
                errs.append(f"{i} keep always overlapped: {k!r}")
        for x in re.finditer(r"(?<![0-9A-Z])9[1-3]\d{6}[0-9A-Z]{10}(?![0-9A-Z])",t):
            c=x.group(); r=31-sum(UA.index(ch)*w for ch,w in zip(c[:17],UW))%31
            if any(ch not in UA for ch in c) or UA[0 if r==31 else r]!=c[17]: errs.append(f"{i} USCC check fails {c}")
        for x in re.finditer(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])",t):
            s=x.group().upper()
            if re.match(r"\d{6}(19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])",s) and not idok(s):
                errs.append(f"{i} ID check digit fails {s}")
    print(f"{half}: {nd} docs, {chars} chars, {sum(cnt.values())} mask, {nk} keep; by class: {dict(sorted(cnt.items()))}")
print("\n".join(errs) if errs else "CLEAN"); sys.exit(1 if errs else 0)
