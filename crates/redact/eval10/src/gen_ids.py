"""Generator for the invented identifiers of redact10 (seeded: seed 10, so the output is reproducible).
IDs: GB 11643 check character, with the birth date and the sex digit (17th digit: odd = male, even =
female) chosen to agree with the text; bank cards: Luhn; 统一社会信用代码: GB 11714 check on the
organisation part and GB 32100 check character.

The documents were written with markers, and `python3 gen_ids.py fill` replaced every marker in
part*.py in place (same marker core -> same value, so one person's ID is identical wherever it appears):
  «I:RRRRRR,YYYYMMDD,m|f[,s]»    18-digit ID for region RRRRRR, that birth date and sex
                                 (",s" prints it as 6-8-4 with spaces, ",s4" in groups of 4)
  «C:BIN,LEN,TAG[,s]»            Luhn-valid card of LEN digits starting with BIN (",s": groups of 4)
  «U:PP,RRRRRR,TAG»              统一社会信用代码 with prefix PP (91 company, 92 个体工商户, 12 public body)
The values made are written to ids_made.txt (marker core -> value). Half-masked and 15-digit forms in the
texts were written by hand (they carry no check character to verify).
`python3 gen_ids.py` alone prints ids_made.txt."""
import os, random, sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "evaltools"))
from markers import main  # the marker filling, shared with the other marker-written sets
random.seed(10)
def fmt(kind, v, f):
    """This set's layouts: an ID ",s" as 6-8-4 and ",s4" in groups of 4; a card ",s" in groups of 4."""
    if kind=="I" and f=="s4": return " ".join(v[i:i+4] for i in range(0,18,4))
    if kind=="I" and f=="s": return v[:6]+" "+v[6:14]+" "+v[14:]
    if kind=="C" and f=="s": return " ".join(v[i:i+4] for i in range(0,len(v),4))
    return v
if __name__=="__main__":
    main(fmt)
