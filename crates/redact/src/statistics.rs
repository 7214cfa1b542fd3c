//! Sentences that speak of a class of persons and of no one: diseases named as a class in
//! a law or a notice, and a count of persons after the word for a class (视力残疾人512人,
//! 听障、视障儿童23名). Split from `conditions`.

/// Whether the sentence around byte `at` speaks of diseases as a class, as a law or a
/// notice does (艾滋病、肺结核属于乙类传染病), and of no person (患, 其, 他, 我 …): the
/// disease named there is no one's health.
pub(crate) fn general_statement(text: &str, at: usize) -> bool {
    let (start, end) = crate::ailments::sentence(text, at, at);
    let sentence = &text[start..end];
    ["类传染病", "传染病防治法", "防治条例", "法定传染病"]
        .iter()
        .any(|w| sentence.contains(w))
        && !about_someone(
            sentence,
            &["患", "本人", "确诊", "诊断", "家属", "病人", "患者"],
        )
}

/// Words that make a sentence speak of one person (其, 他, 我, 某某 …), and `more` for
/// the kind of statement: the class the sentence names is then that person's.
fn about_someone(sentence: &str, more: &[&str]) -> bool {
    ["其", "他", "她", "我", "某某"]
        .iter()
        .chain(more)
        .any(|w| sentence.contains(w))
}

/// Whether the condition ending at byte `end` names a class of patients in advice to the
/// public (…60岁以上老人和慢性病患者请尽早接种疫苗): no one's state.
pub(crate) fn class_advised(text: &str, end: usize) -> bool {
    // …患者, or 持残疾人证的肢体残疾人: the class right after, or after 的.
    let class_after = ["患者", "人群", "病人"]
        .iter()
        .any(|w| text[end..].starts_with(w))
        || text[end..].starts_with('人') && !text[end..].starts_with("人证")
        || text[end..].strip_prefix('的').is_some_and(|r| {
            let head: String = r.chars().take(8).collect();
            ["残疾人", "患者", "人员"].iter().any(|w| head.contains(w))
        });
    if !class_after {
        return false;
    }
    let (start, stop) = crate::ailments::sentence(text, end, end);
    let sentence = &text[start..stop];
    // 请 as a word of its own, not inside 申请 (申请人系二级肢体残疾人 is one person).
    let asked = sentence
        .match_indices('请')
        .any(|(i, _)| !sentence[..i].ends_with('申'));
    let advice = asked
        || ["提醒", "建议", "倡议", "呼吁", "免费", "优先", "可申请"]
            .iter()
            .any(|w| sentence.contains(w));
    advice
        && !about_someone(
            sentence,
            &["本人", "家属", "系", "申请人", "当事人", "户主"],
        )
}

/// Whether the record ending at byte `end` names a class served by a public body
/// (刑满释放人员安置帮教工作, 社区矫正人员管理): no one's record.
pub(crate) fn class_served(text: &str, end: usize) -> bool {
    text[end..].strip_prefix("人员").is_some_and(|r| {
        let r = r.trim_start_matches('的');
        ["安置", "帮教", "管理", "就业", "服务", "衔接"]
            .iter()
            .any(|w| r.starts_with(w))
    })
}

/// Whether the welfare word ending at byte `end` names a body's record or scheme
/// (社区低保台账, 低保标准, 特困供养资金): no one's benefit.
pub(crate) fn scheme_named(text: &str, end: usize) -> bool {
    [
        "台账", "名册", "标准", "政策", "资金", "工作", "系统", "审批",
    ]
    .iter()
    .any(|w| text[end..].starts_with(w))
}

/// Whether the grade ending at byte `end` names a class of pupils in a notice
/// (初二年级学生期末考试时间为…): no one's.
pub(crate) fn grade_in_notice(text: &str, end: usize) -> bool {
    if !["学生", "全体", "各班"]
        .iter()
        .any(|w| text[end..].starts_with(w))
    {
        return false;
    }
    let (start, stop) = crate::ailments::sentence(text, end, end);
    let sentence = &text[start..stop];
    ["通知", "考试", "放假", "开学", "报名"]
        .iter()
        .any(|w| sentence.contains(w))
        && !about_someone(
            sentence,
            &["你", "之女", "之子", "女儿", "儿子", "孙", "孩子", "岁"],
        )
}

/// Whether a count of persons follows byte `end` (特困供养对象1236人, 肢体残疾3105人): the
/// word before it names a class in a statistic, no one's state.
pub(crate) fn counted(text: &str, end: usize) -> bool {
    let rest = text[end..].trim_start_matches(['：', ':', ' ']);
    // 听障、视障儿童23名: the first of a list of conditions counted together.
    let rest = match rest.strip_prefix('、') {
        Some(list) => {
            let run: usize = list
                .chars()
                .take_while(|c| crate::patterns::han(*c) || *c == '、')
                .take(16)
                .map(char::len_utf8)
                .sum();
            &list[run..]
        }
        None => rest,
    };
    // 残疾人两项补贴对象5870人, 视力残疾人512人: a noun for the class before the count.
    let rest = [
        "对象", "人员", "家庭", "人数", "户数", "资金", "金", "人", "学生", "儿童", "患者",
    ]
    .iter()
    .find_map(|w| rest.strip_prefix(w))
    .unwrap_or(rest)
    .trim_start_matches(['：', ':', ' ']);
    let digits = rest
        .chars()
        .take_while(|c| c.is_ascii_digit() || matches!(c, ',' | '.'))
        .count();
    let unit = &rest[digits..];
    // 发放城乡低保金3826万元: a sum in ten thousands is a budget's, no one's allowance.
    digits > 0
        && (unit.starts_with(['人', '户', '名', '例'])
            || ["万元", "亿元"].iter().any(|w| unit.starts_with(w)))
}
