//! Text analysis: folding, jieba segmentation with the domain words, the synonym
//! dictionary and the typo lexicon derived from it, function words, typo correction.

use std::collections::BTreeMap;

use tantivy::tokenizer::{
    LowerCaser, RemoveLongFilter, TextAnalyzer, Token, TokenStream, Tokenizer,
};

/// The synonym and abbreviation dictionary (`data/synonyms.txt`): a query containing a
/// key also searches for its value.
pub fn default_synonyms() -> BTreeMap<String, String> {
    // The file is part of the crate and checked by a test: it always parses.
    parse_synonyms(include_str!("../data/synonyms.txt")).unwrap_or_default()
}

/// The longest key and expansion of a synonym line, in characters.
pub const SYNONYM_KEY_MAX: usize = 20;
pub const SYNONYM_VALUE_MAX: usize = 40;

/// Parse a synonym list: one `词=扩展为` per line (`＝` also), blank lines and `#`
/// comments skipped; an empty right side is kept (it switches a built-in entry off).
/// The error names the line, in Chinese.
pub fn parse_synonyms(text: &str) -> Result<BTreeMap<String, String>, String> {
    let mut map = BTreeMap::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((k, v)) = line.split_once(['=', '＝']) else {
            return Err(format!("第{}行应写成“词=扩展为”", i + 1));
        };
        let (k, v) = (k.trim(), v.trim());
        if k.is_empty()
            || k.chars().count() > SYNONYM_KEY_MAX
            || v.chars().count() > SYNONYM_VALUE_MAX
        {
            return Err(format!(
                "第{}行：词不能为空，长度不超过{SYNONYM_KEY_MAX}字，扩展不超过{SYNONYM_VALUE_MAX}字",
                i + 1
            ));
        }
        map.insert(k.to_string(), v.to_string());
    }
    Ok(map)
}

/// Fold full-width ASCII to half-width, ideographic spaces to spaces, 繁体 to 简体
/// (the OpenCC-derived tables of fast2s: 佔道經營 → 占道经营, 行政復議 → 行政复议), and
/// ASCII letters to lower case.
pub fn normalize(s: &str) -> String {
    let half: String = s
        .chars()
        .map(|c| match c as u32 {
            0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            0x3000 => ' ',
            _ => c.to_ascii_lowercase(),
        })
        .map(|c| c.to_ascii_lowercase())
        .collect();
    if half.is_ascii() {
        half
    } else {
        fast2s::convert(&half)
    }
}

pub use cnwords::DOMAIN_WORDS;
pub(crate) use cnwords::jieba;

/// Jieba's search-mode words as tantivy tokens (position = the word's first
/// character). Holds no dictionary of its own: tantivy clones a tokenizer per field
/// and indexing thread, and a tokenizer owning a `Jieba` (as `tantivy_jieba`'s does)
/// copied the 30 MB dictionary each time.
#[derive(Clone, Copy, Default)]
pub(crate) struct Words;

pub(crate) struct WordStream<'a> {
    text: &'a str,
    words: Vec<jieba_rs::Token<'a>>,
    next: usize,
    token: Token,
}

impl Tokenizer for Words {
    type TokenStream<'a> = WordStream<'a>;

    fn token_stream<'a>(&mut self, text: &'a str) -> WordStream<'a> {
        WordStream {
            text,
            words: jieba().tokenize(text, jieba_rs::TokenizeMode::Search, true),
            next: 0,
            token: Token::default(),
        }
    }
}

impl TokenStream for WordStream<'_> {
    fn advance(&mut self) -> bool {
        let Some(w) = self.words.get(self.next) else {
            return false;
        };
        // `w.word` is a slice of `text`: its byte offset is the distance between them.
        self.token.offset_from = w.word.as_ptr() as usize - self.text.as_ptr() as usize;
        self.token.offset_to = self.token.offset_from + w.word.len();
        self.token.position = w.start;
        self.token.position_length = w.end - w.start;
        self.token.text.clear();
        self.token.text.push_str(w.word);
        self.next += 1;
        true
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

pub(crate) fn analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(Words)
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .build()
}

/// The synonym dictionary and the lexicon typos are corrected to (derived from it).
pub(crate) struct Synonyms {
    pub(crate) map: BTreeMap<String, String>,
    /// The domain words and the dictionary's words of three characters or more.
    pub(crate) lexicon: Vec<String>,
}

impl Synonyms {
    pub(crate) fn new(map: BTreeMap<String, String>) -> Synonyms {
        let mut lexicon: Vec<String> = DOMAIN_WORDS.iter().map(|w| w.to_string()).collect();
        for (k, v) in &map {
            lexicon.push(k.clone());
            lexicon.extend(v.split_whitespace().map(str::to_string));
        }
        lexicon.retain(|w| w.chars().count() >= 3);
        lexicon.sort();
        lexicon.dedup();
        Synonyms { map, lexicon }
    }
}

/// The character offsets where jieba's segmentation (default mode) puts word
/// boundaries, both ends included.
pub fn word_bounds(text: &str) -> Vec<usize> {
    let mut out = vec![0];
    let mut at = 0;
    for w in jieba().cut(text, false) {
        at += w.word.chars().count();
        out.push(at);
    }
    out
}

