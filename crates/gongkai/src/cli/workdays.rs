//! `gongkai workdays`: the working-day calendar.

use std::process::ExitCode;

use super::WorkdaysCommand;

/// `gongkai workdays import|show|add`.
pub(super) async fn workdays(db: &crate::db::Db, cmd: WorkdaysCommand) -> anyhow::Result<ExitCode> {
    match cmd {
        WorkdaysCommand::Import { file } => {
            let text = match std::fs::read_to_string(&file) {
                Ok(t) => t,
                Err(e) => {
                    eprintln!("错误：无法读取 {}：{e}", file.display());
                    return Ok(ExitCode::FAILURE);
                }
            };
            match crate::workdays::service::save(db, &text, &crate::audit::Actor::cli()).await {
                Ok(years) => {
                    let list: Vec<String> = years.iter().map(i32::to_string).collect();
                    println!(
                        "已录入 {} 年的节假日安排（运行中的服务在 5 分钟内生效）。",
                        list.join("、")
                    );
                    Ok(ExitCode::SUCCESS)
                }
                Err(errors) => {
                    eprintln!("未录入，请修改：");
                    for e in errors {
                        eprintln!("  - {e}");
                    }
                    Ok(ExitCode::FAILURE)
                }
            }
        }
        WorkdaysCommand::Show { year } => {
            let cal = crate::workdays::load(db).await?;
            match (cal.schedule(year), cal.year_days(year)) {
                (Some(s), Ok(days)) => {
                    print!("{}", s.to_text());
                    println!(
                        "# {}年共 {} 个工作日",
                        year,
                        days.iter().filter(|d| d.is_workday()).count()
                    );
                    Ok(ExitCode::SUCCESS)
                }
                _ => {
                    eprintln!("{}", workday::Error::NoData { year });
                    Ok(ExitCode::FAILURE)
                }
            }
        }
        WorkdaysCommand::Add { from, days } => {
            let Ok(from) = chrono::NaiveDate::parse_from_str(&from, "%Y-%m-%d") else {
                eprintln!("错误：起算日格式应为 YYYY-MM-DD");
                return Ok(ExitCode::FAILURE);
            };
            let cal = crate::workdays::load(db).await?;
            match cal.add_workdays_excluding(from, days, |_| None) {
                Ok(c) => {
                    println!("{}（{}）", c.date, workday::weekday_cn(c.date));
                    for s in c.skipped {
                        println!("  不计入 {} {}", s.date, s.reason);
                    }
                    Ok(ExitCode::SUCCESS)
                }
                Err(e) => {
                    eprintln!("{e}");
                    Ok(ExitCode::FAILURE)
                }
            }
        }
    }
}
