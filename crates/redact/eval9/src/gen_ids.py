"""Generator for the invented identifiers of redact9 (seeded, so the output is reproducible).
IDs: GB 11643 check character; cards: Luhn; 统一社会信用代码: GB 11714 check on the organisation part
and GB 32100 check character. `python3 gen_ids.py` prints the pools the documents draw from, in order:
IDs per region (the documents use them roughly in this order), cards, and 统一社会信用代码 per region."""
import random, sys
random.seed(9)
import os as _os, sys as _sys
_sys.path.insert(0, _os.path.join(_os.path.dirname(_os.path.abspath(__file__)), "..", "..", "evaltools"))
from checks import *  # idn, luhn, orgcode, uscc and their tables
# one region per document (r9-01 … r9-40), plus home regions of people born elsewhere
REGS=["310106","430111","320106","500103","330102","610103","440104","230102","110105","340104",
      "440304","370102","120104","350102","210102","530102","350203","410105","420111","320508",
      "510104","620102","450103","140105","520103","220104","130102","360102","370202","460106",
      "330203","650102","441900","150102","310115","440106","320213","640104","110102","210202"]
HOME=["412724","342101","513022","362101","433122","622421","130623","371523","510922","452501"]
if __name__=="__main__" and sys.argv[1:]!=["extra"]:
    for n,r in enumerate(REGS,1):
        out=[]
        for _ in range(3):
            rr=r if random.random()<.6 else random.choice(HOME)
            y=random.randint(1948,2008); m=random.randint(1,12); d=random.randint(1,28)
            out.append(idn(f"{rr}{y}{m:02d}{d:02d}{random.randint(0,999):03d}"))
        print(f"r9-{n:02d} id", *out)
    for b in ["62220210011","62170033","62284812","62305200","62148391","62258802","62290833","62122640",
              "62170000","62226205","62155920","62349100"]:
        body=b+"".join(random.choice("0123456789") for _ in range(18-len(b)-1 if random.random()<.7 else 19-len(b)-1))
        print("card",luhn(body))
    for n,r in enumerate(REGS,1):
        out=[]
        while len(out)<3:
            pre=random.choice(["91","91","91","92","92","93"])
            body=("MA"+random.choice("0123456789ABCDEFGHJK")+"".join(random.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(5))) if random.random()<.75 else "".join(random.choice("0123456789") for _ in range(8))
            u=uscc(pre,r,body)
            if u: out.append(u)
        print(f"r9-{n:02d} uscc", *out)

# --- Further identifiers made while writing (`python3 gen_ids.py extra`): IDs for a chosen region + birth
# date + sequence (idn on a 17-digit prefix, so that birth dates, sexes and ages in the texts agree), the
# 个体工商户 (92-prefix) credit codes for chosen regions (seed 91), and the 20-digit 残疾人证号 of r9-26
# (ID + category digit + grade digit).
PREFIXES17=['12010419850607351','13010219520623202','14010519821203202','14010520130615401','15010219860419302',
            '21010219440315202','21020219600405102','22010419550612402','22010419620304472','22010419781130201',
            '22010420100521301','23010219660910413','31011519600927303','32010619790316242','32021320100826403',
            '33010219940221161','33020319580110701','35020319770312402','41010520180307301','43011119650818242',
            '43011119881106451','43312219960714303','44010419780301461','44010619431108202','44190020090314302',
            '45010320120918401','46010619920115302','50010319850926182','51010419690722281','51092219800215731',
            '53010220110405002','64010419750311301','62010219870411303','32050819460205202']
if __name__=="__main__" and sys.argv[1:]==["extra"]:
    for p in PREFIXES17: print(idn(p))
    random.seed(91)
    for r in ['330102','610103','320106','440104','350203','320213','620102','520103']:
        while True:
            body='MA'+random.choice('0123456789ABCDEFGHJK')+''.join(random.choice('0123456789ABCDEFGHJKLMNPQRTUWXY') for _ in range(5))
            u=uscc('92',r,body)
            if u: print("uscc92",r,u); break
    for p,cat in [('22010419550612402','11'),('22010419781130201','42'),('22010420100521301','53'),
                  ('22010419620304472','62'),('22010419680901193','44')]:
        print("残疾人证号", idn(p)+cat)
