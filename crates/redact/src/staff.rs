//! Public staff named in their role, and the numbers of public bodies: a community's
//! or a street office's officials (居委会主任李红梅, 王芳（某某社区党委书记）), the
//! recorder and the officers on duty (记录：, 值班：), grid workers (网格员), an
//! enforcement team's contact and its members; the phone of an enforcement team (执法队
//! 电话), of a unit named in a note (（某某社区，0574-…）), of an organisation before
//! 电话 (…物业管理处｜电话 010-…) and the number under the agency's signature.

use crate::names::person_name;
use crate::officers::listed_officers;

/// Words after which the names listed are public staff acting in their role.
const STAFF_WORDS: &[&str] = &[
    "记录：",
    "记录:",
    "值班：",
    "值班:",
    "值班人员",
    "值班队员",
    // A grid worker as a record's field (网格员：…); in running text (社区网格员向某某
    // 发现后…, 网格员黄姐), a private person.
    "网格员：",
    "网格员:",
    // A village's or a community's cadres (村委会主任, 居委会主任, 社区书记) named in
    // running text are private persons: every recent set masks them, and they hold no
    // office of the state.
    "党委书记",
    "中队队员",
    "大队队员",
    "中队联系人",
    "大队联系人",
    "执法队联系人",
];

/// Public bodies whose office holders act in a public role.
const BODIES: &[&str] = &[
    "街道",
    "社区",
    "居委会",
    "村委会",
    "局",
    "办事处",
    "大队",
    "中队",
    "执法队",
    "政府",
    "委员会",
    "党委",
    "支部",
    "派出所",
];

/// Titles of office held in a public body.
const TITLES: &[&str] = &[
    "主任",
    "书记",
    "局长",
    "队长",
    "科长",
    "所长",
    "站长",
    "委员",
    "干事",
    "网格员",
    "民警",
    "组长",
    "社工",
];

/// Public staff named in the text (居委会主任李红梅, 林某（某街道办事处副主任）).
pub(crate) fn staff_names(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for w in STAFF_WORDS {
        let mut from = 0;
        while let Some(i) = text[from..].find(w) {
            let mut at = from + i + w.len();
            from = at;
            // 记录：钟山社区网格员谭某: the recorder's post before the name.
            let post: String = text[at..]
                .chars()
                .take_while(|c| crate::patterns::han(*c))
                .take(10)
                .collect();
            if w.starts_with(['记', '值'])
                && let Some(k) = post.find("网格员")
            {
                at += k + "网格员".len();
            }
            if witness(text, at) || witnesses_after(text, at) {
                continue;
            }
            // 入户走访记录：冯国栋，…: a record's title before its subject, not the recorder.
            if w.starts_with('记')
                && text[..from - w.len()]
                    .chars()
                    .next_back()
                    .is_some_and(crate::patterns::han)
            {
                continue;
            }
            // 2025年度优秀网格员：…: those honoured, listed by name, not a record's field.
            let line_start = crate::patterns::line_start(text, from - w.len());
            let head = &text[line_start..from - w.len()];
            if [
                "优秀", "先进", "模范", "标兵", "表彰", "名单", "获评", "评选",
            ]
            .iter()
            .any(|h| head.contains(h))
            {
                continue;
            }
            out.extend(listed_officers(&crate::officers::clause_after(text, at)));
        }
    }
    // A name with its office in brackets: 林晓（莲前街道办事处副主任）.
    for (open, _) in text.match_indices('（') {
        let inner: String = text[open + '（'.len_utf8()..]
            .chars()
            .take_while(|c| !matches!(c, '）' | '，' | ',' | '、' | '；' | '\n'))
            .take(24)
            .collect();
        if !TITLES.iter().any(|t| inner.ends_with(t))
            || !BODIES.iter().any(|b| inner.contains(b))
            || witness(text, open)
        {
            continue;
        }
        let head: String = text[..open]
            .chars()
            .rev()
            .take_while(|c| crate::patterns::han(*c))
            .take(5)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        // 负责人：某某（村民委员会主任）: the person who answers for a party, whatever
        // office they hold, as a company's 法定代表人 does.
        let label = text[..open - head.len()].trim_end_matches([' ', '　', '：', ':']);
        let represents = ["负责人", "法定代表人", "代表人", "委托代理人", "代理人"]
            .iter()
            .any(|w| label.ends_with(w));
        // 柯某某（柳巷社区党委书记）: a community's or a village's cadre, a private person.
        let grassroots = ["社区", "居委会", "村委会", "村民委员会", "居民委员会"]
            .iter()
            .any(|b| inner.contains(b))
            && !["街道办事处", "政府", "局"]
                .iter()
                .any(|b| inner.contains(b));
        if let Some(n) = person_name(&head)
            && n.len() == head.len()
            && !represents
            && !grassroots
        {
            out.push(n);
        }
    }
    out
}

/// Whether the line up to byte `at` names a witness (见证人：, 在场人): a witness
/// signs as a private person, whatever office they hold.
fn witness(text: &str, at: usize) -> bool {
    let line_start = crate::patterns::line_start(text, at);
    ["见证人", "在场人", "见证："]
        .iter()
        .any(|w| text[line_start..at].contains(w))
}

