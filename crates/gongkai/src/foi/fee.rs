//! The information-processing fee of 国办函〔2020〕109号 《政府信息公开信息处理费管理办法》:
//! two methods, one per application, both charged by marginal bands.

/// 按件计收: the fee (元) for an applicant's `nth` application in a calendar month.
/// 1–10 free; 11–30 100 元 each; above 30, each further band of 10 costs 100 元
/// more per application (31–40: 200, 41–50: 300, …).
pub fn by_count(nth: u32) -> i64 {
    match nth {
        0..=10 => 0,
        11..=30 => 100,
        n => 100 + 100 * i64::from((n - 30).div_ceil(10)),
    }
}

/// 按量计收: the fee (元) for one application of `pages` pages (A4 or equivalent).
/// Up to 30 free; the part of 31–100 at 10 元/page, 101–200 at 20 元/page, above 200
/// at 40 元/page.
pub fn by_pages(pages: u32) -> i64 {
    let p = i64::from(pages);
    let band = |lo: i64, hi: i64, rate: i64| (p.min(hi) - lo).max(0) * rate;
    band(30, 100, 10) + band(100, 200, 20) + band(200, i64::MAX, 40)
}

/// The arithmetic of both methods in words, for the case page and the notice.
pub fn explain_count(nth: u32) -> String {
    format!(
        "按件计收：本自然月第{nth}件申请，{}",
        match by_count(nth) {
            0 => "10件以内不收费".to_string(),
            f => format!("收费{f}元"),
        }
    )
}

pub fn explain_pages(pages: u32) -> String {
    let f = by_pages(pages);
    if f == 0 {
        return format!("按量计收：{pages}页，30页以内不收费");
    }
    let mut parts = Vec::new();
    let p = i64::from(pages);
    if p > 30 {
        parts.push(format!("31–{}页 {}页×10元", p.min(100), p.min(100) - 30));
    }
    if p > 100 {
        parts.push(format!("101–{}页 {}页×20元", p.min(200), p.min(200) - 100));
    }
    if p > 200 {
        parts.push(format!("201–{p}页 {}页×40元", p - 200));
    }
    format!("按量计收：{pages}页，{}，合计{f}元", parts.join("＋"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn count_bands() {
        assert_eq!(by_count(1), 0);
        assert_eq!(by_count(10), 0);
        assert_eq!(by_count(11), 100);
        assert_eq!(by_count(30), 100);
        assert_eq!(by_count(31), 200);
        assert_eq!(by_count(40), 200);
        assert_eq!(by_count(41), 300);
        assert_eq!(by_count(55), 400);
    }

    #[test]
    fn page_bands_are_marginal() {
        assert_eq!(by_pages(30), 0);
        assert_eq!(by_pages(31), 10);
        assert_eq!(by_pages(100), 700);
        assert_eq!(by_pages(101), 720);
        assert_eq!(by_pages(200), 2700);
        assert_eq!(by_pages(201), 2740);
        assert_eq!(
            explain_pages(150),
            "按量计收：150页，31–100页 70页×10元＋101–150页 50页×20元，合计1700元"
        );
    }

    proptest! {
        #[test]
        fn fees_never_decrease(n in 0u32..10_000) {
            prop_assert!(by_pages(n + 1) >= by_pages(n));
            prop_assert!(by_count(n + 1) >= by_count(n));
        }
    }
}
