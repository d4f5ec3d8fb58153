//! The layout of Nghị định 30/2020 written as WordprocessingML, one pass over the document.
//!
//! Measures are twentieths of a point (twips: 567 to the centimetre) and font sizes half points,
//! as the format counts them. Element order inside `pPr`, `rPr`, `tblPr` and `tcPr` follows the
//! schema, because Word (unlike LibreOffice) refuses files that do not.

use super::package::{self, Part};
use super::{Align, Appendix, Block, OfficeError, OfficialDocument, Signer, Table};

/// A4 portrait.
pub(crate) const PAGE_WIDTH: u32 = 11906;
pub(crate) const PAGE_HEIGHT: u32 = 16838;
/// Margins of Nghị định 30 (Phụ lục I, mục I.4): top and bottom 20 mm, left 30 mm, right 15 mm.
pub(crate) const MARGIN_TOP: u32 = 1134;
pub(crate) const MARGIN_BOTTOM: u32 = 1134;
pub(crate) const MARGIN_LEFT: u32 = 1701;
pub(crate) const MARGIN_RIGHT: u32 = 850;
const TEXT_WIDTH: u32 = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT;

/// Body text 14 pt; headings and tables a little smaller, as the decree allows (12–14 pt).
const BODY: u32 = 28;
const HEAD: u32 = 26;
const HEAD_SMALL: u32 = 24;
const TABLE: u32 = 24;
const RECIPIENTS: u32 = 22;

/// Writes a document as DOCX bytes.
pub fn render(doc: &OfficialDocument) -> Result<Vec<u8>, OfficeError> {
    let line = format!("{}, {}", doc.place, doc.date.printed());
    render_with_place_line(doc, &line)
}

/// Like [`render`] with the place and date line given as text (templates put placeholders there).
pub(crate) fn render_with_place_line(
    doc: &OfficialDocument,
    place_line: &str,
) -> Result<Vec<u8>, OfficeError> {
    render_as(doc, place_line, None, &doc.file_title())
}

/// The addressees of a template ([`super::document_template`]): every layout "Kính gửi:" can
/// take, one after the other, each in a repeated section named here, so that the data chooses.
pub(crate) struct TemplateAddressees {
    /// The one addressee on the line of "Kính gửi:", centred.
    pub one: &'static str,
    /// The first of several, on the line of "Kính gửi:".
    pub first: &'static str,
    /// The others, under it.
    pub rest: &'static str,
}

/// Writes `doc` with the place and date line `place_line` and the file title `title`; with
/// `addressees`, the "Kính gửi:" part is written in every layout for a template.
pub(crate) fn render_as(
    doc: &OfficialDocument,
    place_line: &str,
    addressees: Option<&TemplateAddressees>,
    title: &str,
) -> Result<Vec<u8>, OfficeError> {
    doc.validate()?;
    let mut body = String::with_capacity(64 * 1024);
    write_document(&mut body, doc, place_line, addressees);
    package::write(&[
        Part::new("word/document.xml", body),
        Part::new("docProps/core.xml", package::core_properties(title)),
    ])
}

/// A table as the layout writes it in a body (with the paragraph that follows it), for a
/// template to put where its placeholder stands.
pub(crate) fn table_xml(t: &Table) -> String {
    let mut out = String::with_capacity(4096);
    write_table(&mut out, t);
    out
}