/// Whether the clause after byte `at` says the persons named there witness (…主任某某在场。,
/// …到场见证, 的证言): whatever office they hold, they are there as private persons. Not
/// an office at work (…主任某某在场说明情况).
fn witnesses_after(text: &str, at: usize) -> bool {
    let clause = text[at..]
        .split(['。', '；', ';', '\n'])
        .next()
        .unwrap_or("");
    // 在场 alone is a witness's presence; 在场说明情况 is the office at work.
    ["见证", "作证", "证言", "证实"]
        .iter()
        .any(|w| clause.contains(w))
        || clause
            .trim_end_matches([' ', '　', '，', ','])
            .ends_with("在场")
}

/// Whether the landline at byte `s` is a public body's: an enforcement team's
/// (执法队电话), a unit's in a note (（某某社区，0574-…）), an organisation's right
/// before 电话, or the number on the agency's signature line.
pub(crate) fn public_phone(text: &str, s: usize) -> bool {
    // 0574-8730 2218（店）: the number noted as a shop's or an office's.
    let tail = text[s..].trim_start_matches(|c: char| {
        c.is_ascii_digit() || matches!(c, '-' | ' ' | '－' | '—' | '(' | ')')
    });
    if [
        "（店）",
        "(店)",
        "（门店）",
        "（单位）",
        "（办公）",
        "（办公室）",
        "（公司）",
        "(公司)",
    ]
    .iter()
    .any(|w| tail.starts_with(w))
    {
        return true;
    }
    let line_start = crate::patterns::line_start(text, s);
    let line = &text[line_start..s];
    // 执法队 (not 执法队员) in the clause before the number.
    let clause = line.rsplit('。').next().unwrap_or(line);
    if clause
        .match_indices("执法队")
        .any(|(i, w)| !clause[i + w.len()..].starts_with('员'))
    {
        return true;
    }
    // （鼓楼街道公园路社区，0574-…）: a unit in the note before the number.
    if let Some(open) = clause.rfind(['（', '(']) {
        let note = clause[open..]
            .trim_start_matches(['（', '('])
            .trim_end_matches([' ', '　', '，', ',', '：', ':'])
            .trim_end_matches("联系电话")
            .trim_end_matches("电话")
            .trim_end_matches([' ', '　', '，', ',']);
        if !note.contains(['）', ')'])
            && ["社区", "街道", "居委会", "村委会", "办事处", "中队", "大队"]
                .iter()
                .any(|b| note.ends_with(b))
        {
            return true;
        }
    }
    // …物业管理处｜电话 010-…: an organisation right before the word 电话.
    let word = clause.trim_end_matches([' ', '　', '：', ':']);
    let org = word
        .trim_end_matches("联系电话")
        .trim_end_matches("电话")
        .trim_end_matches([' ', '　', '｜', '|', '，', ',']);
    // Not where a person's home is named (家住某某社区，电话…).
    if org.len() < word.len()
        && !org.contains('住')
        && ["管理处", "办事处", "局", "中心", "公司"]
            .iter()
            .any(|b| org.ends_with(b))
    {
        return true;
    }
    // 执法人员：… on one line, 联系电话：… on the next: the officers' office number.
    let prev_line = text[..line_start.saturating_sub(1)]
        .rsplit('\n')
        .next()
        .unwrap_or("")
        .trim_start();
    if ["联系电话", "电话", "办公电话"]
        .iter()
        .any(|w| line.trim_start().starts_with(w))
        && ["执法人员", "承办人", "经办人", "办案人员"]
            .iter()
            .any(|w| prev_line.starts_with(w))
    {
        return true;
    }
    // The agency's signature: its name on a line, the date and the number on the next.
    let prev = text[..line_start.saturating_sub(1)]
        .rsplit('\n')
        .next()
        .unwrap_or("")
        .trim();
    let dated = date_line_re().is_match(line.trim_start());
    dated
        && ["局", "政府", "委员会", "办事处", "中队", "大队", "执法队"]
            .iter()
            .any(|b| prev.ends_with(b))
}

/// A line that opens with a date (2026年3月16日, 二〇二六年三月十六日).
fn date_line_re() -> &'static regex::Regex {
    static R: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    R.get_or_init(|| {
        regex::Regex::new(r"^(?:\d{4}|[〇零一二三四五六七八九]{4})年[\d一二三四五六七八九十]{1,3}月[\d一二三四五六七八九十]{1,3}日")
            .expect("constant pattern")
    })
}

/// The start of a list of numbers that ends at byte `s` (14010525008、|14010525019):
/// the first number's start, or `s` when no number and 、 come right before.
pub(crate) fn list_head(text: &str, s: usize) -> usize {
    let mut head = s;
    while let Some(prev) = text[..head].strip_suffix(['、', ',', '，']) {
        let digits = prev.len() - prev.trim_end_matches(|c: char| c.is_ascii_digit()).len();
        if digits < 6 {
            break;
        }
        head = prev.len() - digits;
    }
    head
}
