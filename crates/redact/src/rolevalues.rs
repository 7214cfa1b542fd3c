//! What stands after a role word read as a name when it is not a name of the usual
//! form: a name whose surname is not in the list with particulars after it (帕提古丽，女),
//! one alone on a field's line, a longer name (乌云其木格), a name the dictionary holds
//! running on into a verb (举报人李国栋留下…), and the dictionary word that runs on as
//! what the party does (当事人陈述的…). Split from `names`.

use crate::names::{NAME_STOP, stop_word_at, surname_of, verb};

/// Whether a word jieba knows, not as a name, runs on into the sentence right after a
/// role word (当事人陈述的…): what the party does, no name.
pub(crate) fn runs_on_as_word(name: &str, after: &str) -> bool {
    crate::persons::known_word(name)
        && !dictionary_name(name)
        && after
            .chars()
            .next()
            .is_some_and(|c| ('\u{4e00}'..='\u{9fff}').contains(&c) && !"于称说在因".contains(c))
}

/// A name that runs straight on into what the person did (举报人李国栋留下QQ…): the first
/// word jieba reads ahead, where it tags it as a name and it opens with a surname.
pub(crate) fn tagged_name_ahead(rest: &str) -> Option<String> {
    let window: String = rest.chars().take(8).collect();
    let tags = crate::persons::tag(&window);
    let [(word, tag), (_, then), ..] = tags.as_slice() else {
        return None;
    };
    (tag.starts_with("nr") && then.starts_with('v') && dictionary_name(word)).then(|| word.clone())
}

/// Whether jieba's dictionary holds `word` as a person's name and it reads as one: a
/// surname and two letters likelier in given names than in prose (李国栋; not 申请书 or
/// 迟延, which the dictionary also tags so).
fn dictionary_name(word: &str) -> bool {
    crate::persons::tagged_person(word)
        && word.chars().count() == 3
        && surname_of(word)
            .is_some_and(|x| x.chars().count() == 1 && crate::likely::given_like(&word[x.len()..]))
}

/// A name whose surname is not in the list (汉口, 巴特尔) standing alone after a role
/// word: 2–5 characters (up to 12 with a middle dot) up to a space, comma or bracket, with a person's particulars
/// (性别, 身份证, 出生 …) right after it.
pub(crate) fn particulars_name(rest: &str) -> Option<String> {
    let run: String = rest
        .chars()
        .take_while(|c| ('\u{4e00}'..='\u{9fff}').contains(c) || *c == '·')
        .collect();
    let n = run.chars().count();
    let max = if run.contains('·') { 12 } else { 5 };
    if !(2..=max).contains(&n)
        || run.contains('某')
        || run.starts_with(['·', '之', '其', '系', '的'])
        || crate::cues::cue_inside(&run)
    {
        return None;
    }
    // 阿不都热合曼·…: a transliterated name may hold 不 or 都; a place or a body's word
    // is still none of its characters.
    let not_in = if run.contains('·') {
        "区市县省镇乡村路街号室局处委办队厅"
    } else {
        "区市县省镇乡村路街号室局处委办队厅公司店厂中心本无不同"
    };
    if run.chars().any(|c| not_in.contains(c)) {
        return None;
    }
    let after = &rest[run.len()..];
    // The particulars may open the next line under a hanging indent
    // (当事人：某某·某某\n        （男，身份证号…）).
    let wrapped = after.starts_with('\n')
        && after
            .trim_start_matches([' ', '　', '\n', '\r'])
            .starts_with(['（', '(']);
    if !wrapped
        && !after
            .chars()
            .next()
            .is_some_and(|c| matches!(c, ' ' | '　' | '，' | ',' | '（' | '(' | '\t'))
    {
        return None;
    }
    let soon: String = if wrapped {
        after.trim_start_matches([' ', '　', '\n', '\r'])
    } else {
        after
    }
    .chars()
    .take(14)
    .collect();
    // 男/女 as a sex, not inside a word (女儿, 男子, 女士).
    let sex = soon.char_indices().any(|(i, c)| {
        (c == '男' || c == '女')
            && !soon[i + c.len_utf8()..].starts_with(|n: char| "儿子士孩友方人童婴装厕".contains(n))
    });
    (sex || ["性别", "身份证", "出生", "民族", "族", "证件", "护照", "住"]
        .iter()
        .any(|w| soon.contains(w)))
    .then_some(run)
}

/// A name whose surname is not in the list (次仁卓玛, 帕提古丽) after a role word and a
/// colon: 2–4 characters jieba does not know as a word, then a bracket, a comma or the
/// end of the line.
pub(crate) fn unlisted_name(rest: &str) -> Option<String> {
    let run: String = rest
        .chars()
        .take_while(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
        .collect();
    let n = run.chars().count();
    let after = rest[run.len()..].chars().next();
    ((2..=4).contains(&n)
        && after.is_none_or(|c| "（(，,\n 　".contains(c))
        && !run
            .chars()
            .any(|c| crate::cues::NOT_IN_NAME.contains(c) || "某本无不未详同人员".contains(c))
        && !crate::cues::cue_inside(&run)
        && !crate::persons::known_word(&run))
    .then_some(run)
}

/// A longer name led by a surname (乌云其木格, Mongolian and Tibetan names), only
/// for a list next to a known name: 4–5 characters ending at 等, 称 or punctuation
/// (其 may stand in them: 其木格).
pub(crate) fn long_name(text: &str, s: usize) -> Option<String> {
    surname_of(&text[s..])?;
    let run: String = text[s..]
        .chars()
        .take_while(|c| ('\u{4e00}'..='\u{9fff}').contains(c) && !"等称说".contains(*c))
        .collect();
    let n = run.chars().count();
    ((4..=5).contains(&n)
        && !run.contains('某')
        && !run.chars().any(|c| {
            "区市县省镇乡村路街巷弄号室楼院栋幢局处委办队厅的了在是和与及或人员".contains(c)
                || NAME_STOP.contains(c)
        })
        && !crate::cues::NOT_PERSON_AFTER
            .iter()
            .any(|w| run.contains(w))
        && !crate::cues::cue_inside(&run)
        // 全永祥施工: a name and a verb of what the person does, not a long name.
        && !run
            .char_indices()
            .skip(2)
            .any(|(k, _)| stop_word_at(&run[k..]) || verb(&run[k..])))
    .then_some(run)
}
