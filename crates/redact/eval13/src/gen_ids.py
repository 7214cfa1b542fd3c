"""Generator for the invented identifiers of redact13 (seeded: seed 13, so the output is reproducible).
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
import os, random, sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "evaltools"))
from markers import layout, main  # the marker filling and layout rule, shared with the other marker-written sets
random.seed(13)
if __name__=="__main__":
    main(layout)
