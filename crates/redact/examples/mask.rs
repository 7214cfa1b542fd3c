//! Masks standard input and prints each masking (kind, original, reason), then the
//! masked text: `echo 文本 | cargo run -p redact --example mask`.

use std::io::Read;

use redact::{Options, redact};

fn main() -> std::io::Result<()> {
    let mut text = String::new();
    std::io::stdin().read_to_string(&mut text)?;
    let mut opts = Options::default();
    // `mask MODEL` reads names with LAC's model too.
    if let Some(p) = std::env::args().nth(1) {
        let m = lac::Model::load(std::path::Path::new(&p)).map_err(std::io::Error::other)?;
        opts.tagger = Some(std::sync::Arc::new(m));
    }
    let out = redact(&text, &opts);
    for m in &out.maskings {
        println!("{:<12} {:<24} {}", m.kind.key(), m.original, m.reason);
    }
    println!("{}", out.text);
    Ok(())
}
