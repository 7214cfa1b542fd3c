//! Whether a 联系人 is the agency's contact or a party's (本局联系人, a line of its own
//! under the signature, 地址：…　联系人：… above the agency's name) and the agency's
//! signature lines that tell so. Split from `officers`.

/// Whether a line is an agency's name as it signs a notice (…综合执法局, …人民政府),
/// its seal's note perhaps after it (…局（印）, …局（印章）).
pub(crate) fn agency_signature(line: &str) -> bool {
    let l = line.trim_matches([' ', '　']);
    let l = ["（印）", "（印章）", "（盖章）", "（章）", "(印)", "(章)"]
        .iter()
        .find_map(|w| l.strip_suffix(w))
        .unwrap_or(l);
    ["局", "委员会", "人民政府", "大队", "中队", "执法队"]
        .iter()
        .any(|w| l.ends_with(w))
}

/// The first line after the one holding byte `at` that is not blank.
pub(crate) fn next_line(text: &str, at: usize) -> Option<&str> {
    text[at..]
        .lines()
        .skip(1)
        .find(|l| !l.trim_matches([' ', '　']).is_empty())
}

/// Whether the 联系人 at byte `at` is the agency's contact (本局联系人, or a line of its
/// own in the notice) rather than a party's.
pub(crate) fn agency_contact(text: &str, at: usize) -> bool {
    // （联系人：…，电话：…） on a line of its own under the signature.
    let before = text[..at]
        .trim_end_matches([' ', '　'])
        .trim_end_matches(['（', '('])
        .trim_end_matches([' ', '　']);
    let line: String = text[at..].chars().take_while(|c| *c != '\n').collect();
    if party_relative(&line) {
        return false;
    }
    const OWN: &[&str] = &[
        "本局",
        "我局",
        "本机关",
        "本委",
        "我委",
        "本单位",
        "承办机关",
        "承办机构",
        "承办单位",
        "承办部门",
        "办案机构",
        "办案单位",
    ];
    // 本局地址：…，联系电话：…，联系人：…: a line that opens with the agency's own word.
    let line_head = before
        .rsplit('\n')
        .next()
        .unwrap_or("")
        .trim_start_matches([' ', '　']);
    // 到本局法制科（…路128号，联系人：…，电话：…）: a note on the agency's office.
    let agency_note = before.rfind(['（', '(']).is_some_and(|b| {
        let head = crate::patterns::window_before(before, b, 16);
        !before[b..].contains(['）', ')'])
            && (OWN.iter().any(|w| head.contains(w))
                || ["科", "股", "局", "中队", "大队", "办公室", "窗口"]
                    .iter()
                    .any(|w| head.ends_with(w)))
    });
    // …｜不予行政处罚｜2026-08-19｜联系人：…: the last cell of a 公示 row names the
    // agency's contact.
    // 联系机构：某县自然资源局法规股　　联系人：…: the line names the agency's unit.
    let unit_label = [
        "联系机构",
        "联系部门",
        "联系单位",
        "承办科室",
        "受理机构",
        "受理部门",
        "办理机构",
    ]
    .iter()
    .any(|w| line_head.starts_with(w))
        && ["局", "科", "股", "室", "中队", "大队", "队", "所", "站"]
            .iter()
            .any(|w| before.ends_with(w));
    // 地址：…　联系人：…　电话：… right above the agency's name at the foot of a notice, or
    // 联系人：…⏎地址：…⏎⏎…局（印章）: the contact's line above the agency's address.
    let above_signature = line_head.starts_with("地址")
        && next_line(text, at).is_some_and(agency_signature)
        || line.trim_start_matches([' ', '　']).starts_with("联系人")
            && line_head.is_empty()
            && text[at..]
                .lines()
                .skip(1)
                .filter(|l| !l.trim().is_empty())
                .take(2)
                .any(|l| agency_signature(l) || l.trim_start().starts_with("地址"))
            && text[at..]
                .lines()
                .skip(1)
                .filter(|l| !l.trim().is_empty())
                .take(3)
                .any(agency_signature);
    unit_label
        || above_signature
        || OWN.iter().any(|w| before.ends_with(w) || line_head.starts_with(w))
        || before.ends_with(['｜', '|']) && line_head.contains("〔")
        || agency_note
        || before.is_empty()
        || before.ends_with(['。', '；'])
        || (before.ends_with('\n') && !after_party_header(before))
        // The imprint of an internal document (抄送/印发/共印…, then 联系人).
        || ["抄送", "印发", "共印"]
            .iter()
            .any(|w| before.rsplit('\n').next().unwrap_or("").contains(w))
}

/// Whether the 联系人 clause names a party's relative or representative (联系人：周静
/// （委托人孙女）, 联系人：其子王强): a private person, not the agency's contact.
pub(crate) fn party_relative(clause: &str) -> bool {
    const WORDS: &[&str] = &[
        "委托人",
        "当事人",
        "申请人",
        "户主",
        "业主",
        "房屋所有人",
        "孙女",
        "孙子",
        "儿子",
        "女儿",
        "之子",
        "之女",
        "其子",
        "其女",
        "其妻",
        "其夫",
        "妻子",
        "丈夫",
        "配偶",
        "父亲",
        "母亲",
        "家属",
        "亲属",
        "女婿",
        "儿媳",
        "外甥",
        "侄子",
        "侄女",
    ];
    let rest = clause
        .trim_start_matches([' ', '　', '（', '('])
        .trim_start_matches("联系人")
        .trim_start_matches(['：', ':', ' ', '　']);
    // The name's note in brackets (周静（委托人孙女）), or a kin word before the name.
    let head: String = rest.chars().take(8).collect();
    let note: String = rest
        .chars()
        .skip_while(|c| !matches!(c, '（' | '('))
        .take_while(|c| !matches!(c, '）' | ')'))
        .take(14)
        .collect();
    let near = rest
        .chars()
        .take_while(|c| !matches!(c, '（' | '('))
        .count()
        <= 6;
    (near && WORDS.iter().any(|w| note.contains(w)))
        || ["其子", "其女", "其妻", "其夫", "之子", "之女"]
            .iter()
            .any(|w| head.starts_with(w))
}

/// Whether the line before (`before` ends with its newline) belongs to a party's
/// particulars (法定代表人：…, 统一社会信用代码：…): a 联系人 line right under them is
/// the party's contact, not the agency's.
fn after_party_header(before: &str) -> bool {
    let prev = before
        .trim_end()
        .rsplit('\n')
        .next()
        .unwrap_or("")
        .trim_start_matches([' ', '　']);
    [
        "当事人",
        "法定代表人",
        "负责人",
        "统一社会信用代码",
        "经营场所",
        "经营者",
        "住所",
        "地址",
        "委托代理人",
        "委托人",
        "申请人",
        "被检查人",
    ]
    .iter()
    .any(|w| prev.starts_with(w))
}