fn write_document(
    out: &mut String,
    doc: &OfficialDocument,
    place_line: &str,
    template: Option<&TemplateAddressees>,
) {
    out.push_str(concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        "\n",
        r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" "#,
        r#"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>"#
    ));
    heading(out, doc, place_line);
    if let Some(kind) = &doc.kind_title {
        let title = Para {
            align: Jc::Center,
            before: 360,
            keep_next: true,
            ..Para::default()
        };
        paragraph(out, &title, &[(kind, Font::bold(BODY))]);
        let summary = Para {
            align: Jc::Center,
            keep_next: true,
            ..Para::default()
        };
        paragraph(out, &summary, &[(&doc.summary, Font::bold(BODY))]);
        rule(out, 2268, TEXT_WIDTH);
    }
    match template {
        Some(names) if !doc.addressees.is_empty() => template_addressees(out, names),
        _ => addressees(out, doc),
    }
    for block in &doc.body {
        write_block(out, block);
    }
    signatures(out, doc);
    if let Some(appendix) = &doc.appendix {
        write_appendix(out, appendix);
    }
    out.push_str(concat!(
        r#"<w:sectPr><w:headerReference w:type="default" r:id="rIdHeaderDefault"/>"#,
        r#"<w:headerReference w:type="first" r:id="rIdHeaderFirst"/>"#
    ));
    out.push_str(&format!(
        concat!(
            r#"<w:pgSz w:w="{}" w:h="{}"/>"#,
            r#"<w:pgMar w:top="{}" w:right="{}" w:bottom="{}" w:left="{}" w:header="567" w:footer="567" w:gutter="0"/>"#,
            r#"<w:titlePg/></w:sectPr></w:body></w:document>"#
        ),
        PAGE_WIDTH, PAGE_HEIGHT, MARGIN_TOP, MARGIN_RIGHT, MARGIN_BOTTOM, MARGIN_LEFT
    ));
}

/// The heading: issuer(s) at the left, national title and motto at the right; then the number
/// (and a dispatch's summary) under the issuer, place and date under the motto.
fn heading(out: &mut String, doc: &OfficialDocument, place_line: &str) {
    if doc.issuers.is_empty() {
        personal_heading(out, place_line);
        return;
    }
    let joint = doc.issuers.len() > 1;
    // A joint heading needs three columns; it borrows 10 mm of the left margin and 7 mm of the
    // right, as offices do, so that the national title stays on one line.
    let (widths, indent): (Vec<u32>, i32) = if joint {
        (vec![2325, 2325, 5650], -567)
    } else {
        (vec![3686, TEXT_WIDTH - 3686], 0)
    };
    let total: u32 = widths.iter().sum();
    table_open(out, &widths, total, indent, false);
    let issuer_size = if joint { HEAD_SMALL } else { HEAD };

    out.push_str("<w:tr>");
    for (issuer, width) in doc.issuers.iter().zip(&widths) {
        cell_open(out, *width, 1);
        let centre = Para::centred();
        if let Some(parent) = &issuer.parent {
            paragraph(out, &centre, &[(parent, Font::regular(issuer_size))]);
        }
        paragraph(out, &centre, &[(&issuer.name, Font::bold(issuer_size))]);
        rule(out, width / 3, *width);
        out.push_str("</w:tc>");
    }
    let right = widths[widths.len() - 1];
    cell_open(out, right, 1);
    paragraph(
        out,
        &Para::centred(),
        &[("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", Font::bold(HEAD_SMALL))],
    );
    paragraph(
        out,
        &Para::centred(),
        &[("Độc lập - Tự do - Hạnh phúc", Font::bold(HEAD))],
    );
    rule(out, 3345, right);
    out.push_str("</w:tc></w:tr>");

    out.push_str("<w:tr>");
    let left: u32 = widths[..widths.len() - 1].iter().sum();
    cell_open(out, left, widths.len() - 1);
    let number = Para {
        align: Jc::Center,
        before: 60,
        ..Para::default()
    };
    paragraph(
        out,
        &number,
        &[(&doc.reference.printed(), Font::regular(HEAD))],
    );
    if doc.kind_title.is_none() {
        let summary = Para {
            align: Jc::Center,
            before: 60,
            ..Para::default()
        };
        paragraph(out, &summary, &[(&doc.summary, Font::regular(HEAD_SMALL))]);
    }
    out.push_str("</w:tc>");
    cell_open(out, right, 1);
    let date = Para {
        align: Jc::Center,
        before: 60,
        ..Para::default()
    };
    paragraph(out, &date, &[(place_line, Font::italic(BODY))]);
    out.push_str("</w:tc></w:tr></w:tbl>");
}

/// The heading of a paper without an issuing body (Mẫu số 03 of Nghị định 98/2023): the national
/// title and motto centred over the text width, the place and date under them.
fn personal_heading(out: &mut String, place_line: &str) {
    paragraph(
        out,
        &Para::centred(),
        &[("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", Font::bold(HEAD_SMALL))],
    );
    paragraph(
        out,
        &Para::centred(),
        &[("Độc lập - Tự do - Hạnh phúc", Font::bold(HEAD))],
    );
    rule(out, 3345, TEXT_WIDTH);
    let date = Para {
        align: Jc::Center,
        before: 120,
        ..Para::default()
    };
    paragraph(out, &date, &[(place_line, Font::italic(BODY))]);
}

