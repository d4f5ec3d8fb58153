//! What may be attached (tệp đính kèm): file types told by their first bytes, not by their names, and
//! a size limit. Shared by every feature that takes files (evidence of reports, scans of documents,
//! pictures of propaganda).

use crate::validation::Invalid;

/// The largest attachment accepted unless configured otherwise: 20 MB.
pub const DEFAULT_MAX_BYTES: usize = 20 * 1024 * 1024;

/// The size limit of an Excel import, in MB, as the administrator sets it (`/quan-tri/cai-dat`):
/// a whole number from 1 to the upload ceiling ([`DEFAULT_MAX_BYTES`], 20 MB), since a page
/// cannot receive a larger file anyway.
pub fn import_max_mb(typed: &str) -> Result<u64, Invalid> {
    let ceiling = (DEFAULT_MAX_BYTES / (1024 * 1024)) as u64;
    match typed.trim().parse::<u64>() {
        Ok(mb) if (1..=ceiling).contains(&mb) => Ok(mb),
        _ => Err(Invalid::field(
            "import_max_mb",
            format!("Giới hạn dung lượng tệp nhập phải là số nguyên từ 1 đến {ceiling} (MB)"),
        )),
    }
}

/// A kind of file thidua accepts, with the content type it is served as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Pdf,
    Png,
    Jpeg,
    /// DOCX, XLSX, ODT, ODS (all zip containers).
    OfficeZip,
    /// DOC, XLS (OLE compound files).
    OfficeLegacy,
    Text,
}

impl FileKind {
    pub fn content_type(self, file_name: &str) -> &'static str {
        let ext = extension(file_name);
        match self {
            FileKind::Pdf => "application/pdf",
            FileKind::Png => "image/png",
            FileKind::Jpeg => "image/jpeg",
            FileKind::OfficeZip => match ext.as_str() {
                "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "odt" => "application/vnd.oasis.opendocument.text",
                "ods" => "application/vnd.oasis.opendocument.spreadsheet",
                _ => "application/zip",
            },
            FileKind::OfficeLegacy => match ext.as_str() {
                "xls" => "application/vnd.ms-excel",
                _ => "application/msword",
            },
            FileKind::Text => "text/plain; charset=utf-8",
        }
    }

    fn extensions(self) -> &'static [&'static str] {
        match self {
            FileKind::Pdf => &["pdf"],
            FileKind::Png => &["png"],
            FileKind::Jpeg => &["jpg", "jpeg"],
            FileKind::OfficeZip => &["docx", "xlsx", "odt", "ods"],
            FileKind::OfficeLegacy => &["doc", "xls"],
            FileKind::Text => &["txt"],
        }
    }
}

fn extension(name: &str) -> String {
    name.rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default()
}

/// Tells a file's kind by its first bytes.
pub fn sniff(bytes: &[u8]) -> Option<FileKind> {
    if bytes.starts_with(b"%PDF-") {
        Some(FileKind::Pdf)
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(FileKind::Png)
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(FileKind::Jpeg)
    } else if bytes.starts_with(b"PK\x03\x04") {
        Some(FileKind::OfficeZip)
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        Some(FileKind::OfficeLegacy)
    } else if std::str::from_utf8(&bytes[..bytes.len().min(4096)]).is_ok()
        || std::str::from_utf8(bytes).is_ok()
    {
        Some(FileKind::Text)
    } else {
        None
    }
}

/// A file name that is safe to store and to offer back: NFC, no path, no control characters, at
/// most 200 characters.
pub fn clean_file_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or("");
    let cleaned: String = crate::text::nfc(base)
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '"' | '<' | '>' | '|' | '*' | '?' | ':'))
        .collect();
    let cleaned = cleaned.trim().trim_start_matches('.').to_owned();
    if cleaned.chars().count() > 200 {
        let ext = extension(&cleaned);
        let stem: String = cleaned.chars().take(190).collect();
        format!("{stem}.{ext}")
    } else {
        cleaned
    }
}

/// Checks an upload: not empty, not larger than `max_bytes`, of an allowed kind, and its name's
/// extension agreeing with its content. Answers the kind and the cleaned name.
pub fn check(name: &str, bytes: &[u8], max_bytes: usize) -> Result<(FileKind, String), Invalid> {
    let name = clean_file_name(name);
    if name.is_empty() {
        return Err(Invalid::field("file", "Tệp không có tên"));
    }
    if bytes.is_empty() {
        return Err(Invalid::field("file", format!("Tệp '{name}' rỗng")));
    }
    if bytes.len() > max_bytes {
        return Err(Invalid::field(
            "file",
            format!(
                "Tệp '{name}' lớn quá ({} MB); tối đa {} MB",
                bytes.len().div_ceil(1024 * 1024),
                max_bytes / (1024 * 1024)
            ),
        ));
    }
    let ext = extension(&name);
    let kind = sniff(bytes).filter(|k| k.extensions().contains(&ext.as_str()));
    match kind {
        Some(k) => Ok((k, name)),
        None => Err(Invalid::field(
            "file",
            format!(
                "Tệp '{name}' không thuộc loại được phép hoặc nội dung không khớp đuôi tệp (cho phép: PDF, DOCX, XLSX, DOC, XLS, ODT, ODS, JPG, PNG, TXT)"
            ),
        )),
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn the_import_limit_is_a_whole_number_of_mb_up_to_the_upload_ceiling() {
        assert_eq!(super::import_max_mb(" 5 "), Ok(5));
        assert_eq!(super::import_max_mb("20"), Ok(20));
        for bad in ["0", "21", "-3", "2.5", "", "năm"] {
            let e = super::import_max_mb(bad).unwrap_err();
            assert!(
                e.fields["import_max_mb"].contains("từ 1 đến 20"),
                "{bad}: {e:?}"
            );
        }
    }

    use super::*;

    #[test]
    fn files_are_judged_by_their_bytes_and_names_together() {
        assert_eq!(
            check("bao-cao.pdf", b"%PDF-1.7 ...", 100).unwrap().0,
            FileKind::Pdf
        );
        assert!(check("anh.png", b"%PDF-1.7", 100).is_err());
        assert!(check("virus.exe", b"MZ\x90\x00", 100).is_err());
        assert!(check("trang.html", b"<html><script>", 100).is_err());
        assert!(check("rong.pdf", b"", 100).is_err());
        let e = check("lon.pdf", &[b'%'; 101], 100).unwrap_err();
        assert!(e.fields["file"].contains("lớn quá"));
        assert_eq!(
            check("ghi-chu.txt", "Báo cáo".as_bytes(), 100).unwrap().0,
            FileKind::Text
        );
    }

    #[test]
    fn file_names_lose_paths_and_dangerous_characters() {
        assert_eq!(
            clean_file_name("C:\\tmp\\..\\Báo cáo \"quý\".pdf"),
            "Báo cáo quý.pdf"
        );
        assert_eq!(clean_file_name("../../etc/passwd"), "passwd");
        assert_eq!(clean_file_name(".htaccess"), "htaccess");
    }
}
