"""Generator for the invented identifiers of redact8 (seeded, so the output is reproducible).
IDs: GB 11643 check character; cards: Luhn; 统一社会信用代码: GB 11714 check on the organisation part
and GB 32100 check character."""
import random, sys
random.seed(8)
import os as _os, sys as _sys
_sys.path.insert(0, _os.path.join(_os.path.dirname(_os.path.abspath(__file__)), "..", "..", "evaltools"))
from checks import *  # idn, luhn, orgcode, uscc and their tables
regs=["310112","310107","440111","440305","330110","330102","510104","510107","420111","420102","370212","370203",
      "110108","110106","350206","610112","230102","450102","530111","650104","520103","210106","130102","320106",
      "430104","410105","360102","340104","500105","120104"]
if __name__=="__main__" and sys.argv[1:]!=["extra"]:
    for i in range(60):
        r=random.choice(regs); y=random.randint(1950,2012); m=random.randint(1,12); d=random.randint(1,28)
        print(idn(f"{r}{y}{m:02d}{d:02d}{random.randint(0,999):03d}"))
    for b in ["622202401203345671","621700318845102","622848117305246601","623052007781124","621483920016643","622588027761340",
              "622908331245768012","621226400011827734","622262056001913"]:
        print("card",luhn(b))
    n=0
    while n<30:
        pre=random.choice(["91","91","91","92","92","93"]); r=random.choice(regs)
        body=("MA"+random.choice("0123456789ABCDEFGHJK")+"".join(random.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(5))) if random.random()<.7 else "".join(random.choice("0123456789") for _ in range(8))
        u=uscc(pre,r,body)
        if u: print("uscc",u); n+=1

# --- Further identifiers made while writing (run `python3 gen_ids.py extra`): region-specific 统一社会信用代码
# (seeds 88-92, same procedure as above) and IDs for chosen region + birth date + sequence (idn on a 17-digit prefix).
def _uscc_for(seed, regions, prefixes):
    random.seed(seed); out=[]
    for r in regions:
        for pre in prefixes:
            for _ in range(80):
                body='MA'+random.choice('0123456789ABCDEFGHJK')+''.join(random.choice('0123456789ABCDEFGHJKLMNPQRTUWXY') for _ in range(5))
                u=uscc(pre,r,body)
                if u: out.append(u); break
    return out
PREFIXES17=['37020319791103241','42011119540912331','32010619900214181','61011219680527301','61011219701109362',
            '11010519870322462','35020319881106445','43010419910827531','45010319790415002','45010319851230211',
            '31010419810719423','31010419760203104','21010219920516442','44010619761103242','13010219630921271',
            '44030419920730602','13010219680415301','41018219830611151','53011119801029351','36010219691203153',
            '65010219970305202','23010319880917462','12011119760509303','23010319700224203','53010319750322153',
            '42010219670815401','42010219811107213','42010219781221302','42010219700411351','37010419790408101',
            '51010419720611302','51010419680917405','34012219720305813','32050619880126321','22010419861014581',
            '23010219850612773','31010719581123402']
if __name__=="__main__" and sys.argv[1:]==["extra"]:
    if True:
        for seed,regs_,pres in [(88,["610113","110105","350203","440106","530102","450103","210102","310104","650102",
                                      "370202","130104","120104","500105","330106","520102","230103"],["91","92"]),
                                (89,["440304","130102","500112"],["92","91"]),
                                (90,["410105","530111","650102","230103","120111"],["91"]),
                                (91,["110102","120111","340104"],["91"]),(92,["230102"],["92"])]:
            print(seed, _uscc_for(seed, regs_, pres))
        for p in PREFIXES17: print(idn(p))
        print("card", luhn("621785004412637015"), luhn("62170038217766405"))
