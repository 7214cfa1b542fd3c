//! A number broken over two lines (津C·L6\n739, 139 7392 1\n    485, 0556-5\n  518 230,
//! 62314110\n    23034843, 护照号码：M372\n18456): the end of one line and the start of
//! the next are one number when, put together, they have the shape of a plate, a
//! mobile, a landline, a bank card (its check digit right), a certificate number after a
//! certificate word, or a vehicle's VIN after its word. The line break is then a
//! layout artefact, undone before the finders look (`layout`).

use crate::patterns::{luhn_ok, plate_re};

/// Characters a number may hold as written (digits, letters, a dash, a plate's dot, a
/// space between groups).
fn number_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '－' | '·' | ' ')
}

/// Words after which a certificate number stands.
const CERT_WORDS: &[&str] = &["护照", "通行证", "证号", "证件号", "居留许可", "签证"];

/// Words after which a vehicle's VIN stands.
const VIN_WORDS: &[&str] = &["识别代号", "车架号", "VIN", "识别码"];

/// Whether the line ending `before` and the line starting `after` (the whitespace
/// between them taken off) hold one number broken by the line break.
pub(crate) fn number_wrapped(before: &str, after: &str) -> bool {
    let line = before.rsplit('\n').next().unwrap_or(before);
    let line = line.trim_end_matches([' ', '\r']);
    let run_len: usize = line
        .chars()
        .rev()
        .take_while(|c| number_char(*c))
        .map(char::len_utf8)
        .sum();
    let tail = line[line.len() - run_len..].trim_start();
    let lead = &line[..line.len() - tail.len()];
    let head_len: usize = after
        .chars()
        .take_while(|c| number_char(*c) && *c != '·')
        .map(char::len_utf8)
        .sum();
    let head = after[..head_len].trim_end();
    if tail.is_empty() || head.is_empty() || !head.starts_with(|c: char| c.is_ascii_alphanumeric())
    {
        return false;
    }
    let raw = format!("{tail}{head}");
    let packed: String = raw.chars().filter(|c| c.is_ascii_alphanumeric()).collect();
    let digits = packed.chars().all(|c| c.is_ascii_digit());
    // A plate: the province's character stands just before the line's run.
    if let Some(p) = lead.chars().next_back() {
        let plate = format!("{p}{}", raw.replace(' ', ""));
        if plate_re().find(&plate).is_some_and(|m| m.as_str() == plate) {
            return true;
        }
    }
    let mobile = digits
        && packed.len() == 11
        && packed.starts_with('1')
        && packed[1..2].chars().all(|c| ('3'..='9').contains(&c));
    let landline = {
        let no_space: String = raw.chars().filter(|c| *c != ' ').collect();
        let (area, rest) = no_space.split_once(['-', '－']).unwrap_or(("", ""));
        area.starts_with('0')
            && (3..=4).contains(&area.len())
            && (7..=8).contains(&rest.len())
            && area.chars().chain(rest.chars()).all(|c| c.is_ascii_digit())
    };
    let card = digits && (16..=19).contains(&packed.len()) && luhn_ok(&packed);
    let cue = |words: &[&str]| {
        let near: String = lead
            .chars()
            .rev()
            .take(14)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        words.iter().any(|w| near.contains(w))
    };
    let letters = packed
        .chars()
        .take_while(|c| c.is_ascii_uppercase())
        .count();
    let cert = (8..=11).contains(&packed.len())
        && letters <= 2
        && packed[letters..].chars().all(|c| c.is_ascii_digit())
        && cue(CERT_WORDS);
    let vin = packed.len() == 17
        && packed.chars().any(|c| c.is_ascii_uppercase())
        && packed
            .chars()
            .all(|c| c.is_ascii_digit() || c.is_ascii_uppercase())
        && cue(VIN_WORDS);
    mobile || landline || card || cert || vin
}
