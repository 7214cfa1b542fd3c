"""Token expansion shared by build.py and validate.py.
In the part files, ⟦ID:17 digits⟧ becomes an 18-digit ID with a valid GB 11643 check digit,
⟦CARD:digits-without-check:grouping⟧ a Luhn-valid card (grouping e.g. 4.4.4.4, 4.4.4.4.3, 6.13, 0 = none,
optional separator after a slash: 4444/-), ⟦USCC:17 chars⟧ a GB 32100 code with a valid check char."""
import re

W_ID = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]

def id_check(s17):
    return "10X98765432"[sum(int(c) * w for c, w in zip(s17, W_ID)) % 11]

def id_ok(s18):
    return len(s18) == 18 and s18[:17].isdigit() and id_check(s18[:17]) == s18[17].upper()

def luhn_digit(body):
    tot = 0
    for i, c in enumerate(reversed(body)):
        d = int(c)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        tot += d
    return str((10 - tot % 10) % 10)

def luhn_ok(num):
    return num.isdigit() and luhn_digit(num[:-1]) == num[-1]

USCC_CH = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_W = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

def uscc_check(s17):
    t = sum(USCC_CH.index(c) * w for c, w in zip(s17, USCC_W))
    return USCC_CH[(31 - t % 31) % 31]

def uscc_ok(s):
    return len(s) == 18 and all(c in USCC_CH for c in s) and uscc_check(s[:17]) == s[17]

TOK = re.compile(r"⟦(ID|CARD|USCC):([^⟧]*)⟧")

def _sub(m):
    kind, arg = m.group(1), m.group(2)
    if kind == "ID":
        assert len(arg) == 17 and arg.isdigit(), arg
        return arg + id_check(arg)
    if kind == "USCC":
        assert len(arg) == 17, arg
        return arg + uscc_check(arg)
    body, _, grp = arg.partition(":")
    sep = " "
    if "/" in grp:
        grp, sep = grp.split("/", 1)
    full = body + luhn_digit(body)
    if grp in ("", "0"):
        return full
    out, i = [], 0
    for g in grp.split("."):
        g = int(g)
        out.append(full[i:i + g]); i += g
    if i < len(full):
        out.append(full[i:])
    return sep.join(out)

def expand(s):
    return TOK.sub(_sub, s)
