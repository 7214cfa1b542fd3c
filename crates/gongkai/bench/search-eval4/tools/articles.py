"""Split every law file into articles (lines starting with 第…条). Output articles.jsonl."""
import csv, json, re, os
BASE='/work/shared/data'
rows=[r for r in csv.DictReader(l for l in open(f'{BASE}/laws-index.csv',encoding='utf-8') if not l.startswith('#'))]
ART=re.compile(r'^第[零一二三四五六七八九十百千〇0-9]+条(之[一二三四五六七八九十]+)?[\s　]')
out=open('/work/eval/search4/tools/articles.jsonl','w',encoding='utf-8')
n=0
for r in rows:
    p=f"{BASE}/laws/{r['path']}"
    if not os.path.exists(p): print('MISSING',p); continue
    txt=open(p,encoding='utf-8').read()
    body=txt.split('<!-- INFO END -->',1)[-1]
    cur=[];head='前言'
    def flush():
        global n
        t='\n'.join(cur).strip()
        if t:
            out.write(json.dumps({'title':r['title'],'path':r['path'],'art':head,'text':t},ensure_ascii=False)+'\n'); n+=1
    for line in body.splitlines():
        if ART.match(line.strip()):
            flush(); cur=[line.strip()]; head=line.strip().split()[0][:12]
        elif line.startswith('#'): continue
        else: cur.append(line.strip())
    flush()
print(n,'articles')
