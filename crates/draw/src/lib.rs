//! 双随机、一公开: random selection of inspection targets and inspectors that anyone
//! can re-run from public data and get the identical result.
//!
//! The algorithm (version 1), documented so that it can be re-implemented in a few
//! lines of any language (`scripts/verify_draw.py` does):
//!
//! 1. **Input text.** The frozen input lists in a canonical text ([`Input::canonical`]):
//!    a header line, the parameters, then one line per entity, inspector and previous
//!    team, each list sorted by id. `input_hash = SHA-256(input text)`.
//! 2. **Commitment.** Before the draw a secret 32-byte `seed` is chosen and
//!    `commitment = SHA-256(seed)` is published together with `input_hash`. After the
//!    draw the seed is revealed.
//! 3. **Stream.** Block `i` (i = 0, 1, …) is `SHA-256(seed ‖ input_hash ‖ u64be(i))`;
//!    the stream is the blocks' bytes in order.
//! 4. **Uniform integers.** `below(n)`: read 8 bytes as a big-endian `u64` `x`; accept
//!    it when `x < n · ⌊2⁶⁴ / n⌋` and return `x mod n`, else read the next 8 bytes.
//! 5. **Shuffle.** Fisher–Yates: for `i` from `len−1` down to `1`, `j = below(i+1)`,
//!    swap `i` and `j`.
//! 6. **Entities.** Strata are `(stratum, high-risk or not)`, taken in sorted order
//!    (non-high-risk before high-risk within a stratum). Each stratum's members, sorted
//!    by id, are shuffled and the first `k` taken, `k = ⌈n · ratio‰ / 1000⌉` — for
//!    high-risk strata `⌈n · min(1000, ratio‰ · factor) / 1000⌉`.
//! 7. **Inspectors.** For each selected entity in selection order: the eligible
//!    inspectors (no declared conflict with the entity; not of the entity's district
//!    when that exclusion is on), sorted by id, are shuffled; the team is the first
//!    `per_entity` of them, except that when it equals the entity's previous team the
//!    last member is replaced by the next eligible inspector.

use std::collections::BTreeMap;

pub mod sortition;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

pub const VERSION: &str = "gongkai-draw-v1";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    /// 统一社会信用代码 or another stable id.
    pub id: String,
    /// The stratum (e.g. district or entity type).
    pub stratum: String,
    /// The district, for excluding inspectors of the same district.
    pub district: String,
    pub high_risk: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Inspector {
    /// 执法证号
    pub id: String,
    pub district: String,
    /// Entity ids with a declared conflict of interest.
    pub conflicts: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Params {
    /// The task (plan item) this draw belongs to.
    pub task: String,
    /// The sampling ratio in per mille (50 = 5 %).
    pub ratio_permille: u32,
    /// High-risk entities are drawn with this many times the ratio (capped at 100 %).
    pub high_risk_factor: u32,
    /// Inspectors per entity (at least 2).
    pub per_entity: usize,
    /// Exclude inspectors of the entity's own district.
    pub exclude_own_district: bool,
    /// Strata that must not be empty (the plan's strata); empty means none required.
    pub required_strata: Vec<String>,
    /// The public beacon named at commitment time (e.g. “中国福利彩票双色球 第2027015期开奖号码”);
    /// its value, unknown then, is mixed into the seed at the draw. None for older records.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub beacon: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Input {
    pub params: Params,
    pub entities: Vec<Entity>,
    pub inspectors: Vec<Inspector>,
    /// Each entity's team in the previous draw (to avoid the identical pair).
    pub previous: BTreeMap<String, Vec<String>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assignment {
    pub entity: String,
    pub stratum: String,
    pub inspectors: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    #[error("检查对象名录为空，无法抽取")]
    NoEntities,
    #[error("分层“{0}”没有检查对象，请核对名录或抽查计划")]
    EmptyStratum(String),
    #[error("每个检查对象至少要派 2 名执法人员")]
    TooFewPerEntity,
    #[error("抽查比例应在 1‰–1000‰ 之间")]
    BadRatio,
    #[error(
        "检查对象 {entity} 可派的执法人员只有 {available} 名（排除利益冲突{own}后），少于每户 {needed} 名"
    )]
    TooFewInspectors {
        entity: String,
        available: usize,
        needed: usize,
        own: &'static str,
    },
    #[error("名录中的编号“{0}”重复")]
    DuplicateId(String),
    #[error("种子应为 64 位十六进制数（32 字节）")]
    BadSeed,
    #[error("种子与事先公布的承诺值不符：SHA-256(种子) ≠ 承诺值")]
    CommitmentMismatch,
    #[error("输入名单与事先公布的哈希不符：名单在抽取后被改动")]
    InputMismatch,
    #[error("重新抽取的结果与公布的结果不同（第 {0} 项起不一致）")]
    ResultMismatch(usize),
    #[error("承诺时指定了公开信标，抽取时须填写信标值（如开奖号码）")]
    BeaconMissing,
    #[error("承诺时没有指定公开信标，不能使用信标值")]
    BeaconUnexpected,
    #[error("分层“{0}”不在席位表中")]
    UnknownStratum(String),
}

