//! One invented sentence per general mechanism added in round 37 on the spent test
//! half of eval29. None of the sentences is taken from an evaluation set.

mod common;

use common::*;

#[test]
fn a_village_cadre_questioned_is_a_private_person() {
    let text = "本局先后对当事人、东岗村村委会主任邢志强、村民柏玉兰进行询问。";
    gone(text, &["邢志强"]);
}

#[test]
fn names_listed_before_a_word_for_the_group() {
    let text = "当天在场的还有白云、海燕两人，均看见了拆除经过。";
    gone(text, &["白云", "海燕"]);
    let text = "近日，巴图、萨仁夫妇主动拆除了自家门前的棚子。";
    gone(text, &["巴图", "萨仁"]);
    // Words for persons listed so stay.
    kept("由父母、子女等人共同承担。", &["父母、子女"]);
}

#[test]
fn a_compound_surname_and_one_given_letter() {
    let text = "会上，欧阳丽华、上官敏提出把疏导点搬到停车场。";
    gone(text, &["上官敏"]);
}

#[test]
fn a_short_tibetan_name_before_a_verb_of_telling() {
    gone("据拉姆反映，楼下烧烤摊每天营业到凌晨。", &["拉姆"]);
}

#[test]
fn nicknames_said_to_be_so_or_with_the_name_soon_after() {
    gone("答：“秤砣”是外号，真名叫冯德安。", &["秤砣"]);
    gone(
        "市民反映：“卖菜那个‘大个子’，听说叫桂金山，天天占道。”",
        &["大个子"],
    );
}

#[test]
fn injuries_and_frailty_told_plainly() {
    gone("被打的是我干妈，现在还在医院缝针。", &["在医院缝针"]);
    gone("他今年六十一了，腿脚不太好。", &["腿脚不太好"]);
}

#[test]
fn a_grandchild_named_after_sunwa() {
    gone("@李嬢嬢 你家孙娃李子轩的自行车又挡楼道了。", &["李子轩"]);
}

#[test]
fn a_licence_file_number_on_its_line_and_an_id_tail_in_words() {
    gone(
        "驾驶证号：513227********2817　准驾车型：C1　档案编号：513200998877",
        &["513200998877"],
    );
    gone("当事人只记得自己身份证尾号是零六一三。", &["零六一三"]);
}
