//! Names shown by how they stand to others rather than by a role word: an ethnicity in
//! a cell, brothers listed together, a nickname and the name it is, one who acts with a
//! relative of the same surname, the answer to a question for a name, a role's value
//! alone in a cell, a member called in a chat, payers on a receipt, one whose relative
//! calls.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use regex::Regex;

use crate::cues::KIN;
use crate::names::surname_of;
use crate::patterns::han;

/// Names shown by how they stand to others (each finder below says how).
pub(crate) fn related_names(text: &str, out: &mut BTreeSet<String>) {
    ethnicity_cells(text, out);
    listed_kin(text, out);
    nickname_is(text, out);
    named_in_brackets(text, out);
    said_names(text, out);
    payers(text, out);
    before_kin(text, out);
    last_letter_open(text, out);
    named_by_kin(text, out);
    with_kin(text, out);
}

/// A cell or a list entry with an ethnicity in brackets after it (｜乌云（蒙古族）｜).
fn ethnicity_cells(text: &str, out: &mut BTreeSet<String>) {
    static ETHNIC: OnceLock<Regex> = OnceLock::new();
    let ethnic = crate::patterns::re(
        &ETHNIC,
        r"(?:^|[｜|：:、\n])(\p{Han}{2,4})[（(](\p{Han}{1,5}族)[）)，,]",
    );
    for c in ethnic.captures_iter(text) {
        if let (Some(n), Some(e)) = (c.get(1), c.get(2))
            && crate::sensitive::ethnicity(e.as_str())
            && surname_of(n.as_str()).is_some()
            && !n
                .as_str()
                .ends_with(['族', '局', '队', '村', '镇', '乡', '县', '市', '区'])
        {
            out.insert(n.as_str().to_string());
        }
    }
}

/// Names listed before 兄弟二人, 夫妻俩 … (高山、高原兄弟二人).
fn listed_kin(text: &str, out: &mut BTreeSet<String>) {
    static GROUP: OnceLock<Regex> = OnceLock::new();
    let group = crate::patterns::re(
        &GROUP,
        r"(?:^|[，,。；;：:\s（(])((?:\p{Han}{2,3}[、和与])+\p{Han}{2,3})(?:兄弟|姐妹|兄妹|姐弟|夫妻|夫妇|父子|母子|父女|母女)(?:二人|两人|三人|俩|仨)",
    );
    for c in group.captures_iter(text) {
        let Some(list) = c.get(1) else { continue };
        let parts: Vec<&str> = list.as_str().split(['、', '和', '与']).collect();
        if parts.iter().all(|p| {
            (2..=3).contains(&p.chars().count()) && surname_of(p).is_some_and(|s| s.len() < p.len())
        }) {
            out.extend(parts.iter().map(|p| p.to_string()));
        }
    }
}

/// A quoted nickname and the name it is (“大个子”，就是田丰收; "黑娃"本名向德才).
fn nickname_is(text: &str, out: &mut BTreeSet<String>) {
    static NICK_IS: OnceLock<Regex> = OnceLock::new();
    let nick_is = crate::patterns::re(
        &NICK_IS,
        r"[“\x22「‘](\p{Han}{1,5})[”\x22」’][，,]?(?:就是|也就是|即|(?:真名|大名|本名|原名)(?:叫|是)?)",
    );
    for c in nick_is.captures_iter(text) {
        let (Some(nick), Some(all)) = (c.get(1), c.get(0)) else {
            continue;
        };
        if let Some(n) = crate::names::person_name(&text[all.end()..]).filter(|n| !n.contains('某'))
        {
            out.insert(nick.as_str().to_string());
            out.insert(n);
        }
    }
}

