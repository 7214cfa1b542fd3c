import random
random.seed(7)
W=[7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2]; C="10X98765432"
def idn(p17): return p17+C[sum(int(a)*b for a,b in zip(p17,W))%11]
def luhn(body):
    d=[int(c) for c in body][::-1]; s=0
    for i,x in enumerate(d):
        if i%2==0:
            x*=2
            if x>9:x-=9
        s+=x
    return body+str((10-s%10)%10)
regs=["310101","310104","310115","440106","440104","330106","320102","510107","420106","370202","110105","350203","610113","230103","450103","530102","650102","520102","210102","130104"]
for i in range(40):
    r=random.choice(regs); y=random.randint(1955,2005); m=random.randint(1,12); d=random.randint(1,28)
    print(idn(f"{r}{y}{m:02d}{d:02d}{random.randint(0,999):03d}"))
for b in ["622202100112345678","621700287654321","622848004512345678","623052001234567","601382123456789012","622588123412345"]:
    print("card",luhn(b))
