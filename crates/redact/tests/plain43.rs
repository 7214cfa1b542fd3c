//! One invented sentence per general mechanism added in round 43 (the development half
//! of eval32). None of the sentences is taken from an evaluation set.

mod common;

use common::*;

#[test]
fn a_broken_collarbone_or_hip_and_old_bronchitis_are_health() {
    gone("老汉前年摔断了锁骨，至今干不了重活。", &["摔断了锁骨"]);
    gone("他父亲把髋骨摔断了，住了一个月院。", &["髋骨摔断"]);
    gone("她婆婆有老慢支，冬天离不开人。", &["老慢支"]);
}

#[test]
fn a_lunar_birthday_without_the_word_lunar_and_a_date_on_the_id_card() {
    gone("摊主说他是正月初六的生日。", &["正月初六"]);
    gone(
        "户主称身份证登记为1971年8月3日，实际晚一年。",
        &["1971年8月3日"],
    );
    gone("他说三月初三的生日，家里人都记得。", &["三月初三"]);
    kept("答：我的身份证是2030年到期的。", &["2030年到期"]);
}

#[test]
fn hui_as_a_persons_particular_but_not_in_a_place_or_a_school() {
    gone("马有禄，回民，在街口卖牛肉面。", &["回民"]);
    kept(
        "呼和浩特市回民区城管局在回民小学门口设置了护学岗。",
        &["回民区", "回民小学"],
    );
}

#[test]
fn a_qq_number_in_full_width_digits_and_an_archive_number_in_three_groups() {
    gone(
        "举报人留了QQ：５５６７１２３８９，晚上在线。",
        &["５５６７１２３８９"],
    );
    gone("【驾驶证】档案编号：420100 518 903", &["420100 518 903"]);
}

#[test]
fn a_nickname_told_before_the_real_name() {
    gone("大伙都叫他二柱子，真名叫郝建设。", &["二柱子", "郝建设"]);
    gone("我叫狗剩，大名孙德旺，住东关村。", &["狗剩", "孙德旺"]);
    // One's own words after 我叫 are no nickname, nor is what one asks a person to do
    // before a real-name rule.
    kept("她喊：我叫“救命”，没人应。", &["救命"]);
    kept("答：我叫老伴报警了。", &["老伴报警"]);
    kept("叫他签字，实名登记后领取。", &["签字"]);
}

#[test]
fn a_surname_and_a_kin_title_before_what_the_person_says() {
    gone("【调解记录】覃姨说院墙是去年垒的。", &["覃姨"]);
    gone("【走访记录】欧阳姨说家里没人。", &["欧阳姨"]);
    // A surname that is also a joining word, and pairs the dictionary knows.
    kept("问：和姐说过吗？答：向叔反映过。", &["和姐说", "向叔反映"]);
    kept("，阿姨说不用了。师姐说明了来意。", &["阿姨说", "师姐说明"]);
}

#[test]
fn those_present_and_households_listed_by_name() {
    gone("答：在场的还有雨生、春来，都看见了。", &["雨生", "春来"]);
    gone("登记表上，翠兰、秋生两家还没签字。", &["翠兰", "秋生"]);
    kept(
        "在场的有执法人员、村干部，均签字。",
        &["执法人员", "村干部"],
    );
    kept("华为、中兴两家企业参加了招标。", &["华为", "中兴"]);
    // Firms and roles listed where persons may be: words of the dictionary stay.
    kept("移动、联通、电信三家均已整改。", &["移动", "联通", "电信"]);
    kept("答：同行的还有司机、导游，都没下车。", &["司机", "导游"]);
}
