//! One invented sentence per general mechanism added in round 41 (the development
//! half of eval31). None of the sentences is taken from an evaluation set.

mod common;

use common::*;

#[test]
fn birth_told_by_the_register_a_lunar_day_or_the_zodiac() {
    gone(
        "证明：邬某某，女，农历腊月廿三生（户口登记为1962年2月5日）。",
        &["1962年2月5日"],
    );
    gone("答：我生日是八月十六，今年五十七了。", &["八月十六"]);
    gone("答：我属羊的，今年虚岁六十。", &["属羊"]);
    kept(
        "该厂为市属龙头企业，属马路市场整治对象。",
        &["市属龙头企业"],
    );
}

#[test]
fn a_newborn_an_old_age_and_legs_that_fail() {
    gone(
        "邻居说她家有个刚出生十来天的孩子，才出生十二天。",
        &["才出生十二天"],
    );
    gone("来电人称：我母亲叫谷二妹，九十多了，睡不着。", &["九十多"]);
    gone("我爷爷腿脚不太方便，下不了楼。", &["腿脚不太方便"]);
}

#[test]
fn a_hospitals_paper_keeps_the_hospital() {
    let text = "有城东街道办事处出具的证明及平安县中医院出院记录为证。";
    kept(text, &["城东街道办事处", "平安县中医院"]);
    gone(text, &["出院记录"]);
}

#[test]
fn welfare_said_in_full_and_counts_of_a_class() {
    gone(
        "申请人独居，享受城乡特困供养，每月领钱。",
        &["城乡特困供养"],
    );
    kept(
        "全县现有重度残疾人护理补贴对象3120人。",
        &["重度残疾人护理补贴对象3120人"],
    );
    kept("每月供养金七百二十元。", &["七百二十元"]);
    gone("现由县司法局对其实施社区矫正。", &["社区矫正"]);
}

#[test]
fn a_case_numbers_letters_and_a_spaced_qq() {
    let text = "案件编号：WX-CG-2026-0077；有事联系网格员，QQ：3 1 4 1 5 9 2 6 5 3。";
    kept(text, &["WX-CG-2026-0077"]);
    gone(text, &["3 1 4 1 5 9 2 6 5 3"]);
}

#[test]
fn names_glued_or_told_by_what_follows() {
    gone("由其侄女冯秀云以短信方式转告。", &["冯秀云"]);
    gone("另有门卫主管柏丽娟的证人证言为证。", &["柏丽娟"]);
}

#[test]
fn nicknames_by_kin_titles_apposition_and_shape() {
    gone("在场人：当事人之母（自称“孙婶”，耳背）。", &["孙婶"]);
    gone("你们去找“三愣子”，就是我堂弟，车是他的。", &["三愣子"]);
    gone("“5栋的‘赵大喇叭’又在楼下放音乐了。”", &["赵大喇叭"]);
    gone("“你叫二柱子把那堆砖今晚拉走。”", &["二柱子"]);
    gone("有问题请联系老窦，电话在群公告里。", &["老窦"]);
    kept("他是个大个子，让大个子把箱子搬上去。", &["大个子"]);
}

#[test]
fn given_names_alone_in_talk_and_lists() {
    gone(
        "走访时，朝鲁孟答应明天拆除，其木格在一旁听着。",
        &["其木格"],
    );
    gone("在信上签字的是春雨、晓光和我。", &["春雨", "晓光"]);
    gone("“让海燕替丽君把摊子收了。”", &["海燕", "丽君"]);
    kept("让朋友把车开走。", &["朋友"]);
}
