"""Title grep of laws-index.csv with key terms + legal equivalents; order: Shanghai local, national, others; by #terms matched. -> title_runs.json"""
import csv, json
rows=[r for r in csv.DictReader(l for l in open('/work/shared/data/laws-index.csv',encoding='utf-8') if not l.startswith('#'))]
def region(r):
    p=r['path']
    if p.startswith('DLC/上海'): return 0
    if p.startswith('DLC/'): return 2
    return 1
titles={}
for r in rows: titles.setdefault(r['title'],region(r))
out={}
for l in open('titlegrep_terms.tsv',encoding='utf-8'):
    qid,terms=l.rstrip('\n').split('\t'); terms=terms.split('|')
    hits=[(titles[t],-sum(x in t for x in terms),len(t),t) for t in titles if any(x in t for x in terms)]
    hits.sort()
    out[qid]=[(h[3],-h[1],'') for h in hits[:20]]
json.dump(out,open('title_runs.json','w'),ensure_ascii=False,indent=0)
