//! Tables uploaded by staff: .xlsx (first sheet) or .csv (UTF-8, UTF-16 with BOM, or
//! GBK/GB18030 as Excel and WPS save it on Chinese systems), as rows of strings.

/// Parse CSV (RFC 4180 by the `csv` crate: quoted fields with commas, line breaks and
/// doubled quotes; CRLF or LF; a leading BOM). Rows may differ in length; rows whose
/// cells are all blank are dropped.
pub fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    reader
        .records()
        // Reading from a `&str` with flexible lengths has no I/O, UTF-8 or
        // record-length errors to report; `flatten` only unwraps the `Ok`s.
        .flatten()
        .map(|r| r.iter().map(str::to_string).collect::<Vec<_>>())
        .filter(|r| r.iter().any(|c| !c.trim().is_empty()))
        .collect()
}

/// Decode an uploaded text file: a BOM (UTF-8, UTF-16LE/BE) decides; otherwise valid
/// UTF-8 is UTF-8, and anything else is read as GB18030 (a superset of GBK, which
/// Excel and WPS use for "CSV" on Chinese Windows). A file that is none of these
/// is refused rather than decoded with replacement characters.
pub fn decode_text(bytes: &[u8]) -> Result<String, String> {
    let (encoding, bom_len) = match encoding_rs::Encoding::for_bom(bytes) {
        Some((e, n)) => (e, n),
        None if std::str::from_utf8(bytes).is_ok() => (encoding_rs::UTF_8, 0),
        None => (encoding_rs::GB18030, 0),
    };
    encoding
        .decode_without_bom_handling_and_without_replacement(&bytes[bom_len..])
        .map(|t| t.into_owned())
        .ok_or_else(|| {
            if encoding == encoding_rs::GB18030 {
                "无法识别 CSV 文件的编码：请另存为 UTF-8 或 GBK（GB18030）编码的 CSV 文件"
                    .to_string()
            } else {
                format!(
                    "CSV 文件含有无效的 {} 字符：请重新导出后再上传",
                    encoding.name()
                )
            }
        })
}

/// Read the first sheet of an .xlsx file into strings.
pub fn read_xlsx(bytes: &[u8]) -> Result<Vec<Vec<String>>, String> {
    use calamine::{Data, Reader, Xlsx};
    let mut wb = Xlsx::new(std::io::Cursor::new(bytes))
        .map_err(|_| "文件不是有效的 Excel（.xlsx）文件".to_string())?;
    let range = wb
        .worksheet_range_at(0)
        .ok_or("Excel 文件中没有工作表")?
        .map_err(|_| "无法读取第一个工作表".to_string())?;
    Ok(range
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Data::DateTime(d) => d
                        .as_datetime()
                        .map(|t| t.date().to_string())
                        .unwrap_or_default(),
                    Data::Float(f) if f.fract() == 0.0 => format!("{}", *f as i64),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect())
}

/// Read an uploaded table by its file name: `.csv` as CSV in any encoding
/// [`decode_text`] accepts, anything else as .xlsx.
pub async fn read_upload(file_name: &str, bytes: bytes::Bytes) -> Result<Vec<Vec<String>>, String> {
    if file_name.to_lowercase().ends_with(".csv") {
        Ok(parse_csv(&decode_text(&bytes)?))
    } else {
        tokio::task::spawn_blocking(move || read_xlsx(&bytes))
            .await
            .map_err(|_| "读取文件失败".to_string())?
    }
}

/// Column positions by header name, refusing a table that lacks one of the first
/// `required` names.
pub fn required_columns<'a>(
    header: &[String],
    names: &[&'a str],
    required: usize,
) -> Result<std::collections::BTreeMap<&'a str, usize>, String> {
    let col = columns(header, names);
    let missing: Vec<&str> = names[..required.min(names.len())]
        .iter()
        .filter(|c| !col.contains_key(*c))
        .copied()
        .collect();
    if missing.is_empty() {
        Ok(col)
    } else {
        Err(format!("缺少列：{}", missing.join("、")))
    }
}

/// Column positions by key, the header naming each column by its label (`fields`:
/// key, label); refused with the label of the first `required` key without a column.
pub fn labelled_columns<'a>(
    header: &[String],
    fields: &[(&'a str, &'a str)],
    required: &[&'a str],
) -> Result<std::collections::BTreeMap<&'a str, usize>, &'a str> {
    let col: std::collections::BTreeMap<&str, usize> = fields
        .iter()
        .filter_map(|(k, label)| {
            header
                .iter()
                .position(|h| h.trim() == *label)
                .map(|i| (*k, i))
        })
        .collect();
    match required.iter().find(|r| !col.contains_key(*r)) {
        Some(r) => Err(fields.iter().find(|(k, _)| k == r).map_or(*r, |(_, l)| *l)),
        None => Ok(col),
    }
}

