# numpy reference of LAC 2.1.2 "lac" mode inference (BiGRU x2 + CRF), written from LAC's Python code
# (segment.py, reader.py, models.py) and Paddle's dynamic_gru / crf_decoding; checks the Rust port (tests/model.rs).
# usage: python3 lacref.py [LAC/lac_model folder] < sentences > reference  (needs numpy)
import struct, sys, math, os, numpy as np
if __name__ == '__main__' and (len(sys.argv) < 2 or not os.path.isdir(sys.argv[1])):
    sys.exit('usage: python3 lacref.py LAC-2.1.2/LAC/lac_model < sentences > reference')
M = sys.argv[1] if len(sys.argv) > 1 else ''
def varint(b, i):
    r = s = 0
    while True:
        c = b[i]; i += 1; r |= (c & 0x7f) << s; s += 7
        if c < 0x80: return r, i
def load(name):
    b = open(f'{M}/model/{name}', 'rb').read()
    i = 4
    lod_level, = struct.unpack_from('<Q', b, i); i += 8
    for _ in range(lod_level):
        n, = struct.unpack_from('<Q', b, i); i += 8 + n
    i += 4
    ds, = struct.unpack_from('<i', b, i); i += 4
    desc = b[i:i+ds]; i += ds
    j = 0; dims = []; dt = None
    while j < len(desc):
        key, j = varint(desc, j)
        f, w = key >> 3, key & 7
        if w == 0:
            v, j = varint(desc, j)
            if f == 1: dt = v
            else: dims.append(v)
        elif w == 2:
            n, j = varint(desc, j); end = j + n
            while j < end:
                v, j = varint(desc, j); dims.append(v)
    assert dt == 5, dt  # FP32
    return np.frombuffer(b, dtype='<f4', offset=i, count=int(np.prod(dims))).reshape(dims)
P = {n: load(n) for n in os.listdir(f'{M}/model') if n != '__model__'}
def kv(path, rev=False):
    d = {}
    for line in open(path, encoding='utf8'):
        t = line.strip('\n').split('\t')
        if len(t) != 2: continue
        k, v = (t[1], t[0]) if rev else (t[0], t[1])
        d[k] = v
    return d
w2id = {k: int(v) for k, v in kv(f'{M}/conf/word.dic', rev=True).items()}
id2tag = kv(f'{M}/conf/tag.dic')
q2b = kv(f'{M}/conf/q2b.dic')
tree = {}; total = 0
for line in open(f'{M}/conf/small_seg.dic', encoding='utf8'):
    w, c = line.strip().split(' ')
    tree[w] = len(w); total += int(c)
    for i in range(1, len(w)):
        tree[w[:i]] = tree.get(w[:i], None)
logtotal = math.log(total)
import re
re_eng = re.compile('[a-zA-Z0-9]', re.U)
def fast_cut(text):
    n = len(text); dag = {k: [k] for k in range(n)}
    for h in range(n):
        e = h + 1; w = text[h:e]
        while e <= n and w in tree:
            if tree[w]: dag[h].append(e - 1)
            e += 1; w = text[h:e]
    route = {n: (0, 0)}
    for idx in range(n - 1, -1, -1):
        route[idx] = max((math.log(tree.get(text[idx:x + 1]) or 1) - logtotal + route[x + 1][0], x) for x in dag[idx])
    i = 0; buf = ''; seg = []
    while i < n:
        e = route[i][1] + 1; w = text[i:e]
        if re_eng.match(w) and len(w) == 1: buf += w
        else:
            if buf: seg.append(buf); buf = ''
            seg.append(w)
        i = e
    if buf: seg.append(buf)
    return seg
def ids(text):
    out, lens = [], []
    for w in fast_cut(text):
        if w in w2id:
            out.append(w2id.get(q2b.get(w, w), w2id['OOV'])); lens.append(len(w))
        else:
            for c in w:
                out.append(w2id.get(q2b.get(c, c), w2id['OOV'])); lens.append(1)
    return out, lens
sig = lambda x: 1 / (1 + np.exp(-x))
def gru(x, W, b, rev):
    D = W.shape[0]; flat = W.reshape(-1)
    Wg = flat[:2 * D * D].reshape(D, 2 * D); Ws = flat[2 * D * D:].reshape(D, D)
    x = x + b.reshape(-1)
    T = x.shape[0]; h = np.zeros(D, 'f4'); out = np.zeros((T, D), 'f4')
    order = range(T - 1, -1, -1) if rev else range(T)
    for t in order:
        g = x[t, :2 * D] + h @ Wg
        u = sig(g[:D]); r = sig(g[D:])
        c = np.tanh(x[t, 2 * D:] + (r * h) @ Ws)
        h = (1 - u) * h + u * c   # origin_mode=False
        out[t] = h
    return out
def emissions(idl):
    f = P['word_emb'][idl]
    k = 0
    for layer in range(2):
        a = gru(f @ P[f'fc_{k}.w_0'] + P[f'fc_{k}.b_0'].reshape(-1), P[f'gru_{k}.w_0'], P[f'gru_{k}.b_0'], False)
        bb = gru(f @ P[f'fc_{k+1}.w_0'] + P[f'fc_{k+1}.b_0'].reshape(-1), P[f'gru_{k+1}.w_0'], P[f'gru_{k+1}.b_0'], True)
        f = np.concatenate([a, bb], axis=1); k += 2
    return f @ P['fc_4.w_0'] + P['fc_4.b_0'].reshape(-1)
def viterbi(em):
    W = P['crfw']; start, end, tr = W[0], W[1], W[2:]
    T, L = em.shape; a = start + em[0]; back = []
    for t in range(1, T):
        s = a[:, None] + tr
        back.append(s.argmax(0)); a = s.max(0) + em[t]
    a = a + end; best = [int(a.argmax())]
    for bp in reversed(back): best.append(int(bp[best[-1]]))
    return best[::-1]
def run(text):
    idl, lens = ids(text)
    tags = [id2tag[str(i)] for i in viterbi(emissions(np.array(idl)))]
    for cur in range(len(lens) - 1, -1, -1):
        for off in range(1, lens[cur]): tags.insert(cur + off, tags[cur][:-2] + '-I')
    words, tt = [], []
    for i, t in enumerate(tags):
        if not words or t.endswith('B') or t.endswith('S'):
            words.append(text[i]); tt.append(t[:-2]); continue
        words[-1] += text[i]; tt[-1] = t[:-2]
    return words, tt
if __name__ == '__main__':
    for line in sys.stdin:
        line = line.strip()
        if line:
            w, t = run(line)
            print(' '.join(f'{a}/{b}' for a, b in zip(w, t)))