/// "Kính gửi:" with one addressee on its line, or a list of them under one another.
fn addressees(out: &mut String, doc: &OfficialDocument) {
    match doc.addressees.as_slice() {
        [] => {}
        [only] => {
            let p = Para {
                align: Jc::Center,
                before: 240,
                after: 120,
                ..Para::default()
            };
            paragraph(
                out,
                &p,
                &[
                    ("Kính gửi: ", Font::regular(BODY)),
                    (only, Font::regular(BODY)),
                ],
            );
        }
        [first, rest @ ..] => {
            // The list hangs from a tab stop so that "Kính gửi:" stands at its left.
            let list = Para {
                left: 2552,
                hanging: 1276,
                tab: Some(2552),
                ..Para::default()
            };
            let first_line = Para {
                before: 240,
                ..list
            };
            let item = format!("- {first}");
            paragraph(
                out,
                &first_line,
                &[
                    ("Kính gửi:\t", Font::regular(BODY)),
                    (&item, Font::regular(BODY)),
                ],
            );
            for (i, a) in rest.iter().enumerate() {
                let p = Para {
                    hanging: 0,
                    after: if i + 1 == rest.len() { 240 } else { 0 },
                    ..list
                };
                paragraph(out, &p, &[(&format!("- {a}"), Font::regular(BODY))]);
            }
        }
    }
}

/// The three layouts of [`addressees`] in a template, each a repeated section of its own.
fn template_addressees(out: &mut String, names: &TemplateAddressees) {
    let one = Para {
        align: Jc::Center,
        before: 240,
        after: 120,
        ..Para::default()
    };
    let marked =
        |name: &str, dash: &str| format!("{dash}{{{{#{name}}}}}{{{{van_ban}}}}{{{{/{name}}}}}");
    paragraph(
        out,
        &one,
        &[
            ("Kính gửi: ", Font::regular(BODY)),
            (&marked(names.one, ""), Font::regular(BODY)),
        ],
    );
    let list = Para {
        left: 2552,
        hanging: 1276,
        tab: Some(2552),
        ..Para::default()
    };
    let first_line = Para {
        before: 240,
        ..list
    };
    paragraph(
        out,
        &first_line,
        &[
            ("Kính gửi:\t", Font::regular(BODY)),
            (&marked(names.first, "- "), Font::regular(BODY)),
        ],
    );
    let rest = Para {
        hanging: 0,
        after: 120,
        ..list
    };
    paragraph(
        out,
        &rest,
        &[(&marked(names.rest, "- "), Font::regular(BODY))],
    );
}

fn write_block(out: &mut String, block: &Block) {
    let text = Para {
        align: Jc::Both,
        first_line: 567,
        after: 120,
        line: Some(276),
        ..Para::default()
    };
    match block {
        Block::Paragraph(t) => paragraph(out, &text, &[(t, Font::regular(BODY))]),
        Block::Item { label, text: t } => {
            let line = format!("{label} {t}");
            paragraph(out, &text, &[(&line, Font::regular(BODY))]);
        }
        Block::Article { label, text: t } => {
            let rest = format!(" {t}");
            paragraph(
                out,
                &text,
                &[(label, Font::bold(BODY)), (&rest, Font::regular(BODY))],
            );
        }
        Block::Heading(t) => {
            let p = Para {
                keep_next: true,
                before: 120,
                ..text
            };
            paragraph(out, &p, &[(t, Font::bold(BODY))]);
        }
        Block::Centered { text: t, bold } => {
            let p = Para {
                align: Jc::Center,
                before: 120,
                after: 120,
                keep_next: *bold,
                ..Para::default()
            };
            let font = if *bold {
                Font::bold(BODY)
            } else {
                Font::regular(BODY)
            };
            paragraph(out, &p, &[(t, font)]);
        }
        Block::Basis(t) => {
            let p = Para { after: 60, ..text };
            paragraph(out, &p, &[(t, Font::italic(BODY))]);
        }
        Block::Table(t) => write_table(out, t),
    }
}

