//! Bad files for the import tests, made once here and shared: the office crate's reader tests
//! (`crates/office/tests/xlsx_read.rs`) and the web import pages' tests (`/nguoi/nhap` in
//! `crates/web/tests/office_pages.rs`, `/xep-loai/nhap` in `crates/web/tests/ratings_import.rs`)
//! include this file with `#[path]`. Each generator returns the file's bytes; what the reader must
//! answer is the tests' business.

#![allow(dead_code)]

use rust_xlsxwriter::{Format, Workbook};
use std::io::{Cursor, Write};
use zip::write::SimpleFileOptions;

/// A zip with these entries (name, content), deflated.
pub fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, content) in entries {
        writer.start_file(*name, options).unwrap();
        writer.write_all(content).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

/// A zip bomb dressed as a workbook: a sheet of 50 MiB of zeros, well under 1 MiB compressed.
pub fn zip_bomb() -> Vec<u8> {
    let zeros = vec![0u8; 50 * 1024 * 1024];
    zip_of(&[
        ("xl/workbook.xml", b"<workbook/>"),
        ("xl/worksheets/sheet1.xml", &zeros),
    ])
}

/// An OLE compound file: its signature, then its directory with these stream names (UTF-16).
pub fn ole(streams: &[&str]) -> Vec<u8> {
    let mut bytes = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    bytes.resize(512, 0);
    for name in streams {
        let mut entry: Vec<u8> = name.encode_utf16().flat_map(u16::to_le_bytes).collect();
        entry.resize(128, 0);
        bytes.extend(entry);
    }
    bytes
}

/// A workbook saved with a password: Excel writes it as an OLE file holding the encrypted package.
pub fn encrypted_workbook() -> Vec<u8> {
    ole(&["Root Entry", "EncryptionInfo", "EncryptedPackage"])
}

/// A Word document (a zip holding `word/document.xml`), e.g. named `.xlsx` by mistake.
pub fn docx() -> Vec<u8> {
    zip_of(&[
        ("[Content_Types].xml", b"<Types/>"),
        ("word/document.xml", b"<w:document/>"),
    ])
}

/// A PDF, e.g. named `.xlsx` by mistake.
pub fn pdf() -> Vec<u8> {
    b"%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n".to_vec()
}

/// A good file cut in half: the zip's central directory is gone.
pub fn truncated(good: &[u8]) -> Vec<u8> {
    good[..good.len() / 2].to_vec()
}

/// A sheet with a header, one real row, and then a million rows formatted (a yellow fill, and a
/// formatted empty cell every tenth row), as when a user formats whole rows and columns: the
/// sheet's dimensions then claim a million rows that hold nothing.
pub fn million_styled_rows(header: &[&str], row: &[&str]) -> Vec<u8> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let yellow = Format::new().set_background_color(rust_xlsxwriter::Color::Yellow);
    for (c, h) in header.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for (c, v) in row.iter().enumerate() {
        match v.parse::<f64>() {
            Ok(n) => sheet.write_number(1, c as u16, n).map(|_| ()),
            Err(_) => sheet.write_string(1, c as u16, *v).map(|_| ()),
        }
        .unwrap();
    }
    for r in 2..1_000_000u32 {
        sheet.set_row_format(r, &yellow).unwrap();
    }
    for r in (2..1_000_000u32).step_by(10) {
        sheet.write_blank(r, 1, &yellow).unwrap();
    }
    book.save_to_buffer().unwrap()
}
