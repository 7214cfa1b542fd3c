//! Recall and keep of `redact` on an annotated set, beside a plain regex baseline.
//!
//! ```text
//! cargo run -p redact --example eval -- [--eval DIR] [--split dev|test] [--file PATH] [--misses] [--show] [--twice] [--time N] [--grow]
//! ```
//!
//! `--twice` masks every masked text again and names each document whose second pass
//! changes something (masking must be idempotent).
//!
//! `--time N` masks every document of the split N more times and prints the time per
//! document (run it with `--release`: the masker runs on every published page).
//!
//! `--grow` joins the split's documents into one text and masks it at 1, 4 and 16 times
//! that length, printing the time per 10 000 characters at each: a masker whose cost
//! grows faster than its input shows here (a 300 000-character text took 52 s before a
//! name check stopped searching the whole text for every candidate).
//!
//! Each line of the set: `{"id","split","genre","text","mask":[{"text","kind"}],"keep":[…]}`.
//! A mask item is caught when no occurrence of its text remains in the output; a keep
//! item is kept when it still appears verbatim. The set is `DIR/<split>.jsonl`, by default
//! `crates/redact/eval` (see its `SOURCE.md`); the second and third blind sets are
//! `--eval crates/redact/eval2` and `--eval crates/redact/eval3`.
//! Tune on dev only; test is run once, at the end.

use std::collections::BTreeMap;
use std::process::ExitCode;

use redact::{Options, redact};
use regex::Regex;
use serde_json::Value;

#[derive(Default, Clone, Copy)]
struct Tally {
    hit: usize,
    all: usize,
}

impl Tally {
    fn add(&mut self, ok: bool) {
        self.all += 1;
        if ok {
            self.hit += 1;
        }
    }
    fn show(self) -> String {
        let r = if self.all == 0 {
            1.0
        } else {
            self.hit as f64 / self.all as f64
        };
        format!("{:>3}/{:<3} {r:.3}", self.hit, self.all)
    }
}

/// The baseline: 18-digit identity numbers and 11-digit mobiles, nothing else.
fn baseline(text: &str, ids: &Regex, mobiles: &Regex) -> String {
    let t = ids.replace_all(text, "******************");
    mobiles.replace_all(&t, "***********").into_owned()
}

