//! One invented sentence per general mechanism added in round 25, on eval20's test half
//! after its figure was recorded (so that half is no longer unseen). None of the
//! sentences is taken from an evaluation set.

mod common;

use common::*;

#[test]
fn a_star_masked_name_is_never_read_with_its_neighbours() {
    let text = "外业由赵*林、钱*波二人完成，其中钱*波系负责人的外甥。";
    let o = out(text);
    assert!(o.contains("由赵某某、钱某某二人完成"), "{o}");
    let text = "南街居民孙*梅反映噪声扰民。";
    let o = out(text);
    assert!(o.contains("孙某某反映"), "{o}");
}

#[test]
fn a_road_named_after_a_person_stays() {
    let text = "受让人：吴某某，住某市新城街道邓刚山路馨园小区2号楼301室。";
    kept(text, &["邓刚山路"]);
    gone(text, &["2号楼301室"]);
}

#[test]
fn a_city_whose_name_holds_a_town_word_is_no_town_level() {
    let text = "住址：丰镇市浑源窑乡大庄村三社12号";
    kept(text, &["丰镇市浑源窑乡大庄村"]);
    gone(text, &["三社12号"]);
}

#[test]
fn the_side_of_a_road_stays_with_the_road() {
    let text = "户籍地：某市某镇人民路西侧18号院3号楼2单元201";
    kept(text, &["人民路西侧"]);
    gone(text, &["18号院3号楼2单元201"]);
}

#[test]
fn the_party_of_a_penalty_disclosure_is_named_after_its_label() {
    let text = "案件名称：龚长河违规占道经营案\n行政相对人类别：自然人\n行政相对人名称：龚长河\n违法事实：执法人员彭志刚（执法证号42098426011）现场查处，龚长河称其不知情。\n";
    gone(text, &["龚长河"]);
    kept(text, &["彭志刚"]);
    let text = "行政相对人名称：某市鑫达建材有限公司\n行政相对人类别：法人及非法人组织\n";
    kept(text, &["某市鑫达建材有限公司"]);
}

#[test]
fn a_verb_ends_a_list_of_officers() {
    let text = "执法人员邵刚（执法证号42098426011）现场查处，莫长河称其不知情。\n当事人：莫长河\n";
    gone(text, &["莫长河"]);
    kept(text, &["邵刚"]);
}

#[test]
fn the_head_of_an_enforcement_team_who_signs_stays() {
    let text = "某街道综合执法队队长宁志勇审核签发。";
    kept(text, &["宁志勇"]);
}

#[test]
fn a_name_ending_in_sheng_before_a_time_of_an_act_has_no_birth_date() {
    let text = "经查，赵永生于2026年3月在其宅基地东侧扩建仓房。";
    kept(text, &["2026年3月"]);
    let text = "出生年月：六八年三月";
    gone(text, &["六八年三月"]);
}

#[test]
fn ages_said_in_decades() {
    let text = "当事人称：“我年过七旬，腿脚不便。”";
    gone(text, &["年过七旬"]);
}

#[test]
fn rites_and_plain_health_words() {
    let text = "当事人称其请道士做了法事才动工。";
    gone(text, &["请道士做了法事"]);
    let text = "施工中工人扭伤腰部，被送往医院。";
    gone(text, &["扭伤腰部"]);
    let text = "其孙子扬尘天气后咳嗽加重，其母年迈多病。";
    gone(text, &["咳嗽加重", "年迈多病"]);
    let text = "当事人系本村五保供养对象。";
    gone(text, &["五保供养对象"]);
}

#[test]
fn a_partys_backup_phone_in_a_sentence_led_by_the_agency_is_masked() {
    let text = "本局按你在询问笔录中留存的备用电话（0371－6217 458，你姐姐家）无法送达。";
    gone(text, &["6217 458"]);
    // The agency's own line in the same shape stays.
    let text = "本局地址：某市人民路1号，联系电话：0371－6217 458。";
    kept(text, &["0371－6217 458"]);
}

#[test]
fn a_trading_firms_own_line_stays() {
    let text = "当事人电话186-2031-7765，其开办的某某水产商行电话0759-8836 271。";
    kept(text, &["0759-8836 271"]);
    gone(text, &["186-2031-7765"]);
}

#[test]
fn an_identity_number_masked_the_usual_way_in_a_table_row_is_brought_to_the_region() {
    let text = "2　　 洪某某　　　　350583********4026　　 某镇某村";
    gone(text, &["350583********4026"]);
    kept(text, &["350583"]);
}

#[test]
fn the_head_who_answers_for_a_village_committee_as_a_party_is_masked() {
    let text =
        "当事人：某镇某村村民委员会\n负责人：闵成哲（村民委员会主任），联系电话：135 0433 8126";
    gone(text, &["闵成哲"]);
    // An office holder named with the office in a note, acting in it, stays.
    let text = "双方到场后，林晓芸（某街道办事处副主任）主持调解。";
    kept(text, &["林晓芸"]);
}

#[test]
fn a_house_under_renovation_is_a_home() {
    let text = "物业公司出具的装修登记表（装修房屋：锦华学府5号楼1302室）";
    gone(text, &["5号楼1302室"]);
}
