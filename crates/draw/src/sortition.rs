//! Sortition (`gongkai-sortition-v1`): choosing people for a limited number of seats per
//! stratum — registrants of an oversubscribed event session, applicants per category of
//! an opened meeting — with the same commit–reveal, beacon and stream as the 双随机 draw.
//!
//! 1. **Input text**: `gongkai-sortition-v1`, `task:…`, `beacon:…` (when named), one
//!    `stratum:name\tseats` line per stratum sorted by name, one `candidate:id\tstratum\tsize`
//!    line per candidate sorted by id. `input_hash = SHA-256(text)`.
//! 2. **Seed**: `SHA-256(secret ‖ beacon value)` (the secret alone without a beacon).
//! 3. **Order**: strata in sorted order; in each, the members sorted by id are shuffled
//!    (Fisher–Yates over the stream of the 双随机 draw). Going through that order, a
//!    candidate whose size fits the seats left is selected, any other is waitlisted in
//!    that order.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::{Error, Stream, clean, commitment, final_seed, parse_seed};

pub const SORTITION_VERSION: &str = "gongkai-sortition-v1";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Seats {
    pub stratum: String,
    pub seats: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Candidate {
    /// A public number (报名序号), never a name or phone.
    pub id: String,
    pub stratum: String,
    /// Seats the candidate takes (a group registration); at least 1.
    pub size: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SortitionInput {
    pub task: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub beacon: Option<String>,
    pub strata: Vec<Seats>,
    pub candidates: Vec<Candidate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pick {
    pub id: String,
    pub stratum: String,
    pub selected: bool,
}

impl SortitionInput {
    pub fn canonical(&self) -> String {
        let mut out = format!("{SORTITION_VERSION}\ntask:{}\n", clean(&self.task));
        if let Some(b) = &self.beacon {
            out.push_str(&format!("beacon:{}\n", clean(b)));
        }
        let mut strata: Vec<(String, u32)> = self
            .strata
            .iter()
            .map(|s| (clean(&s.stratum), s.seats))
            .collect();
        strata.sort();
        for (s, n) in strata {
            out.push_str(&format!("stratum:{s}\t{n}\n"));
        }
        let mut c: Vec<(String, String, u32)> = self
            .candidates
            .iter()
            .map(|c| (clean(&c.id), clean(&c.stratum), c.size))
            .collect();
        c.sort();
        for (id, s, n) in c {
            out.push_str(&format!("candidate:{id}\t{s}\t{n}\n"));
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

/// Run the sortition with the final seed: every candidate once, strata in sorted order,
/// the selected and waitlisted in drawn order.
pub fn run(input: &SortitionInput, seed: &[u8; 32]) -> Result<Vec<Pick>, Error> {
    let mut strata: Vec<(String, u32)> = input
        .strata
        .iter()
        .map(|s| (clean(&s.stratum), s.seats))
        .collect();
    strata.sort();
    if let Some(w) = strata.windows(2).find(|w| w[0].0 == w[1].0) {
        return Err(Error::DuplicateId(w[0].0.clone()));
    }
    let mut seen = std::collections::BTreeSet::new();
    for c in &input.candidates {
        if !seen.insert(clean(&c.id)) {
            return Err(Error::DuplicateId(clean(&c.id)));
        }
        if !strata.iter().any(|(s, _)| *s == clean(&c.stratum)) {
            return Err(Error::UnknownStratum(clean(&c.stratum)));
        }
    }
    let mut stream = Stream::new(seed, &input.hash());
    let mut out = Vec::with_capacity(input.candidates.len());
    for (stratum, seats) in strata {
        let mut members: Vec<(String, u32)> = input
            .candidates
            .iter()
            .filter(|c| clean(&c.stratum) == stratum)
            .map(|c| (clean(&c.id), c.size.max(1)))
            .collect();
        members.sort();
        stream.shuffle(&mut members);
        let mut left = seats;
        for (id, size) in members {
            let selected = size <= left;
            if selected {
                left -= size;
            }
            out.push(Pick {
                id,
                stratum: stratum.clone(),
                selected,
            });
        }
    }
    Ok(out)
}

pub fn result_hash(result: &[Pick]) -> String {
    let text: String = result
        .iter()
        .map(|p| format!("{}\t{}\t{}\n", p.id, p.stratum, u8::from(p.selected)))
        .collect();
    hex::encode(Sha256::digest(text.as_bytes()))
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SortitionRecord {
    pub version: String,
    pub input: SortitionInput,
    pub input_hash: String,
    pub commitment: String,
    /// The committed secret, revealed after the draw.
    pub seed: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub beacon_value: Option<String>,
    pub result: Vec<Pick>,
    pub result_hash: String,
}

pub fn record(
    input: SortitionInput,
    secret: &[u8; 32],
    beacon_value: Option<&str>,
) -> Result<SortitionRecord, Error> {
    let seed = final_seed(secret, input.beacon.as_deref(), beacon_value)?;
    let result = run(&input, &seed)?;
    Ok(SortitionRecord {
        version: SORTITION_VERSION.into(),
        input_hash: input.hash_hex(),
        commitment: commitment(secret),
        seed: hex::encode(secret),
        beacon_value: beacon_value.map(clean).filter(|v| !v.is_empty()),
        result_hash: result_hash(&result),
        result,
        input,
    })
}

pub fn verify(record: &SortitionRecord) -> Result<(), Error> {
    let secret = parse_seed(&record.seed)?;
    if commitment(&secret) != record.commitment.trim().to_lowercase() {
        return Err(Error::CommitmentMismatch);
    }
    if record.input.hash_hex() != record.input_hash.trim().to_lowercase() {
        return Err(Error::InputMismatch);
    }
    let seed = final_seed(
        &secret,
        record.input.beacon.as_deref(),
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

/// Either kind of published record, told apart by its `version`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum AnyRecord {
    Sortition(SortitionRecord),
    Draw(crate::Record),
}

impl AnyRecord {
    pub fn verify(&self) -> Result<(), Error> {
        match self {
            AnyRecord::Sortition(r) => verify(r),
            AnyRecord::Draw(r) => crate::verify(r),
        }
    }

    /// The number of selected entities or people.
    pub fn selected(&self) -> usize {
        match self {
            AnyRecord::Sortition(r) => r.result.iter().filter(|p| p.selected).count(),
            AnyRecord::Draw(r) => r.result.len(),
        }
    }
}
