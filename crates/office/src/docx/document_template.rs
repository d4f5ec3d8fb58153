//! The replaceable template of any official document (mẫu văn bản hành chính): the dispatch, the
//! joint plan, the submission, the minutes, the achievement reports, the initiative's data sheet,
//! the periodic report. Each is an [`OfficialDocument`] made by its own layout code; its template
//! is that layout written by the same [`render`](super::render) with placeholders where the data
//! goes, in the [`Shape`] of its kind (how many issuers and signers, a number or not, a title or a
//! dispatch's "V/v", addressees, a distribution list). Filling a template takes the values of the
//! document ([`document_values`]), so the default template filled gives the document's text as
//! the layout prints it, and an office's edited template gives that text in the office's layout.
//!
//! The body is a repeated section `{{#noi_dung}}…{{/noi_dung}}`, one item per block of the
//! document; inside it one paragraph per kind of block, each a section that repeats once for a
//! block of its kind and not at all otherwise (`{{#doan}}` a paragraph, `{{#muc}}` a numbered
//! item, `{{#dieu}}` an article, `{{#tieu_de}}` a heading, `{{#giua}}`/`{{#giua_dam}}` a centred
//! line, `{{#can_cu}}` a legal basis, `{{#bang}}` a table). A table is written by the layout
//! code where `{{bang_bieu}}` stands alone in its paragraph: its columns change with the data.
//! Optional parts (a superior body, the "KT."/"TM." line of a signer, "Kính gửi:") are sections
//! of none or one item, so the template keeps one layout for documents with and without them.
//!
//! Not covered: an attached list on its own page (the award decision has a template of its own,
//! [`super::template::default_decision_template`], with the list's columns as placeholders).

use super::render::{render_as, table_xml, TemplateAddressees};
use super::template::{Template, Value, Values};
use super::{render, Block, Issuer, OfficeError, OfficialDocument, PartialDate, Reference, Signer};

/// What stays the same in every document of a kind: the skeleton its template is drawn on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shape {
    /// Issuing bodies in the heading: none (a person's paper: national title alone), one, or two
    /// side by side (a joint plan).
    pub issuers: usize,
    /// A "Số: …" line.
    pub numbered: bool,
    /// A kind title ("TỜ TRÌNH") with the summary under it; `false` for a dispatch, whose "V/v …"
    /// stands under its number.
    pub titled: bool,
    /// A "Kính gửi:" part.
    pub addressees: bool,
    /// Signature blocks: one, or two side by side.
    pub signers: usize,
    /// A distribution list ("Nơi nhận:").
    pub recipients: bool,
}

impl Shape {
    /// The shape of a document, for a template that fits it.
    pub fn of(doc: &OfficialDocument) -> Shape {
        Shape {
            issuers: doc.issuers.len(),
            numbered: doc.reference != Reference::Unnumbered,
            titled: doc.kind_title.is_some(),
            addressees: !doc.addressees.is_empty(),
            signers: doc.signers.len(),
            recipients: !doc.recipients.is_empty(),
        }
    }
}

/// `name`, or `name_2` for the second issuer or signer.
fn nth(name: &str, i: usize) -> String {
    if i == 0 {
        name.to_string()
    } else {
        format!("{name}_{}", i + 1)
    }
}

/// A paragraph repeated for each item of `list`, printing the item's text.
fn section(list: &str) -> String {
    format!("{{{{#{list}}}}}{{{{van_ban}}}}{{{{/{list}}}}}")
}

const ADDRESSEES: TemplateAddressees = TemplateAddressees {
    one: "kinh_gui_mot",
    first: "kinh_gui_dau",
    rest: "kinh_gui",
};

/// The default template of documents of shape `shape`, titled `title` in the file's properties.
pub fn default_template(shape: &Shape, title: &str) -> Result<Vec<u8>, OfficeError> {
    let issuers = (0..shape.issuers.min(2))
        .map(|i| Issuer {
            parent: Some(section(&nth("co_quan_chu_quan", i))),
            name: format!("{{{{{}}}}}", nth("co_quan", i)),
        })
        .collect();
    let signers = (0..shape.signers.clamp(1, 2))
        .map(|i| Signer {
            authority: Some(section(&nth("tham_quyen_ky", i))),
            title: format!("{{{{{}}}}}", nth("chuc_vu_nguoi_ky", i)),
            name: format!("{{{{{}}}}}", nth("nguoi_ky", i)),
        })
        .collect();
    let p = |s: &str| Block::Paragraph(s.to_string());
    let body = vec![
        p("{{#noi_dung}}"),
        Block::Basis(section("can_cu")),
        Block::Heading(section("tieu_de")),
        Block::Centered {
            text: section("giua_dam"),
            bold: true,
        },
        Block::Centered {
            text: section("giua"),
            bold: false,
        },
        p(&section("doan")),
        Block::Item {
            label: "{{#muc}}{{so}}".into(),
            text: "{{van_ban}}{{/muc}}".into(),
        },
        Block::Article {
            label: "{{#dieu}}{{so}}".into(),
            text: "{{van_ban}}{{/dieu}}".into(),
        },
        p("{{#bang}}{{bang_bieu}}{{/bang}}"),
        p("{{/noi_dung}}"),
    ];
    let doc = OfficialDocument {
        issuers,
        reference: if shape.numbered {
            Reference::Issued("{{so_ky_hieu}}".into())
        } else {
            Reference::Unnumbered
        },
        place: String::new(),
        date: PartialDate {
            year: 0,
            month: None,
            day: None,
        },
        kind_title: shape.titled.then(|| "{{loai_van_ban}}".to_string()),
        summary: "{{trich_yeu}}".into(),
        // One marker: the layout writes every form of "Kính gửi:" for a template.
        addressees: if shape.addressees {
            vec![String::new()]
        } else {
            Vec::new()
        },
        body,
        signers,
        recipients: if shape.recipients {
            vec![section("noi_nhan")]
        } else {
            Vec::new()
        },
        appendix: None,
    };
    render_as(
        &doc,
        "{{dia_danh}}, {{ngay_thang_nam}}",
        Some(&ADDRESSEES),
        title,
    )
}

