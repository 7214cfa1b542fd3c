"""The check characters of the identifiers in the evaluation sets, written once: GB 11643 (18-digit
ID numbers), Luhn (bank cards), GB 11714 (organisation code) and GB 32100 (统一社会信用代码).
Used by evaltools/validate.py and by the sets' own src/gen_ids.py (`from checks import *` after
`evaltools` is put on sys.path)."""
W=[7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2]; C="10X98765432"
def idn(p17): return p17+C[sum(int(a)*b for a,b in zip(p17,W))%11]
def id_ok(s): return C[sum(int(a)*b for a,b in zip(s[:17],W))%11]==s[17]
def luhn(body):
    d=[int(c) for c in body][::-1]; s=0
    for i,x in enumerate(d):
        if i%2==0:
            x*=2
            if x>9:x-=9
        s+=x
    return body+str((10-s%10)%10)
def luhn_ok(s):
    d=[int(c) for c in s][::-1]; t=0
    for i,x in enumerate(d):
        if i%2: x*=2; x-= 9 if x>9 else 0
        t+=x
    return t%10==0
UA="0123456789ABCDEFGHJKLMNPQRTUWXY"; UW=[1,3,9,27,19,26,16,17,20,29,25,13,8,24,10,30,28]
OW=[3,7,9,10,5,8,4,2]
def orgcode(body8):
    v=lambda ch: int(ch) if ch.isdigit() else ord(ch)-55
    r=11-sum(v(c)*w for c,w in zip(body8,OW))%11
    return body8+("X" if r==10 else "0" if r==11 else str(r))
def uscc(prefix2, region, body8):
    s=prefix2+region+orgcode(body8)
    if any(ch not in UA for ch in s): return None
    r=31-sum(UA.index(ch)*w for ch,w in zip(s,UW))%31
    return s+UA[0 if r==31 else r]
