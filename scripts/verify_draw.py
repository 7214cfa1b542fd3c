#!/usr/bin/env python3
"""Independent verifier of a gongkai draw record: 双随机 (gongkai-draw-v1) or a sortition of
people for seats (gongkai-sortition-v1), with or without a public beacon.

Usage: python3 verify_draw.py record.json   — exits 0 and prints 验证通过 when the
seed matches the commitment, the input lists match their hash and re-running the
draw gives the published result; otherwise prints the reason and exits 1.
Only the Python standard library is used. The algorithm is described in
crates/draw/src/lib.rs and docs/DRAW.md.
"""
import hashlib, json, sys, unicodedata

def clean(s):
    """Drop control characters (category Cc), then surrounding whitespace."""
    return "".join(c for c in s if unicodedata.category(c) != "Cc").strip()

def canonical(inp):
    p = inp["params"]
    out = ["gongkai-draw-v1", "task:" + clean(p["task"]),
           "ratio_permille:%d" % p["ratio_permille"], "high_risk_factor:%d" % p["high_risk_factor"],
           "per_entity:%d" % p["per_entity"], "exclude_own_district:%d" % (1 if p["exclude_own_district"] else 0)]
    if p.get("beacon") is not None:
        out.append("beacon:" + clean(p["beacon"]))
    out += ["required_stratum:" + s for s in sorted(clean(s) for s in p["required_strata"])]
    for e in sorted(inp["entities"], key=lambda e: e["id"].encode()):
        out.append("entity:%s\t%s\t%s\t%d" % (clean(e["id"]), clean(e["stratum"]), clean(e["district"]), 1 if e["high_risk"] else 0))
    for i in sorted(inp["inspectors"], key=lambda i: i["id"].encode()):
        out.append("inspector:%s\t%s\t%s" % (clean(i["id"]), clean(i["district"]), ",".join(sorted(clean(c) for c in i["conflicts"]))))
    for ent in sorted(inp["previous"], key=lambda k: k.encode()):
        out.append("previous:%s\t%s" % (clean(ent), ",".join(sorted(clean(x) for x in inp["previous"][ent]))))
    return ("\n".join(out) + "\n").encode("utf-8")