pub(crate) fn clean(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_control())
        .collect::<String>()
        .trim()
        .to_string()
}

impl Input {
    /// The canonical text the input hash is taken over.
    pub fn canonical(&self) -> String {
        let p = &self.params;
        let mut out = format!(
            "{VERSION}\ntask:{}\nratio_permille:{}\nhigh_risk_factor:{}\nper_entity:{}\nexclude_own_district:{}\n",
            clean(&p.task),
            p.ratio_permille,
            p.high_risk_factor,
            p.per_entity,
            u8::from(p.exclude_own_district)
        );
        if let Some(b) = &p.beacon {
            out.push_str(&format!("beacon:{}\n", clean(b)));
        }
        let mut strata: Vec<String> = p.required_strata.iter().map(|s| clean(s)).collect();
        strata.sort();
        for s in strata {
            out.push_str(&format!("required_stratum:{s}\n"));
        }
        let mut entities: Vec<&Entity> = self.entities.iter().collect();
        entities.sort_by(|a, b| a.id.cmp(&b.id));
        for e in entities {
            out.push_str(&format!(
                "entity:{}\t{}\t{}\t{}\n",
                clean(&e.id),
                clean(&e.stratum),
                clean(&e.district),
                u8::from(e.high_risk)
            ));
        }
        let mut inspectors: Vec<&Inspector> = self.inspectors.iter().collect();
        inspectors.sort_by(|a, b| a.id.cmp(&b.id));
        for i in inspectors {
            let mut c: Vec<String> = i.conflicts.iter().map(|s| clean(s)).collect();
            c.sort();
            out.push_str(&format!(
                "inspector:{}\t{}\t{}\n",
                clean(&i.id),
                clean(&i.district),
                c.join(",")
            ));
        }
        for (entity, team) in &self.previous {
            let mut t: Vec<String> = team.iter().map(|s| clean(s)).collect();
            t.sort();
            out.push_str(&format!("previous:{}\t{}\n", clean(entity), t.join(",")));
        }
        out
    }

    pub fn hash(&self) -> [u8; 32] {
        Sha256::digest(self.canonical().as_bytes()).into()
    }

    pub fn hash_hex(&self) -> String {
        hex::encode(self.hash())
    }
}

/// `SHA-256(seed)` as hex: the commitment published before the draw.
pub fn commitment(seed: &[u8; 32]) -> String {
    hex::encode(Sha256::digest(seed))
}

/// The seed a draw runs with: the committed secret alone (records without a beacon), or
/// `SHA-256(secret ‖ UTF-8 of the cleaned beacon value)` when the commitment named a beacon.
pub fn final_seed(
    secret: &[u8; 32],
    beacon: Option<&str>,
    value: Option<&str>,
) -> Result<[u8; 32], Error> {
    let value = value.map(clean).filter(|v| !v.is_empty());
    match (beacon, value) {
        (None, None) => Ok(*secret),
        (None, Some(_)) => Err(Error::BeaconUnexpected),
        (Some(_), None) => Err(Error::BeaconMissing),
        (Some(_), Some(v)) => {
            let mut h = Sha256::new();
            h.update(secret);
            h.update(v.as_bytes());
            Ok(h.finalize().into())
        }
    }
}

