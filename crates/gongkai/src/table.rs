//! Tables uploaded by staff: .xlsx (first sheet) or UTF-8 .csv, as rows of strings.

/// Parse CSV (RFC 4180: quoted fields, doubled quotes, CRLF or LF).
pub fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    field.push('"');
                    chars.next();
                }
                '"' => quoted = false,
                c => field.push(c),
            }
            continue;
        }
        match c {
            '"' if field.is_empty() => quoted = true,
            ',' => row.push(std::mem::take(&mut field)),
            '\r' => {}
            '\n' => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            c => field.push(c),
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    rows.retain(|r| r.iter().any(|c| !c.trim().is_empty()));
    rows
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

/// Read an uploaded table by its file name: `.csv` as UTF-8 CSV, anything else as .xlsx.
pub async fn read_upload(file_name: &str, bytes: bytes::Bytes) -> Result<Vec<Vec<String>>, String> {
    if file_name.to_lowercase().ends_with(".csv") {
        let text =
            String::from_utf8(bytes.to_vec()).map_err(|_| "CSV 文件须为 UTF-8 编码".to_string())?;
        Ok(parse_csv(&text))
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

    #[test]
    fn csv_with_quotes() {
        let rows = parse_csv("a,\"b,c\",\"d\"\"e\"\r\n1,2,3\n\n");
        assert_eq!(rows, vec![vec!["a", "b,c", "d\"e"], vec!["1", "2", "3"]]);
    }
}
