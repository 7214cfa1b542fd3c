//! `gongkai bench push`: the matching rule of 政策精准推送 over many generated
//! subscriptions (one 小微 浦东 食品制造 policy), as the publish job runs it in memory.

use std::time::Instant;

use crate::push::industry::tree;
use crate::push::model::{Applicability, District, Profile, Scale, Subject, matches};

/// Match one policy against `count` generated subscriptions, `rounds` times; print
/// how many matched and the time per round (median and worst).
pub fn push(count: usize, rounds: usize) {
    let codes: Vec<&str> = tree().all.iter().map(|i| i.code).collect();
    let subs: Vec<Profile> = (0..count)
        .map(|i| Profile {
            industries: vec![codes[(i * 7919) % codes.len()].to_string()],
            district: District::ALL[i % District::ALL.len()],
            scale: Scale::ALL[(i / 3) % Scale::ALL.len()],
            subject: Subject::ALL[(i / 7) % Subject::ALL.len()],
            themes: vec![],
        })
        .collect();
    let policy = Applicability::from_rows([
        ("industry", "14"),
        ("district", "310115"),
        ("scale", "small"),
        ("scale", "micro"),
        ("theme", "food_production"),
    ]);
    let mut times = Vec::new();
    let mut matched = 0;
    for _ in 0..rounds.max(1) {
        let t = Instant::now();
        matched = subs
            .iter()
            .filter(|p| matches(&policy, true, p).is_some())
            .count();
        times.push(t.elapsed());
    }
    times.sort();
    println!(
        "gongkai bench push — 订阅 {count} 个，政策 1 件（小微、浦东、食品制造 14），{} 轮",
        times.len()
    );
    println!(
        "匹配 {matched} 个；每轮中位 {:.2} ms，最慢 {:.2} ms",
        times[times.len() / 2].as_secs_f64() * 1000.0,
        times[times.len() - 1].as_secs_f64() * 1000.0
    );
}
