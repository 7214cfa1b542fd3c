# helpers for synthetic numbers (all invented)
W = [7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2]
def ID(region, birth, seq):
    s = f"{region}{birth}{seq:03d}"
    assert len(s) == 17
    c = "10X98765432"[sum(int(a)*b for a, b in zip(s, W)) % 11]
    return s + c
def ID15(region, yymmdd, seq):
    return f"{region}{yymmdd}{seq:03d}"
CS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CW = [1,3,9,27,19,26,16,17,20,29,25,13,8,24,10,30,28]
def CC(body17):
    assert len(body17) == 17
    v = 31 - sum(CS.index(ch)*w for ch, w in zip(body17, CW)) % 31
    return body17 + CS[0 if v == 31 else v]
def spaced(s):
    return " ".join(s)
def halfmask(s):
    return s[:6] + "*"*8 + s[-4:]
def luhn(body):
    d = [int(x) for x in body][::-1]
    t = 0
    for i, x in enumerate(d):
        if i % 2 == 0:
            x *= 2
            if x > 9: x -= 9
        t += x
    return body + str((10 - t % 10) % 10)
DOCS = []
def doc(genre, text, m, k, note=None):
    d = {"genre": genre, "text": text.strip("\n"), "mask": [x for x, _ in m], "classes": [c for _, c in m], "keep": k}
    if note: d["note"] = note
    DOCS.append(d)
