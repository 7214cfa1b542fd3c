//! Officers and agency staff acting in office, whose names stay: after officer words,
//! in table columns, before an 执法证号, after the agency's own unit, the agency as a
//! party (whether a 联系人 is the agency's: `agencycontact`).

use crate::names::person_name;

/// Words that introduce enforcement officers acting in office (their names stay).
pub(crate) const OFFICER_WORDS: &[&str] = &[
    "执法人员",
    "承办人",
    "承办人员",
    "经办人",
    "办案人员",
    "办案人",
    "检查人员",
    "调查人员",
    "调查人",
    "执法队员",
    // An animal-health body's official vet, acting in office beside the officers.
    "官方兽医",
    // An auxiliary (协管员) is the agency's officer only when named with the unit
    // that employs them (城运中心协管员); alone, no badge, a private person.
    "中心协管员",
    "中队协管员",
    "大队协管员",
    "街道协管员",
    "局协管员",
    "记录人",
    "询问人",
    "送达人",
    "审核人",
    "法制审核",
    "回访人",
    "审批人",
    "签批人",
    // The officers who check that a building was pulled down (拆除验收记录).
    "验收人员",
    // Surveyors measuring for the agency (测量人员：谢文博（注册测绘师）、史宏亮).
    "测量人员",
    "承办",
    "经办",
    // Heads of the agency and by-lines of its staff: published in office.
    "局长",
    // The head of a 综合执法队 (…执法队队长某某审核签发).
    "执法队队长",
    "执法队长",
    "中队队长",
    "大队队长",
    "大队长",
    "支队长",
    "中队长",
    "带班领导",
    "值班领导",
    "听证主持人",
    "主持人",
    "听证员",
    "记录员",
    "书记员",
    // Officials of a street office, experts invited in their role.
    "街道：副主任",
    "街道：主任",
    "街道副主任",
    "街道主任",
    "教授",
    "研究员",
    "供稿",
    "撰稿",
    "通讯员",
    // Office holders named in their public role.
    "人大代表",
    "政协委员",
    "科长",
    "处长",
    // The head of an agency's section (法制股股长), as 科长 is of a 科.
    "股长",
    // A town's officials named with their office (组长 副镇长 某某).
    "副镇长",
    "镇长",
    "副乡长",
    "乡长",
    // The officer who vets a recruit (政审考察表: 考察人).
    "考察人",
    // The agency's officer at a talk with a firm (约谈记录: 约谈人; 被约谈人 is the firm's).
    "约谈人",
    // A town's or a street office's cadre acting in office (见证人…镇政府干部某某).
    "政府干部",
    "政府工作人员",
    "街道干部",
    "办事处干部",
    "办事处工作人员",
];

pub(crate) fn agency_party_re() -> &'static regex::Regex {
    static R: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    R.get_or_init(|| {
        regex::Regex::new(
            r"(?:法定代表人|委托代理人|负责人|代理人)[：:][ 　]*([\p{Han}][\p{Han}*＊]{1,3})(?:[，,][ 　]*|[ 　]+)(?:职务[：:][ 　]*)?(?:[^\n。；，,]{0,20}?(?:局长|科长|处长|队长)|[^\n。；，,]{0,16}?(?:局|大队|支队|政府|办事处|委员会)[^\n。；，,]{0,10}?(?:工作人员|执法人员|干部))",
        )
        .expect("constant pattern")
    })
}

/// The agency speaking of its own staff (我局…股工作人员, 本局执法大队干部).
fn own_staff_re() -> &'static regex::Regex {
    static R: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    crate::patterns::re(
        &R,
        r"(?:我局|本局|我委|本委|我队|本队|我大队|本大队|我中队|本中队|本机关)[\p{Han}]{0,12}?(?:工作人员|干部)",
    )
}

/// A unit of a government body and a name after a space (本局法制科 汪婷).
fn agency_unit_re() -> &'static regex::Regex {
    static R: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    R.get_or_init(|| {
        regex::Regex::new(
            r"(?:本局|我局|本机关|[\p{Han}]{1,12}?(?:局|委员会|街道办事处|大队|支队))[\p{Han}]{0,8}?(?:科|室|处|中队|所|办)[ 　]+([\p{Han}]{2,4})",
        )
        .expect("constant pattern")
    })
}

