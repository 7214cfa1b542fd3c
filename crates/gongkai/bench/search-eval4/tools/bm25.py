"""Simple BM25 (k1=1.2,b=0.75) over articles with jieba tokens; law score = max article score. Usage: python3 bm25.py -> bm25_runs.json"""
import json, math, re, collections, pickle, os, sys, csv
import jieba
jieba.setLogLevel(60)
D='/work/eval/search4/tools'
STOP=set('的 了 是 在 和 与 或 及 等 对 把 被 我 你 他 她 它 们 吗 呢 吧 啊 伐 这 那 有 没 也 都 就 还 要 会 能 可以 什么 怎么 哪 谁 不 个 一 上 下 里 , 。 ？ ! ？ ， 、 ： ； （ ） ( ) 》 《'.split())
def tok(s):
    return [w for w in jieba.lcut_for_search(s) if w.strip() and w not in STOP and not re.fullmatch(r'[\W_]+',w)]
arts=[json.loads(l) for l in open(f'{D}/articles.jsonl',encoding='utf-8')]
cache=f'{D}/bm25.pkl'
if os.path.exists(cache):
    inv,dl=pickle.load(open(cache,'rb'))
else:
    inv=collections.defaultdict(list); dl=[]
    for i,a in enumerate(arts):
        c=collections.Counter(tok(a['title']+' '+a['text']))
        dl.append(sum(c.values()))
        for w,f in c.items(): inv[w].append((i,f))
    inv=dict(inv); pickle.dump((inv,dl),open(cache,'wb'))
N=len(dl); avg=sum(dl)/N
def search(q,k=20):
    sc=collections.defaultdict(float)
    for w in set(tok(q)):
        post=inv.get(w)
        if not post: continue
        idf=math.log(1+(N-len(post)+.5)/(len(post)+.5))
        for i,f in post:
            sc[i]+=idf*f*2.2/(f+1.2*(.25+.75*dl[i]/avg))
    law={}
    for i,s in sorted(sc.items(),key=lambda x:-x[1]):
        t=arts[i]['title']
        if t not in law: law[t]=(s,arts[i]['art'])
        if len(law)>=k: break
    return [(t,round(s,2),a) for t,(s,a) in law.items()]
if __name__=='__main__':
    qs=list(csv.reader(open('/work/eval/search4/queries.tsv',encoding='utf-8'),delimiter='\t'))[1:]
    json.dump({q[0]:search(q[2]) for q in qs},open(f'{D}/bm25_runs.json','w'),ensure_ascii=False,indent=0)
