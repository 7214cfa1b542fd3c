"""Union of channels (bm25, fts, title grep, knowledge), top 20 each. Writes pools.tsv (qid, title, channels, region). Other provinces' local regs are marked OTHERPROV (always grade 0)."""
import csv, json, collections
rows=[r for r in csv.DictReader(l for l in open('/work/shared/data/laws-index.csv',encoding='utf-8') if not l.startswith('#'))]
reg={}
for r in rows:
    p=r['path']; reg.setdefault(r['title'],'SH' if p.startswith('DLC/上海') else ('OTHERPROV' if p.startswith('DLC/') else 'NAT'))
runs={'B':json.load(open('bm25_runs.json')),'F':json.load(open('fts_runs.json')),'T':json.load(open('title_runs.json'))}
K={l.split('\t')[0]:l.rstrip('\n').split('\t')[1].split('|') for l in open('knowledge.tsv',encoding='utf-8')}
qs=list(csv.reader(open('../queries.tsv',encoding='utf-8'),delimiter='\t'))[1:]
out=open('pools.tsv','w',encoding='utf-8'); out.write('qid\ttitle\tchannels\tregion\n')
for q in qs:
    pool=collections.OrderedDict()
    for t in K[q[0]]: pool.setdefault(t,[]).append('K')
    for ch in 'BFT':
        for i,(t,s,a) in enumerate(runs[ch][q[0]][:20]): pool.setdefault(t,[]).append(f'{ch}{i+1}')
    for t,c in pool.items(): out.write(f'{q[0]}\t{t}\t{",".join(c)}\t{reg[t]}\n')