/// A long record of `n` distinct parties, one line each (当事人王建华，男，住…号，…):
/// the size where searching one name at a time cost the square of the length.
fn parties_text(n: usize) -> String {
    const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
    const GIVEN: &str = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏辉建国志斌宇浩凯晨欣怡婷雪琳瑶佳颖俊峰波亮海燕东";
    let sur: Vec<char> = SURNAMES.chars().collect();
    let given: Vec<char> = GIVEN.chars().collect();
    // A fixed linear congruential sequence: the same text on every run.
    let mut x: u64 = 1;
    let mut next = |m: usize| {
        x = x
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (x >> 33) as usize % m
    };
    (0..n)
        .map(|i| {
            let name: String = [
                sur[next(sur.len())],
                given[next(given.len())],
                given[next(given.len())],
            ]
            .iter()
            .collect();
            format!(
                "{}. 当事人{name}，男，住某区某路{i}号，于2026年3月{}日在道路旁摆摊，经劝阻后{name}仍未改正。",
                i + 1,
                i % 28 + 1
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn item_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Object(o) => o.get("text").and_then(Value::as_str).map(str::to_string),
        _ => None,
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut split = "dev".to_string();
    let mut file = None;
    let mut dir = format!("{}/eval", env!("CARGO_MANIFEST_DIR"));
    let mut misses = false;
    let mut show = false;
    let mut twice = false;
    let mut rounds = 0usize;
    let mut grow = false;
    let mut parties = 0usize;
    let mut opts = Options::default();
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--split" => {
                i += 1;
                split = args.get(i).cloned().unwrap_or_default();
            }
            "--eval" => {
                i += 1;
                dir = args.get(i).cloned().unwrap_or_default();
            }
            "--file" => {
                i += 1;
                file = args.get(i).cloned();
            }
            "--time" => {
                i += 1;
                rounds = args.get(i).and_then(|v| v.parse().ok()).unwrap_or(0);
            }
            "--misses" => misses = true,
            "--show" => show = true,
            "--twice" => twice = true,
            "--grow" => grow = true,
            "--parties" => {
                i += 1;
                parties = args.get(i).and_then(|v| v.parse().ok()).unwrap_or(0);
            }
            "--model" => {
                i += 1;
                let Some(p) = args.get(i) else {
                    eprintln!("--model 需要模型文件");
                    return ExitCode::FAILURE;
                };
                match lac::Model::load(std::path::Path::new(p)) {
                    Ok(m) => opts.tagger = Some(std::sync::Arc::new(m)),
                    Err(e) => {
                        eprintln!("无法读取模型 {p}：{e}");
                        return ExitCode::FAILURE;
                    }
                }
            }
            other => {
                eprintln!("未知参数：{other}");
                return ExitCode::FAILURE;
            }
        }
        i += 1;
    }
    // `--parties N`: mask records of N, 2N and 4N distinct parties, beside the regex
    // masker a user might pick instead.
    if parties > 0 {
        let (Ok(ids), Ok(mobiles)) = (Regex::new(r"\d{17}[\dXx]"), Regex::new(r"1[3-9]\d{9}"))
        else {
            return ExitCode::FAILURE;
        };
        for n in [parties, parties * 2, parties * 4] {
            let text = parties_text(n);
            let chars = text.chars().count();
            let started = std::time::Instant::now();
            let masked = redact(&text, &opts).maskings.len();
            let secs = started.elapsed().as_secs_f64();
            let started = std::time::Instant::now();
            let plain = baseline(&text, &ids, &mobiles).len();
            let base = started.elapsed().as_secs_f64();
            println!(
                "parties: {n} lines, {chars} characters in {secs:.2} s ({masked} maskings); regex masker {:.1} ms ({plain} bytes out)",
                base * 1000.0
            );
        }
        return ExitCode::SUCCESS;
    }
    let path = file.unwrap_or_else(|| format!("{}/{split}.jsonl", dir.trim_end_matches('/')));
    let Ok(data) = std::fs::read_to_string(&path) else {
        eprintln!("无法读取 {path}");
        return ExitCode::FAILURE;
    };
    let (Ok(ids), Ok(mobiles)) = (Regex::new(r"\d{17}[\dXx]"), Regex::new(r"1[3-9]\d{9}")) else {
        return ExitCode::FAILURE;
    };
    let mut mask_engine: BTreeMap<String, Tally> = BTreeMap::new();
    let mut mask_base: BTreeMap<String, Tally> = BTreeMap::new();
    let (mut keep_engine, mut keep_base) = (Tally::default(), Tally::default());
    let mut docs = 0;
    let mut found_kinds: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut texts: Vec<String> = Vec::new();
    for (n, line) in data.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let doc: Value = match serde_json::from_str(line) {
            Ok(v) => v,
            Err(e) => {
                eprintln!("第 {} 行不是 JSON：{e}", n + 1);
                return ExitCode::FAILURE;
            }
        };
        if doc["split"].as_str().is_some_and(|s| s != split) {
            continue;
        }
        docs += 1;
        let id = doc["id"].as_str().unwrap_or("?");
        let text = doc["text"].as_str().unwrap_or_default();
        let r = redact(text, &opts);
        texts.push(text.to_string());
        if twice {
            let again = redact(&r.text, &opts);
            if again.text != r.text {
                for m in again
                    .maskings
                    .iter()
                    .filter(|m| m.original != m.replacement)
                {
                    println!("TWICE {id} [{}] “{}”", m.kind.key(), m.original);
                }
            }
        }
        for m in &r.maskings {
            if show {
                println!(
                    "MASK  {id} [{}] “{}” → “{}”",
                    m.kind.key(),
                    m.original,
                    m.replacement
                );
            }
            *found_kinds.entry(m.kind.key()).or_default() += 1;
        }
        let b = baseline(text, &ids, &mobiles);
        for item in doc["mask"].as_array().into_iter().flatten() {
            let Some(t) = item_text(item) else { continue };
            let kind = item["kind"].as_str().unwrap_or("?").to_string();
            let caught = !r.text.contains(&t);
            mask_engine.entry(kind.clone()).or_default().add(caught);
            mask_engine.entry("(all)".into()).or_default().add(caught);
            let bc = !b.contains(&t);
            mask_base.entry(kind.clone()).or_default().add(bc);
            mask_base.entry("(all)".into()).or_default().add(bc);
            if misses && !caught {
                println!("MISS  {id} [{kind}] “{t}”");
            }
        }
        for item in doc["keep"].as_array().into_iter().flatten() {
            let Some(t) = item_text(item) else { continue };
            let kept = r.text.contains(&t);
            keep_engine.add(kept);
            keep_base.add(b.contains(&t));
            if misses && !kept {
                println!("LOST  {id} “{t}”");
            }
        }
    }
    println!("split {split}: {docs} documents ({path})");
    println!(
        "{:<14} {:<16} {:<16}",
        "mask kind", "redact", "regex baseline"
    );
    for (k, t) in &mask_engine {
        let b = mask_base.get(k).copied().unwrap_or_default();
        println!("{k:<14} {:<16} {:<16}", t.show(), b.show());
    }
    println!(
        "{:<14} {:<16} {:<16}",
        "keep",
        keep_engine.show(),
        keep_base.show()
    );
    println!("maskings by kind (redact): {found_kinds:?}");
    if rounds > 0 && !texts.is_empty() {
        let started = std::time::Instant::now();
        let mut masked = 0usize;
        for _ in 0..rounds {
            for t in &texts {
                masked += redact(t, &opts).maskings.len();
            }
        }
        let per_doc = started.elapsed().as_secs_f64() * 1000.0 / (rounds * texts.len()) as f64;
        let chars: usize = texts.iter().map(|t| t.chars().count()).sum::<usize>() / texts.len();
        println!(
            "time: {per_doc:.3} ms per document (mean {chars} characters; {rounds} rounds of {} documents, {masked} maskings)",
            texts.len()
        );
    }
    if grow && !texts.is_empty() {
        let joined = texts.join("\n\n");
        for times in [1usize, 4, 16] {
            let big = joined.repeat(times);
            let chars = big.chars().count();
            let started = std::time::Instant::now();
            let masked = redact(&big, &opts).maskings.len();
            let secs = started.elapsed().as_secs_f64();
            println!(
                "grow: {chars} characters in {secs:.2} s, {:.1} ms per 10 000 characters ({masked} maskings)",
                secs * 1000.0 * 10_000.0 / chars as f64
            );
        }
    }
    ExitCode::SUCCESS
}
