//! One invented sentence per general mechanism added in round 65 (the development half
//! of eval45). None of the sentences is taken from an evaluation set.

mod common;

use common::*;

#[test]
fn a_full_name_opening_a_sentence_about_a_belief_or_a_benefit() {
    gone("樊立根是天主教徒，逢周日去镇上的教堂。", &["樊立根"]);
    gone("卜成林无儿无女，享受特困人员救助供养。", &["卜成林"]);
}

#[test]
fn advice_to_a_class_of_patients_and_a_service_for_a_class_stay() {
    kept(
        "县卫健局提醒：秋冬季节，高血压患者请按时服药。",
        &["高血压患者"],
    );
    kept(
        "做好刑满释放人员安置帮教工作。",
        &["刑满释放人员安置帮教工作"],
    );
    // One person's chronic disease is masked whole.
    gone("她有慢性病，常年吃药。", &["慢性病"]);
}

#[test]
fn a_bodys_account_after_its_name_stays() {
    kept(
        "户名：某县某镇人民政府　账号：6222 0210 0112 3456 781　开户行：某银行",
        &["6222 0210 0112 3456 781"],
    );
}

#[test]
fn a_quoted_brand_or_farm_stay_stays_and_ranked_titles_go() {
    kept("查获“丰谷田”牌复合肥20袋。", &["丰谷田"]);
    kept("“刘大哥农家乐”门前堆放杂物。", &["刘大哥农家乐"]);
    gone("鱼卖给了摊主“郑三姐”。", &["郑三姐"]);
}

#[test]
fn bynames_after_a_town_or_ones_household() {
    gone("买主是“河口镇老胡”，名字不知道。", &["老胡"]);
    gone("明天我和我家老葛一起去。", &["老葛"]);
}
