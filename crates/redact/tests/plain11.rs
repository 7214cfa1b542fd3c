//! One invented sentence per rule added while tuning on the tenth blind set's dev half
//! (crates/redact/eval10, issue 16). None of the sentences is taken from an
//! evaluation set.

mod common;

use common::*;

#[test]
fn a_name_before_a_verb_and_a_firm_is_no_firm() {
    gone(
        "据其母亲称，装修系其表弟\n向  伟联系装饰公司承接。向伟系其表弟。",
        &["向  伟", "向伟"],
    );
}

#[test]
fn a_dotted_name_whose_particulars_wrap_to_the_next_line() {
    let text =
        "当事人：努尔艾力·吐逊江\n        （男，身份证号：略），\n经查，努尔艾力在店外摆放货架。";
    gone(text, &["努尔艾力·吐逊江", "努尔艾力在"]);
}

#[test]
fn three_characters_padded_evenly_are_masked_whole() {
    let r = out("当事人：仉  书  勤          性别：男\n经查，当事人在楼道堆放杂物。");
    assert!(!r.contains('书') && !r.contains('勤'), "{r}");
}

#[test]
fn a_given_name_alone_after_the_full_name() {
    // After 叫, even when the given name is also a word.
    gone(
        "保安称：“开车的那个人叫国庆，常来。”经查，邢国庆于当晚驾车倾倒渣土。",
        &["叫国庆", "邢国庆"],
    );
    // A given name the dictionary does not know, opening a quoted clause; the
    // surname outside the list.
    gone(
        "当事人：仉  书  勤\n其妹证实，“书勤发病时谁也拦不住”。",
        &["书勤发病"],
    );
}

#[test]
fn names_spaced_letter_by_letter_in_running_text() {
    gone(
        "据查，其丈夫 宋 志 豪 出差在外，由当事人一人经营。",
        &["宋 志 豪", "志 豪"],
    );
    gone("其次子吴 涛 在外地读书。", &["吴 涛"]);
    gone("当时当事人邹 磊及其同事在场。", &["邹 磊"]);
    gone("戚 国 栋家住本街道。", &["戚 国 栋"]);
    // A known name spelled with other spaces elsewhere in the document.
    gone(
        "经营者：项 明 辉\n经查，项明辉于当日在店外摆放货架。",
        &["项 明 辉", "项明辉"],
    );
    // Text spaced letter by letter, a heading and a plate after a vehicle stay.
    kept(
        "被检查车辆：自卸货车 吉B·5K3M2（所有人：某某公司）",
        &["吉B·5K3M2"],
    );
    kept(
        "地点：岳 麓 区 望 城 坡 街 道。\n申 请 书",
        &["岳 麓 区 望 城 坡", "申 请 书"],
    );
}

#[test]
fn a_given_name_alone_opening_a_quotation() {
    gone(
        "当事人：蔺  凤  霞\n邻居均证实，“凤霞发病时谁都拦不住”。",
        &["凤霞发病"],
    );
    // A quoted shop sign built on the given name stays.
    kept(
        "当事人：蔺凤霞，女，系“凤霞米线店”经营者。",
        &["“凤霞米线店”"],
    );
}

#[test]
fn a_home_wrapped_under_its_row_label_is_masked() {
    let text = "│姓名      │ 祁  国庆                    │\n│住址      │某区某某街道长乐路9号        │\n│          │锦绣家园3栋                  │\n│          │2单元1402室                  │\n├──────────┼─────────────────────────────┤\n│联系电话  │ 0571-8888 1234              │";
    gone(text, &["3栋", "2单元1402室"]);
    kept(text, &["长乐路", "联系电话"]);
}

#[test]
fn a_home_wrapped_over_short_lines_is_masked() {
    gone(
        "    你（住某区安居街道长青南街\n    丰和苑小区8号楼\n    2单元302室）于2025年5月在楼顶搭建棚屋。",
        &["2单元302室"],
    );
    gone(
        "投诉人 葛某（住光明路，即金桂小区\n7栋\n3门201）称油烟扰民。",
        &["3门201"],
    );
    gone(
        "户籍：某省某县青石镇白杨村委下坪村\n      5队17号\n联系电话：略",
        &["5队17号"],
    );
}

#[test]
fn a_house_number_referred_back_to_is_masked() {
    let text = "当事人：侯某某，住某区某街道柳巷\n          58号，身份证号略。\n经查，当事人在自家院内（即上述58号）搭建棚屋；同一院落58号-3的租户称不知情。";
    gone(text, &["58号"]);
    kept(text, &["柳巷"]);
}

#[test]
fn a_landmark_before_the_road_of_the_home_stays() {
    let text = "现住：某市某区某某街道\n  天府大道100号会展中心附近 桂溪路8号\n  3栋1单元201\n联系电话：略";
    gone(text, &["3栋1单元201"]);
    kept(text, &["天府大道100号会展中心"]);
}

#[test]
fn numbers_broken_over_two_lines_are_masked() {
    // 320584198805123012 and 440306197501011233 carry valid check characters.
    gone(
        "身份证号：3205841988051230\n          12（复印件换行）",
        &["19880512", "1230\n          12"],
    );
    gone(
        "租户 某某 （男，身份证号4403061975\n01011233）。",
        &["4403061975\n01011233", "0101"],
    );
    gone(
        "3 | 某某 | 自然人 | 3205841988\n    ****3012 | 某罚〔2026〕第1号",
        &["3205841988"],
    );
    gone(
        "（联系人：其夫某某，电话139\n    0571 2268） | 自然人",
        &["0571 2268"],
    );
    // A document number and an amount on two lines stay two numbers.
    kept("罚款人民币5000\n元。", &["5000"]);
}

#[test]
fn ids_cut_short_or_shown_only_in_part_of_the_region() {
    let text = "序号 | 名称 | 证件号码 | 文号\n1 | 某某 | 32058419** | 某罚〔2026〕第2号";
    gone(text, &["32058419**"]);
    kept(text, &["某罚〔2026〕第2号"]);
    gone(
        "身份证号：3205**************（已隐去）",
        &["3205**************"],
    );
    // Without an identity word, a masked phone stays a phone's business.
    kept("联系电话：138****5678", &["联系电话"]);
}

#[test]
fn a_school_before_its_grade_and_a_birth_year_ending_a_field() {
    gone(
        "其孙子陶某（2013年生，城关镇第二小学五年级）患哮喘。",
        &["城关镇第二小学", "五年级"],
    );
    gone(
        "经营者：某某    性别：男    1972年生\n身份证号：略",
        &["1972年生"],
    );
}
