//! Chinese official letters (告知书, 通知书) as `.docx` and `.pdf`, laid out after
//! GB/T 9704-2012 《党政机关公文格式》.
//!
//! The layout (all in [`layout`]): A4; margins top 37 mm, bottom 35 mm, left 28 mm,
//! right 26 mm, so the type area (版心) is 156 × 225 mm; 22 lines of 28 characters;
//! title in 2号小标宋 (22 pt), body in 3号仿宋 (16 pt); the signature is the organ's
//! name centred over the date, the date four characters in from the right, the seal
//! pressing on both (7.3.5.1).
//!
//! A [`Letter`] is a list of paragraphs; a paragraph may instead hold a [`Table`]
//! ([`Para::table`]): thin black rules, small type, cells spanning columns and rows,
//! header rows repeated on each page the table continues on. [`docx`] writes WordprocessingML with that
//! page set-up and a line/character grid, so Word and WPS lay it out themselves.
//! [`pdf`] lays the lines out here and writes them with an embedded *subset* of the
//! CJK font the caller hands in ([`Font`], e.g. Noto Serif CJK SC — this crate does
//! no I/O), through `krilla`. Without a font it falls back to the reader-supplied
//! Adobe-GB1 font `STSong-Light` (nothing embedded), see [`builtin`].

use std::sync::Arc;

pub mod builtin;
mod docx;
mod embedded;
pub mod layout;
pub mod table;
mod table_docx;
mod table_layout;

pub use docx::docx;
pub use table::{Cell, Table};

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("生成文档失败：{0}")]
    Zip(#[from] zip::result::ZipError),
    #[error("生成文档失败：{0}")]
    Io(#[from] std::io::Error),
    #[error("生成 PDF 失败：{0}")]
    Pdf(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Justified body text with a two-character first-line indent.
    Body,
    Left,
    Center,
    Right,
    /// The date of a signature: right-aligned, four characters in from the right
    /// margin (GB/T 9704 7.3.5.1 "成文日期一般右空四字编排").
    Date,
    /// The organ's name over the date: centred on the date line that follows it
    /// ("以成文日期为准居中编排发文机关署名").
    Signer,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Para {
    pub text: String,
    pub align: Align,
    /// Size in points.
    pub size: f32,
    /// The title face (小标宋) rather than the body face (仿宋).
    pub title_face: bool,
    /// A table in place of the text (see [`Para::table`]); `text`, `align`, `size`
    /// and `title_face` are then unused.
    pub table: Option<Table>,
}

impl Para {
    /// The title: 2号小标宋, centred.
    pub fn title(text: impl Into<String>) -> Para {
        Para {
            text: text.into(),
            align: Align::Center,
            size: layout::TITLE_PT,
            title_face: true,
            table: None,
        }
    }
    /// A body paragraph: 3号仿宋, justified, first line indented two characters.
    pub fn body(text: impl Into<String>) -> Para {
        Para {
            text: text.into(),
            align: Align::Body,
            size: layout::BODY_PT,
            title_face: false,
            table: None,
        }
    }
    /// A table between paragraphs: ruled, in small type, breaking across pages
    /// between rows with its header rows repeated.
    pub fn table(table: Table) -> Para {
        Para {
            size: table.size,
            table: Some(table),
            ..Para::center("")
        }
    }
    pub fn left(text: impl Into<String>) -> Para {
        Para {
            align: Align::Left,
            ..Para::body(text)
        }
    }
    pub fn right(text: impl Into<String>) -> Para {
        Para {
            align: Align::Right,
            ..Para::body(text)
        }
    }
    pub fn center(text: impl Into<String>) -> Para {
        Para {
            align: Align::Center,
            ..Para::body(text)
        }
    }
    /// An empty line of the grid.
    pub fn blank() -> Para {
        Para::left("")
    }
    /// The signature: the organ's name centred over the date, with the blank line
    /// above it that the seal's top reaches into.
    pub fn signature(organ: impl Into<String>, date: impl Into<String>) -> [Para; 3] {
        [
            Para::blank(),
            Para {
                align: Align::Signer,
                ..Para::body(organ)
            },
            Para {
                align: Align::Date,
                ..Para::body(date)
            },
        ]
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Letter {
    pub title: String,
    pub paras: Vec<Para>,
    /// Draw a faint dashed circle where the seal goes (PDF only).
    pub seal_mark: bool,
}

/// A CJK font for the PDF: the bytes of an OpenType file or collection and the face
/// in it. Cheap to clone (the bytes are shared).
#[derive(Clone)]
pub struct Font {
    data: Arc<Vec<u8>>,
    index: u32,
    upem: f32,
}

impl std::fmt::Debug for Font {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Font(face {}, {} bytes)", self.index, self.data.len())
    }
}

impl Font {
    /// The face of `data` whose family name contains `family` (e.g. "Noto Serif CJK
    /// SC" in a `.ttc` that also holds the JP, KR, TC and HK faces), or the only
    /// face of a single font when `family` is empty. `None` when no face fits or it
    /// cannot map a common Chinese character.
    pub fn from_bytes(data: Vec<u8>, family: &str) -> Option<Font> {
        use skrifa::MetadataProvider;
        use skrifa::raw::{FileRef, TableProvider};
        let count = match FileRef::new(&data).ok()? {
            FileRef::Font(_) => 1,
            FileRef::Collection(c) => c.len(),
        };
        let index = (0..count).find(|&i| {
            let Ok(f) = skrifa::FontRef::from_index(&data, i) else {
                return false;
            };
            let name = f
                .localized_strings(skrifa::string::StringId::FAMILY_NAME)
                .english_or_first()
                .map(|s| s.to_string())
                .unwrap_or_default();
            name.contains(family) && f.charmap().map('国').is_some()
        })?;
        let upem = skrifa::FontRef::from_index(&data, index)
            .ok()?
            .head()
            .ok()?
            .units_per_em() as f32;
        Some(Font {
            data: Arc::new(data),
            index,
            upem,
        })
    }

    fn face(&self) -> Option<skrifa::FontRef<'_>> {
        skrifa::FontRef::from_index(&self.data, self.index).ok()
    }

    /// Glyph id and advance (in em) of `c`; `.notdef` and one em when the face lacks it.
    pub fn glyph(&self, c: char) -> (u32, f32) {
        use skrifa::MetadataProvider;
        let Some(f) = self.face() else {
            return (0, 1.0);
        };
        let Some(gid) = f.charmap().map(c) else {
            return (0, 1.0);
        };
        let adv = f
            .glyph_metrics(
                skrifa::instance::Size::unscaled(),
                skrifa::instance::LocationRef::default(),
            )
            .advance_width(gid)
            .unwrap_or(self.upem);
        (gid.to_u32(), adv / self.upem)
    }

    pub fn index(&self) -> u32 {
        self.index
    }
}

/// The faces a PDF is written with: the body face and, if given, the title face.
#[derive(Debug, Clone)]
pub struct Fonts {
    pub body: Font,
    pub title: Option<Font>,
}

/// The letter as a PDF (A4). With `fonts`, a subset of them is embedded; without,
/// the reader's `STSong-Light` is named and nothing is embedded ([`builtin::pdf`]).
pub fn pdf(letter: &Letter, fonts: Option<&Fonts>) -> Result<Vec<u8>, Error> {
    match fonts {
        Some(f) => embedded::pdf(letter, f),
        None => Ok(builtin::pdf(letter)),
    }
}
