//! 依申请公开: information requests on the statutory working-day clock, from
//! receipt to archive (条例 Art. 29–37, 42), with reply letters and table 三.
//!
//! Pure rules: `model` (vocabulary, table rows), `clock` (events → status and
//! deadline with its arithmetic), `fee` (国办函〔2020〕109号), `report` (table 三),
//! `letters` (letter texts from templates). Storage in `store`; pages in `portal` and
//! `admin`; JSON in `api`.

pub mod clock;
pub mod fee;
pub mod model;
pub mod report;

#[cfg(test)]
mod clock_tests;
pub mod input;
pub mod store;

/// The cached `outcome` column ("withheld:third_party") back to its table row.
pub fn parse_outcome(s: &str) -> Option<model::Row> {
    let (o, g) = match s.split_once(':') {
        Some((o, g)) => (o, model::Ground::parse(g)),
        None => (s, None),
    };
    model::Outcome::parse(o).map(|o| o.row(g))
}
pub mod letters;
