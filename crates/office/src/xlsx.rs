//! Spreadsheets in and out.
//!
//! **Out** ([`ListSheet`], [`write_workbook`]): lists as formatted workbooks, one sheet per list,
//! with real dates and numbers and text that is never a formula.
//!
//! **In** ([`read_table`], [`Table::preview`], [`preview`]): a workbook an office sends is checked
//! before anything in it is parsed ([`check_file`]: size, what the file really is, a look at the
//! zip directory and an inflating pass that refuses zip bombs), read cell by cell keeping only the
//! cells that hold something (so a sheet of a million empty formatted rows costs nothing), and
//! validated row by row against a [`Layout`]: every row is checked and every problem reported with
//! its row and column as Excel shows them, so that the caller can write all rows or none. Text
//! typed in TCVN3 or VNI is recognised per column and converted ([`crate::legacy`]).
//!
//! The layouts offices use are described in `docs/office-files.md`.

mod cells;
mod layout;
mod read;
mod suggest;
mod write;

pub use crate::csv::Cell;
pub use cells::{parse_choice, parse_date_text, parse_money, RawCell, Value, MAX_TEXT_CHARS};
pub use layout::{
    column_letter, header_key, Choice, Column, ColumnType, Layout, Mapping, UnknownColumn,
    CATEGORIES, GENDERS, NOMINATIONS, PEOPLE, RATINGS, RATINGS_CHOICES, STAFF_LEVELS, YES_NO,
};
pub use read::{
    check_file, check_file_or_word, preview, read_table, FileKind, HeaderCell, LegacyNote, Limits,
    MissingColumn, ParsedRow, Preview, Problem, ReadError, Table, TableRow,
};
pub use suggest::closest;
pub use write::{
    write_workbook, ListSheet, WriteError, DATE_FORMAT, MAX_CELL_CHARS, MAX_COLUMN_WIDTH,
    MONEY_FORMAT,
};
