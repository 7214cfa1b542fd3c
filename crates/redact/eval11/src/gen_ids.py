"""Generator for the invented identifiers of redact11 (seeded: seed 11, so the output is reproducible).
IDs: GB 11643 check character (evaltools/checks.py), with the birth date and the sex digit (17th digit:
odd = male, even = female) chosen to agree with the text; bank cards: Luhn; 统一社会信用代码: GB 11714
check on the organisation part and GB 32100 check character.

The documents were written with markers, and `python3 gen_ids.py fill` replaced every marker in
part*.py in place (same marker core -> same value, so one person's ID is identical wherever it appears,
in the text and in the mask list):
  «I:RRRRRR,YYYYMMDD,m|f[,FMT]»  18-digit ID for region RRRRRR, that birth date and sex
  «C:BIN,LEN,TAG[,FMT]»          Luhn-valid card of LEN digits starting with BIN
  «U:PP,RRRRRR,TAG»              统一社会信用代码 with prefix PP (91 company, 92 个体工商户, 12 public body)
FMT: s = 6-8-4 with spaces, s4 = groups of 4, w = full-width digits, bK = hard line break after
K characters, bK_N = line break after K characters followed by N spaces of indent.
The values made are written to ids_made.txt (marker core -> value). Half-masked and 15-digit forms in
the texts were written by hand (they carry no check character to verify).
`python3 gen_ids.py` alone prints ids_made.txt."""
import random, re, sys, glob, os
random.seed(11)
import os as _os, sys as _sys
_sys.path.insert(0, _os.path.join(_os.path.dirname(_os.path.abspath(__file__)), "..", "..", "evaltools"))
from checks import *  # idn, luhn, orgcode, uscc and their tables
def make_id(region, date, sex):
    a=random.randint(0,99); b=random.choice([1,3,5,7,9] if sex=="m" else [0,2,4,6,8])
    return idn(f"{region}{date}{a:02d}{b}")
def make_card(bin_, n):
    return luhn(bin_+"".join(random.choice("0123456789") for _ in range(int(n)-len(bin_)-1)))
def make_uscc(pp, region):
    while True:
        body=("MA"+random.choice("0123456789ABCDEFGHJK")+"".join(random.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(5))) if random.random()<.75 else "".join(random.choice("0123456789") for _ in range(8))
        u=uscc(pp,region,body)
        if u: return u
FW=str.maketrans("0123456789X","０１２３４５６７８９Ｘ")
def fmt(v, f):
    if not f: return v
    if f=="s": return v[:6]+" "+v[6:14]+" "+v[14:]
    if f=="s4": return " ".join(v[i:i+4] for i in range(0,len(v),4))
    if f=="w": return v.translate(FW)
    if f.startswith("b"):
        k,_,n=f[1:].partition("_"); k=int(k)
        return v[:k]+"\n"+" "*int(n or 0)+v[k:]
    raise ValueError(f)
MARK=re.compile(r"«([ICU]):([^»]*)»")
def fill():
    made={}
    if os.path.exists("ids_made.txt"):
        for ln in open("ids_made.txt",encoding="utf-8"):
            k,v=ln.rstrip("\n").split("\t"); made[k]=v
    files=sorted(glob.glob("part*.py"), key=lambda p:int(p[4:-3]))
    for fn in files:
        src=open(fn,encoding="utf-8").read()
        def rep(m):
            kind,f=m.group(1),m.group(2).split(",")
            core=kind+":"+",".join(f[:3])
            if core not in made:
                made[core]=make_id(*f[:3]) if kind=="I" else make_card(f[0],f[1]) if kind=="C" else make_uscc(f[0],f[1])
            return fmt(made[core], f[3] if len(f)>3 else "")
        new=MARK.sub(rep,src)
        if new!=src: open(fn,"w",encoding="utf-8").write(new)
    with open("ids_made.txt","w",encoding="utf-8") as o:
        for k,v in made.items(): o.write(f"{k}\t{v}\n")
if __name__=="__main__":
    if sys.argv[1:]==["fill"]: fill()
    print(open("ids_made.txt",encoding="utf-8").read() if os.path.exists("ids_made.txt") else "(nothing made yet)")