/// The labels of `fields` (key, label), as a form lists the expected columns.
pub fn labels(fields: &[(&str, &str)]) -> String {
    fields
        .iter()
        .map(|(_, l)| *l)
        .collect::<Vec<_>>()
        .join("、")
}

/// The trimmed cell of `row` under column `name` (empty when absent).
pub fn cell(row: &[String], col: &std::collections::BTreeMap<&str, usize>, name: &str) -> String {
    col.get(name)
        .and_then(|i| row.get(*i))
        .map(|s| s.trim().to_string())
        .unwrap_or_default()
}

/// Column positions by header name.
pub fn columns<'a>(
    header: &[String],
    names: &[&'a str],
) -> std::collections::BTreeMap<&'a str, usize> {
    names
        .iter()
        .filter_map(|n| header.iter().position(|h| h.trim() == *n).map(|i| (*n, i)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(v: &[&[&str]]) -> Vec<Vec<String>> {
        v.iter()
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .collect()
    }

    #[test]
    fn csv_with_quotes() {
        let got = parse_csv("a,\"b,c\",\"d\"\"e\"\r\n1,2,3\n\n");
        assert_eq!(got, rows(&[&["a", "b,c", "d\"e"], &["1", "2", "3"]]));
    }

    #[test]
    fn quoted_fields_keep_commas_line_breaks_and_quotes() {
        let text = "名称,说明\r\n\"甲,乙\",\"第一行\r\n第二行\"\r\n\"他说\"\"好\"\"\",\n";
        assert_eq!(
            parse_csv(text),
            rows(&[
                &["名称", "说明"],
                &["甲,乙", "第一行\r\n第二行"],
                &["他说\"好\"", ""],
            ])
        );
    }

    #[test]
    fn rows_may_differ_in_length_and_blank_rows_are_dropped() {
        let text = "a,b,c\n1\n , ,\n\n2,3,4,5\n,,\n";
        assert_eq!(
            parse_csv(text),
            rows(&[&["a", "b", "c"], &["1"], &["2", "3", "4", "5"]])
        );
        assert!(parse_csv("").is_empty());
    }

    #[test]
    fn bom_is_dropped() {
        let text = "\u{feff}标题,日期\n通知,2024-01-02\n";
        assert_eq!(
            parse_csv(text),
            rows(&[&["标题", "日期"], &["通知", "2024-01-02"]])
        );
        let mut bytes = vec![0xEF, 0xBB, 0xBF];
        bytes.extend_from_slice("标题,日期\n".as_bytes());
        assert_eq!(decode_text(&bytes).as_deref(), Ok("标题,日期\n"));
        assert_eq!(
            parse_csv(&decode_text(&bytes).unwrap_or_default())[0][0],
            "标题"
        );
    }

    #[test]
    fn gbk_csv_round_trips() {
        let text = "案件名称,当事人,处罚决定日期\r\n\"占道经营，罚款\",张三,2024-03-01\r\n";
        let (bytes, _, unmappable) = encoding_rs::GBK.encode(text);
        assert!(!unmappable);
        assert!(std::str::from_utf8(&bytes).is_err(), "really not UTF-8");
        let decoded = decode_text(&bytes).expect("GBK decodes");
        assert_eq!(decoded, text);
        assert_eq!(
            parse_csv(&decoded),
            rows(&[
                &["案件名称", "当事人", "处罚决定日期"],
                &["占道经营，罚款", "张三", "2024-03-01"],
            ])
        );
    }

    #[test]
    fn utf16_with_bom_decodes() {
        let text = "名称,值\r\n甲,1\r\n";
        let mut le = vec![0xFF, 0xFE];
        le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode_text(&le).as_deref(), Ok(text));
        let mut be = vec![0xFE, 0xFF];
        be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(decode_text(&be).as_deref(), Ok(text));
    }

    #[test]
    fn neither_utf8_nor_gb18030_is_refused_in_chinese() {
        // 0xFF is no lead byte in GB18030, and 0x81 0x7F no valid pair.
        for bytes in [&b"name\n\xff\n"[..], &b"a,\x81\x7f\n"[..], &b"a,\x81"[..]] {
            let err = decode_text(bytes).expect_err("refused");
            assert!(err.contains("无法识别 CSV 文件的编码"), "{err}");
        }
    }

    #[tokio::test]
    async fn read_upload_decodes_gbk_csv() {
        let (bytes, _, _) = encoding_rs::GBK.encode("名称\n测试\n");
        let got = read_upload("导出.CSV", bytes::Bytes::from(bytes.into_owned()))
            .await
            .expect("read");
        assert_eq!(got, rows(&[&["名称"], &["测试"]]));
        let err = read_upload("x.csv", bytes::Bytes::from_static(b"\xff\xff"))
            .await
            .expect_err("refused");
        assert!(err.contains("GBK"), "{err}");
    }
}
