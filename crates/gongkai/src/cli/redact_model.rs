//! `gongkai redact-model`: 去标识化's names model (LAC 2.1.2).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Subcommand;

use crate::config::Settings;

#[derive(Subcommand)]
pub enum RedactModelCommand {
    /// Install the pinned names model (LAC 2.1.2's lac_model, packed as lac-2.1.2.bin, both
    /// SHA-256s checked) beside storage.model_path: downloaded with pip, or from an archive here.
    Fetch {
        /// A downloaded LAC-2.1.2.tar.gz to install from instead of downloading.
        #[arg(long)]
        archive: Option<PathBuf>,
    },
}

pub(super) fn redact_model_command(
    settings: &Settings,
    cmd: RedactModelCommand,
) -> anyhow::Result<ExitCode> {
    match cmd {
        RedactModelCommand::Fetch { archive } => {
            let dest = settings.names_model_path();
            if dest.exists() && lac::fetch::verify_model(&dest).is_ok() {
                println!("人名模型已安装且校验通过：{}", dest.display());
                return Ok(ExitCode::SUCCESS);
            }
            crate::names_model::fetch(&dest, archive.as_deref())?;
            println!(
                "人名模型已安装：{}（SHA-256 {}）",
                dest.display(),
                lac::fetch::MODEL_SHA256
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}