/// A byname and the name in brackets after it (罕老三（本名罕文明）).
fn named_in_brackets(text: &str, out: &mut BTreeSet<String>) {
    static BRACKETED: OnceLock<Regex> = OnceLock::new();
    let re = crate::patterns::re(
        &BRACKETED,
        r"(\p{Han}{2,4})[（(](?:本名|真名|原名|大名|实名)(?:叫|为|是)?(\p{Han}{2,4})[）)]",
    );
    for c in re.captures_iter(text) {
        let (Some(nick), Some(name)) = (c.get(1), c.get(2)) else {
            continue;
        };
        if name.as_str().contains('某') {
            continue;
        }
        out.insert(name.as_str().to_string());
        // The byname ends the run before the bracket (冰岛村罕老三, 张家小五): three letters
        // with 老/小/阿 among the first two, else the run if it is short.
        let letters: Vec<char> = nick.as_str().chars().collect();
        let n = letters.len();
        let titled = |k: usize| letters.get(k).is_some_and(|c| "老小阿".contains(*c));
        let take = if n >= 3 && (titled(n - 3) || titled(n - 2)) {
            3
        } else if n <= 3 {
            n
        } else {
            0
        };
        if take > 0 {
            out.insert(letters[n - take..].iter().collect());
        }
    }
}

/// Names said in ways that show a person:
/// - the answer to a question for a name ("你叫啥？""宛学成。");
/// - a role's value standing alone in a cell (当事人：甘露｜), even a word;
/// - a member called in a chat (@海燕 楼下…, @7栋胖哥 你家…);
/// - 你就是付建成吧.
fn said_names(text: &str, out: &mut BTreeSet<String>) {
    static SAID: OnceLock<Regex> = OnceLock::new();
    let said = crate::patterns::re(
        &SAID,
        r"(?:叫啥|叫什么|叫什么名字|什么名字|姓名)[？?][”\x22]?\s*(?:[^“\x22\n]{0,6}?[：:])?[“\x22]?(\p{Han}{2,4})[。，,”\x22]|(?:当事人|被处罚人|户主|申请人|委托代理人|代收人|受送达人|缴款人|交款人|付款人)[：:](\p{Han}{2,3})(?:[｜|，,；;（(\n]|$)|@(?:[0-9]{1,3}(?:栋|幢|号楼|单元)(?:[0-9]{1,4}室?)?)?(\p{Han}{2,4})[ 　]|(?:你|他|她)就是(\p{Han}{2,4}?)(?:吧|吗|嘛|？|\?)",
    );
    for c in said.captures_iter(text) {
        let Some(m) = c.get(1).or(c.get(2)).or(c.get(3)).or(c.get(4)) else {
            continue;
        };
        let n = m.as_str();
        // A name answered or called needs no surname from the list (宛学成).
        let mention = c.get(3).is_some()
            || c.get(1).is_some() && !n.starts_with(['不', '没', '你', '我', '他', '她']);
        if n.contains('某')
            || ["所有人", "全体成员", "全体", "管理员", "群主"].contains(&n)
            || !mention && surname_of(n).is_none_or(|s| s.len() >= n.len())
            || n.ends_with(['等', '们'])
            || crate::cues::KIN.contains(&n)
        {
            continue;
        }
        out.insert(n.to_string());
    }
}

/// Payers on a receipt (今收到管永红交来…, 吉克阿呷、阿苏拉哈交来).
fn payers(text: &str, out: &mut BTreeSet<String>) {
    static PAID: OnceLock<Regex> = OnceLock::new();
    let paid = crate::patterns::re(
        &PAID,
        r"收到((?:\p{Han}{2,5}、)*\p{Han}{2,5}?)(?:交来|缴来|交纳|缴纳|交付)",
    );
    for c in paid.captures_iter(text) {
        let Some(list) = c.get(1) else { continue };
        for n in list.as_str().split('、') {
            let body = [
                "公司", "局", "店", "部", "厂", "中心", "单位", "社", "所", "队", "村", "组", "户",
            ]
            .iter()
            .any(|w| n.ends_with(w));
            if !body && !n.contains('某') && (surname_of(n).is_some() || n.chars().count() >= 4) {
                out.insert(n.to_string());
            }
        }
    }
}

