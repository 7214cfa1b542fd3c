"""SQLite FTS5 trigram over articles; query = OR of all 3-char substrings of each query segment; law score = best article rank. -> fts_runs.json"""
import sqlite3, json, re, csv, os
D='/work/eval/search4/tools'
db=f'{D}/fts.db'
new=not os.path.exists(db)
con=sqlite3.connect(db)
if new:
    con.execute("create virtual table a using fts5(title, art, text, tokenize='trigram')")
    for l in open(f'{D}/articles.jsonl',encoding='utf-8'):
        x=json.loads(l); con.execute('insert into a values(?,?,?)',(x['title'],x['art'],x['text']))
    con.commit()
def search(q,k=20):
    grams=set()
    for seg in re.split(r'[\s，。？！、,?!：；（）()《》“”]+',q):
        for i in range(len(seg)-2): grams.add(seg[i:i+3])
    if not grams: return []
    expr=' OR '.join('"%s"'%g.replace('"','') for g in grams)
    law={}
    for t,art,r in con.execute("select title,art,bm25(a) from a where a match ? order by bm25(a) limit 3000",(expr,)):
        if t not in law: law[t]=(round(-r,2),art)
        if len(law)>=k: break
    return [(t,s,a) for t,(s,a) in law.items()]
if __name__=='__main__':
    qs=list(csv.reader(open('/work/eval/search4/queries.tsv',encoding='utf-8'),delimiter='\t'))[1:]
    json.dump({q[0]:search(q[2]) for q in qs},open(f'{D}/fts_runs.json','w'),ensure_ascii=False,indent=0)
