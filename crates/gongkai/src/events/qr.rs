//! The check-in QR code of a confirmation code, drawn server-side as SVG (no outside
//! service, no script): one square path per dark module, a 4-module quiet zone.

/// An SVG image of the QR code of `text`, `size` pixels wide; None when the text does
/// not fit a QR code.
pub fn svg(text: &str, size: u32) -> Option<String> {
    let code = qrcode::QrCode::new(text.as_bytes()).ok()?;
    let w = code.width();
    let colors = code.to_colors();
    let quiet = 4;
    let total = w + 2 * quiet;
    let mut path = String::new();
    for (i, c) in colors.iter().enumerate() {
        if *c == qrcode::Color::Dark {
            let (x, y) = (i % w + quiet, i / w + quiet);
            path.push_str(&format!("M{x} {y}h1v1h-1z"));
        }
    }
    Some(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"签到二维码\" width=\"{size}\" height=\"{size}\" viewBox=\"0 0 {total} {total}\" shape-rendering=\"crispEdges\"><rect width=\"{total}\" height=\"{total}\" fill=\"#fff\"/><path fill=\"#000\" d=\"{path}\"/></svg>"
    ))
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_code_gives_a_square_svg_with_dark_modules() {
        let s = super::svg("ABCDEFGH23", 200).expect("svg");
        assert!(s.starts_with("<svg") && s.ends_with("</svg>"));
        // Version 1 (21 modules) plus the quiet zone.
        assert!(s.contains("viewBox=\"0 0 29 29\""), "{s}");
        assert!(s.matches('z').count() > 100);
    }
}