/// Replace each stretch of the text that differs from a lexicon word (three characters
/// or more) in exactly one character by that word, when the text does not contain the
/// word already and the stretch starts and ends on word boundaries (`bounds`, so the
/// 执法人 of 执法人员 is not taken for 执法证). Returns the corrected text and (word,
/// what was typed) per correction.
pub fn correct(
    text: &str,
    lexicon: &[String],
    bounds: &[usize],
) -> (String, Vec<(String, String)>) {
    let mut chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    for w in lexicon {
        let wc: Vec<char> = w.chars().collect();
        if wc.len() > chars.len() || text.contains(&w[..]) {
            continue;
        }
        let found = (0..=chars.len() - wc.len()).find(|&i| {
            let window = &chars[i..i + wc.len()];
            window.iter().zip(&wc).filter(|(a, b)| a != b).count() == 1
                && window.iter().all(|c| c.is_alphanumeric())
                && window[0] == wc[0]
                && bounds.contains(&i)
                && bounds.contains(&(i + wc.len()))
        });
        if let Some(i) = found {
            let typed: String = chars[i..i + wc.len()].iter().collect();
            chars.splice(i..i + wc.len(), wc.iter().copied());
            out.push((w.clone(), typed));
        }
    }
    (chars.into_iter().collect(), out)
}

/// Function words of citizen questions ("在路边摆摊会被罚款吗"), left out of queries.
pub const STOP_WORDS: &[&str] = &[
    "的",
    "了",
    "和",
    "与",
    "及",
    "或",
    "是",
    "在",
    "我",
    "你",
    "他",
    "她",
    "它",
    "我们",
    "你们",
    "他们",
    "吗",
    "呢",
    "吧",
    "啊",
    "呀",
    "么",
    "嘛",
    "怎么",
    "怎么办",
    "怎样",
    "如何",
    "什么",
    "哪些",
    "哪里",
    "哪个",
    "为什么",
    "为何",
    "可以",
    "能",
    "能否",
    "能不能",
    "会",
    "会不会",
    "被",
    "把",
    "对",
    "向",
    "从",
    "有",
    "没有",
    "要",
    "需要",
    "应该",
    "是否",
    "一个",
    "这",
    "那",
    "这个",
    "那个",
    "这样",
    "请问",
    "如果",
    "就",
    "都",
    "也",
    "还",
    "又",
    "等",
    "之",
    "其",
    "该",
    "地",
    "得",
    "着",
    "过",
    "给",
    "让",
    "去",
    "到",
    "里",
    "上",
    "下",
    "多少",
    "几",
    "谁",
    "找",
    "想",
    "问",
    "一下",
    "自己",
    "家",
    "人",
    // Question tails of citizens' questions (有人管吗, 可以吗, 咋办 …).
    "有人",
    "有没有",
    "管",
    "管吗",
    "咋",
    "咋办",
    "怎么样",
    "行不行",
    "算不算",
    "合法",
    "允许",
    "不能",
    "老是",
    "总是",
    "一直",
    "天天",
    "经常",
    "太",
    "很",
    "特别",
    "非常",
    "别人",
    "有些",
    "某些",
    "现在",
    "已经",
    "不让",
    "想要",
    "打算",
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{ids, index, q};

    #[test]
    fn the_built_in_synonym_file_parses_and_bad_lines_are_named() {
        let text = include_str!("../data/synonyms.txt");
        let map = parse_synonyms(text).expect("built-in list");
        assert!(map.len() >= 100, "{}", map.len());
        assert!(map.values().all(|v| !v.trim().is_empty()));
        assert_eq!(
            map.get("电瓶车").map(String::as_str),
            Some("电动自行车 非机动车")
        );
        assert_eq!(default_synonyms(), map);
        assert_eq!(
            parse_synonyms("# 注释\n\n违建=违法建筑\n摆摊 设摊"),
            Err("第4行应写成“词=扩展为”".to_string())
        );
        assert!(parse_synonyms(&format!("{}=x", "字".repeat(21))).is_err());
        assert_eq!(
            parse_synonyms("摆摊＝").expect("switch off").get("摆摊"),
            Some(&String::new())
        );
    }

    #[test]
    fn words_inside_longer_words_and_mixed_numbers() {
        let i = index();
        assert_eq!(ids(&i.search(&q("占道经营")).expect("s"))[0], "1");
        assert!(ids(&i.search(&q("随机抽查")).expect("s")).contains(&"2".to_string()));
        assert_eq!(
            ids(&i.search(&q("沪城管执〔2023〕47号")).expect("s"))[0],
            "1"
        );
        // Full-width digits and traditional characters fold.
        assert_eq!(ids(&i.search(&q("占道經營")).expect("s"))[0], "1");
    }

    #[test]
    fn typos_traditional_characters_and_corrections() {
        let fix = |t: &str, w: &str| correct(t, &[w.to_string()], &word_bounds(t));
        let (fixed, c) = fix("占到经营", "占道经营");
        assert_eq!(fixed, "占道经营");
        assert_eq!(c, vec![("占道经营".to_string(), "占到经营".to_string())]);
        // Nothing to correct when the word is there, two characters differ, or the
        // stretch is part of another word (执法人 in 执法人员).
        assert!(fix("占道经营行为", "占道经营").1.is_empty());
        assert!(fix("占到经管", "占道经营").1.is_empty());
        assert!(fix("执法人员检查", "执法证").1.is_empty());
        assert_eq!(
            normalize("佔道經營　違章建築ＡＢ１"),
            "占道经营 违章建筑ab1"
        );
        let i = index();
        let r = i.search(&q("占到经营")).expect("s");
        assert_eq!(ids(&r)[0], "1");
        assert_eq!(r.corrected, vec!["占道经营".to_string()]);
        assert_eq!(ids(&i.search(&q("佔道經營")).expect("s"))[0], "1");
    }
}
