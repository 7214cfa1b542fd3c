//! What the tests of invented sentences share: mask a text, and check that items are
//! gone from it or kept in it.

#![allow(dead_code)] // each test file uses its own part of this

use redact::{Options, Redacted, redact};

pub fn masked(text: &str) -> Redacted {
    redact(text, &Options::default())
}

pub fn out(text: &str) -> String {
    masked(text).text
}

pub fn gone(text: &str, items: &[&str]) {
    let r = masked(text);
    for i in items {
        assert!(!r.text.contains(i), "{i} left in {}", r.text);
    }
}

pub fn kept(text: &str, items: &[&str]) {
    let r = masked(text);
    for i in items {
        assert!(
            r.text.contains(i),
            "{i} lost in {} ({:?})",
            r.text,
            r.maskings
        );
    }
}
