//! One jieba dictionary per process.
//!
//! jieba's general dictionary takes about 30 MB once loaded (a hash trie of 349 000
//! words and their records). Search segments with it and the masking engine tags
//! parts of speech with it; each used to load its own copy. [`jieba`] is the one
//! copy, with the [`DOMAIN_WORDS`] added. Adding them left every masking figure of
//! the evaluation sets unchanged (`crates/redact/eval*`, both halves of the spent sets).

use std::sync::OnceLock;

pub use jieba_rs::Jieba;

/// Words of government and city-management text that jieba's general dictionary
/// splits too finely; added so that they are found as words (and, in search mode,
/// still by their parts).
pub const DOMAIN_WORDS: &[&str] = &[
    "占道经营",
    "占道",
    "设摊",
    "设摊经营",
    "双随机",
    "一公开",
    "随机抽查",
    "非法小广告",
    "小广告",
    "违法建筑",
    "违法搭建",
    "违建",
    "城市管理",
    "城管",
    "综合执法",
    "执法证",
    "户外广告",
    "建筑垃圾",
    "渣土",
    "市容环境",
    "夜间施工",
    "施工噪声",
    "政府信息公开",
    "依申请公开",
    "主动公开",
    "行政处罚",
    "责令整改",
    "责令改正",
    "统一社会信用代码",
    "规范性文件",
    "政策解读",
    "信息公开",
    "年度报告",
    "沿街商户",
    "门前三包",
    "共享单车",
    "群租",
    "油烟",
    "噪声扰民",
    "行政复议",
    "行政诉讼",
    "陈述申辩",
    "没收违法所得",
    "政府信息",
    "限期改正",
    "限期拆除",
    "夜间施工",
    "垃圾分类",
    "占用道路",
];

/// The process's jieba: the general dictionary with the [`DOMAIN_WORDS`], loaded on
/// first use.
pub fn jieba() -> &'static Jieba {
    static J: OnceLock<Jieba> = OnceLock::new();
    J.get_or_init(|| {
        let mut j = Jieba::new();
        for w in DOMAIN_WORDS {
            j.add_word(w, Some(20_000), None);
        }
        j
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn domain_words_are_words() {
        let words: Vec<&str> = jieba()
            .cut("当事人占道经营，责令改正", false)
            .iter()
            .map(|t| t.word)
            .collect();
        assert!(words.contains(&"占道经营"), "{words:?}");
        assert!(words.contains(&"责令改正"), "{words:?}");
        // The general dictionary is there too.
        assert!(jieba().has_word("人民"));
        assert!(std::ptr::eq(jieba(), jieba()), "one copy");
    }
}
