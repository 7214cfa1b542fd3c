//! A name that is the whole value of a field (当事人：符永和，男; 申请人：陈同      性别):
//! after a role label and its colon, the value runs to the field's end — a comma, 、, a
//! bracket, a colon of the next label, a wide gap or the line's end. When the value is a
//! surname and one or two characters, all of it is the name, even where the last
//! character is also a common word (和, 与, 及, 在, 经, 平, 同 …) that ends a name in
//! running text.

use crate::names::surname_of;
use crate::patterns::han;

/// Characters no given name holds: places and bodies, pronouns, and words that end a
/// list (等) or a phrase (的).
const NOT_GIVEN: &str =
    "第区市县省镇乡村路街巷弄号室楼院幢局处委办队厅城管司店厂其之她他它您你我某等的们男女";

/// The name that is the whole value of a field, `rest` being the text right after the
/// label's colon (leading spaces taken off).
pub(crate) fn field_name(rest: &str) -> Option<String> {
    let value = rest
        .split(|c: char| "，,、（(\n\r\t；;。：:）)".contains(c) || c.is_whitespace())
        .next()?;
    let surname = surname_of(value)?;
    let given = &value[surname.len()..];
    let g = given.chars().count();
    ((1..=2).contains(&g)
        && given.chars().all(|c| han(c) && !NOT_GIVEN.contains(c))
        && !crate::names::stop_word_at(given)
        && !crate::cues::cue_inside(value))
    .then(|| value.to_string())
}
