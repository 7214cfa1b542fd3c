//! One invented sentence per general mechanism added in round 64 (the development half
//! of eval44). None of the sentences is taken from an evaluation set.

mod common;

use common::*;

#[test]
fn a_name_jieba_cuts_short_after_a_kin_word_keeps_its_third_letter() {
    let o = out("货物由其儿子周子恒运至仓库。");
    assert!(!o.contains("恒"), "{o}");
}

#[test]
fn a_leftover_measure_is_no_name() {
    kept("围墙尚余约3米未拆除。", &["尚余约3米"]);
}

#[test]
fn a_starred_name_signing_for_another_keeps_the_verb() {
    let o = out("签收人：吴*（其妻代签）；其子吴*代签。");
    assert!(o.contains("代签") && !o.contains("吴*"), "{o}");
}

#[test]
fn a_letter_off_the_surname_list_among_starred_names() {
    gone("证人王*、李*芳、者*分别作了陈述。", &["者*"]);
}

#[test]
fn a_full_name_after_a_kin_word_before_a_verb_of_helping() {
    gone("由其女儿邝思雨帮其签名。", &["邝思雨"]);
}
