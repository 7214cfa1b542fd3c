//! Letters to applicants and consulted parties, from editable templates.
//!
//! A template is a title and a body of paragraphs (one per line) with `{名称}`
//! placeholders. A line starting with `>` is right-aligned (signature, date); a line
//! ending with `：` is a salutation (left-aligned). Unknown placeholders stay as
//! typed so that a mistake in a template is visible, never silently blank.

use std::collections::BTreeMap;

use officedoc::{Letter, Para};

code_enum!(
    LetterKind {
        Reply = ("reply", "政府信息公开申请答复告知书"),
        Correction = ("correction", "补正申请通知书"),
        Extension = ("extension", "延期答复告知书"),
        Consultation = ("consultation", "征求意见函"),
        Fee = ("fee", "收费通知书"),
    }
);

impl LetterKind {
    /// The built-in body.
    pub fn default_body(self) -> &'static str {
        match self {
            LetterKind::Reply => {
                "{申请人}：\n本机关于{收到日期}收到您（单位）提出的政府信息公开申请（申请编号：{编号}），申请获取：{申请内容}。\n经审查，现答复如下：{答复类型}。{理由}{说明}\n如对本答复不服，可以自收到本告知书之日起六十日内依法申请行政复议，或者在六个月内依法提起行政诉讼。\n>{机关}\n>{日期}"
            }
            LetterKind::Correction => {
                "{申请人}：\n本机关于{收到日期}收到您（单位）提出的政府信息公开申请（申请编号：{编号}）。根据《中华人民共和国政府信息公开条例》第三十条，您的申请内容不明确，请于收到本通知之日起{补正期限}个工作日内（{补正截止日}前）补正以下内容：\n{补正事项}\n答复期限自本机关收到补正后的申请之日起计算。无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。\n>{机关}\n>{日期}"
            }
            LetterKind::Extension => {
                "{申请人}：\n本机关于{收到日期}收到您（单位）提出的政府信息公开申请（申请编号：{编号}）。因{延期理由}，不能在规定期限内作出答复。根据《中华人民共和国政府信息公开条例》第三十三条第二款，经{批准人}同意，答复期限延长{延期天数}个工作日，本机关将于{答复期限}前作出答复。\n期限计算：{期限说明}。\n>{机关}\n>{日期}"
            }
            LetterKind::Consultation => {
                "{征求对象}：\n本机关于{收到日期}收到政府信息公开申请（申请编号：{编号}），申请获取：{申请内容}。该信息公开可能损害第三方合法权益（或涉及其他机关），根据《中华人民共和国政府信息公开条例》第三十二条（第三十四条），现书面征求您（单位）的意见，请于收到本函之日起15个工作日内（{征求截止日}前）提出书面意见。逾期未提出意见的，由本机关依照条例规定决定是否公开。\n>{机关}\n>{日期}"
            }
            LetterKind::Fee => {
                "{申请人}：\n本机关于{收到日期}收到您（单位）提出的政府信息公开申请（申请编号：{编号}）。根据《中华人民共和国政府信息公开条例》第四十二条和《政府信息公开信息处理费管理办法》（国办函〔2020〕109号），本申请应缴纳信息处理费{收费金额}元（{收费说明}）。\n请于收到本通知之日起20个工作日内（{缴费截止日}前）缴纳。逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请。发出收费通知至缴纳费用的时间不计算在答复期限内。\n>{机关}\n>{日期}"
            }
        }
    }
}

/// Fill `{名称}` placeholders from `vars`.
pub fn fill(template: &str, vars: &BTreeMap<&str, String>) -> String {
    let mut out = String::with_capacity(template.len() + 64);
    let mut rest = template;
    while let Some(i) = rest.find('{') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        match after.find('}') {
            Some(j) if j <= 30 => {
                let key = &after[..j];
                match vars.get(key) {
                    Some(v) => out.push_str(v),
                    None => {
                        out.push('{');
                        out.push_str(key);
                        out.push('}');
                    }
                }
                rest = &after[j + 1..];
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The placeholders a template may use, for the template editor.
pub const PLACEHOLDERS: &[&str] = &[
    "申请人",
    "编号",
    "收到日期",
    "申请内容",
    "机关",
    "日期",
    "答复类型",
    "理由",
    "说明",
    "补正事项",
    "补正期限",
    "补正截止日",
    "延期理由",
    "批准人",
    "延期天数",
    "答复期限",
    "期限说明",
    "征求对象",
    "征求截止日",
    "收费金额",
    "收费说明",
    "缴费截止日",
];

/// Build the letter from a title and a filled body.
pub fn letter(title: &str, body: &str) -> Letter {
    let mut paras = vec![Para::title(title)];
    for line in body.lines() {
        let l = line.trim();
        if l.is_empty() {
            continue;
        }
        paras.push(if let Some(r) = l.strip_prefix('>') {
            Para::right(r.trim())
        } else if l.ends_with('：') && l.chars().count() <= 40 {
            Para::left(l)
        } else {
            Para::body(l)
        });
    }
    Letter {
        title: title.to_string(),
        paras,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_fill_and_unknown_ones_stay_visible() {
        let mut v = BTreeMap::new();
        v.insert("申请人", "张某".to_string());
        assert_eq!(fill("{申请人}：{不存在}{", &v), "张某：{不存在}{");
        let l = letter("告知书", "张某：\n正文。\n>某局");
        assert_eq!(l.paras.len(), 4);
        assert_eq!(l.paras[3].align, officedoc::Align::Right);
    }

    #[test]
    fn every_default_template_uses_only_known_placeholders() {
        let vars: BTreeMap<&str, String> =
            PLACEHOLDERS.iter().map(|p| (*p, "X".to_string())).collect();
        for k in LetterKind::ALL {
            let out = fill(k.default_body(), &vars);
            assert!(!out.contains('{'), "{}: {out}", k.code());
        }
    }
}
