//! Tables read out of Word files (.docx): the list in a unit's proposal letter (STT, Họ và tên, Chức
//! vụ/đơn vị, Danh hiệu/Hình thức…) becomes an [`xlsx::Table`], so that the same
//! [`Table::preview`](xlsx::Table::preview) validates it against a layout (header row found among the
//! first rows, numbering row skipped, legacy TCVN3/VNI columns converted, every row checked).
//!
//! - Each top-level table of the body is read; a table nested in a cell adds its text to that cell.
//! - A cell spanning columns (`w:gridSpan`) takes its first grid column; the next cell starts after
//!   the span, so columns line up with the header.
//! - A cell merged with the one above (`w:vMerge` without `restart`) repeats the text of the cell
//!   above: a unit's name written once for several rows belongs to each of them.
//! - Paragraphs of a cell are joined with a line break; tabs read as spaces.
//! - Row numbers are the rows of the table (1 for its first row), as a reader counts them.
//!
//! The file is checked like a workbook (size, a zip, a bounded inflated size) before it is parsed.

use crate::xlsx::{Layout, Limits, RawCell, ReadError, Table, TableRow};
use quick_xml::events::Event;
use quick_xml::Reader;
use std::io::{Cursor, Read};

fn corrupt(detail: impl ToString) -> ReadError {
    ReadError::Corrupt {
        detail: detail.to_string(),
    }
}

/// The text of `word/document.xml`, read within the limits.
fn document_xml(bytes: &[u8], limits: &Limits) -> Result<String, ReadError> {
    if bytes.is_empty() {
        return Err(ReadError::Empty);
    }
    let size = bytes.len() as u64;
    if size > limits.max_file_bytes {
        return Err(ReadError::TooLarge {
            size_mb: size.div_ceil(1024 * 1024),
            limit_mb: limits.max_file_bytes / (1024 * 1024),
        });
    }
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|_| ReadError::NotXlsx(crate::xlsx::FileKind::Unknown))?;
    let mut entry = archive
        .by_name("word/document.xml")
        .map_err(|_| ReadError::NotXlsx(crate::xlsx::FileKind::OtherZip))?;
    let mut xml = Vec::new();
    (&mut entry)
        .take(limits.max_uncompressed_bytes + 1)
        .read_to_end(&mut xml)
        .map_err(corrupt)?;
    if xml.len() as u64 > limits.max_uncompressed_bytes {
        return Err(ReadError::ZipBomb {
            reason: format!(
                "giải nén ra hơn {} MB",
                limits.max_uncompressed_bytes / (1024 * 1024)
            ),
        });
    }
    String::from_utf8(xml).map_err(corrupt)
}

fn attr(e: &quick_xml::events::BytesStart<'_>, name: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .map(|a| String::from_utf8_lossy(&a.value).into_owned())
}

/// A cell being read: its grid column, span, vertical merge and text.
struct CellState {
    span: usize,
    continues: bool,
    text: String,
}

