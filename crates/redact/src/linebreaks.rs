//! A line broken in the middle of a sentence, as text taken from a PDF or a scan keeps
//! it (许建业、\n甘露; 后江街\n88号): whether the next line goes on with the sentence, a
//! field or an address. Split from `layout`, which joins what this module says is one.

use crate::patterns::han;

/// A line broken in the middle of a sentence: the line does not end a sentence or a
/// field, and the next line goes on with the sentence (not a new field 住址：, not a
/// new paragraph indented with a full-width space).
pub(crate) fn broken_line(before: &str, ws: &str, after: &str) -> bool {
    // One line break, perhaps with spaces of a hanging indent after it.
    if ws.matches('\n').count() != 1 {
        return false;
    }
    let lead = ws.rsplit('\n').next().unwrap_or("");
    if crate::idnumbers::number_broken(before, after)
        || crate::wrapped::number_wrapped(before, after)
        || crate::homes::masked_home_goes_on(before, after)
        || crate::spaced::spaced_name_broken(before, after)
    {
        return true;
    }
    // A cell of a tab-separated table going on under itself, as an address does
    // (住址\t…平山道\n\t阳光星期八家园5-2-701); never a second name in a cell.
    let tab_cell = lead == "\t"
        && before.rsplit('\n').next().is_some_and(|l| l.contains('\t'))
        && address_tail(after);
    if ws.contains('\t') && !tab_cell {
        return false;
    }
    // A field's value going on under itself (住址：…花园街道\n　　　　　海城街17号…): an
    // indent deeper than a paragraph's two characters, after a line that is a field
    // (or that goes on one); a house number goes on under any indent (民族大道\n  131号).
    let indent: usize = lead
        .chars()
        .map(|c| if c == '\u{3000}' { 2 } else { 1 })
        .sum();
    let mut field_value = tab_cell;
    if !tab_cell && (ws.contains('\u{3000}') || indent > 0) {
        field_value = indent >= 6 && in_field(before);
        let line = before.rsplit('\n').next().unwrap_or(before);
        if !field_value
            && !house_number(after)
            && !address_goes_on(before, after)
            && !estate_goes_on(line, after)
        {
            return false;
        }
    }
    let Some(a) = before.trim_end_matches([' ', '\r']).chars().next_back() else {
        return false;
    };
    // A line that opens with what cannot open one (，、。；) or with one letter and such
    // a mark (…村委会副主任刘建\n国、组员…): text broken by a scan wherever it fell.
    let mut next = after.chars();
    let first = next.next();
    let second = next.next();
    if lead.is_empty()
        && han(a)
        && (first.is_some_and(|c| "，、。；".contains(c))
            || first.is_some_and(|c| han(c) && !"一二三四五六七八九十甲乙丙丁".contains(c))
                && second.is_some_and(|c| "，、。；".contains(c)))
    {
        return true;
    }
    let Some(b) = after.chars().next().map(narrow_digit) else {
        return false;
    };
    let a = narrow_digit(a);
    // The line ends inside a sentence: after a character, a digit or a list mark.
    // …热依拉·\n吐尔逊: a name with a middle dot goes on after the dot.
    if !(han(a) || a.is_ascii_digit() || "、，,·".contains(a)) {
        return false;
    }
    if !(han(b) || b.is_ascii_digit()) {
        return false;
    }
    // A line that opens with where someone lives starts a new home (…402室\n家住…村二组56号).
    if !"、，,·".contains(a)
        && ["家住", "现住", "住址", "住所", "户籍", "居住地", "现居"]
            .iter()
            .any(|w| after.starts_with(w))
    {
        return false;
    }
    // After a number only its unit goes on (155弄\n7号, 3号楼\n2单元); a new line of
    // words after a number (电话：010-65001234\n北京市…局) is a new line.
    if a.is_ascii_digit() && !"号弄栋幢室楼层单元户之附座".contains(b) {
        return false;
    }
    // A number on the next line goes on only as a house number (镇邦路\n36号之2); a
    // date or a figure starts a new line (…执法局\n2026年2月24日).
    if b.is_ascii_digit() {
        let unit = after
            .trim_start_matches(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c))
            .chars()
            .next();
        if !unit.is_some_and(|u| "号弄栋幢室楼层单元户之附座-组队门".contains(u)) {
            return false;
        }
    }
    // The next line is a new field or heading (身份证号：…, 乙方（签字）：…, 二、…).
    // A line that opens with a house number goes on with a home, whatever field
    // follows it on the same line (…家属院\n    8栋103    电话：…; 住…小组\n17号）称：).
    let head: String = after.chars().take_while(|c| *c != '\n').take(14).collect();
    if !house_number(after)
        && head.split(['：', ':']).next().is_some_and(|label| {
            label.len() < head.len() && !label.contains(['，', '。', '、', ',', '；'])
        })
    {
        return false;
    }
    if head.starts_with(['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'])
        && head.chars().nth(1).is_some_and(|c| c == '、')
    {
        return false;
    }
    if field_value {
        return true;
    }
    let line = before.rsplit('\n').next().unwrap_or(before);
    // 签名：贺某        2026年5月6日: a date set off by a wide gap ends a signature line.
    if a == '日'
        && line.rsplit("    ").next().is_some_and(|tail| {
            tail.len() < line.len() && tail.contains('年') && tail.contains('月')
        })
    {
        return false;
    }
    // …记录人：孙　倩\n兹证明…: a line that ends with a field holding a short value
    // (a name, two letters or more) ends there, however long the line; not an
    // address's field, which goes on under itself (住址：阳光小区\n12栋302).
    let short_value = line.rsplit_once(['：', ':']).is_some_and(|(label, value)| {
        let letters = value.chars().filter(|c| han(*c)).count();
        (2..=5).contains(&letters)
            && value
                .chars()
                .all(|c| han(c) || matches!(c, ' ' | '\u{3000}'))
            && !["住", "地址", "所在地", "户籍", "地点"]
                .iter()
                .any(|w| label.contains(w))
    });
    if short_value && !address_goes_on(before, after) && !estate_goes_on(line, after) {
        return false;
    }
    let n = line.trim().chars().count();
    // Short lines (titles, names, a signature) end where they end; a wrapped line is
    // as long as the lines around it. A home goes on under a short line too (住…清和
    // 南街\n    富宁苑小区21号楼; 即某某小区\n12栋\n2门302).
    n >= 16 || "、，,·".contains(a) || address_goes_on(before, after) || estate_goes_on(line, after)
}