/// The items of a list printing one text each.
fn lines<'a>(texts: impl IntoIterator<Item = &'a String>) -> Vec<Values> {
    texts
        .into_iter()
        .map(|t| Values::new().text("van_ban", t.clone()))
        .collect()
}

/// One item for a text that may be absent.
fn optional(text: Option<&String>) -> Vec<Values> {
    lines(text)
}

/// The item of one block: the section of its kind holds one (empty) item, the others none; its
/// text and label are the item's own.
fn block_values(block: &Block) -> Values {
    const KINDS: [&str; 8] = [
        "can_cu", "tieu_de", "giua_dam", "giua", "doan", "muc", "dieu", "bang",
    ];
    let (kind, label, text, table) = match block {
        Block::Basis(t) => ("can_cu", "", t.as_str(), None),
        Block::Heading(t) => ("tieu_de", "", t.as_str(), None),
        Block::Centered { text, bold: true } => ("giua_dam", "", text.as_str(), None),
        Block::Centered { text, bold: false } => ("giua", "", text.as_str(), None),
        Block::Paragraph(t) => ("doan", "", t.as_str(), None),
        Block::Item { label, text } => ("muc", label.as_str(), text.as_str(), None),
        Block::Article { label, text } => ("dieu", label.as_str(), text.as_str(), None),
        Block::Table(t) => ("bang", "", "", Some(t)),
    };
    let mut v = Values::new().text("so", label).text("van_ban", text);
    for k in KINDS {
        let items = if k == kind {
            vec![Values::new()]
        } else {
            Vec::new()
        };
        v = v.list(k, items);
    }
    if let Some(t) = table {
        v = v.value("bang_bieu", Value::Xml(table_xml(t)));
    }
    v
}

/// The values of `doc` under the names of [`default_template`].
pub fn document_values(doc: &OfficialDocument) -> Values {
    let mut v = Values::new();
    for i in 0..2 {
        let issuer = doc.issuers.get(i);
        v = v
            .list(
                &nth("co_quan_chu_quan", i),
                optional(issuer.and_then(|x| x.parent.as_ref())),
            )
            .text(
                &nth("co_quan", i),
                issuer.map(|x| x.name.clone()).unwrap_or_default(),
            );
        let signer = doc.signers.get(i);
        v = v
            .list(
                &nth("tham_quyen_ky", i),
                optional(signer.and_then(|s| s.authority.as_ref())),
            )
            .text(
                &nth("chuc_vu_nguoi_ky", i),
                signer.map(|s| s.title.clone()).unwrap_or_default(),
            )
            .text(
                &nth("nguoi_ky", i),
                signer.map(|s| s.name.clone()).unwrap_or_default(),
            );
    }
    let reference = match &doc.reference {
        Reference::Issued(r) => r.clone(),
        Reference::Draft { symbol } => format!("     /{symbol}"),
        Reference::Unnumbered => String::new(),
    };
    let (one, first, rest) = match doc.addressees.as_slice() {
        [] => (&[][..], &[][..], &[][..]),
        [_] => (&doc.addressees[..], &[][..], &[][..]),
        [_, others @ ..] => (&[][..], &doc.addressees[..1], others),
    };
    v.text("so_ky_hieu", reference)
        .text("dia_danh", doc.place.clone())
        .text("ngay_thang_nam", doc.date.printed())
        .text("loai_van_ban", doc.kind_title.clone().unwrap_or_default())
        .text("trich_yeu", doc.summary.clone())
        .list(ADDRESSEES.one, lines(one))
        .list(ADDRESSEES.first, lines(first))
        .list(ADDRESSEES.rest, lines(rest))
        .list("noi_dung", doc.body.iter().map(block_values).collect())
        .list("noi_nhan", lines(&doc.recipients))
}

/// `doc` written from the office's template of its kind, or by the layout itself when there is
/// none (the same bytes as [`render`]).
pub fn fill_document(
    template: Option<&[u8]>,
    doc: &OfficialDocument,
) -> Result<Vec<u8>, OfficeError> {
    match template {
        None => render(doc),
        Some(bytes) => {
            doc.validate()?;
            Template::from_docx(bytes)?.fill(&document_values(doc))
        }
    }
}
