# Pre-fill check of a set's part files, run inside its src/ folder (same rules as validate.py,
# identifier markers left as text): every mask and keep string in its text, no keep inside a
# mask, counts per half and class.
import glob, importlib, re, sys, collections
sys.path.insert(0, ".")
tot = {"dev": collections.Counter(), "test": collections.Counter()}; kk = collections.Counter()
for fn in sorted(glob.glob("part*.py")):
    m = importlib.import_module(fn[:-3])
    for d in m.DOCS:
        t = d["text"]; h = "dev" if int(d["id"][4:]) % 2 else "test"
        mask = list(dict.fromkeys(s for s, c in d["mask"]))
        for s, c in d["mask"]:
            if s not in t: print(d["id"], "MASK MISSING", repr(s))
        spans = [(x.start(), x.end()) for s in mask for x in re.finditer(re.escape(s), t)]
        for k in d["keep"]:
            if k not in t: print(d["id"], "KEEP MISSING", repr(k)); continue
            for s in mask:
                if s in k or k in s: print(d["id"], "CONTAIN", repr(k), repr(s))
            if not any(all(e <= x.start() or b >= x.end() for b, e in spans) for x in re.finditer(re.escape(k), t)):
                print(d["id"], "KEEP OVERLAPPED", repr(k))
        seen=set()
        for s, c in d["mask"]:
            if s in seen: continue
            seen.add(s); tot[h][c] += 1
        kk[h] += len(set(d["keep"]))
        print(d["id"], len(t), "chars", len(mask), "mask", len(set(d["keep"])), "keep")
for h in tot: print(h, sum(tot[h].values()), kk[h], dict(tot[h]))
