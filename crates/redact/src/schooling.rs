//! A child's school year told by the examination ahead (孙子今年中考, 孩子明年高考):
//! the 中考 and 高考 are sat at fifteen and eighteen, so the words give the child's
//! age and grade — a minor's details.

use crate::{Finder, Kind};

fn exam_re() -> &'static regex::Regex {
    static R: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    R.get_or_init(|| {
        regex::Regex::new(
            r"(?:孩子|孙子|孙女|儿子|女儿|外孙|外孙女)?(?:今年|明年|马上|正在准备|准备)(?:要)?(?:参加)?(?:中考|高考|小升初)",
        )
        .expect("constant pattern")
    })
}

impl Finder<'_> {
    /// 孙子今年中考: a minor's coming examination.
    pub(super) fn coming_exams(&mut self) {
        for m in exam_re().find_iter(self.text) {
            self.push(
                Kind::Minor,
                m.start(),
                m.end(),
                "***".into(),
                "未成年人即将参加的升学考试可推知其年龄和年级，属敏感个人信息（个人信息保护法第二十八条），隐去",
            );
        }
    }
}
