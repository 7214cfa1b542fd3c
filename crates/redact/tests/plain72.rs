//! One invented sentence per general mechanism added in round 72 (names that are also
//! words, where a person stands; the development misses pooled over every set). None of
//! the sentences is taken from an evaluation set.

mod common;

use common::*;

#[test]
fn a_name_that_is_a_word_where_a_person_stands_goes() {
    gone("钥匙放在门卫室，找不到就去问江涛。", &["江涛"]);
    gone("这事让海鹰去跟，他和店老板熟。", &["海鹰"]);
    gone("经调解，由黎华一次性赔偿修车费800元。", &["黎华"]);
    gone("今天上午高原和金星一起来窗口交了罚款。", &["高原", "金星"]);
    gone("会后和顺说要再核一遍数字。", &["和顺"]);
}

#[test]
fn the_same_words_outside_a_slot_stay() {
    kept("早晚高峰期间车流量大，请绕行。", &["高峰"]);
    kept("文书交给了公司，由其法定代表人签收。", &["公司", "由其"]);
    kept("问：和姐说过吗？答：说过。", &["和姐"]);
    kept("依法由其本人出具书面声明。", &["由其"]);
}