class Stream:
    def __init__(self, seed, input_hash):
        self.prefix, self.counter, self.buf = seed + input_hash, 0, b""
    def u64(self):
        while len(self.buf) < 8:
            self.buf += hashlib.sha256(self.prefix + self.counter.to_bytes(8, "big")).digest()
            self.counter += 1
        x, self.buf = int.from_bytes(self.buf[:8], "big"), self.buf[8:]
        return x
    def below(self, n):
        limit = n * ((2**64 - 1) // n)
        while True:
            x = self.u64()
            if x < limit:
                return x % n
    def shuffle(self, v):
        for i in range(len(v) - 1, 0, -1):
            j = self.below(i + 1)
            v[i], v[j] = v[j], v[i]

def run(inp, seed):
    p = inp["params"]
    stream = Stream(seed, hashlib.sha256(canonical(inp)).digest())
    strata = {}
    for e in inp["entities"]:
        strata.setdefault((clean(e["stratum"]).encode(), e["high_risk"]), []).append(e)
    selected = []
    for key in sorted(strata):
        members = sorted(strata[key], key=lambda e: e["id"].encode())
        stream.shuffle(members)
        permille = min(1000, p["ratio_permille"] * max(1, p["high_risk_factor"])) if key[1] else p["ratio_permille"]
        k = min(len(members), -(-len(members) * permille // 1000))
        selected += members[:k]
    inspectors = sorted(inp["inspectors"], key=lambda i: i["id"].encode())
    out = []
    for e in selected:
        eligible = [i for i in inspectors if clean(e["id"]) not in [clean(c) for c in i["conflicts"]]
                    and not (p["exclude_own_district"] and clean(i["district"]) == clean(e["district"]))]
        if len(eligible) < p["per_entity"]:
            raise ValueError("检查对象 %s 可派执法人员不足" % e["id"])
        stream.shuffle(eligible)
        team = [i["id"] for i in eligible[:p["per_entity"]]]
        prev = inp["previous"].get(e["id"])
        if prev is not None and sorted(team) == sorted(clean(x) for x in prev) and len(eligible) > p["per_entity"]:
            team[-1] = eligible[p["per_entity"]]["id"]
        out.append({"entity": e["id"], "stratum": clean(e["stratum"]), "inspectors": team})
    return out

def final_seed(secret, beacon, value):
    """SHA-256(secret ‖ beacon value) when the commitment named a beacon; else the secret."""
    value = clean(value) if value is not None else ""
    if beacon is None:
        if value:
            raise ValueError("承诺时没有指定公开信标，不能使用信标值")
        return secret
    if not value:
        raise ValueError("承诺时指定了公开信标，记录中缺少信标值")
    return hashlib.sha256(secret + value.encode("utf-8")).digest()

def sortition_canonical(inp):
    out = ["gongkai-sortition-v1", "task:" + clean(inp["task"])]
    if inp.get("beacon") is not None:
        out.append("beacon:" + clean(inp["beacon"]))
    for name, seats in sorted((clean(s["stratum"]).encode(), s["seats"]) for s in inp["strata"]):
        out.append("stratum:%s\t%d" % (name.decode(), seats))
    for cid, st, size in sorted((clean(c["id"]).encode(), clean(c["stratum"]).encode(), c["size"]) for c in inp["candidates"]):
        out.append("candidate:%s\t%s\t%d" % (cid.decode(), st.decode(), size))
    return ("\n".join(out) + "\n").encode("utf-8")

def sortition_run(inp, seed):
    stream = Stream(seed, hashlib.sha256(sortition_canonical(inp)).digest())
    out = []
    for name, seats in sorted((clean(s["stratum"]).encode(), s["seats"]) for s in inp["strata"]):
        members = sorted((clean(c["id"]).encode(), max(1, c["size"])) for c in inp["candidates"]
                         if clean(c["stratum"]).encode() == name)
        stream.shuffle(members)
        left = seats
        for cid, size in members:
            selected = size <= left
            if selected:
                left -= size
            out.append({"id": cid.decode(), "stratum": name.decode(), "selected": selected})
    return out

def is_sortition(record):
    return record.get("version") == "gongkai-sortition-v1"

def run_record(record):
    secret = bytes.fromhex(record["seed"])
    if is_sortition(record):
        seed = final_seed(secret, record["input"].get("beacon"), record.get("beacon_value"))
        return sortition_run(record["input"], seed)
    seed = final_seed(secret, record["input"]["params"].get("beacon"), record.get("beacon_value"))
    return run(record["input"], seed)

def verify(record):
    seed = bytes.fromhex(record["seed"])
    if hashlib.sha256(seed).hexdigest() != record["commitment"].strip().lower():
        return "种子与事先公布的承诺值不符"
    text = sortition_canonical(record["input"]) if is_sortition(record) else canonical(record["input"])
    if hashlib.sha256(text).hexdigest() != record["input_hash"].strip().lower():
        return "输入名单与事先公布的哈希不符"
    try:
        again = run_record(record)
    except ValueError as e:
        return str(e)
    if again != record["result"]:
        return "重新抽取的结果与公布的结果不同"
    return None

if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as f:
        rec = json.load(f)
    problem = verify(rec)
    if problem:
        print("验证失败：" + problem)
        sys.exit(1)
    for a in run_record(rec):
        if is_sortition(rec):
            print(a["id"] + "\t" + a["stratum"] + "\t" + ("中选" if a["selected"] else "候补"))
        else:
            print(a["entity"] + "\t" + ",".join(a["inspectors"]))
    print("验证通过")
