//! Office files: what Vietnamese public offices exchange every day.
//!
//! - [`docx`]: official documents in the layout of Nghị định 30/2020/NĐ-CP.
//! - [`docx_tables`]: the tables of a Word file read as sheets (the list in a proposal letter).
//! - [`pdf`]: print-ready certificates (Giấy khen, Giấy chứng nhận sáng kiến).
//! - [`xlsx`]: spreadsheets in (validated, previewed, all rows or none) and out (formatted lists).
//! - [`csv`]: lists as CSV whose cells a spreadsheet never runs as formulas.
//! - [`legacy`]: text typed in the TCVN3 (ABC) and VNI encodings, converted to Unicode NFC.
//!
//! Pure of I/O beyond bytes in, bytes out: no database, no HTTP.

pub mod csv;
pub mod docx;
pub mod docx_tables;
pub mod legacy;
pub mod pdf;
pub mod xlsx;
