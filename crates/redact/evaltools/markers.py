"""The marker filling of the evaluation sets whose documents were written with identifier markers
(eval10 to eval13), written once. A set's src/gen_ids.py seeds `random`, puts `evaltools` on sys.path and
calls `main(fmt)` with its layout rule for the values (`layout` below is eval11's, eval12's and eval13's).

Markers (replaced in place in part*.py by `python3 gen_ids.py fill`; the same marker core gives the same
value, so one person's ID is identical wherever it appears):
  «I:RRRRRR,YYYYMMDD,m|f[,FMT]»   18-digit ID (GB 11643) for that region, birth date and sex (the
                                  17th digit odd for a man, even for a woman)
  «C:BIN,LEN,TAG[,FMT]»           Luhn-valid card of LEN digits starting with BIN
  «U:PP,RRRRRR,TAG»               统一社会信用代码 (GB 32100; GB 11714 on the organisation part) with
                                  prefix PP (91 company, 92 个体工商户, 12 public body)
The values made are kept in ids_made.txt (marker core -> value); `python3 gen_ids.py` prints it."""
import glob, os, random, re, sys
from checks import idn, luhn, uscc

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
def layout(kind, v, f):
    """s = 6-8-4 with spaces, s4 = groups of 4, w = full-width digits, bK_N = a line break after K
    characters followed by N spaces of indent; "" = as made."""
    if not f: return v
    if f=="s": return v[:6]+" "+v[6:14]+" "+v[14:]
    if f=="s4": return " ".join(v[i:i+4] for i in range(0,len(v),4))
    if f=="w": return v.translate(FW)
    if f.startswith("b"):
        k,_,n=f[1:].partition("_"); k=int(k)
        return v[:k]+"\n"+" "*int(n or 0)+v[k:]
    raise ValueError(f)
MARK=re.compile(r"«([ICU]):([^»]*)»")
def fill(fmt):
    """Replace every marker of part*.py; `fmt(kind, value, layout)` lays a value out ("" = as made)."""
    made={}
    if os.path.exists("ids_made.txt"):
        for ln in open("ids_made.txt",encoding="utf-8"):
            k,v=ln.rstrip("\n").split("\t"); made[k]=v
    for fn in sorted(glob.glob("part*.py"), key=lambda p:int(p[4:-3])):
        src=open(fn,encoding="utf-8").read()
        def rep(m):
            kind,f=m.group(1),m.group(2).split(",")
            core=kind+":"+",".join(f[:3])
            if core not in made:
                made[core]=make_id(*f[:3]) if kind=="I" else make_card(f[0],f[1]) if kind=="C" else make_uscc(f[0],f[1])
            return fmt(kind, made[core], f[3] if len(f)>3 else "")
        new=MARK.sub(rep,src)
        if new!=src: open(fn,"w",encoding="utf-8").write(new)
    with open("ids_made.txt","w",encoding="utf-8") as o:
        for k,v in made.items(): o.write(f"{k}\t{v}\n")
def main(fmt):
    if sys.argv[1:]==["fill"]: fill(fmt)
    print(open("ids_made.txt",encoding="utf-8").read() if os.path.exists("ids_made.txt") else "(nothing made yet)")
