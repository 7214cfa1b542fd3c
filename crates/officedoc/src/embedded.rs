//! The PDF with an embedded subset of the caller's CJK font, written by `krilla`
//! (which subsets the font to the glyphs used and writes the ToUnicode map, so the
//! text can be searched and copied).

use krilla::Document;
use krilla::geom::{PathBuilder, Point};
use krilla::page::PageSettings;
use krilla::paint::{Stroke, StrokeDash};
use krilla::text::{GlyphId, KrillaGlyph};

use crate::layout::{self, Line};
use crate::{Error, Font, Fonts, Letter};

fn krilla_font(f: &Font) -> Result<krilla::text::Font, Error> {
    let data: krilla::Data = f.data.clone().into();
    krilla::text::Font::new(data, f.index).ok_or_else(|| Error::Pdf("字体文件无法读取".into()))
}

fn glyphs(line: &Line, font: &Font) -> Vec<KrillaGlyph> {
    let mut out = Vec::with_capacity(line.advances.len());
    for ((start, c), adv) in line.text.char_indices().zip(&line.advances) {
        let (gid, _) = font.glyph(c);
        out.push(KrillaGlyph::new(
            GlyphId::new(gid),
            adv / line.size,
            0.0,
            0.0,
            0.0,
            start..start + c.len_utf8(),
            None,
        ));
    }
    out
}

/// A circle as four cubic Béziers.
fn circle(cx: f32, cy: f32, r: f32) -> Option<krilla::geom::Path> {
    const K: f32 = 0.552_284_8;
    let mut pb = PathBuilder::new();
    pb.move_to(cx + r, cy);
    pb.cubic_to(cx + r, cy + K * r, cx + K * r, cy + r, cx, cy + r);
    pb.cubic_to(cx - K * r, cy + r, cx - r, cy + K * r, cx - r, cy);
    pb.cubic_to(cx - r, cy - K * r, cx - K * r, cy - r, cx, cy - r);
    pb.cubic_to(cx + K * r, cy - r, cx + r, cy - K * r, cx + r, cy);
    pb.close();
    pb.finish()
}

pub fn pdf(letter: &Letter, fonts: &Fonts) -> Result<Vec<u8>, Error> {
    let title = fonts.title.as_ref().unwrap_or(&fonts.body);
    let em = |c: char, title_face: bool| {
        if title_face {
            title.glyph(c).1
        } else {
            fonts.body.glyph(c).1
        }
    };
    let laid = layout::lay_out(letter, &em);
    let (kbody, ktitle) = (krilla_font(&fonts.body)?, krilla_font(title)?);
    let mut doc = Document::new();
    doc.set_metadata(
        krilla::metadata::Metadata::new()
            .title(letter.title.clone())
            .producer("gongkai".into()),
    );
    let settings = PageSettings::from_wh(layout::page_w(), layout::page_h())
        .ok_or_else(|| Error::Pdf("页面尺寸无效".into()))?;
    for pg in 0..laid.pages {
        let mut page = doc.start_page_with(settings.clone());
        let mut surface = page.surface();
        for l in laid.lines.iter().filter(|l| l.page == pg) {
            let (font, kfont) = if l.title_face {
                (title, &ktitle)
            } else {
                (&fonts.body, &kbody)
            };
            surface.draw_glyphs(
                Point::from_xy(l.x, l.baseline),
                &glyphs(l, font),
                kfont.clone(),
                &l.text,
                l.size,
                false,
            );
        }
        let mut pb = PathBuilder::new();
        let mut any = false;
        for r in laid.rules.iter().filter(|r| r.page == pg) {
            pb.move_to(r.x1, r.y1);
            pb.line_to(r.x2, r.y2);
            any = true;
        }
        if let Some(path) = pb.finish().filter(|_| any) {
            surface.set_fill(None);
            surface.set_stroke(Some(Stroke {
                paint: krilla::color::rgb::Color::new(0, 0, 0).into(),
                width: layout::RULE_PT,
                ..Stroke::default()
            }));
            surface.draw_path(&path);
        }
        if letter.seal_mark {
            for &(_, cx, cy) in laid.seals.iter().filter(|s| s.0 == pg) {
                if let Some(path) = circle(cx, cy, layout::pt(layout::SEAL_MM) / 2.0) {
                    surface.set_fill(None);
                    surface.set_stroke(Some(Stroke {
                        paint: krilla::color::rgb::Color::new(200, 120, 120).into(),
                        width: 0.6,
                        dash: Some(StrokeDash {
                            array: vec![3.0, 3.0],
                            offset: 0.0,
                        }),
                        ..Stroke::default()
                    }));
                    surface.draw_path(&path);
                }
            }
        }
        surface.finish();
        page.finish();
    }
    doc.finish().map_err(|e| Error::Pdf(format!("{e:?}")))
}
