//! One invented sentence per rule added on the thirteenth blind set's dev half
//! (crates/redact/eval13, issue 16). None of the sentences is taken from an
//! evaluation set.

mod common;

use common::*;

#[test]
fn an_offence_field_ends_at_a_comma() {
    let text = "社区矫正对象登记：罪名：诈骗罪，报到日期2025年6月3日。";
    gone(text, &["诈骗罪"]);
    kept(text, &["2025年6月3日"]);
}
