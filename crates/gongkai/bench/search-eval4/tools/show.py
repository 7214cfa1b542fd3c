"""show.py TITLE kw1 kw2 ... : print articles of TITLE (all versions) containing any keyword (first 220 chars)."""
import signal; signal.signal(signal.SIGPIPE, signal.SIG_DFL)
import json,sys
t=sys.argv[1]; kws=sys.argv[2:]
seen=set()
for l in open('/work/eval/search4/tools/articles.jsonl',encoding='utf-8'):
    if t not in l: continue
    a=json.loads(l)
    if a['title']!=t: continue
    if any(k in a['text'] for k in kws):
        key=(a['text'][:80])
        if key in seen: continue
        seen.add(key); print(a['path'][-25:],'|',a['text'][:220].replace('\n',' '))
