//! A landline the agency gives at the close of its document (联系电话：0538-8226410 as
//! the last line; …联系电话：0578-2135560    某某区综合行政执法局; 如有异议，请向…局法规科
//! 反映，电话：…): the number is the agency's where nothing but the signature block
//! follows its line, or its sentence sends the reader to a body's unit, and the sentence
//! names no private person.

use crate::whose::PRIVATE_PERSON;

/// Words of a sentence that gives a private person's number.
const PERSONAL: &[&str] = &[
    "联系人",
    "来信人",
    "来电人",
    "留言人",
    "诉求人",
    "反映人",
    "经营者",
    "签名",
    "签字",
    "（签",
    "我的",
    "我家",
    "你的",
    "您的",
    "身份证",
    "代理人",
    "委托人",
    "住址",
];

/// Body words that end an agency's name or one of its units.
const BODIES: &[&str] = &[
    "局",
    "委员会",
    "大队",
    "支队",
    "中队",
    "执法队",
    "政府",
    "办事处",
    "中心",
    "科",
    "处",
    "所",
];

/// A line of a signature block: the agency's name, a date, a seal note or a rule.
fn signature_line(line: &str) -> bool {
    let l = line.trim_matches(|c: char| c.is_whitespace() || "│┃|└┘┴─━═".contains(c));
    l.is_empty()
        || l.chars().count() <= 30
            && !l.contains(['：', ':'])
            && (BODIES.iter().any(|w| l.ends_with(w))
                || l.ends_with('日') && l.contains('年')
                || l.contains("盖章")
                || l.contains("印章"))
}

/// Whether the landline at byte `s` of `text` is the agency's, by where it stands.
pub(crate) fn closing_landline(text: &str, s: usize) -> bool {
    let digits: String = text[s..]
        .chars()
        .take_while(|c| c.is_ascii_digit() || "-－ ".contains(*c))
        .filter(char::is_ascii_digit)
        .collect();
    // A landline only: a mobile is a person's.
    if !digits.starts_with('0') || digits.len() < 10 {
        return false;
    }
    let sentence_start = text[..s].rfind(['。', '\n']).map_or(0, |i| {
        i + text[i..].chars().next().map_or(1, char::len_utf8)
    });
    let sentence = &text[sentence_start..s];
    if PRIVATE_PERSON.iter().any(|w| sentence.contains(w))
        || PERSONAL.iter().any(|w| sentence.contains(w))
    {
        return false;
    }
    // A contact line right under a person's particulars is that person's.
    let line_start = crate::patterns::line_start(text, s);
    let label = sentence.trim_start();
    if sentence_start == line_start
        && ["联系电话", "电话", "联系方式", "座机", "固话"]
            .iter()
            .any(|w| label.starts_with(w))
    {
        let prev = text[..line_start]
            .lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("");
        if PRIVATE_PERSON
            .iter()
            .chain(PERSONAL)
            .chain(&["性别", "男", "女"])
            .any(|w| prev.contains(w))
        {
            return false;
        }
    }
    let line_end = crate::patterns::line_end(text, s);
    let rest_of_line = &text[s..line_end];
    let after_number =
        rest_of_line.trim_start_matches(|c: char| c.is_ascii_digit() || "-－ ".contains(c));
    // A row of a table is a person's as often as not.
    if text[..s]
        .rsplit('\n')
        .next()
        .is_some_and(|l| l.contains(['|', '│', '┃']))
    {
        return false;
    }
    // The agency's name on the line after the number (联系电话：…      某某执法局).
    let named = after_number.trim_matches(|c: char| c.is_whitespace() || "。；;，,".contains(c));
    let named_after =
        !named.is_empty() && BODIES.iter().any(|w| named.ends_with(w)) && signature_line(named);
    // Nothing but the signature block after the line, in the agency's own document (its
    // name heads it or signs it): a citizen's letter may end on a contact line too.
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let agency_line = |l: &&str| {
        let l = l.trim_matches(|c: char| c.is_whitespace() || "│┃|".contains(c));
        !l.is_empty() && BODIES.iter().any(|w| l.ends_with(w)) && signature_line(l)
    };
    let agency_doc =
        lines.iter().take(3).any(agency_line) || lines.iter().rev().take(8).any(agency_line);
    let closing = agency_doc
        && text[line_end..].lines().all(signature_line)
        && after_number
            .trim_matches(|c: char| c.is_whitespace() || "。；;".contains(c))
            .is_empty();
    // 请向…局法规科反映，电话：…: the sentence sends the reader to a body's unit.
    let sent = ["反映", "咨询", "联系", "查询", "来电"].iter().any(|v| {
        sentence.find(v).is_some_and(|i| {
            let before = &sentence[..i];
            BODIES.iter().any(|b| before.contains(b)) && before.contains(['向', '与'])
        })
    });
    named_after || closing || sent
}

/// Whether byte `s` lies in an open bracket that holds a person's particulars
/// (（通讯地址：…；电子邮箱：…；联系电话：…）); an agency's own note gives a 联系地址.
pub(crate) fn particulars_bracket(text: &str, s: usize) -> bool {
    let line_start = crate::patterns::line_start(text, s);
    let line = &text[line_start..s];
    let Some(open) = line.rfind(['（', '(']) else {
        return false;
    };
    let inside = &line[open..];
    !inside.contains(['）', ')'])
        && [
            "通讯地址",
            "通信地址",
            "身份证",
            "住址",
            "家住",
            "户籍",
            "现住",
        ]
        .iter()
        .any(|w| inside.contains(w))
}
