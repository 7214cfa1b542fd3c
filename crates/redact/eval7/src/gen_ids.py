import random
random.seed(7)
import os as _os, sys as _sys
_sys.path.insert(0, _os.path.join(_os.path.dirname(_os.path.abspath(__file__)), "..", "..", "evaltools"))
from checks import *  # idn, luhn, orgcode, uscc and their tables
regs=["310101","310104","310115","440106","440104","330106","320102","510107","420106","370202","110105","350203","610113","230103","450103","530102","650102","520102","210102","130104"]
for i in range(40):
    r=random.choice(regs); y=random.randint(1955,2005); m=random.randint(1,12); d=random.randint(1,28)
    print(idn(f"{r}{y}{m:02d}{d:02d}{random.randint(0,999):03d}"))
for b in ["622202100112345678","621700287654321","622848004512345678","623052001234567","601382123456789012","622588123412345"]:
    print("card",luhn(b))
