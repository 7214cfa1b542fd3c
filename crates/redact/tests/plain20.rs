//! One invented sentence per general mechanism added in the sixth round of issue 16
//! (eval17's development half, and the review of the fifth round): classes, not
//! phrasings. None of the sentences is taken from an evaluation set.

mod common;

use common::*;

#[test]
fn a_badge_column_names_its_holder_only_under_a_name_header() {
    let text = "| 序号 | 执法人员 | 执法证号 |\n| 1 | 韩立新 | 32010011001 |\n";
    kept(text, &["韩立新"]);
    let text = "| 序号 | 商户负责人 | 执法证号 |\n| 1 | 韩立新 | 32010011001 |\n当事人韩立新称。";
    gone(text, &["韩立新"]);
}

#[test]
fn two_officers_typed_letter_by_letter_stay_two() {
    // Joined into one, 张海李红 is nobody's name and the two officers were masked.
    let text = "执法人员：张 海 李 红（执法证号11010011001、11010011002）到场。";
    kept(text, &["张 海 李 红"]);
    let text = "执法人员：罗 建 国 李 红（执法证号11010011003），当事人李国强在场。";
    kept(text, &["罗 建 国 李 红"]);
    gone(text, &["李国强"]);
}

#[test]
fn a_legal_blood_alcohol_threshold_stays() {
    let text = "依据国家标准，驾驶人血液酒精含量达到80mg/100ml以上属醉酒驾驶；\
                当事人血液酒精含量为131mg/100ml，属醉酒驾驶。";
    kept(text, &["达到80mg/100ml以上属醉酒驾驶"]);
    gone(text, &["131mg/100ml"]);
    let text = "血液中的酒精含量大于或者等于80mg/100ml的，属于醉酒驾驶。";
    kept(text, &["80mg/100ml"]);
}

#[test]
fn a_bare_certificate_header_takes_no_badge_for_an_identity_number() {
    let text = "| 序号 | 执法人员 | 证件号码 |\n| 1 | 韩立新 | 32010011001 |\n| 2 | 邹文 | 32010019002 |\n";
    kept(text, &["32010011001", "32010019002"]);
    let text = "持证人：欧小梅  证件号码：46010019 8806 1215 27";
    gone(text, &["8806 1215 27"]);
    let text = "| 序号 | 姓名 | 证件号码 |\n| 1 | 欧小梅 | 4601 0219 8806 1215 27 |\n";
    gone(text, &["0219 8806 1215 27", "欧小梅"]);
}

#[test]
fn a_name_typed_letter_by_letter_across_a_line_break() {
    let text = "现场有物业公司经理 孔 德\n文到场配合。";
    gone(text, &["德", "文到"]);
    let text = "值班保安 孔 德\n    文，称当晚无人进出。";
    gone(text, &["德", "文，"]);
}
