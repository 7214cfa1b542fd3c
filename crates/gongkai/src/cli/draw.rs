//! `gongkai draw`: 双随机 draws with commit–reveal.

use std::process::ExitCode;

use super::DrawCommand;

/// A JSON file, or a message naming the file and what it should have been.
fn read_json<T: serde::de::DeserializeOwned>(
    path: &std::path::Path,
    what: &str,
) -> Result<T, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("无法读取{what} {}：{e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{what} {} 格式不正确：{e}", path.display()))
}

/// `gongkai draw commit|reveal|verify`.
pub(super) fn draw_command(cmd: DrawCommand) -> anyhow::Result<ExitCode> {
    let fail = |m: String| {
        eprintln!("错误：{m}");
        Ok(ExitCode::FAILURE)
    };
    match cmd {
        DrawCommand::Commit {
            input: path,
            seed_out,
            beacon,
        } => {
            let mut input: draw::Input = match read_json(&path, "抽取名单") {
                Ok(i) => i,
                Err(m) => return fail(m),
            };
            if let Some(b) = beacon {
                input.params.beacon = Some(b);
            }
            let mut seed = [0u8; 32];
            rand::Rng::fill(&mut rand::rng(), &mut seed);
            if seed_out.exists() {
                return fail(format!("{} 已存在，不覆盖已有的种子", seed_out.display()));
            }
            std::fs::write(&seed_out, hex::encode(seed))?;
            if input.params.beacon.is_some() {
                std::fs::write(&path, serde_json::to_string_pretty(&input)?)?;
                println!(
                    "beacon: {}",
                    input.params.beacon.as_deref().unwrap_or_default()
                );
            }
            println!("input_hash: {}", input.hash_hex());
            println!("commitment: {}", draw::commitment(&seed));
            eprintln!(
                "请先公布以上两个值；种子已写入 {}，抽取前务必保密。",
                seed_out.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        DrawCommand::Reveal {
            input,
            seed,
            out,
            beacon_value,
        } => {
            let input: draw::Input = match read_json(&input, "抽取名单") {
                Ok(i) => i,
                Err(m) => return fail(m),
            };
            let seed = match std::fs::read_to_string(&seed).map(|s| draw::parse_seed(&s)) {
                Ok(Ok(s)) => s,
                Ok(Err(e)) => return fail(e.to_string()),
                Err(e) => return fail(format!("无法读取种子文件：{e}")),
            };
            match draw::record_with_beacon(input, &seed, beacon_value.as_deref()) {
                Ok(rec) => {
                    std::fs::write(&out, serde_json::to_string_pretty(&rec)?)?;
                    println!(
                        "抽取完成：{} 个检查对象，结果哈希 {}",
                        rec.result.len(),
                        rec.result_hash
                    );
                    Ok(ExitCode::SUCCESS)
                }
                Err(e) => fail(e.to_string()),
            }
        }
        DrawCommand::Verify { record } => {
            let rec: draw::sortition::AnyRecord = match read_json(&record, "抽取记录") {
                Ok(r) => r,
                Err(m) => return fail(m),
            };
            match rec.verify() {
                Ok(()) => {
                    println!(
                        "验证通过：种子与承诺值相符，名单与哈希相符，重新抽取结果与公布结果一致（{} 个{}）。",
                        rec.selected(),
                        if matches!(rec, draw::sortition::AnyRecord::Draw(_)) {
                            "检查对象"
                        } else {
                            "中选"
                        }
                    );
                    Ok(ExitCode::SUCCESS)
                }
                Err(e) => {
                    println!("验证失败：{e}");
                    Ok(ExitCode::FAILURE)
                }
            }
        }
    }
}
