"""Validate grades.tsv against laws-index.csv titles and rules; write dev.tsv / test.tsv."""
import csv, sys, collections
T={r['title']:r['path'] for r in csv.DictReader(l for l in open('/work/shared/data/laws-index.csv',encoding='utf-8') if not l.startswith('#'))}
qs=list(csv.reader(open('/work/eval/search4/queries.tsv',encoding='utf-8'),delimiter='\t'))[1:]
G={}
for l in open('/work/eval/search4/grades.tsv',encoding='utf-8'):
    qid,g=l.rstrip('\n').split('\t'); G[qid]=[(x.rsplit('=',1)[0],int(x.rsplit('=',1)[1])) for x in g.split('|')]
err=0
for q in qs:
    qid=q[0]; gl=G.get(qid)
    if not gl: print('NO GRADES',qid); err+=1; continue
    titles=[t for t,_ in gl]
    if len(set(titles))!=len(titles): print('DUP',qid); err+=1
    for t,g in gl:
        if t not in T: print('TITLE MISMATCH',qid,t); err+=1
        elif T[t].startswith('DLC/') and not T[t].startswith('DLC/上海'): print('OTHER PROVINCE',qid,t); err+=1
        if g not in (1,2,3): print('BAD GRADE',qid,t,g); err+=1
    if max(g for _,g in gl)<2: print('NO >=2',qid); err+=1
    if sum(g==1 for _,g in gl)>5: print('TOO MANY 1',qid); err+=1
if err: sys.exit(f'FAILED with {err} errors')
def half(qid): return 'dev' if int(qid[1:])%2==1 else 'test'
cnt=collections.Counter()
for h in ('dev','test'):
    with open(f'/work/eval/search4/{h}.tsv','w',encoding='utf-8') as f:
        f.write(f'# search4 blind evaluation set ({h}): Shanghai city-management law search, graded by law title\n')
        f.write('# format: id<TAB>style<TAB>query<TAB>title=grade|title=grade|... (grades 3 / 2 / 1; unlisted = 0)\n')
        for q in qs:
            if half(q[0])!=h: continue
            gl=sorted(G[q[0]],key=lambda x:-x[1])
            f.write('\t'.join([q[0],q[1],q[2],'|'.join(f'{t}={g}' for t,g in gl)])+'\n')
            cnt[(h,q[1])]+=1
            for _,g in gl: cnt[(h,g)]+=1
for k,v in sorted(cnt.items(),key=str): print(k,v)
print('OK')
