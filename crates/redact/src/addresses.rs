//! Home addresses: what follows an address word is masked below street level.

use crate::patterns::address_re;
use crate::{Finder, Kind};

/// Road-level words in an address: what follows them is below street level.
/// Bodies named in an address slot: these are not homes.
const BODIES: &[&str] = &[
    "办事处", "居委会", "居民委员会", "村委会", "村民委员会", "人民政府", "派出所", "管理委员会",
    "执法局", "执法大队", "执法中队",
];

const ROAD_WORDS: &[&str] = &["大道", "胡同", "路", "街", "巷", "道"];

impl Finder<'_> {
    pub(super) fn addresses(&mut self) {
        for c in address_re().captures_iter(self.text) {
            let Some(m) = c.get(1) else { continue };
            let addr = m.as_str();
            let trigger = c.get(0).map(|w| &self.text[w.start()..m.start()]).unwrap_or("");
            // 住 alone: not 住所 (an organisation's seat), 住宿, 住院, 住房, 住户.
            if trigger.starts_with('住')
                && !trigger.starts_with("住址")
                && addr.chars().next().is_some_and(|c| "所宿院房户宅".contains(c))
            {
                continue;
            }
            // A body, not a home: 街道办事处, 居委会, 村委会 …
            if BODIES.iter().any(|b| addr.contains(b)) {
                continue;
            }
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
            let mut cut = cut;
            // 南京东路街道: the 街道 (a sub-district) is part of the place name.
            if addr[..cut].ends_with('街') && addr[cut..].starts_with('道') {
                cut += '道'.len_utf8();
            }
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