pub fn parse_seed(hex_seed: &str) -> Result<[u8; 32], Error> {
    let bytes = hex::decode(hex_seed.trim()).map_err(|_| Error::BadSeed)?;
    bytes.try_into().map_err(|_| Error::BadSeed)
}

/// The SHA-256 counter-mode stream of step 3.
pub struct Stream {
    prefix: Vec<u8>,
    counter: u64,
    block: [u8; 32],
    used: usize,
}

impl Stream {
    pub fn new(seed: &[u8; 32], input_hash: &[u8; 32]) -> Stream {
        let mut prefix = Vec::with_capacity(64);
        prefix.extend_from_slice(seed);
        prefix.extend_from_slice(input_hash);
        Stream {
            prefix,
            counter: 0,
            block: [0; 32],
            used: 32,
        }
    }

    fn byte(&mut self) -> u8 {
        if self.used == 32 {
            let mut h = Sha256::new();
            h.update(&self.prefix);
            h.update(self.counter.to_be_bytes());
            self.block = h.finalize().into();
            self.counter += 1;
            self.used = 0;
        }
        let b = self.block[self.used];
        self.used += 1;
        b
    }

    fn u64(&mut self) -> u64 {
        let mut x = 0u64;
        for _ in 0..8 {
            x = (x << 8) | u64::from(self.byte());
        }
        x
    }

    /// A uniform integer in `0..n` by rejection sampling (step 4). `n` ≥ 1.
    pub fn below(&mut self, n: u64) -> u64 {
        let n = n.max(1);
        let limit = n * (u64::MAX / n);
        loop {
            let x = self.u64();
            if x < limit {
                return x % n;
            }
        }
    }

    /// Fisher–Yates (step 5).
    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = self.below(i as u64 + 1) as usize;
            v.swap(i, j);
        }
    }
}

/// ⌈n · permille / 1000⌉
fn quota(n: usize, permille: u32) -> usize {
    (n * permille as usize).div_ceil(1000).min(n)
}

/// Run the draw (steps 6–7).
pub fn run(input: &Input, seed: &[u8; 32]) -> Result<Vec<Assignment>, Error> {
    let p = &input.params;
    if input.entities.is_empty() {
        return Err(Error::NoEntities);
    }
    if p.per_entity < 2 {
        return Err(Error::TooFewPerEntity);
    }
    if !(1..=1000).contains(&p.ratio_permille) {
        return Err(Error::BadRatio);
    }
    let mut seen = std::collections::BTreeSet::new();
    for id in input
        .entities
        .iter()
        .map(|e| &e.id)
        .chain(input.inspectors.iter().map(|i| &i.id))
    {
        if !seen.insert(id.clone()) {
            return Err(Error::DuplicateId(id.clone()));
        }
    }
    for s in &p.required_strata {
        if !input.entities.iter().any(|e| clean(&e.stratum) == clean(s)) {
            return Err(Error::EmptyStratum(clean(s)));
        }
    }
    let mut strata: BTreeMap<(String, bool), Vec<&Entity>> = BTreeMap::new();
    for e in &input.entities {
        strata
            .entry((clean(&e.stratum), e.high_risk))
            .or_default()
            .push(e);
    }
    let mut stream = Stream::new(seed, &input.hash());
    let mut selected: Vec<&Entity> = Vec::new();
    for ((_, high), members) in strata.iter_mut() {
        members.sort_by(|a, b| a.id.cmp(&b.id));
        stream.shuffle(members);
        let permille = if *high {
            (p.ratio_permille.saturating_mul(p.high_risk_factor.max(1))).min(1000)
        } else {
            p.ratio_permille
        };
        selected.extend(members.iter().take(quota(members.len(), permille)));
    }
    let mut inspectors: Vec<&Inspector> = input.inspectors.iter().collect();
    inspectors.sort_by(|a, b| a.id.cmp(&b.id));
    let mut out = Vec::with_capacity(selected.len());
    for e in selected {
        let mut eligible: Vec<&Inspector> = inspectors
            .iter()
            .copied()
            .filter(|i| !i.conflicts.iter().any(|c| clean(c) == clean(&e.id)))
            .filter(|i| !(p.exclude_own_district && clean(&i.district) == clean(&e.district)))
            .collect();
        if eligible.len() < p.per_entity {
            return Err(Error::TooFewInspectors {
                entity: e.id.clone(),
                available: eligible.len(),
                needed: p.per_entity,
                own: if p.exclude_own_district {
                    "和本区执法人员"
                } else {
                    ""
                },
            });
        }
        stream.shuffle(&mut eligible);
        let mut team: Vec<String> = eligible[..p.per_entity]
            .iter()
            .map(|i| i.id.clone())
            .collect();
        if let Some(prev) = input.previous.get(&e.id) {
            let mut a = team.clone();
            a.sort();
            let mut b: Vec<String> = prev.iter().map(|s| clean(s)).collect();
            b.sort();
            if a == b && eligible.len() > p.per_entity {
                let last = team.len() - 1;
                team[last] = eligible[p.per_entity].id.clone();
            }
        }
        out.push(Assignment {
            entity: e.id.clone(),
            stratum: clean(&e.stratum),
            inspectors: team,
        });
    }
    Ok(out)
}

