//! One invented sentence per class of personal data added for the second blind set
//! (crates/redact/eval2): none of them is taken from that set.

use redact::{Kind, Options, redact};

fn masked(text: &str) -> redact::Redacted {
    redact(text, &Options::default())
}

fn has_kind(r: &redact::Redacted, k: Kind) -> bool {
    r.maskings.iter().any(|m| m.kind == k)
}

#[test]
fn ethnicity_is_masked_but_not_in_place_names() {
    let r = masked("当事人：王小军，男，民族：满族，住宁夏回族自治区银川市。");
    assert!(!r.text.contains("满族"), "{}", r.text);
    assert!(r.text.contains("宁夏回族自治区"), "{}", r.text);
    assert!(has_kind(&r, Kind::Ethnicity));
    let r = masked("刘某（土家族，1980年出生）");
    assert!(!r.text.contains("土家族"), "{}", r.text);
}

#[test]
fn ids_split_by_spaces_are_masked() {
    // 11010519491231002X is the GB 11643 example number.
    for t in [
        "身份证号110105 19491231 002X。",
        "身份证号 1101 0519 4912 3100 2X，",
    ] {
        let r = masked(t);
        assert!(!r.text.contains("19491231"), "{}", r.text);
        assert!(!r.text.contains("4912"), "{}", r.text);
        assert!(has_kind(&r, Kind::IdCard));
    }
}

#[test]
fn ids_masked_at_the_source_in_another_form_lose_their_tail() {
    let r = masked("当事人：赵某某，身份证号码110***********002X，住北京市。");
    assert!(!r.text.contains("002X"), "{}", r.text);
    // The form that shows the last four is brought to the region alone; the form this
    // crate publishes stays as it is.
    let r = masked("身份证号码110105********002X。");
    assert!(r.text.contains("110105************"), "{}", r.text);
    assert!(!r.text.contains("002X"), "{}", r.text);
    let r = masked("身份证号码110105************。");
    assert!(r.text.contains("110105************"), "{}", r.text);
}

#[test]
fn persons_the_officers_deal_with_are_not_officers() {
    let r =
        masked("受送达人：孙悦\n被询问人：钱多多　性别：女\n送达人：周平（执法证号：31000000001）");
    assert!(!r.text.contains("孙悦"), "{}", r.text);
    assert!(!r.text.contains("钱多多"), "{}", r.text);
    assert!(r.text.contains("周平"), "{}", r.text);
}

#[test]
fn a_name_after_a_cue_may_run_into_a_verb() {
    let r = masked("当事人称其丈夫吴建明患有高血压，其兄吴建军见证。");
    assert!(!r.text.contains("吴建明"), "{}", r.text);
    assert!(!r.text.contains("吴建军"), "{}", r.text);
}

#[test]
fn names_outside_the_surname_list_after_a_role_with_particulars() {
    let r = masked("当事人：阿依古丽·买买提　性别：女\n其余内容。");
    assert!(!r.text.contains("阿依古丽"), "{}", r.text);
    let r = masked("额尔敦（蒙古族，1970年5月出生）：\n经查，你在某地违法建设。");
    assert!(!r.text.contains("额尔敦"), "{}", r.text);
}

#[test]
fn homes_named_by_the_noun_after_them() {
    let r = masked("经查，你在南京市鼓楼区宁海路街道北京西路12号3幢501室住所内开设诊所。");
    assert!(!r.text.contains("12号3幢501室"), "{}", r.text);
    assert!(r.text.contains("宁海路街道"), "{}", r.text);
    let r = masked("收件人：邓小燕\n收件地址：成都市武侯区浆洗街街道洗面桥街8号2栋");
    assert!(!r.text.contains("8号2栋"), "{}", r.text);
}

#[test]
fn document_numbers_and_the_agencys_closing_phone_stay() {
    let text = "文号：京朝卫罚〔2024〕第12号\n当事人：黄浩，男。\n如不服，可在六十日内申请行政复议。\n联系电话：010-65001234\n北京市朝阳区卫生健康委员会";
    let r = masked(text);
    assert!(r.text.contains("京朝卫罚〔2024〕第12号"), "{}", r.text);
    assert!(r.text.contains("010-65001234"), "{}", r.text);
    assert!(!r.text.contains("黄浩"), "{}", r.text);
    let r = masked("决定书（沪市监徐处〔2024〕032024000123号）");
    assert!(r.text.contains("032024000123"), "{}", r.text);
}

#[test]
fn permits_social_ids_foreign_phones_plates_and_records() {
    let r = masked(
        "证件：港澳居民来往内地通行证，号码H01234567；微信（号码abc_12345）；手机+853 6612 3456；车辆粤B·AD1234；门诊病历号MZ2023000111。",
    );
    for s in [
        "H01234567",
        "abc_12345",
        "6612 3456",
        "AD1234",
        "MZ2023000111",
    ] {
        assert!(!r.text.contains(s), "{s}: {}", r.text);
    }
}

#[test]
fn cancers_and_what_a_quack_claims_to_cure_are_health() {
    let r = masked("其父去年查出胃癌。你声称可治疗颈椎病。");
    assert!(!r.text.contains("胃癌"), "{}", r.text);
    assert!(!r.text.contains("颈椎病"), "{}", r.text);
}

#[test]
fn a_long_name_next_to_a_known_one_and_an_answer_naming_someone() {
    let r = masked("证人王海、巴音其其格等称，当事人在此经营。");
    assert!(!r.text.contains("巴音其其格"), "{}", r.text);
    let r = masked("问：现场负责人是谁？\n答：是蒋文涛，他今天不在。");
    assert!(!r.text.contains("蒋文涛"), "{}", r.text);
}