/// The names listed right after an officer word (：王明、李强（执法证号…）于…): the list
/// ends at the first part that is neither a name nor a certificate number, so that a
/// sentence going on after the word (执法人员当场予以劝阻，周文斌称…) names no officer.
pub(crate) fn listed_officers(clause: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut at = 0;
    let mut badged = false;
    for part in clause.split([
        '、', '，', ',', ' ', '　', '：', ':', '（', '）', '(', ')', '和', '及', '；', ';',
    ]) {
        let here = at;
        at += part.len()
            + clause[at + part.len()..]
                .chars()
                .next()
                .map_or(0, char::len_utf8);
        // Chen Lu（陈璐，执法证号…）: a name in Latin letters spans a space.
        if part.starts_with(|c: char| c.is_ascii_uppercase()) {
            if let Some(n) = crate::latin::latin_name(&clause[here..]) {
                out.push(n);
            }
            continue;
        }
        let part = part.trim();
        // 阿不都热合曼·吾斯曼: a name with a middle dot.
        if part.contains('·')
            && part
                .chars()
                .all(|c| c == '·' || ('\u{4e00}'..='\u{9fff}').contains(&c))
        {
            out.push(part.to_string());
            continue;
        }
        if part.is_empty()
            || part
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '—' | '）' | ')'))
            // A province's badge (浙A03-021877): one letter of the province, then the number.
            || (part.chars().next().is_some_and(crate::patterns::han)
                && part.chars().skip(1).all(|c| c.is_ascii_alphanumeric() || c == '-')
                && part.chars().filter(char::is_ascii_digit).count() >= 5)
            // 谢文博（注册测绘师）: a profession in brackets after a name.
            || ["测绘师", "工程师", "技术员"]
                .iter()
                .any(|w| part.ends_with(w) && person_name(part).is_none())
            || ["证", "号", "编号", "均", "两名", "二人", "2人", "等", "签名", "签字", "盖章"]
                .iter()
                .any(|w| part.contains(w) && person_name(part).is_none())
            // 撰稿：某镇中队　郦明哲: the officer's unit before the name.
            || [
                "中队", "大队", "支队", "科", "局", "所", "室", "处", "站", "办", "街道", "组",
            ]
            .iter()
            .any(|w| part.ends_with(w) && person_name(part).is_none())
                // 现场查处, 依法处理: a verb ends the list of officers, no unit.
                && !["查处", "处理", "处罚", "办理", "到处"]
                    .iter()
                    .any(|v| part.ends_with(v))
        {
            continue;
        }
        let Some(n) = person_name(part) else {
            break;
        };
        // 执法队员沈亮（执法证号…）、俞春花: after a name with its own badge, a name
        // without one is someone else present, not an officer.
        let own = clause[here..]
            .find(n.as_str())
            .is_some_and(|k| badge_follows(&clause[here + k + n.len()..]));
        if badged && !own {
            break;
        }
        badged |= own;
        let goes_on = part.len() > n.len();
        out.push(n);
        if goes_on {
            break; // 李强于2024年…: the sentence goes on after the last name
        }
    }
    out
}

/// Whether a badge number (or an office) follows a name: in brackets (（执法证号33…）, （浙A03-…）), or
/// after a space as a number or a badge word.
fn badge_follows(after: &str) -> bool {
    let after = after.trim_start_matches([' ', '　']);
    // The clause ends at the name or inside its bracket (…、程晓燕\n（341…）, 郭嘉禾（执\n法证号…):
    // the line breaks before the badge, which is given the benefit of the doubt.
    if after.is_empty() || (after.starts_with(['（', '(']) && !after.contains(['）', ')'])) {
        return true;
    }
    let inner = after.strip_prefix(['（', '(']).unwrap_or(after);
    let head: String = inner
        .chars()
        .take_while(|c| !matches!(c, '）' | ')' | '、' | '，'))
        .take(24)
        .collect();
    // An office instead of a badge (贺小兰（人事科科长）).
    if inner.len() < after.len()
        && ["长", "主任", "书记", "科员", "干部"]
            .iter()
            .any(|w| head.ends_with(w))
    {
        return true;
    }
    head.chars().any(|c| c.is_ascii_digit())
        && (inner.len() < after.len()
            || head.starts_with(|c: char| c.is_ascii_digit())
            || BADGES.iter().any(|w| head.starts_with(w)))
}

