//! `cargo run --release -p lac --example tag -- MODEL < lines` prints each line's words
//! as `word/TAG`; `-- --install ARCHIVE DEST` installs the model file from the archive.

use std::io::BufRead;
use std::path::Path;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--install") {
        let (Some(archive), Some(dest)) = (args.get(1), args.get(2)) else {
            return Err("用法：--install 源码包 目标文件".into());
        };
        lac::fetch::install_from_archive(Path::new(archive), Path::new(dest))?;
        return Ok(());
    }
    let Some(path) = args.first() else {
        return Err("用法：tag 模型文件 < 文本".into());
    };
    let model = lac::Model::load(Path::new(path))?;
    for line in std::io::stdin().lock().lines() {
        let line = line?;
        let words: Vec<String> = model
            .analyse(&line)
            .into_iter()
            .map(|w| format!("{}/{}", &line[w.range], w.tag))
            .collect();
        println!("{}", words.join(" "));
    }
    Ok(())
}
