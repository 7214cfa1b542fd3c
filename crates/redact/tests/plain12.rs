//! One invented sentence per rule added in the second round on the tenth blind set's
//! dev half (crates/redact/eval10, issue 16), and the inputs the property tests once
//! failed on. None of the sentences is taken from an evaluation set.

mod common;

use common::*;

/// Masking twice changes nothing, and the citation, the code and the 文号 stay.
fn stable(text: &str, keep: &[&str]) {
    let once = out(text);
    assert_eq!(out(&once), once, "masking twice changed {once}");
    for k in keep {
        assert!(once.contains(k), "{k} lost in {once}");
    }
}

#[test]
fn a_name_inside_an_address_with_a_road_after_it_masks_the_same_twice() {
    // The input proptest found (citations_codes_and_numbers_stay): 区电 is taken for a
    // name inside 住区0区电系路; masked, 区某某 must not end the address early.
    for filler in [
        "区0区月女路",
        "住区0区电系路",
        "区  和区和",
        "住0号和年女区",
    ] {
        for name in [
            "赵丽",
            "王明",
            "欧七",
            "马二",
            "王一华",
            "赵明",
            "王五",
            "王强",
        ] {
            let text = format!(
                "沪城管执罚字〔2015〕第1号\n当事人：{name}，{filler}统一社会信用代码：91310101MA1FP8XK3W，违反《上海市市容环境卫生管理条例》第二十一条的规定。{name}{filler}称沪城管执罚字〔2015〕第1号。"
            );
            stable(
                &text,
                &[
                    "沪城管执罚字〔2015〕第1号",
                    "91310101MA1FP8XK3W",
                    "《上海市市容环境卫生管理条例》第二十一条",
                ],
            );
        }
    }
}

#[test]
fn named_conditions_across_body_systems_are_masked() {
    gone(
        "当事人称其父亲患有房颤，母亲有甲亢和白癜风，儿子面瘫刚好，自己有腰肌劳损。",
        &["房颤", "甲亢", "白癜风", "面瘫", "腰肌劳损"],
    );
    gone(
        "据其邻居讲，当事人的外孙女脑性瘫痪，老伴视网膜脱落后一直在家。",
        &["脑性瘫痪", "视网膜脱落"],
    );
}

#[test]
fn a_sense_or_a_limb_that_fails_is_masked() {
    gone(
        "他母亲两只耳朵早就听不清了，父亲左腿也跛了，舅舅脑子经常糊涂。",
        &["听不清", "跛了", "糊涂"],
    );
}

#[test]
fn an_organ_operated_on_and_an_illness_coming_back_are_masked() {
    gone(
        "当事人称其妻子去年子宫做过手术，本人断药后病情加重，上月又犯病住了院。",
        &["子宫做过手术", "断药后病情加重", "犯病"],
    );
}

#[test]
fn a_condition_after_huan_is_masked_and_huan_in_words_stays() {
    gone("当事人之女患渐冻人症，需人照料。", &["渐冻人症"]);
    kept(
        "该处存在安全隐患，整改后消除隐患。患者服务中心位于人民路。",
        &["安全隐患", "消除隐患", "患者服务中心"],
    );
}

#[test]
fn a_specialist_hospital_where_a_person_is_treated_is_masked_everywhere() {
    let text = "经查，当事人长期在宁波市康宁医院住院治疗。宁波市康宁医院于2026年3月2日出具证明。";
    let r = out(text);
    assert!(!r.contains("康宁医院"), "{r}");
    gone(
        "其丈夫正在浙江省肿瘤医院化疗，家中无人照看。",
        &["浙江省肿瘤医院"],
    );
}

#[test]
fn health_words_in_laws_agencies_landmarks_and_firms_stay() {
    kept(
        "当事人在市肿瘤医院东门外摆摊，违反了《中华人民共和国传染病防治法》和《精神卫生法》。",
        &[
            "市肿瘤医院东门",
            "《中华人民共和国传染病防治法》",
            "《精神卫生法》",
        ],
    );
    kept(
        "执法人员会同区疾病预防控制中心、区残疾人联合会及杭州康复医疗器械有限公司进行检查，新冠肺炎疫情防控期间暂停营业。",
        &[
            "区疾病预防控制中心",
            "区残疾人联合会",
            "杭州康复医疗器械有限公司",
            "新冠肺炎疫情防控",
        ],
    );
    kept("当事人在儿童医院站公交站台旁张贴小广告。", &["儿童医院站"]);
}

#[test]
fn a_condition_s_sequel_goes_with_it() {
    let text = "来信人称自己有脑震荡后遗症，走路不稳。";
    let once = out(text);
    assert!(!once.contains("后遗症"), "{once}");
    assert_eq!(out(&once), once);
}

#[test]
fn lao_or_xiao_and_a_named_person_s_surname_is_that_person() {
    gone(
        "当事人：卓文涛，男。邻居称“老卓心脏不好，不能生气”，保洁的小卓说没看见。",
        &["老卓", "小卓"],
    );
    gone(
        "现场负责人淡明远签字确认。工人称这事要问淡经理。",
        &["淡经理"],
    );
    // A shop's sign on the nickname, and words of 小/老 (大小, 小高层), stay.
    kept(
        "当事人：高志强，男。其经营的“老高烤鱼”位于小高层住宅楼下，大小门头均未审批。",
        &["“老高烤鱼”", "小高层", "大小门头"],
    );
}

#[test]
fn a_name_padded_unevenly_is_masked_whole() {
    gone(
        "当事人：甄  晓 航            性别：女\n施工由其子甄  立 国联系，工人蒋  云 飞、",
        &["航", "甄  立 国", "国联系", "飞、"],
    );
}

#[test]
fn the_long_first_part_of_a_dotted_name_alone_is_masked() {
    gone(
        "当事人：阿卜杜克热木·艾合买提，男。据邻居介绍，阿卜杜克热木腰椎不好，常在店门口休息。",
        &["阿卜杜克热木"],
    );
}

#[test]
fn a_full_name_after_a_relative_before_a_health_statement_is_masked() {
    gone(
        "当事人陈述：其妻郗晓燕刚生完孩子，其夫蔺春燕患腰椎病，故自行清运。",
        &["郗晓燕", "蔺春燕"],
    );
}

#[test]
fn digits_after_letters_are_a_receipt_number_not_a_card() {
    kept(
        "当事人已缴清罚款，缴款凭证号：ZJ330106260512008818。",
        &["ZJ330106260512008818"],
    );
}