/// The last line of `before` is a field (a short label and a colon), or goes on one
/// under a deep indent (a value broken over three lines).
fn in_field(before: &str) -> bool {
    for line in before.rsplit('\n').take(4) {
        let indent = line.len() - line.trim_start_matches([' ', '\u{3000}']).len();
        let field = line
            .split_once(['：', ':'])
            .is_some_and(|(label, _)| label.trim().chars().count() <= 10);
        if field || indent < 6 {
            return field;
        }
    }
    false
}

/// A home address broken under a hanging indent (户籍所在地石家庄市长安区\n    谈固
/// 街道…; 住…广安大街17号院\n    5-1-102): the clause of the line names an address and
/// ends on a level of it (市, 区, 街道, 路, 号院 …), and the next line goes on with a
/// place or a number.
fn address_goes_on(before: &str, after: &str) -> bool {
    let line = before.trim_end_matches([' ', '\r']);
    let clause = line.rsplit(['，', '。', '；', ',']).next().unwrap_or(line);
    // The clause may have begun on an earlier line (家庭住址（张店区\n和平街道华光路
    // 东二巷\n12号）): its last three lines, after the last end of a clause.
    let lines: Vec<&str> = clause.rsplit('\n').take(3).collect();
    let clause = lines.first().copied().unwrap_or(clause);
    let named = ["住", "地址", "所在地", "户籍", "位于"]
        .iter()
        .any(|w| lines.iter().any(|l| l.contains(w)));
    let level = [
        "省", "市", "区", "县", "镇", "乡", "街道", "路", "街", "巷", "村", "号院", "号楼", "段",
    ]
    .iter()
    .any(|w| clause.ends_with(w));
    let goes_on = after.starts_with(han) || address_tail(after);
    named && level && goes_on
}

/// A line that ends on an estate, a village's group or a building (…小区, …组,
/// 12栋), and a next line that opens with the rest of a home (12栋…, 2门302, 24号).
fn estate_goes_on(line: &str, after: &str) -> bool {
    let line = line.trim_end_matches([' ', '\r']);
    [
        "小区", "新村", "家园", "花园", "公寓", "苑", "组", "队", "栋", "幢", "号楼", "号院",
        "单元",
    ]
    .iter()
    .any(|w| line.ends_with(w))
        && address_tail(after)
}

/// A full-width digit read as its ASCII one.
fn narrow_digit(c: char) -> char {
    if ('０'..='９').contains(&c) {
        char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c)
    } else {
        c
    }
}

/// A house number at the start of a line (131号…, 12号楼…).
fn house_number(after: &str) -> bool {
    let rest = after.trim_start_matches(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c));
    rest.len() < after.len() && rest.starts_with(['号', '弄', '栋', '幢'])
}

/// The start of a line reads as the rest of an address: numbers with a building,
/// flat or group word, or numbers joined by dashes (5-2-701).
fn address_tail(after: &str) -> bool {
    let cell: String = after
        .chars()
        .take_while(|c| !matches!(c, '\t' | '\n' | '，' | '。' | '；'))
        .take(30)
        .collect();
    let digits = cell
        .chars()
        .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c));
    digits
        && (cell.contains('-')
            || [
                "号", "栋", "幢", "室", "单元", "层", "户", "弄", "组", "楼", "门",
            ]
            .iter()
            .any(|w| cell.contains(w)))
}