/// Officers named after officer words in the text itself (执法人员：王某某、李某某).
/// A name typed letter by letter (中队长 陈 海 波, 、李 湘 云（执法证号…）) is read closed up,
/// as a form or a scan spaces it: the officer is the same person.
pub(crate) fn officer_names(text: &str) -> Vec<String> {
    let closed = crate::spaced::close_letters(text);
    let text = closed.as_str();
    let mut out = Vec::new();
    for w in OFFICER_WORDS {
        let mut from = 0;
        while let Some(i) = text[from..].find(w) {
            let at = from + i + w.len();
            from = at;
            // 被询问人, 受送达人, 被调查人 are the persons the officers deal with.
            if text[..at - w.len()]
                .chars()
                .next_back()
                .is_some_and(|c| matches!(c, '被' | '受'))
            {
                continue;
            }
            // Up to the end of the clause: names separated by 、，and spaces (a name typed
            // letter by letter right after the word, 执法人员杨 光 华（…）, read closed up).
            let raw = clause_after(text, at);
            // A list that ends the sentence (…、俞春花。) ends there: the last name has
            // no badge broken onto the next line.
            let stop = if text[at + raw.len()..].starts_with('。') {
                "。"
            } else {
                ""
            };
            let clause = crate::spaced::close_letters(&raw) + stop;
            // 记录人为同事江雪: the officer named as a colleague.
            let clause = ["为同事", "系同事", "为本局", "为"]
                .iter()
                .find_map(|p| clause.strip_prefix(p))
                .unwrap_or(&clause);
            out.extend(listed_officers(clause));
        }
    }
    // 我局房地产市场监管股工作人员吴海峰、牛志刚对…进行了检查: the agency's own staff,
    // named after its unit (a firm's 工作人员 are private persons).
    for c in own_staff_re().captures_iter(text) {
        if let Some(m) = c.get(0) {
            out.extend(listed_officers(&clause_after(text, m.end())));
        }
    }
    out.extend(crate::hearings::hearing_officers(text));
    // Those present at a collective discussion, signers of approval lines, heads of sections.
    out.extend(crate::approvals::discussion_attendees(text));
    out.extend(crate::approvals::approval_signers(text));
    out.extend(crate::approvals::section_heads(text));
    out.extend(crate::officertables::officer_columns(text));
    out.extend(crate::officertables::officer_row_cells(text));
    // 甲方：…局  负责人：…: the person in charge of an agency that is a party.
    out.extend(crate::parties::agency_party_heads(text));
    // The agency's own contact person (本局联系人：胡斌).
    let mut from = 0;
    while let Some(i) = text[from..].find("联系人") {
        let at = from + i;
        from = at + "联系人".len();
        if crate::agencycontact::agency_contact(text, at) {
            // 联系人：本局法制科 汪婷: the name may follow the unit.
            let rest = text[from..].trim_start_matches(['：', ':', ' ', '　']);
            let line = rest.split('\n').next().unwrap_or("");
            for part in std::iter::once(rest).chain(line.split([' ', '　']).skip(1)) {
                if let Some(n) = person_name(part.trim_start()) {
                    out.push(n);
                    break;
                }
            }
            // 联系人：尚振华、蒋　涛　　联系电话：…: every name of the list, each
            // perhaps spaced (the field ends at a wide gap or a comma).
            let field = line
                .split(['，', ',', '；', ';', '（', '('])
                .next()
                .unwrap_or("")
                .split("　　")
                .next()
                .unwrap_or("")
                .split("  ")
                .next()
                .unwrap_or("");
            // 联系人：包春林　孟和: two names a single wide space apart.
            if field.contains(['、', '　']) {
                for part in field.split(['、', '　']) {
                    let closed = crate::spaced::close_letters(part.trim());
                    // 郝振东、柯文静　联系电话：…: the last name ends at a wide space.
                    let first = part.trim().split('　').next().unwrap_or("");
                    if let Some(n) = person_name(&closed)
                        .filter(|n| *n == closed)
                        .or_else(|| person_name(first).filter(|n| n == first))
                    {
                        out.push(n);
                    }
                }
            }
        }
    }
    // The agency as a party (复议, 诉讼): 法定代表人：王立新，职务：局长; 委托代理人：邹明，
    // …城市管理局法制科科长.
    for c in agency_party_re().captures_iter(text) {
        if let Some(n) = c.get(1).and_then(|m| person_name(m.as_str())) {
            out.push(n);
        }
    }
    // A name after the agency's own unit and a space: 记录：本局办公室 易晨,
    // 联系人：区城管执法局研究室 管文.
    for c in agency_unit_re().captures_iter(text) {
        if let Some(n) = c.get(1).and_then(|m| person_name(m.as_str())) {
            out.push(n);
        }
    }
    // A name with an 执法证号 (or another badge of office: 警号, 监察证号, 监督员证号,
    // 执法监督证号, 工作人员证号, 调查员证号) right after it: 吴敏（执法证号31001234）.
    for (at, word) in badges(text) {
        // Other than 执法证, only in brackets right after the name, the badge perhaps
        // qualified (邵斌（警号082615）, 孔祥瑞（房屋征收工作人员证号…）).
        let qualifier: String = text[..at]
            .chars()
            .rev()
            .take_while(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
            .take(7)
            .collect();
        // In brackets, or after the name and a gap (孟飞  监察证号：…).
        let opened = text[..at - qualifier.len()].ends_with(['（', '(', ' ', '　']);
        if word != "执法证" && !opened {
            continue;
        }
        let at = if opened { at - qualifier.len() } else { at };
        let before: String = text[..at]
            .chars()
            .rev()
            .take(18)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let parts: Vec<&str> = before
            .split([
                '、', '，', ',', ' ', '：', ':', '（', '）', '(', ')', '。', '；', '_', '＿',
            ])
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        if let Some(last) = parts.last() {
            // 3.周和（原执法证号…）: a list's numbering is no part of the name.
            let unnumbered =
                last.trim_start_matches(|c: char| c.is_ascii_digit() || matches!(c, '.' | '．'));
            let last = &unnumbered;
            // The name is the end of the last part: 执法人员吴敏 → 吴敏.
            let cs: Vec<(usize, char)> = last.char_indices().collect();
            // 努尔兰·哈孜汗  执法证号…: a dotted name is whole, not its last part.
            let mut found = if let Some(n) = crate::certlists::dotted_name(last) {
                out.push(n);
                true
            } else {
                false
            };
            for k in (cs.len().saturating_sub(4)..cs.len()).filter(|_| !found) {
                let tail = &last[cs[k].0..];
                if let Some(n) = person_name(tail)
                    && n.len() == tail.len()
                {
                    out.push(n);
                    found = true;
                    break;
                }
            }
            // 乌云其其格（执法证号…）: a name off the surname list, whole between separators.
            if !found
                && (2..=6).contains(&cs.len())
                && cs
                    .iter()
                    .all(|(_, c)| ('\u{4e00}'..='\u{9fff}').contains(c))
                && !OFFICER_WORDS.iter().any(|w| last.contains(w))
            {
                out.push((*last).to_string());
            }
            // 赵亮，该局工作人员（执法证号…）: the name in the part before the staff word.
            if !found
                && parts.len() >= 2
                && ["该局", "本局", "该队", "本队", "该中心"]
                    .iter()
                    .any(|w| last.starts_with(w))
                && ["工作人员", "执法人员", "干部", "职工"]
                    .iter()
                    .any(|w| last.ends_with(w))
                && let Some(n) = person_name(parts[parts.len() - 2])
                && n == parts[parts.len() - 2]
            {
                out.push(n);
                found = true;
            }
            // 艾尔肯·吐尔逊（执法证号…）: a transliterated name with a middle dot.
            if !found
                && last.contains('·')
                && !last.starts_with('·')
                && !last.ends_with('·')
                && (3..=16).contains(&cs.len())
                && cs
                    .iter()
                    .all(|(_, c)| *c == '·' || ('\u{4e00}'..='\u{9fff}').contains(c))
            {
                out.push((*last).to_string());
            }
        }
    }
    // 承办机构负责人意见：同意…　负责人：…: the heads who sign the agency's approvals.
    for line in text.lines().filter(|l| l.contains("负责人意见")) {
        for (i, _) in line.match_indices("负责人：") {
            if let Some(n) = person_name(&line[i + "负责人：".len()..]) {
                out.push(n);
            }
        }
    }
    out
}

/// Words of a certificate that only an official in office carries, with the number
/// after them: a name right before one (in brackets) is an officer's.
pub(crate) const BADGES: &[&str] = &[
    "执法证",
    "警号",
    "监察证",
    "监督员证",
    "执法监督证",
    "工作人员证号",
    "调查员证号",
    "检查员证号",
];

/// Byte offsets of every badge word in `text`, with the word.
fn badges(text: &str) -> Vec<(usize, &'static str)> {
    let mut out: Vec<(usize, &'static str)> = BADGES
        .iter()
        .flat_map(|w| text.match_indices(w).map(move |(i, _)| (i, *w)))
        .collect();
    out.sort_unstable();
    out
}

/// The clause that starts at byte `at`: up to 。 or the line's end, 60 characters at
/// most (where a list of officers' names stands).
pub(crate) fn clause_after(text: &str, at: usize) -> String {
    text[at..]
        .chars()
        .take_while(|c| !matches!(c, '。' | '\n'))
        .take(60)
        .collect()
}
