//! Home addresses: what follows an address word is masked below street level.

use crate::patterns::address_re;
use crate::{Finder, Kind};

/// Road-level words in an address: what follows them is below street level.
const ROAD_WORDS: &[&str] = &["大道", "胡同", "路", "街", "巷", "道"];

impl Finder<'_> {
    pub(super) fn addresses(&mut self) {
        for c in address_re().captures_iter(self.text) {
            let Some(m) = c.get(1) else { continue };
            let addr = m.as_str();
            // Keep up to the end of the first road word; without one, up to 区/县/镇/乡.
            let cut = ROAD_WORDS
                .iter()
                .filter_map(|w| addr.find(w).map(|i| i + w.len()))
                .min()
                .or_else(|| {
                    ["区", "县", "镇", "乡"]
                        .iter()
                        .filter_map(|w| addr.find(w).map(|i| i + w.len()))
                        .max()
                });
            let Some(cut) = cut else { continue };
            let tail = addr[cut..].trim_end();
            if tail.is_empty() || tail.chars().all(|c| c == '*') {
                continue;
            }
            let s = m.start() + cut;
            let e = s + tail.len();
            self.push(
                Kind::Address,
                s,
                e,
                "***".into(),
                "自然人住址，隐去街道（路）以下的门牌信息",
            );
        }
    }
}
