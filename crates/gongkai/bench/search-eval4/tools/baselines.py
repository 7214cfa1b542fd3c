"""nDCG@10 (gain 2^g-1, log2 discount, ideal from all listed grades) and recall@10 (listed titles with grade>=1 found in top 10) for the BM25 and FTS5 pooling channels, per half and per style."""
import json, math, csv, collections
def load(h):
    Q={}
    for l in open(f'/work/eval/search4/{h}.tsv',encoding='utf-8'):
        if l.startswith('#'): continue
        qid,st,q,g=l.rstrip('\n').split('\t')
        Q[qid]=(st,{x.rsplit('=',1)[0]:int(x.rsplit('=',1)[1]) for x in g.split('|')})
    return Q
def ndcg(ranked,rel,k=10):
    dcg=sum((2**rel.get(t,0)-1)/math.log2(i+2) for i,t in enumerate(ranked[:k]))
    ideal=sorted(rel.values(),reverse=True)[:k]
    idcg=sum((2**g-1)/math.log2(i+2) for i,g in enumerate(ideal))
    return dcg/idcg
def recall(ranked,rel,k=10,mg=1):
    R=[t for t,g in rel.items() if g>=mg]
    return sum(t in ranked[:k] for t in R)/len(R)
out=[]
out.append('# pool-channel baselines (computed after grading). nDCG@10: gain 2^g-1, log2 discount, ideal from all listed grades.')
out.append('# recall@10: share of listed titles (grade>=1) in top 10; recall@10(g>=2): same for grade>=2 titles. Ranking = distinct law titles by best article score.')
for ch,fn in (('BM25 (jieba, articles)','bm25_runs.json'),('FTS5 trigram (articles)','fts_runs.json')):
    run=json.load(open(f'/work/eval/search4/tools/{fn}',encoding='utf-8'))
    for h in ('dev','test'):
        Q=load(h); agg=collections.defaultdict(list)
        for qid,(st,rel) in Q.items():
            r=[x[0] for x in run[qid]]
            for key in ('ALL',st):
                agg[key].append((ndcg(r,rel),recall(r,rel),recall(r,rel,mg=2)))
        for key,v in agg.items():
            n=len(v)
            out.append(f'{ch}\t{h}\t{key}\tn={n}\tnDCG@10={sum(x[0] for x in v)/n:.3f}\trecall@10={sum(x[1] for x in v)/n:.3f}\trecall@10(g>=2)={sum(x[2] for x in v)/n:.3f}')
open('/work/eval/search4/pool-baselines.txt','w',encoding='utf-8').write('\n'.join(out)+'\n')
print('\n'.join(out))