/// Every top-level table of a Word file, in order.
pub fn read_tables(bytes: &[u8], limits: &Limits) -> Result<Vec<Table>, ReadError> {
    let xml = document_xml(bytes, limits)?;
    let mut reader = Reader::from_str(&xml);
    let mut tables: Vec<Table> = Vec::new();
    let mut depth = 0usize;
    let mut rows: Vec<TableRow> = Vec::new();
    let mut row: Vec<(usize, String, bool)> = Vec::new();
    let mut column = 0usize;
    let mut cell: Option<CellState> = None;
    let mut in_text = false;
    loop {
        let event = reader.read_event().map_err(corrupt)?;
        match event {
            Event::Start(ref e) | Event::Empty(ref e)
                if depth > 0 || e.name().as_ref() == b"w:tbl" =>
            {
                let start = matches!(event, Event::Start(_));
                match e.name().as_ref() {
                    b"w:tbl" if start => {
                        depth += 1;
                        if depth == 1 {
                            rows = Vec::new();
                        }
                    }
                    b"w:tr" if depth == 1 && start => {
                        row = Vec::new();
                        column = 0;
                    }
                    b"w:tc" if depth == 1 && start => {
                        cell = Some(CellState {
                            span: 1,
                            continues: false,
                            text: String::new(),
                        });
                    }
                    b"w:gridSpan" if depth == 1 => {
                        if let (Some(c), Some(v)) = (cell.as_mut(), attr(e, b"w:val")) {
                            c.span = v.parse().unwrap_or(1).max(1);
                        }
                    }
                    b"w:vMerge" if depth == 1 => {
                        if let Some(c) = cell.as_mut() {
                            c.continues = attr(e, b"w:val").is_none_or(|v| v == "continue");
                        }
                    }
                    b"w:t" => in_text = start,
                    b"w:tab" | b"w:br" => {
                        if let Some(c) = cell.as_mut() {
                            c.text.push(' ');
                        }
                    }
                    _ => {}
                }
            }
            Event::Text(t) if in_text => {
                if let Some(c) = cell.as_mut() {
                    c.text.push_str(&String::from_utf8_lossy(&t));
                }
            }
            // Entities come as their own events (quick-xml 0.38): &amp; &lt; … and &#…;.
            Event::GeneralRef(r) if in_text => {
                if let Some(c) = cell.as_mut() {
                    let ch = match r.resolve_char_ref().map_err(corrupt)? {
                        Some(ch) => Some(ch),
                        None => match &*r {
                            b"amp" => Some('&'),
                            b"lt" => Some('<'),
                            b"gt" => Some('>'),
                            b"quot" => Some('"'),
                            b"apos" => Some('\''),
                            _ => None,
                        },
                    };
                    c.text.extend(ch);
                }
            }
            Event::End(e) => match e.name().as_ref() {
                b"w:t" => in_text = false,
                b"w:p" => {
                    if let Some(c) = cell.as_mut() {
                        if !c.text.is_empty() && !c.text.ends_with('\n') {
                            c.text.push('\n');
                        }
                    }
                }
                b"w:tc" if depth == 1 => {
                    if let Some(c) = cell.take() {
                        row.push((column, c.text.trim().to_owned(), c.continues));
                        column += c.span;
                    }
                }
                b"w:tr" if depth == 1 => {
                    let above = rows.last();
                    let cells: Vec<(usize, RawCell)> = row
                        .drain(..)
                        .filter_map(|(col, text, continues)| {
                            let text = if continues {
                                above
                                    .and_then(|r| r.cell(col))
                                    .map(|c| c.shown())
                                    .unwrap_or_default()
                            } else {
                                text
                            };
                            (!text.trim().is_empty()).then_some((col, RawCell::Text(text)))
                        })
                        .collect();
                    let number = rows.len() as u32 + 1;
                    if rows.len() >= limits.max_rows {
                        return Err(ReadError::TooManyRows {
                            limit: limits.max_rows,
                        });
                    }
                    rows.push(TableRow {
                        row_number: number,
                        cells,
                    });
                }
                b"w:tbl" => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        let n = tables.len() + 1;
                        // Rows without cells were only kept so that row numbers count them.
                        let kept = std::mem::take(&mut rows)
                            .into_iter()
                            .filter(|r| !r.cells.is_empty())
                            .collect();
                        tables.push(Table {
                            sheet: format!("Bảng {n}"),
                            sheet_names: Vec::new(),
                            rows: kept,
                        });
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    let names: Vec<String> = tables.iter().map(|t| t.sheet.clone()).collect();
    for t in &mut tables {
        t.sheet_names = names.clone();
    }
    Ok(tables)
}

/// The table of a Word file whose header names the most columns of `layout` (the list in a
/// proposal letter, among the tables of its heading and signatures).
pub fn read_table_for(bytes: &[u8], layout: &Layout, limits: &Limits) -> Result<Table, ReadError> {
    let tables = read_tables(bytes, limits)?;
    let score = |t: &Table| {
        t.find_header(layout).map_or(0, |i| {
            let mut keys: Vec<&str> = t.rows[i]
                .cells
                .iter()
                .filter_map(|(_, v)| layout.column_for_header(&v.shown()).map(|c| c.key))
                .collect();
            keys.sort();
            keys.dedup();
            keys.len()
        })
    };
    tables
        .into_iter()
        .filter(|t| score(t) > 0)
        .max_by_key(|t| (score(t), std::cmp::Reverse(t.sheet.clone())))
        .ok_or_else(|| ReadError::HeaderNotFound {
            layout: layout.title,
            expected: layout
                .columns
                .iter()
                .filter(|c| c.required)
                .map(|c| c.header)
                .collect::<Vec<_>>()
                .join(", "),
        })
}

/// A list sent either as a workbook or as the table of a Word letter: the file is checked
/// ([`crate::xlsx::check_file_or_word`]), then an XLSX gives its first visible sheet and a DOCX its
/// table that best fits `layout` ([`read_table_for`]).
pub fn read_list(bytes: &[u8], layout: &Layout, limits: &Limits) -> Result<Table, ReadError> {
    if crate::xlsx::check_file_or_word(bytes, limits)? {
        read_table_for(bytes, layout, limits)
    } else {
        crate::xlsx::read_table(bytes, limits, None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::xlsx::NOMINATIONS;
    use std::io::Write;

    fn docx(body: &str) -> Vec<u8> {
        let mut out = Cursor::new(Vec::new());
        let mut zip = zip::ZipWriter::new(&mut out);
        let opts = zip::write::SimpleFileOptions::default();
        zip.start_file("word/document.xml", opts).unwrap();
        write!(
            zip,
            r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
        )
        .unwrap();
        zip.finish().unwrap();
        out.into_inner()
    }

    fn tc(text: &str, props: &str) -> String {
        let paragraphs: String = text
            .split('|')
            .map(|p| format!("<w:p><w:r><w:t xml:space=\"preserve\">{p}</w:t></w:r></w:p>"))
            .collect();
        format!("<w:tc><w:tcPr>{props}</w:tcPr>{paragraphs}</w:tc>")
    }

    fn tr(cells: &[String]) -> String {
        format!("<w:tr>{}</w:tr>", cells.concat())
    }

    #[test]
    fn the_list_of_a_proposal_letter_reads_as_rows_with_merged_cells() {
        let heading = format!(
            "<w:tbl>{}</w:tbl>",
            tr(&[
                tc("UBND PHƯỜNG KIM TÂN", ""),
                tc("CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", "")
            ])
        );
        let list = format!(
            "<w:tbl>{}{}{}{}{}</w:tbl>",
            tr(&[
                tc("STT", ""),
                tc("Họ và tên", ""),
                tc("Chức vụ, đơn vị công tác", "<w:gridSpan w:val=\"2\"/>"),
                tc("Danh hiệu đề nghị", ""),
                tc("Tóm tắt thành tích", ""),
            ]),
            tr(&[
                tc("(1)", ""),
                tc("(2)", ""),
                tc("(3)", "<w:gridSpan w:val=\"2\"/>"),
                tc("(4)", ""),
                tc("(5)", ""),
            ]),
            tr(&[
                tc("1", ""),
                tc("Nguyễn Thị Hoà", ""),
                tc("Kế toán", ""),
                tc("Phường Kim Tân", "<w:vMerge w:val=\"restart\"/>"),
                tc("Lao động tiên tiến", ""),
                tc("Hoàn thành xuất sắc|nhiệm vụ năm 2024", ""),
            ]),
            tr(&[
                tc("2", ""),
                tc("Trần Văn Nam", ""),
                tc("Cán bộ", ""),
                tc("", "<w:vMerge/>"),
                tc("Chiến sĩ thi đua cơ sở", ""),
                tc("", ""),
            ]),
            tr(&[tc("", "<w:gridSpan w:val=\"6\"/>")]),
        );
        let bytes = docx(&format!("<w:p/>{heading}<w:p/>{list}"));
        let tables = read_tables(&bytes, &Limits::default()).unwrap();
        assert_eq!(tables.len(), 2);
        let t = read_table_for(&bytes, &NOMINATIONS, &Limits::default()).unwrap();
        assert_eq!(t.sheet, "Bảng 2");
        let p = t.preview(&NOMINATIONS, None).unwrap();
        assert!(p.is_clean(), "{:?}", p.problems);
        assert_eq!(p.rows.len(), 2);
        assert_eq!(p.rows[0].text("full_name"), Some("Nguyễn Thị Hoà"));
        assert_eq!(p.rows[0].text("award"), Some("Lao động tiên tiến"));
        assert_eq!(
            p.rows[0].text("summary"),
            Some("Hoàn thành xuất sắc nhiệm vụ năm 2024")
        );
        // The header spans two grid columns; the position is the first, the unit (merged down
        // the rows) is read from the cell above in the second row.
        assert_eq!(p.rows[0].text("position"), Some("Kế toán"));
        assert_eq!(
            t.rows[3].cell(3).map(|c| c.shown()),
            Some("Phường Kim Tân".into())
        );
        assert_eq!(p.rows[1].row_number, 4, "rows count as the table's rows");
    }

    #[test]
    fn legacy_text_in_a_word_table_is_converted() {
        let list = format!(
            "<w:tbl>{}{}{}</w:tbl>",
            tr(&[tc("STT", ""), tc("Hä vµ tªn", ""), tc("Danh hiÖu", "")]),
            tr(&[
                tc("1", ""),
                tc("NguyÔn ThÞ Hoµ", ""),
                tc("Lao ®éng tiªn tiÕn", "")
            ]),
            tr(&[
                tc("2", ""),
                tc("TrÇn V¨n Nam", ""),
                tc("Lao ®éng tiªn tiÕn", "")
            ]),
        );
        let bytes = docx(&list);
        let t = read_table_for(&bytes, &NOMINATIONS, &Limits::default()).unwrap();
        let p = t.preview(&NOMINATIONS, None).unwrap();
        assert!(p.is_clean(), "{:?}", p.problems);
        assert_eq!(p.rows[0].text("full_name"), Some("Nguyễn Thị Hoà"));
        assert_eq!(p.rows[1].text("full_name"), Some("Trần Văn Nam"));
    }

    #[test]
    fn a_list_is_read_from_a_workbook_or_a_word_file() {
        let list = format!(
            "<w:tbl>{}{}</w:tbl>",
            tr(&[tc("STT", ""), tc("Họ và tên", ""), tc("Danh hiệu", "")]),
            tr(&[tc("1", ""), tc("Nguyễn Thị Hoà", ""), tc("Giấy khen", "")]),
        );
        let t = read_list(&docx(&list), &NOMINATIONS, &Limits::default()).unwrap();
        assert_eq!(t.sheet, "Bảng 1");
        let xlsx = crate::xlsx::ListSheet::new("Đề nghị", &["STT", "Họ và tên", "Danh hiệu"])
            .with_rows(vec![vec![
                crate::xlsx::Cell::Int(1),
                crate::xlsx::Cell::text("Nguyễn Thị Hoà"),
                crate::xlsx::Cell::text("Giấy khen"),
            ]])
            .to_xlsx()
            .unwrap();
        let t = read_list(&xlsx, &NOMINATIONS, &Limits::default()).unwrap();
        assert_eq!(t.sheet, "Đề nghị");
        assert!(matches!(
            read_list(b"%PDF-1.4 nothing", &NOMINATIONS, &Limits::default()),
            Err(ReadError::NotXlsx(crate::xlsx::FileKind::Pdf))
        ));
        // A zip that is neither.
        let mut out = Cursor::new(Vec::new());
        let mut zip = zip::ZipWriter::new(&mut out);
        zip.start_file("a.txt", zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(b"x").unwrap();
        zip.finish().unwrap();
        assert!(matches!(
            read_list(&out.into_inner(), &NOMINATIONS, &Limits::default()),
            Err(ReadError::NotXlsx(crate::xlsx::FileKind::OtherZip))
        ));
    }

    #[test]
    fn bad_word_files_are_refused_with_a_message() {
        assert_eq!(read_tables(b"", &Limits::default()), Err(ReadError::Empty));
        assert!(matches!(
            read_tables(b"not a zip", &Limits::default()),
            Err(ReadError::NotXlsx(_))
        ));
        let no_table = docx("<w:p><w:r><w:t>Kính gửi</w:t></w:r></w:p>");
        assert!(matches!(
            read_table_for(&no_table, &NOMINATIONS, &Limits::default()),
            Err(ReadError::HeaderNotFound { .. })
        ));
        let small = Limits {
            max_uncompressed_bytes: 10,
            ..Limits::default()
        };
        assert!(matches!(
            read_tables(&no_table, &small),
            Err(ReadError::ZipBomb { .. })
        ));
    }
}
