//! One invented sentence per general mechanism added in round 47 (the development half
//! of eval34). None of the sentences is taken from an evaluation set.

mod common;

use common::*;

#[test]
fn a_name_before_where_one_comes_from_and_a_phone_is_a_name() {
    gone(
        "围墙由其雇请的瓦工龚德才（岳西县白帽镇人，联系电话：13905561234）砌筑。",
        &["龚德才"],
    );
}

#[test]
fn a_list_of_those_attending_is_of_persons() {
    gone(
        "【座谈会记录】出席座谈会的有欧阳春燕、洪立波、秦川以及街道办的一名干部。",
        &["欧阳春燕", "洪立波", "秦川"],
    );
    kept(
        "【座谈会记录】出席座谈会的有欧阳春燕、洪立波、秦川以及街道办的一名干部。",
        &["以及街道办"],
    );
}

#[test]
fn a_surname_with_a_grandparents_or_an_elder_sisters_title_is_a_person() {
    gone(
        "走访独居老人邱奶奶（八十二岁），家中无人照料。",
        &["邱奶奶"],
    );
    gone(
        "【调解记录】韦大姐与对门烧烤店的牛老板因店外堆放杂物发生口角，经调解和解。",
        &["韦大姐", "牛老板"],
    );
}

#[test]
fn a_look_and_a_kin_title_heading_a_clause_is_a_nickname() {
    gone("【业主群】瘦嫂说她家楼道里的纸箱明天清走。", &["瘦嫂"]);
}

#[test]
fn a_named_place_of_worship_stays_and_the_practice_is_masked() {
    let t = "【情况说明】当事人信仰伊斯兰教，每周五到临潭县清真寺做礼拜，请求改期约谈。";
    kept(t, &["临潭县清真寺"]);
    gone(t, &["伊斯兰教", "做礼拜"]);
    gone("他每个周日都去教堂做礼拜。", &["教堂"]);
}

#[test]
fn a_relatives_word_before_a_name_is_no_surname() {
    let o = out("儿子常年在外打工，孙子邵天佑在县城读书。");
    assert!(!o.contains("天佑"), "{o}");
    assert!(o.contains("孙子"), "{o}");
}

#[test]
fn two_letters_only_a_little_likelier_in_names_need_a_word_for_a_person() {
    kept("路面破损约30平方米，路缘石损坏3块。", &["平方米"]);
}
