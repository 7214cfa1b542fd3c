"""Make given_chars.txt: how much likelier each character is in a Chinese given name
than in administrative prose (the log of the ratio of the two frequencies, add-one
smoothed), for the characters where it is likelier (ratio > 1) and that stand in
given names at least 1 000 times (about 3 in 100 000 given-name characters): a character
rare in names (庙) is no evidence of one, however rare it is in law texts too.

usage: python3 given_chars.py NGENDER_CHARFREQ_CSV LAWS_DIR > given_chars.txt
       python3 given_chars.py --common 400 NGENDER_CHARFREQ_CSV > common_given.txt

With --common N it prints instead the N characters most frequent in given names, however
common they are in prose too (民, 安, 水): a given name holds them, though they are no
evidence of one by themselves.

NGENDER_CHARFREQ_CSV: ngender-0.1.1/ngender/charfreq.csv from the PyPI package ngender
(MIT licence, (c) 2015 Jingchao Hu; `pip download ngender==0.1.1 --no-deps`): how often
each character stands in the given names of a large list of names.
LAWS_DIR: the markdown law texts of the project's shared corpus (public domain).
"""
import glob, math, sys
from collections import Counter

def han(c):
    return "\u4e00" <= c <= "\u9fff"

common = None
if sys.argv[1] == "--common":
    common = int(sys.argv[2])
    del sys.argv[1:3]
name = {}
with open(sys.argv[1], encoding="utf-8") as f:
    next(f)
    for line in f:
        c, m, w = line.strip().split(",")
        name[c] = int(m) + int(w)
ntot = sum(name.values())
if common is not None:
    top = [c for c in sorted(name, key=lambda c: (-name[c], c)) if han(c)][:common]
    print(f"# the {common} characters most frequent in given names; made by given_chars.py --common {common}")
    print("".join(top))
    sys.exit(0)
prose = Counter()
for p in sorted(glob.glob(sys.argv[2] + "/**/*.md", recursive=True)):
    with open(p, encoding="utf-8") as f:
        prose.update(c for c in f.read() if han(c))
ptot = sum(prose.values())
print("# char\tlog(P(char | given name) / P(char | law text)), add-one smoothed; made by given_chars.py")
for c in sorted(name, key=lambda c: -name[c]):
    if not han(c) or name[c] < 1000:
        continue
    lo = math.log(((name[c] + 1) / ntot) / ((prose[c] + 1) / ptot))
    if lo > 0:
        print(f"{c}\t{lo:.1f}")
