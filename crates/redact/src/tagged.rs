//! Names a statistical tagger (LAC's model) reads in running text — given names alone,
//! names that are also words, names with no role word — as far as they look like a
//! private person's name.

use std::collections::BTreeSet;

use crate::PersonTagger;

/// The names `tagger` finds in `text` that may be masked: Chinese names of two to
/// four letters, or a transcribed name with a middle dot; none an officer's.
pub(crate) fn tagged_names(
    text: &str,
    tagger: &dyn PersonTagger,
    officers: &BTreeSet<String>,
) -> BTreeSet<String> {
    tagger
        .persons(text)
        .into_iter()
        .filter_map(|r| text.get(r))
        .filter(|n| name_shaped(n) && !officers.contains(*n))
        .map(str::to_string)
        .collect()
}

fn han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// Two to four Chinese letters, or letters joined by middle dots (艾力·吐尔洪); no
/// mask letter (某) and no written number.
fn name_shaped(n: &str) -> bool {
    let chars: Vec<char> = n.chars().collect();
    let dotted = chars.iter().any(|&c| c == '·' || c == '•');
    let len_ok = if dotted {
        (4..=16).contains(&chars.len()) && !n.starts_with(['·', '•']) && !n.ends_with(['·', '•'])
    } else {
        (2..=4).contains(&chars.len())
    };
    len_ok
        && chars.iter().all(|&c| han(c) || c == '·' || c == '•')
        && !n.contains('某')
        && !number_like(n)
}

/// A written amount or count (伍万元整, 三千五百), which the tagger sometimes reads as a name.
fn number_like(n: &str) -> bool {
    let digits = n
        .chars()
        .filter(|c| "零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟元整".contains(*c))
        .count();
    digits * 2 > n.chars().count()
}
