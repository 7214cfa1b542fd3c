//! 国民经济行业分类 (GB/T 4754-2017) as a tree: 门类 (a letter) → 大类 (2 digits) →
//! 中类 (3) → 小类 (4). Compiled in from `demo-data/gbt4754-2017.csv`
//! (`code,parent,name`; its SOURCE.md says where the list comes from).

use std::collections::HashMap;
use std::sync::OnceLock;

const CSV: &str = include_str!("../../demo-data/gbt4754-2017.csv");

pub struct Industry {
    pub code: &'static str,
    pub parent: Option<&'static str>,
    pub name: &'static str,
}

impl Industry {
    /// 1 门类, 2 大类, 3 中类, 4 小类.
    pub fn level(&self) -> usize {
        if self.code.chars().all(|c| c.is_ascii_uppercase()) {
            1
        } else {
            self.code.len()
        }
    }
}

pub struct Tree {
    pub all: Vec<Industry>,
    by_code: HashMap<&'static str, usize>,
}

/// The classification, parsed once.
pub fn tree() -> &'static Tree {
    static TREE: OnceLock<Tree> = OnceLock::new();
    TREE.get_or_init(|| {
        let all: Vec<Industry> = CSV
            .lines()
            .skip(1)
            .filter_map(|l| {
                let mut it = l.splitn(3, ',');
                let code = it.next()?.trim();
                let parent = it.next()?.trim();
                let name = it.next()?.trim();
                (!code.is_empty()).then_some(Industry {
                    code,
                    parent: (!parent.is_empty()).then_some(parent),
                    name,
                })
            })
            .collect();
        let by_code = all.iter().enumerate().map(|(i, x)| (x.code, i)).collect();
        Tree { all, by_code }
    })
}

impl Tree {
    pub fn get(&self, code: &str) -> Option<&Industry> {
        self.by_code.get(code).map(|&i| &self.all[i])
    }

    /// The code itself, then its parent, up to the 门类 (empty for an unknown code).
    pub fn ancestors_or_self(&self, code: &str) -> Vec<&'static str> {
        let mut out = Vec::new();
        let mut cur = self.get(code);
        while let Some(i) = cur {
            out.push(i.code);
            if out.len() > 4 {
                break;
            }
            cur = i.parent.and_then(|p| self.get(p));
        }
        out
    }

    /// `policy` covers `held` when it is `held` or one of its ancestors (a policy for
    /// 14 食品制造业 reaches a 1431 米、面制品制造 business; not the other way round).
    pub fn covers(&self, policy: &str, held: &str) -> bool {
        self.ancestors_or_self(held).contains(&policy)
    }

    /// "14 食品制造业" for display; the bare code when unknown.
    pub fn label(&self, code: &str) -> String {
        match self.get(code) {
            Some(i) => format!("{} {}", i.code, i.name),
            None => code.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_has_the_standard_shape() {
        let t = tree();
        let count = |l| t.all.iter().filter(|i| i.level() == l).count();
        assert_eq!(count(1), 20);
        assert_eq!(count(2), 97);
        assert_eq!(count(4), 1380);
        // Every parent exists and sits one level up.
        for i in &t.all {
            if let Some(p) = i.parent {
                let p = t.get(p).expect("parent listed");
                assert_eq!(p.level() + 1, i.level(), "{}", i.code);
            } else {
                assert_eq!(i.level(), 1, "{}", i.code);
            }
        }
    }

    #[test]
    fn ancestry_is_hierarchical() {
        let t = tree();
        assert_eq!(t.ancestors_or_self("1431"), vec!["1431", "143", "14", "C"]);
        assert!(t.covers("14", "1431"));
        assert!(t.covers("C", "1431"));
        assert!(t.covers("1431", "1431"));
        assert!(
            !t.covers("1431", "14"),
            "a narrower policy does not reach a broad holder"
        );
        assert!(!t.covers("13", "1431"));
        assert!(t.ancestors_or_self("ZZ").is_empty());
        assert_eq!(t.label("14"), "14 食品制造业");
    }
}