/// The hash of a result, for the record.
pub fn result_hash(result: &[Assignment]) -> String {
    let mut text = String::new();
    for a in result {
        text.push_str(&format!("{}\t{}\n", a.entity, a.inspectors.join(",")));
    }
    hex::encode(Sha256::digest(text.as_bytes()))
}

/// A published draw: what anyone needs to check it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    pub version: String,
    pub input: Input,
    pub input_hash: String,
    pub commitment: String,
    /// The committed secret, revealed after the draw.
    pub seed: String,
    /// The beacon's value, recorded at the draw (only when the input names a beacon).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub beacon_value: Option<String>,
    pub result: Vec<Assignment>,
    pub result_hash: String,
}

/// Check a published record: the seed matches the commitment, the input matches its
/// hash, and re-running the draw (with the beacon's value mixed in when the input names
/// a beacon) gives the identical result.
pub fn verify(record: &Record) -> Result<(), Error> {
    let secret = parse_seed(&record.seed)?;
    if commitment(&secret) != record.commitment.trim().to_lowercase() {
        return Err(Error::CommitmentMismatch);
    }
    if record.input.hash_hex() != record.input_hash.trim().to_lowercase() {
        return Err(Error::InputMismatch);
    }
    let seed = final_seed(
        &secret,
        record.input.params.beacon.as_deref(),
        record.beacon_value.as_deref(),
    )?;
    let again = run(&record.input, &seed)?;
    if let Some(i) =
        (0..again.len().max(record.result.len())).find(|i| again.get(*i) != record.result.get(*i))
    {
        return Err(Error::ResultMismatch(i + 1));
    }
    Ok(())
}

/// Make the record of a draw without a beacon (the seed is revealed in it).
pub fn record(input: Input, seed: &[u8; 32]) -> Result<Record, Error> {
    record_with_beacon(input, seed, None)
}

/// Make the record of a draw: the committed secret is revealed, and when the input
/// names a beacon its value (known only now) is recorded and mixed into the seed.
pub fn record_with_beacon(
    input: Input,
    secret: &[u8; 32],
    beacon_value: Option<&str>,
) -> Result<Record, Error> {
    let seed = final_seed(secret, input.params.beacon.as_deref(), beacon_value)?;
    let result = run(&input, &seed)?;
    Ok(Record {
        version: VERSION.into(),
        input_hash: input.hash_hex(),
        commitment: commitment(secret),
        seed: hex::encode(secret),
        beacon_value: beacon_value.map(clean).filter(|v| !v.is_empty()),
        result_hash: result_hash(&result),
        result,
        input,
    })
}
