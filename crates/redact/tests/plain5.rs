//! One invented sentence per rule added after the fourth blind set's test half
//! (issue 16): spaced and Hong Kong phones, grouped cards after a card word, 15-digit
//! IDs after 十五位, village groups and estates' house numbers, lunar birth dates,
//! plain-word conditions and sentences, nicknames (叫他"…", quoted before 真名),
//! Latin names before 中文名, salutations (…先生：), names in a note after a familiar
//! form; and what must stay (credit codes, vehicles a company owns, hearing staff,
//! street officials, experts, the agency's own staff after its unit). None of the
//! sentences is taken from an evaluation set.

mod common;

use common::*;

#[test]
fn phones_spaced_digit_by_digit_and_hong_kong_numbers() {
    gone(
        "联系方式：1 5 9 2 1 3 4 7 7 0 8（本人）",
        &["1 5 9 2 1 3 4 7 7 0 8"],
    );
    gone("其香港手机852-6733 2901，已联系。", &["6733 2901"]);
    kept("案号852-2026-0031，罚款852元。", &["852-2026-0031"]);
}

#[test]
fn grouped_cards_after_a_card_word_even_with_a_bad_check_digit() {
    gone(
        "退款请打入其银行卡（建设银行6217 0011 2233 4455 667）。",
        &["6217 0011 2233 4455 667"],
    );
    kept(
        "罚款缴入代收账户1002 3344 5566 7788 990（财政专户）。",
        &["1002 3344 5566 7788 990"],
    );
    kept(
        "某建材有限公司（统一社会信用代码91310115607312345N）",
        &["91310115607312345N"],
    );
}

#[test]
fn fifteen_digit_ids_after_the_old_number_word() {
    gone(
        "身份证号：320102197602143315（原十五位号码320102760214331）",
        &["320102760214331"],
    );
}

#[test]
fn village_groups_and_estate_house_numbers() {
    gone("其暂住在青浦区华新镇凤溪村9组。", &["凤溪村9组"]);
    gone(
        "当事人在自家楼下（控江七村88号）堆放杂物。",
        &["控江七村88号"],
    );
    kept("凤溪村村委会组织村民代表会议。", &["凤溪村村委会"]);
}

#[test]
fn lunar_birth_dates_conditions_and_sentences_in_plain_words() {
    gone("被询问人：某甲，1948年（农历）正月十五生。", &["正月十五"]);
    gone("他说自己有老年痴呆，前年中过风。", &["老年痴呆", "中过风"]);
    gone("邻居说他因为盗窃判了三年，刚出来。", &["盗窃判了三年"]);
}

#[test]
fn nicknames_latin_names_salutations_and_notes() {
    gone("工友们都叫他\"大刘\"，真名刘建军。", &["大刘", "刘建军"]);
    gone(
        "摊主\"小安徽\"（真名何长林）多次占道。",
        &["小安徽", "何长林"],
    );
    gone("前台\"阿Lin\"（林慧）说不清楚。", &["阿Lin", "林慧"]);
    gone(
        "外籍人员 Anna Schmidt（中文名：施安娜）称不知情。",
        &["Anna Schmidt", "施安娜"],
    );
    gone("邵明轩先生：\n您的申请已收到。", &["邵明轩"]);
    gone(
        "来信提到的张阿婆（张桂珍，本小区居民）行动不便。",
        &["张桂珍"],
    );
    gone("宋海峰称不知道需要审批，宋海峰同意整改。", &["宋海峰"]);
}

#[test]
fn officials_experts_and_the_agency_staff_stay() {
    kept("听证员：严思远\n记录员：杭丽", &["严思远", "杭丽"]);
    kept("长寿路街道：副主任顾嘉诚", &["顾嘉诚"]);
    kept("专家：复旦大学法学院教授 翁立群", &["翁立群"]);
    kept(
        "联系人：区城管执法局法制科 俞婷，电话021-62220000。",
        &["俞婷"],
    );
    kept("记录：本局办公室 魏蓉", &["魏蓉"]);
    kept(
        "运输车沪D12345、沪D12346属上海某某运输有限公司。",
        &["沪D12345", "沪D12346"],
    );
    kept("居民代表：长白二村居民若干名到场。", &["长白二村"]);
}
