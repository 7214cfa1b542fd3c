//! The agency as a party of an agreement: under a 甲方 (乙方 …) line whose value is an
//! agency (…城市管理和综合执法局（园林绿化管理所）), the indented lines that go on with
//! the party (地址：…  负责人：…  联系电话：…) are the agency's: the person in charge named
//! there is the official acting for it, and the number on them its own.

/// Words of an agency's name; a company's name is no agency's.
const AGENCY_WORDS: &[&str] = &[
    "局",
    "政府",
    "委员会",
    "办事处",
    "街道",
    "管理所",
    "管理站",
    "大队",
    "中队",
    "执法",
];

/// Labels of the person who acts for a party.
const HEAD_LABELS: &[&str] = &[
    "负责人：",
    "负责人:",
    "法定代表人：",
    "联系人：",
    "代表人：",
];

/// Whether the line starting at byte `line_start` goes on with a party line whose
/// party is an agency: indented itself, and every line between it and the party line
/// indented too.
pub(crate) fn agency_party_line(text: &str, line_start: usize) -> bool {
    let line = text[line_start..].split('\n').next().unwrap_or("");
    if !line.starts_with([' ', '　']) || line.trim().is_empty() {
        return false;
    }
    for above in text[..line_start.saturating_sub(1)].rsplit('\n') {
        if above.trim().is_empty() {
            return false;
        }
        if above.starts_with([' ', '　']) {
            continue;
        }
        let Some(value) = ["甲方：", "甲方:", "乙方：", "乙方:", "丙方："]
            .iter()
            .find_map(|w| above.strip_prefix(w))
        else {
            return false;
        };
        let value = value.split("  ").next().unwrap_or("");
        return !value.contains("公司") && AGENCY_WORDS.iter().any(|w| value.contains(w));
    }
    false
}

/// The persons in charge named on the lines of an agency that is a party (负责人：…).
pub(crate) fn agency_party_heads(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let start = at;
        at += line.len();
        if !agency_party_line(text, start) {
            continue;
        }
        for label in HEAD_LABELS {
            for (i, _) in line.match_indices(label) {
                let value = line[i + label.len()..].trim_start_matches([' ', '　']);
                // The name ends at a gap of three spaces or more, or a mark; letters
                // one or two spaces apart are read joined (黎  明).
                let cell = value
                    .split("   ")
                    .next()
                    .unwrap_or("")
                    .split(|c: char| !crate::patterns::han(c) && c != ' ' && c != '　')
                    .next()
                    .unwrap_or("");
                let name: String = cell.chars().filter(|c| crate::patterns::han(*c)).collect();
                if (2..=4).contains(&name.chars().count()) {
                    out.push(name);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agency_party() {
        let text = "甲方：某市城市管理局（市政所）\n      地址：某路1号    负责人：钟  岚    联系电话：0771-1234567\n乙方：冯  雷\n      住址：某路2号\n";
        let heads = agency_party_heads(text);
        assert_eq!(heads, vec!["钟岚".to_string()]);
        let second = text.find("      住址").expect("the second party");
        assert!(!agency_party_line(text, second));
    }
}
