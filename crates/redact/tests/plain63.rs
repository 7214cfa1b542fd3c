//! One invented sentence per general mechanism added in round 63 (the development half
//! of eval43). None of the sentences is taken from an evaluation set.

mod common;

use common::*;

#[test]
fn a_surname_and_stars_with_no_letter_shown() {
    gone(
        "货物卖给某某商贸有限公司（联系人：谢*），货款已付清。",
        &["谢*"],
    );
    gone("当事人从该厂推销员潘*处购进地膜50卷。", &["潘*"]);
    gone("二、吕**擅自搭建案", &["吕**"]);
    // A room's or an age's mask is none of a name's.
    kept("住某某小区5栋房**号", &["房**号"]);
}

#[test]
fn da_and_a_surname_after_a_verb_that_asks_a_person() {
    gone("那堵墙是我叫大孙拆的，跟他没关系。", &["大孙"]);
    kept("我让大家都去现场看看。", &["大家"]);
}

#[test]
fn a_quoted_account_after_its_label() {
    gone("货款转到其微信账号“山野清风”。", &["山野清风"]);
    kept("已在微信公众号“某某城管”发布。", &["某某城管"]);
}

#[test]
fn hobbyists_and_sellers_agents_are_persons() {
    gone("摄影爱好者邹明远在公园拍下了这一幕。", &["邹明远"]);
    gone("经查，其系从某公司销售员冉德胜处购得。", &["冉德胜"]);
}

#[test]
fn a_homestays_quoted_sign_and_a_things_measure_stay() {
    kept(
        "当事人在其经营的“松涛听雨”民宿内设置泳池，池深约2米。",
        &["松涛听雨", "池深约2米"],
    );
    kept("施工单位打井一口，井深约310米。", &["井深约310米"]);
}

#[test]
fn a_village_group_in_a_name_that_ends_in_ju_is_a_site() {
    kept(
        "在其经营的“半山居”农家乐院内（某镇某村三组）搭建彩钢棚。",
        &["三组"],
    );
}

#[test]
fn a_compound_surname_and_two_given_letters() {
    gone(
        "家谱载：生二子，长慕容启明，次慕容启华。",
        &["慕容启明", "慕容启华"],
    );
}