/// 我是韩木哈买的儿媳妇, 由谢长发的女婿覃小宝负责: a name before 的 and a relative.
fn before_kin(text: &str, out: &mut BTreeSet<String>) {
    let lefts = [
        "我是", "他是", "她是", "由", "和", "与", "跟", "找", "让", "，", "：", "、",
    ];
    let starts: BTreeSet<usize> = lefts
        .iter()
        .flat_map(|w| text.match_indices(*w).map(|(k, w)| k + w.len()))
        .collect();
    for at in starts {
        let after = &text[at..];
        let run: String = after.chars().take_while(|c| han(*c)).take(9).collect();
        let Some(de) = run.find('的') else { continue };
        let n = &run[..de];
        if (2..=4).contains(&n.chars().count())
            && surname_of(n).is_some_and(|s| s.len() < n.len())
            // Not a word of the language (当事人的儿子), unless jieba reads a person.
            && (!crate::persons::known_word(n) || crate::persons::tagged_person(n))
            && KIN
                .iter()
                .any(|r| run[de + '的'.len_utf8()..].starts_with(r))
        {
            out.insert(n.to_string());
        }
    }
}

/// 孙某华, 网管白某平: a name the source masked but for the last letter of the
/// given name, after a surname, where the letter makes no word with what follows
/// (王某明确表示 stays).
fn last_letter_open(text: &str, out: &mut BTreeSet<String>) {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for k in 1..chars.len().saturating_sub(1) {
        let (_, c) = chars[k];
        let (p, sur) = chars[k - 1];
        let (g, given) = chars[k + 1];
        if c != '某'
            || !han(given)
            || given == '某'
            || !crate::likely::given_like(&given.to_string())
            || surname_of(&text[p..]).is_none_or(|s| s.len() != sur.len_utf8())
        {
            continue;
        }
        let end = g + given.len_utf8();
        let next: String = text[end..].chars().take(1).collect();
        // Nor inside a body's name (上海某衡律师事务所): the surname makes a word with
        // the letter before it, or a body's ending follows.
        let prev = text[..p].chars().next_back();
        let body_after = [
            "律师事务所",
            "事务所",
            "公司",
            "商行",
            "诊所",
            "超市",
            "酒店",
            "饭店",
            "店",
            "厂",
            "中心",
        ]
        .iter()
        .any(|w| text[end..].chars().take(6).collect::<String>().contains(w));
        if next.chars().next().is_some_and(han)
            && crate::persons::known_word(&format!("{given}{next}"))
            || prev.is_some_and(|b| han(b) && crate::persons::known_word(&format!("{b}{sur}")))
            || body_after
        {
            continue;
        }
        out.insert(text[p..end].to_string());
    }
}

/// （丹增之妻）: the one a relative is named by, in a note.
fn named_by_kin(text: &str, out: &mut BTreeSet<String>) {
    static OF_KIN: OnceLock<Regex> = OnceLock::new();
    let of_kin = crate::patterns::re(
        &OF_KIN,
        r"[（(](\p{Han}{2,4}?)之(?:妻|夫|子|女|父|母|兄|弟|姐|妹|孙|侄)[）)]",
    );
    for c in of_kin.captures_iter(text) {
        if let Some(n) = c.get(1)
            && !n.as_str().contains('某')
            && !["甲方", "乙方", "当事人", "申请人", "受送达人"].contains(&n.as_str())
        {
            out.insert(n.as_str().to_string());
        }
    }
}

/// One who acts with a relative of the same surname (冶有福与其堂弟冶有禄).
fn with_kin(text: &str, out: &mut BTreeSet<String>) {
    for (k, w) in text.match_indices("与其") {
        let after = &text[k + w.len()..];
        let Some(kin) = KIN
            .iter()
            .filter(|r| after.starts_with(**r))
            .max_by_key(|r| r.len())
        else {
            continue;
        };
        // The relative's name, whatever the surname's list says (冶有禄).
        let other: String = after[kin.len()..]
            .chars()
            .take_while(|c| han(*c))
            .take(3)
            .collect();
        if other.chars().count() < 2 || other.chars().any(|c| crate::cues::NOT_IN_NAME.contains(c))
        {
            continue;
        }
        let run = crate::patterns::han_run_before(&text[..k], 4);
        if (2..=3).contains(&run.chars().count())
            && run.chars().next() == other.chars().next()
            && !other.contains('某')
        {
            out.insert(run.to_string());
        }
    }
}