/// A bordered table whose header repeats on every page and whose rows never split.
fn write_table(out: &mut String, t: &Table) {
    let weights: u32 = t.columns.iter().map(|c| c.weight.max(1)).sum();
    let mut widths: Vec<u32> = t
        .columns
        .iter()
        .map(|c| TEXT_WIDTH * c.weight.max(1) / weights)
        .collect();
    // Rounding leaves a few twips; give them to the widest column.
    let rest = TEXT_WIDTH - widths.iter().sum::<u32>();
    if let Some(w) = widths.iter_mut().max() {
        *w += rest;
    }
    table_open(out, &widths, TEXT_WIDTH, 0, true);
    out.push_str(r#"<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"#);
    for (col, w) in t.columns.iter().zip(&widths) {
        cell_open(out, *w, 1);
        paragraph(
            out,
            &Para::cell(Jc::Center),
            &[(&col.header, Font::bold(TABLE))],
        );
        out.push_str("</w:tc>");
    }
    out.push_str("</w:tr>");
    for row in &t.rows {
        out.push_str(r#"<w:tr><w:trPr><w:cantSplit/></w:trPr>"#);
        for ((cell, col), w) in row.iter().zip(&t.columns).zip(&widths) {
            cell_open(out, *w, 1);
            let jc = match col.align {
                Align::Left => Jc::Left,
                Align::Center => Jc::Center,
                Align::Right => Jc::Right,
            };
            paragraph(out, &Para::cell(jc), &[(cell, Font::regular(TABLE))]);
            out.push_str("</w:tc>");
        }
        out.push_str("</w:tr>");
    }
    if let Some((label, total)) = &t.total {
        out.push_str(r#"<w:tr><w:trPr><w:cantSplit/></w:trPr>"#);
        let n = widths.len();
        if n > 1 {
            cell_open(out, widths[..n - 1].iter().sum(), n - 1);
            paragraph(out, &Para::cell(Jc::Center), &[(label, Font::bold(TABLE))]);
            out.push_str("</w:tc>");
        }
        cell_open(out, widths[n - 1], 1);
        paragraph(out, &Para::cell(Jc::Right), &[(total, Font::bold(TABLE))]);
        out.push_str("</w:tc></w:tr>");
    }
    out.push_str("</w:tbl>");
    // Word needs a paragraph between a table and what follows; it also gives the list air.
    paragraph(out, &Para::default(), &[]);
}

/// "Nơi nhận:" at the left and the signature at the right; for a joint document the two
/// signatures side by side with the distribution list under them.
fn signatures(out: &mut String, doc: &OfficialDocument) {
    let half = TEXT_WIDTH / 2;
    let widths = [half, TEXT_WIDTH - half];
    table_open(out, &widths, TEXT_WIDTH, 0, false);
    out.push_str(r#"<w:tr><w:trPr><w:cantSplit/></w:trPr>"#);
    if let [one] = doc.signers.as_slice() {
        cell_open(out, widths[0], 1);
        recipients(out, &doc.recipients);
        out.push_str("</w:tc>");
        cell_open(out, widths[1], 1);
        signature(out, one);
        out.push_str("</w:tc>");
    } else {
        for (signer, w) in doc.signers.iter().zip(widths) {
            cell_open(out, w, 1);
            signature(out, signer);
            out.push_str("</w:tc>");
        }
    }
    out.push_str("</w:tr></w:tbl>");
    if doc.signers.len() > 1 {
        recipients(out, &doc.recipients);
    } else {
        paragraph(out, &Para::default(), &[]);
    }
}

fn recipients(out: &mut String, list: &[String]) {
    if list.is_empty() {
        return;
    }
    let title = Para {
        before: 240,
        ..Para::default()
    };
    let font = Font {
        bold: true,
        italic: true,
        size: HEAD_SMALL,
    };
    paragraph(out, &title, &[("Nơi nhận:", font)]);
    for r in list {
        paragraph(
            out,
            &Para::default(),
            &[(&format!("- {r}"), Font::regular(RECIPIENTS))],
        );
    }
}

fn signature(out: &mut String, s: &Signer) {
    let first = Para {
        align: Jc::Center,
        before: 240,
        keep_next: true,
        ..Para::default()
    };
    let next = Para { before: 0, ..first };
    let mut p = first;
    if let Some(authority) = &s.authority {
        paragraph(out, &p, &[(authority, Font::bold(BODY))]);
        p = next;
    }
    paragraph(out, &p, &[(&s.title, Font::bold(BODY))]);
    // Room for the signature and the seal: about 3 cm.
    let name = Para {
        before: 1701,
        ..next
    };
    paragraph(out, &name, &[(&s.name, Font::bold(BODY))]);
}

fn write_appendix(out: &mut String, a: &Appendix) {
    out.push_str(r#"<w:p><w:r><w:br w:type="page"/></w:r></w:p>"#);
    let title = Para {
        align: Jc::Center,
        keep_next: true,
        ..Para::default()
    };
    paragraph(out, &title, &[(&a.title, Font::bold(BODY))]);
    if let Some(sub) = &a.subtitle {
        paragraph(out, &title, &[(sub, Font::italic(BODY))]);
    }
    rule(out, 2268, TEXT_WIDTH);
    paragraph(out, &Para::default(), &[]);
    for block in &a.blocks {
        write_block(out, block);
    }
}

// ---- WordprocessingML pieces -------------------------------------------------------------

#[derive(Clone, Copy, Default, PartialEq, Eq)]
enum Jc {
    #[default]
    Left,
    Center,
    Right,
    Both,
}

/// Paragraph properties, written in schema order.
#[derive(Clone, Copy, Default)]
struct Para {
    align: Jc,
    first_line: u32,
    left: u32,
    hanging: u32,
    before: u32,
    after: u32,
    line: Option<u32>,
    keep_next: bool,
    tab: Option<u32>,
}

impl Para {
    fn centred() -> Self {
        Para {
            align: Jc::Center,
            ..Para::default()
        }
    }

    fn cell(align: Jc) -> Self {
        Para {
            align,
            before: 40,
            after: 40,
            ..Para::default()
        }
    }
}

#[derive(Clone, Copy)]
struct Font {
    bold: bool,
    italic: bool,
    size: u32,
}

impl Font {
    fn regular(size: u32) -> Self {
        Font {
            bold: false,
            italic: false,
            size,
        }
    }
    fn bold(size: u32) -> Self {
        Font {
            bold: true,
            italic: false,
            size,
        }
    }
    fn italic(size: u32) -> Self {
        Font {
            bold: false,
            italic: true,
            size,
        }
    }
}

fn paragraph(out: &mut String, p: &Para, runs: &[(&str, Font)]) {
    out.push_str("<w:p><w:pPr>");
    if p.keep_next {
        out.push_str("<w:keepNext/>");
    }
    if let Some(tab) = p.tab {
        out.push_str(&format!(
            r#"<w:tabs><w:tab w:val="left" w:pos="{tab}"/></w:tabs>"#
        ));
    }
    out.push_str(&format!(
        r#"<w:spacing w:before="{}" w:after="{}""#,
        p.before, p.after
    ));
    if let Some(line) = p.line {
        out.push_str(&format!(r#" w:line="{line}" w:lineRule="auto""#));
    }
    out.push_str("/>");
    if p.first_line > 0 || p.left > 0 || p.hanging > 0 {
        out.push_str(&format!(r#"<w:ind w:left="{}""#, p.left));
        if p.hanging > 0 {
            out.push_str(&format!(r#" w:hanging="{}""#, p.hanging));
        } else if p.first_line > 0 {
            out.push_str(&format!(r#" w:firstLine="{}""#, p.first_line));
        }
        out.push_str("/>");
    }
    let jc = match p.align {
        Jc::Left => "left",
        Jc::Center => "center",
        Jc::Right => "right",
        Jc::Both => "both",
    };
    out.push_str(&format!(r#"<w:jc w:val="{jc}"/>"#));
    // The paragraph mark takes the size of the first run, so an empty line is not taller.
    if let Some((_, f)) = runs.first() {
        out.push_str("<w:rPr>");
        run_properties(out, f);
        out.push_str("</w:rPr>");
    }
    out.push_str("</w:pPr>");
    for (text, font) in runs {
        run(out, text, font);
    }
    out.push_str("</w:p>");
}

fn run_properties(out: &mut String, f: &Font) {
    if f.bold {
        out.push_str("<w:b/><w:bCs/>");
    }
    if f.italic {
        out.push_str("<w:i/><w:iCs/>");
    }
    out.push_str(&format!(
        r#"<w:sz w:val="{0}"/><w:szCs w:val="{0}"/>"#,
        f.size
    ));
}

/// One run; a line break in the text becomes `w:br`, a tab `w:tab`.
fn run(out: &mut String, text: &str, f: &Font) {
    out.push_str("<w:r><w:rPr>");
    run_properties(out, f);
    out.push_str("</w:rPr>");
    let mut first = true;
    for line in text.split('\n') {
        if !first {
            out.push_str("<w:br/>");
        }
        first = false;
        let mut first_piece = true;
        for piece in line.split('\t') {
            if !first_piece {
                out.push_str("<w:tab/>");
            }
            first_piece = false;
            if !piece.is_empty() {
                out.push_str(r#"<w:t xml:space="preserve">"#);
                escape_into(out, piece);
                out.push_str("</w:t>");
            }
        }
    }
    out.push_str("</w:r>");
}

/// A short centred rule under a name or the motto: an empty paragraph with a bottom border,
/// indented to the length wanted. Word and LibreOffice both draw it, and it moves with the text.
fn rule(out: &mut String, length: u32, width: u32) {
    let side = width.saturating_sub(length) / 2;
    out.push_str(&format!(
        concat!(
            r#"<w:p><w:pPr><w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="000000"/></w:pBdr>"#,
            r#"<w:spacing w:before="0" w:after="0" w:line="100" w:lineRule="exact"/>"#,
            r#"<w:ind w:left="{0}" w:right="{0}"/><w:jc w:val="center"/>"#,
            r#"<w:rPr><w:sz w:val="4"/><w:szCs w:val="4"/></w:rPr></w:pPr></w:p>"#
        ),
        side
    ));
}

fn table_open(out: &mut String, widths: &[u32], total: u32, indent: i32, borders: bool) {
    out.push_str(&format!(
        r#"<w:tbl><w:tblPr><w:tblW w:w="{total}" w:type="dxa"/><w:tblInd w:w="{indent}" w:type="dxa"/>"#
    ));
    let border = if borders {
        r#"w:val="single" w:sz="4" w:space="0" w:color="000000""#
    } else {
        r#"w:val="nil""#
    };
    out.push_str("<w:tblBorders>");
    for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
        out.push_str(&format!("<w:{side} {border}/>"));
    }
    out.push_str("</w:tblBorders>");
    // A little air between cells, so that two issuers side by side never touch.
    let pad = if borders { 85 } else { 57 };
    out.push_str(&format!(
        concat!(
            r#"<w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="{0}" w:type="dxa"/>"#,
            r#"<w:right w:w="{0}" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblGrid>"#
        ),
        pad
    ));
    for w in widths {
        out.push_str(&format!(r#"<w:gridCol w:w="{w}"/>"#));
    }
    out.push_str("</w:tblGrid>");
}

fn cell_open(out: &mut String, width: u32, span: usize) {
    out.push_str(&format!(
        r#"<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>"#
    ));
    if span > 1 {
        out.push_str(&format!(r#"<w:gridSpan w:val="{span}"/>"#));
    }
    out.push_str("</w:tcPr>");
}

/// Escapes text for XML and drops the control characters XML 1.0 cannot hold (a pasted form
/// feed would make the whole file unreadable).
pub(crate) fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_control_characters_dropped() {
        let mut out = String::new();
        escape_into(&mut out, "a<b & \"c\"\u{0C}>");
        assert_eq!(out, "a&lt;b &amp; &quot;c&quot;&gt;");
    }

    #[test]
    fn line_breaks_and_tabs_become_elements() {
        let mut out = String::new();
        run(&mut out, "a\tb\nc", &Font::regular(28));
        assert!(out.contains(r#"<w:t xml:space="preserve">a</w:t><w:tab/><w:t xml:space="preserve">b</w:t><w:br/><w:t xml:space="preserve">c</w:t>"#), "{out}");
    }
}
