//! Templates an administrator can replace (mẫu văn bản): a DOCX file with placeholders, filled
//! with values. thidua ships a default for the award decision ([`default_decision_template`]),
//! and for every other official document one drawn in the document's shape
//! ([`super::document_template`]), each made by the same layout code as the documents; an office
//! that prints them differently edits that file in Word or LibreOffice and uploads it.
//!
//! What a template may contain, in `word/document.xml` and in the headers and footers:
//! - `{{name}}`: replaced by the text value `name`, in the formatting of the run where the
//!   placeholder begins. A line break in the value becomes a line break in the document.
//! - `{{#name}}…{{/name}}`: repeated once for each item of the list `name`, whose values are
//!   looked up first in the item, then outside. What is repeated is the smallest unit holding
//!   both markers: one paragraph when both stand in it; one table row when they stand in
//!   different cells of a row (the usual list: `{{#dong}}{{stt}}` in the first cell,
//!   `{{so_tien}}{{/dong}}` in the last); otherwise the paragraphs or rows from the one with
//!   the opening marker to the one with the closing marker, where a paragraph holding nothing
//!   but a marker is left out.
//! - Word splits what one types into several runs (after a spelling mark, an edit, a change of
//!   formatting); placeholders are joined again inside a paragraph before anything else, so a
//!   placeholder only has to be typed within one paragraph.
//!
//! Not supported: conditions, placeholders in text boxes' alternate content, images, and
//! placeholders across paragraphs. Braces that do not form a placeholder stay as they are. A
//! placeholder without a value is an error naming it, never a silent blank.

use std::collections::BTreeMap;

use quick_xml::events::Event;
use quick_xml::Reader;

use super::award::AwardDecision;
use super::package::{self, Part};
use super::render::{escape_into, render_with_place_line};
use super::words::{amount_in_words, thousands};
use super::{
    Align, Appendix, Block, Column, OfficeError, OfficialDocument, PartialDate, Reference, Signer,
    Table,
};

/// Templates unpack to at most this much; a DOCX of a long decision is a few MB.
const MAX_UNPACKED: u64 = 100_000_000;

/// A value for a placeholder: text, or a list of items for a repeated section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// Replaces `{{name}}`.
    Text(String),
    /// Repeats `{{#name}}…{{/name}}` once per item.
    List(Vec<Values>),
    /// Body XML written by the layout code (a table, whose columns change with the data): takes
    /// the place of the paragraph where `{{name}}` stands alone.
    Xml(String),
}

/// Values by placeholder name (giá trị điền vào mẫu).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Values(BTreeMap<String, Value>);

impl Values {
    /// No values.
    pub fn new() -> Self {
        Values::default()
    }

    /// Adds a text value.
    pub fn text(mut self, name: &str, value: impl Into<String>) -> Self {
        self.0.insert(name.to_string(), Value::Text(value.into()));
        self
    }

    /// Adds a list for a repeated section.
    pub fn list(mut self, name: &str, items: Vec<Values>) -> Self {
        self.0.insert(name.to_string(), Value::List(items));
        self
    }

    /// Adds any value.
    pub fn value(mut self, name: &str, value: Value) -> Self {
        self.0.insert(name.to_string(), value);
        self
    }

    /// The value of `name`, if any.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.0.get(name)
    }
}

/// A DOCX template, read and checked once, filled many times.
#[derive(Debug, Clone)]
pub struct Template {
    /// The package's parts; the XML parts with placeholders are kept parsed.
    parts: Vec<(String, Content)>,
}

#[derive(Debug, Clone)]
enum Content {
    Bytes(Vec<u8>),
    Xml(Vec<Node>),
}

impl Template {
    /// Reads a template. Refuses a file that is not a DOCX, lacks `word/document.xml`, holds XML
    /// that cannot be read, or has an opening marker without its closing one.
    pub fn from_docx(bytes: &[u8]) -> Result<Template, OfficeError> {
        let entries = package::read_entries(bytes, MAX_UNPACKED)?;
        if !entries.iter().any(|(n, _)| n == "word/document.xml") {
            return Err(OfficeError::Template(
                "thiếu phần word/document.xml: đây không phải văn bản Word.".into(),
            ));
        }
        let mut parts = Vec::with_capacity(entries.len());
        for (name, data) in entries {
            let content = if holds_text(&name) {
                let xml = String::from_utf8(data)
                    .map_err(|_| OfficeError::Template(format!("phần {name} không phải UTF-8.")))?;
                let mut nodes = parse(&xml)
                    .map_err(|e| OfficeError::Template(format!("phần {name} có XML lỗi: {e}")))?;
                join_split_placeholders(&mut nodes);
                check_sections(&nodes)?;
                Content::Xml(nodes)
            } else {
                Content::Bytes(data)
            };
            parts.push((name, content));
        }
        Ok(Template { parts })
    }

    /// The placeholders in the template, in order of appearance, each once: plain names and
    /// sections as `#name`. For an upload page to show what the file expects.
    pub fn placeholders(&self) -> Vec<String> {
        let mut seen = Vec::new();
        for (_, content) in &self.parts {
            if let Content::Xml(nodes) = content {
                for text in nodes.iter().flat_map(texts) {
                    for tag in tags(&text) {
                        let shown = match tag.kind {
                            TagKind::Open => format!("#{}", tag.name),
                            TagKind::Plain => tag.name.to_string(),
                            TagKind::Close => continue,
                        };
                        if !seen.contains(&shown) {
                            seen.push(shown);
                        }
                    }
                }
            }
        }
        seen
    }

    /// Fills the template and returns the DOCX bytes.
    pub fn fill(&self, values: &Values) -> Result<Vec<u8>, OfficeError> {
        let mut out: Vec<Part> = Vec::with_capacity(self.parts.len());
        for (name, content) in &self.parts {
            let data = match content {
                Content::Bytes(b) => b.clone(),
                Content::Xml(nodes) => {
                    let filled = expand(nodes, &[values])?;
                    let mut xml = String::with_capacity(64 * 1024);
                    for n in &filled {
                        write_node(&mut xml, n);
                    }
                    xml.into_bytes()
                }
            };
            out.push(Part {
                name: name.clone(),
                data,
            });
        }
        let entries: Vec<(&str, &[u8])> = out
            .iter()
            .map(|p| (p.name.as_str(), p.data.as_slice()))
            .collect();
        package::write_entries(&entries)
    }
}

fn holds_text(part: &str) -> bool {
    part == "word/document.xml"
        || (part.starts_with("word/header") || part.starts_with("word/footer"))
            && part.ends_with(".xml")
}

// ---- The default template of the award decision ---------------------------------------------

/// The award decision as a template: the layout of [`AwardDecision::to_document`] with
/// placeholders where the data goes. Its placeholders are the names [`decision_values`] fills.
pub fn default_decision_template() -> Result<Vec<u8>, OfficeError> {
    let doc = OfficialDocument {
        issuers: vec![super::Issuer {
            parent: Some("{{co_quan_chu_quan}}".into()),
            name: "{{co_quan}}".into(),
        }],
        reference: Reference::Issued("{{so_ky_hieu}}".into()),
        place: String::new(),
        date: PartialDate {
            year: 0,
            month: None,
            day: None,
        },
        kind_title: Some("QUYẾT ĐỊNH".into()),
        summary: "Về việc {{trich_yeu}}".into(),
        addressees: Vec::new(),
        body: vec![
            Block::Centered {
                text: "{{tham_quyen}}".into(),
                bold: true,
            },
            Block::Basis("{{#can_cu}}{{noi_dung}}{{/can_cu}}".into()),
            Block::Centered {
                text: "QUYẾT ĐỊNH:".into(),
                bold: true,
            },
            Block::Article {
                label: "Điều 1.".into(),
                text: "{{hinh_thuc}} {{so_luong}} cá nhân, tập thể {{thanh_tich}} (có danh sách kèm theo)."
                    .into(),
            },
            Block::Article {
                label: "Điều 2.".into(),
                text: "Tổng số tiền thưởng là {{tong_tien}} đồng (Bằng chữ: {{tong_tien_bang_chu}}), chi từ {{nguon_kinh_phi}}."
                    .into(),
            },
            Block::Article {
                label: "Điều 3.".into(),
                text: "{{thi_hanh}} và các cá nhân, tập thể có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./."
                    .into(),
            },
        ],
        signers: vec![Signer {
            authority: Some("{{tham_quyen_ky}}".into()),
            title: "{{chuc_vu_nguoi_ky}}".into(),
            name: "{{nguoi_ky}}".into(),
        }],
        recipients: vec!["{{#noi_nhan}}{{noi_dung}}{{/noi_nhan}}".into()],
        appendix: Some(Appendix {
            title: "DANH SÁCH CÁ NHÂN, TẬP THỂ ĐƯỢC KHEN THƯỞNG".into(),
            subtitle: Some("(Kèm theo Quyết định số {{so_ky_hieu}} {{ngay_thang_nam}} của {{nguoi_quyet_dinh}})".into()),
            blocks: vec![
                Block::Table(Table {
                    columns: vec![
                        Column::new("STT", 8, Align::Center),
                        Column::new("Họ và tên", 22, Align::Left),
                        Column::new("Chức vụ, đơn vị", 32, Align::Left),
                        Column::new("Hình thức khen thưởng", 22, Align::Left),
                        Column::new("Số tiền (đồng)", 16, Align::Right),
                    ],
                    rows: vec![vec![
                        "{{#dong}}{{stt}}".into(),
                        "{{ho_ten}}".into(),
                        "{{chuc_vu_don_vi}}".into(),
                        "{{hinh_thuc_khen}}".into(),
                        "{{so_tien}}{{/dong}}".into(),
                    ]],
                    total: Some(("Tổng cộng".into(), "{{tong_tien}}".into())),
                }),
                Block::Paragraph("Bằng chữ: {{tong_tien_bang_chu}}./.".into()),
            ],
        }),
    };
    render_with_place_line(&doc, "{{dia_danh}}, {{ngay_thang_nam}}")
}

/// The values of an award decision under the names of [`default_decision_template`].
pub fn decision_values(d: &AwardDecision) -> Result<Values, OfficeError> {
    let total = d.total()?;
    let reference = match &d.reference {
        Reference::Issued(r) => r.clone(),
        Reference::Draft { symbol } => format!("     /{symbol}"),
        Reference::Unnumbered => String::new(),
    };
    let lines = |items: &[String]| -> Vec<Values> {
        items
            .iter()
            .map(|s| Values::new().text("noi_dung", s.clone()))
            .collect()
    };
    let rows = d
        .awardees
        .iter()
        .enumerate()
        .map(|(i, a)| {
            Values::new()
                .text("stt", (i + 1).to_string())
                .text("ho_ten", a.name.clone())
                .text("chuc_vu_don_vi", a.position_unit.clone())
                .text("hinh_thuc_khen", a.form.clone())
                .text("so_tien", thousands(a.amount))
        })
        .collect();
    Ok(Values::new()
        .text(
            "co_quan_chu_quan",
            d.issuer.parent.clone().unwrap_or_default(),
        )
        .text("co_quan", d.issuer.name.clone())
        .text("so_ky_hieu", reference)
        .text("dia_danh", d.place.clone())
        .text("ngay_thang_nam", d.date.printed())
        .text("trich_yeu", d.subject.clone())
        .text("tham_quyen", d.authority.clone())
        .list("can_cu", lines(&d.bases))
        .text("hinh_thuc", d.award_phrase.clone())
        .text("so_luong", d.awardees.len().to_string())
        .text("thanh_tich", d.achievement.clone())
        .text("tong_tien", thousands(total))
        .text("tong_tien_bang_chu", amount_in_words(total))
        .text("nguon_kinh_phi", d.funding.clone())
        .text("thi_hanh", d.executors.clone())
        .text(
            "tham_quyen_ky",
            d.signer.authority.clone().unwrap_or_default(),
        )
        .text("chuc_vu_nguoi_ky", d.signer.title.clone())
        .text("nguoi_ky", d.signer.name.clone())
        .list("noi_nhan", lines(&d.recipients))
        .text("nguoi_quyet_dinh", d.signed_by_phrase.clone())
        .list("dong", rows))
}

/// An award decision from the office's own template, or from the default when it has none.
pub fn fill_award_decision(
    template: Option<&[u8]>,
    decision: &AwardDecision,
) -> Result<Vec<u8>, OfficeError> {
    let template = match template {
        Some(bytes) => Template::from_docx(bytes)?,
        None => Template::from_docx(&default_decision_template()?)?,
    };
    template.fill(&decision_values(decision)?)
}

// ---- A small XML tree --------------------------------------------------------------------

#[derive(Debug, Clone)]
enum Node {
    Element(Element),
    /// Text, unescaped.
    Text(String),
    /// Declarations, comments, processing instructions, CDATA: written back as read.
    Raw(String),
}

#[derive(Debug, Clone)]
struct Element {
    name: String,
    /// The start tag's inside as read: name and attributes, still escaped.
    start: String,
    children: Vec<Node>,
}

fn parse(xml: &str) -> Result<Vec<Node>, String> {
    let mut reader = Reader::from_str(xml);
    reader.config_mut().trim_text(false);
    let mut stack: Vec<Element> = Vec::new();
    let mut top: Vec<Node> = Vec::new();
    fn push(stack: &mut [Element], top: &mut Vec<Node>, node: Node) {
        let list = match stack.last_mut() {
            Some(e) => &mut e.children,
            None => top,
        };
        // Text and entity references come as separate events; keep them as one text.
        if let (Node::Text(new), Some(Node::Text(last))) = (&node, list.last_mut()) {
            last.push_str(new);
            return;
        }
        list.push(node);
    }
    let utf8 = |b: &[u8]| String::from_utf8(b.to_vec()).map_err(|e| e.to_string());
    loop {
        match reader.read_event().map_err(|e| e.to_string())? {
            Event::Start(e) => stack.push(Element {
                name: utf8(e.name().as_ref())?,
                start: utf8(&e)?,
                children: Vec::new(),
            }),
            Event::End(_) => {
                let done = stack.pop().ok_or("unbalanced end tag")?;
                push(&mut stack, &mut top, Node::Element(done));
            }
            Event::Empty(e) => {
                let element = Element {
                    name: utf8(e.name().as_ref())?,
                    start: utf8(&e)?,
                    children: Vec::new(),
                };
                push(&mut stack, &mut top, Node::Element(element));
            }
            Event::Text(t) => push(&mut stack, &mut top, Node::Text(utf8(&t)?)),
            Event::GeneralRef(r) => {
                let c = match r.resolve_char_ref().map_err(|e| e.to_string())? {
                    Some(c) => c,
                    None => match &*r {
                        b"amp" => '&',
                        b"lt" => '<',
                        b"gt" => '>',
                        b"quot" => '"',
                        b"apos" => '\'',
                        other => return Err(format!("unknown entity &{};", utf8(other)?)),
                    },
                };
                push(&mut stack, &mut top, Node::Text(c.to_string()));
            }
            Event::CData(c) => {
                let raw = format!("<![CDATA[{}]]>", utf8(&c)?);
                push(&mut stack, &mut top, Node::Raw(raw));
            }
            Event::Comment(c) => {
                let raw = format!("<!--{}-->", utf8(&c)?);
                push(&mut stack, &mut top, Node::Raw(raw));
            }
            Event::Decl(d) => {
                let raw = format!("<?{}?>", utf8(&d)?);
                push(&mut stack, &mut top, Node::Raw(raw));
            }
            Event::PI(p) => {
                let raw = format!("<?{}?>", utf8(&p)?);
                push(&mut stack, &mut top, Node::Raw(raw));
            }
            Event::DocType(d) => {
                let raw = format!("<!DOCTYPE {}>", utf8(&d)?);
                push(&mut stack, &mut top, Node::Raw(raw));
            }
            Event::Eof => break,
        }
    }
    if !stack.is_empty() {
        return Err("unclosed element".into());
    }
    Ok(top)
}

fn write_node(out: &mut String, node: &Node) {
    match node {
        Node::Text(t) => escape_into(out, t),
        Node::Raw(r) => out.push_str(r),
        Node::Element(e) => {
            out.push('<');
            out.push_str(&e.start);
            if e.children.is_empty() {
                out.push_str("/>");
            } else {
                out.push('>');
                for c in &e.children {
                    write_node(out, c);
                }
                out.push_str("</");
                out.push_str(&e.name);
                out.push('>');
            }
        }
    }
}

// ---- Placeholders ------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TagKind {
    Plain,
    Open,
    Close,
}

#[derive(Debug, Clone, Copy)]
struct Tag<'a> {
    kind: TagKind,
    name: &'a str,
    /// Byte range of `{{…}}` in the text.
    start: usize,
    end: usize,
}

/// The placeholders in a text: `{{` then a name of letters, digits, `_` or `.` (spaces around
/// allowed), optionally after `#` or `/`, then `}}`.
fn tags(text: &str) -> Vec<Tag<'_>> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(open) = text[from..].find("{{").map(|i| i + from) {
        let Some(close) = text[open + 2..].find("}}").map(|i| i + open + 2) else {
            break;
        };
        let inner = text[open + 2..close].trim();
        let (kind, name) = match inner.as_bytes().first() {
            Some(b'#') => (TagKind::Open, inner[1..].trim()),
            Some(b'/') => (TagKind::Close, inner[1..].trim()),
            _ => (TagKind::Plain, inner),
        };
        let valid = !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '.');
        if valid {
            out.push(Tag {
                kind,
                name,
                start: open,
                end: close + 2,
            });
            from = close + 2;
        } else {
            from = open + 1;
        }
    }
    out
}

fn is(node: &Node, name: &str) -> Option<bool> {
    match node {
        Node::Element(e) => Some(e.name == name),
        _ => None,
    }
}

/// The texts of the paragraphs under `node` (one string per paragraph), for scanning.
fn texts(node: &Node) -> Vec<String> {
    let mut out = Vec::new();
    fn walk(node: &Node, out: &mut Vec<String>) {
        if let Node::Element(e) = node {
            if e.name == "w:p" {
                out.push(paragraph_text(e));
            }
            for c in &e.children {
                walk(c, out);
            }
        }
    }
    walk(node, &mut out);
    out
}

/// The text of a paragraph's own runs (not of paragraphs nested in it, e.g. in a text box).
fn paragraph_text(p: &Element) -> String {
    let mut s = String::new();
    fn walk(e: &Element, s: &mut String) {
        for c in &e.children {
            if let Node::Element(child) = c {
                if child.name == "w:t" {
                    for t in &child.children {
                        if let Node::Text(text) = t {
                            s.push_str(text);
                        }
                    }
                } else if child.name != "w:p" {
                    walk(child, s);
                }
            }
        }
    }
    walk(p, &mut s);
    s
}

/// The `w:t` elements of a paragraph's own runs, in order (mutable).
fn text_elements(p: &mut Element) -> Vec<&mut Element> {
    let mut out = Vec::new();
    fn walk<'a>(e: &'a mut Element, out: &mut Vec<&'a mut Element>) {
        for c in &mut e.children {
            if let Node::Element(child) = c {
                if child.name == "w:t" {
                    out.push(child);
                } else if child.name != "w:p" {
                    walk(child, out);
                }
            }
        }
    }
    walk(p, &mut out);
    out
}

fn element_text(t: &Element) -> String {
    t.children
        .iter()
        .filter_map(|c| match c {
            Node::Text(s) => Some(s.as_str()),
            _ => None,
        })
        .collect()
}

fn set_element_text(t: &mut Element, text: String) {
    if !t.start.contains("xml:space") {
        t.start.push_str(r#" xml:space="preserve""#);
    }
    t.children = if text.is_empty() {
        Vec::new()
    } else {
        vec![Node::Text(text)]
    };
}

/// Moves each placeholder that Word split over several runs into the run where it begins, so
/// that every placeholder lies within one `w:t`.
fn join_split_placeholders(nodes: &mut [Node]) {
    for node in nodes {
        if let Node::Element(e) = node {
            if e.name == "w:p" {
                join_in_paragraph(e);
            }
            join_split_placeholders(&mut e.children);
        }
    }
}

fn join_in_paragraph(p: &mut Element) {
    let mut ts = text_elements(p);
    let pieces: Vec<String> = ts.iter().map(|t| element_text(t)).collect();
    let joined: String = pieces.concat();
    let found = tags(&joined);
    if found.is_empty() || ts.len() < 2 {
        return;
    }
    // Which w:t each byte of the joined text came from.
    let mut owner = Vec::with_capacity(joined.len());
    for (i, piece) in pieces.iter().enumerate() {
        owner.extend(std::iter::repeat_n(i, piece.len()));
    }
    let split = found.iter().any(|t| owner[t.start] != owner[t.end - 1]);
    if !split {
        return;
    }
    // A placeholder's bytes belong to the w:t holding its first byte.
    for t in &found {
        let first = owner[t.start];
        for o in &mut owner[t.start..t.end] {
            *o = first;
        }
    }
    let mut rebuilt = vec![String::new(); pieces.len()];
    for (i, c) in joined.char_indices() {
        rebuilt[owner[i]].push(c);
    }
    for (t, text) in ts.iter_mut().zip(rebuilt) {
        set_element_text(t, text);
    }
}

/// Every opening marker has its closing marker in the same part.
fn check_sections(nodes: &[Node]) -> Result<(), OfficeError> {
    let mut open: Vec<String> = Vec::new();
    for text in nodes.iter().flat_map(texts) {
        for tag in tags(&text) {
            match tag.kind {
                TagKind::Open => open.push(tag.name.to_string()),
                TagKind::Close => match open.pop() {
                    Some(name) if name == tag.name => {}
                    Some(name) => {
                        return Err(OfficeError::Template(format!(
                            "{{{{#{name}}}}} được đóng bằng {{{{/{}}}}}.",
                            tag.name
                        )))
                    }
                    None => {
                        return Err(OfficeError::Template(format!(
                            "{{{{/{}}}}} không có {{{{#{}}}}} mở trước.",
                            tag.name, tag.name
                        )))
                    }
                },
                TagKind::Plain => {}
            }
        }
    }
    match open.pop() {
        Some(name) => Err(OfficeError::Template(format!(
            "{{{{#{name}}}}} không có {{{{/{name}}}}} đóng."
        ))),
        None => Ok(()),
    }
}

// ---- Filling -----------------------------------------------------------------------------

fn lookup<'v>(ctx: &[&'v Values], name: &str) -> Option<&'v Value> {
    ctx.iter().rev().find_map(|v| v.get(name))
}

fn missing(name: &str) -> OfficeError {
    OfficeError::Invalid(format!(
        "Mẫu văn bản có chỗ {{{{{name}}}}} nhưng không có dữ liệu cho chỗ này."
    ))
}

fn list_of<'v>(ctx: &[&'v Values], name: &str) -> Result<&'v [Values], OfficeError> {
    match lookup(ctx, name) {
        Some(Value::List(items)) => Ok(items),
        Some(Value::Text(_) | Value::Xml(_)) => Err(OfficeError::Invalid(format!(
            "Mẫu văn bản lặp lại {{{{#{name}}}}} nhưng dữ liệu của nó không phải danh sách."
        ))),
        None => Err(missing(name)),
    }
}

/// Where a repeated section opens in a unit (paragraph or row) and whether it closes there too.
enum Section {
    /// Opens here and closes in a later sibling.
    Spans(String),
    /// Opens and closes here: repeat this unit.
    Here(String),
}

fn section_in(node: &Node) -> Option<Section> {
    let Node::Element(e) = node else {
        return None;
    };
    let paragraphs = texts(node);
    // (paragraph index, tag) in document order.
    let all: Vec<(usize, TagKind, String)> = paragraphs
        .iter()
        .enumerate()
        .flat_map(|(i, t)| {
            tags(t)
                .into_iter()
                .map(move |tag| (i, tag.kind, tag.name.to_string()))
        })
        .collect();
    for (k, (para, kind, name)) in all.iter().enumerate() {
        if *kind != TagKind::Open {
            continue;
        }
        let close = all[k + 1..]
            .iter()
            .find(|(_, kind, n)| *kind == TagKind::Close && n == name);
        match close {
            None => return Some(Section::Spans(name.clone())),
            // A row repeats when its markers stand in different paragraphs (cells); markers in
            // one paragraph of a row belong to that paragraph.
            Some((close_para, _, _)) if e.name == "w:p" || close_para != para => {
                return Some(Section::Here(name.clone()))
            }
            Some(_) => {}
        }
    }
    None
}

/// Removes the first `{{#name}}` (open) or the last `{{/name}}` (close) from a unit's text.
fn erase_marker(node: &mut Node, name: &str, kind: TagKind) {
    let Node::Element(e) = node else { return };
    let mut paragraphs: Vec<&mut Element> = Vec::new();
    fn collect<'a>(e: &'a mut Element, out: &mut Vec<&'a mut Element>) {
        if e.name == "w:p" {
            out.push(e);
            return;
        }
        for c in &mut e.children {
            if let Node::Element(child) = c {
                collect(child, out);
            }
        }
    }
    collect(e, &mut paragraphs);
    if kind == TagKind::Close {
        paragraphs.reverse();
    }
    for p in paragraphs {
        let mut ts = text_elements(p);
        if kind == TagKind::Close {
            ts.reverse();
        }
        for t in ts {
            let text = element_text(t);
            let found = tags(&text);
            let hit = if kind == TagKind::Open {
                found.iter().find(|g| g.kind == kind && g.name == name)
            } else {
                found
                    .iter()
                    .rev()
                    .find(|g| g.kind == kind && g.name == name)
            };
            if let Some(g) = hit {
                let new = format!("{}{}", &text[..g.start], &text[g.end..]);
                set_element_text(t, new);
                return;
            }
        }
    }
}

fn only_marker(node: &Node, name: &str, kind: TagKind) -> bool {
    if is(node, "w:p") != Some(true) {
        return false;
    }
    let text = texts(node).concat();
    let found = tags(&text);
    found.len() == 1
        && found[0].kind == kind
        && found[0].name == name
        && text[..found[0].start].trim().is_empty()
        && text[found[0].end..].trim().is_empty()
}

/// Fills a list of sibling nodes.
fn expand(nodes: &[Node], ctx: &[&Values]) -> Result<Vec<Node>, OfficeError> {
    let mut out = Vec::with_capacity(nodes.len());
    let mut i = 0;
    while i < nodes.len() {
        let node = &nodes[i];
        let unit = is(node, "w:p") == Some(true) || is(node, "w:tr") == Some(true);
        match if unit { section_in(node) } else { None } {
            Some(Section::Here(name)) => {
                for item in list_of(ctx, &name)? {
                    let mut copy = node.clone();
                    erase_marker(&mut copy, &name, TagKind::Open);
                    erase_marker(&mut copy, &name, TagKind::Close);
                    let inner = [ctx, &[item]].concat();
                    out.extend(expand(std::slice::from_ref(&copy), &inner)?);
                }
                i += 1;
            }
            Some(Section::Spans(name)) => {
                let end = (i + 1..nodes.len())
                    .find(|&j| {
                        texts(&nodes[j]).iter().any(|t| {
                            tags(t)
                                .iter()
                                .any(|g| g.kind == TagKind::Close && g.name == name)
                        })
                    })
                    .ok_or_else(|| {
                        OfficeError::Template(format!(
                            "{{{{#{name}}}}} không có {{{{/{name}}}}} đóng ở cùng cấp."
                        ))
                    })?;
                let drop_first = only_marker(&nodes[i], &name, TagKind::Open);
                let drop_last = only_marker(&nodes[end], &name, TagKind::Close);
                for item in list_of(ctx, &name)? {
                    let mut block: Vec<Node> = nodes[i..=end].to_vec();
                    let last = block.len() - 1;
                    erase_marker(&mut block[0], &name, TagKind::Open);
                    erase_marker(&mut block[last], &name, TagKind::Close);
                    let from = usize::from(drop_first);
                    let to = if drop_last { last } else { last + 1 };
                    let inner = [ctx, &[item]].concat();
                    out.extend(expand(&block[from..to.max(from)], &inner)?);
                }
                i = end + 1;
            }
            None => {
                match block_xml(node, ctx) {
                    Some(xml) => out.push(Node::Raw(xml.to_string())),
                    None => out.extend(fill_node(node, ctx)?),
                }
                i += 1;
            }
        }
    }
    Ok(out)
}

/// The XML for a paragraph that holds nothing but a placeholder whose value is [`Value::Xml`].
fn block_xml<'v>(node: &Node, ctx: &[&'v Values]) -> Option<&'v str> {
    if is(node, "w:p") != Some(true) {
        return None;
    }
    let text = texts(node).concat();
    let found = tags(&text);
    match found.as_slice() {
        [only]
            if only.kind == TagKind::Plain
                && text[..only.start].trim().is_empty()
                && text[only.end..].trim().is_empty() =>
        {
            match lookup(ctx, only.name) {
                Some(Value::Xml(xml)) => Some(xml.as_str()),
                _ => None,
            }
        }
        _ => None,
    }
}

/// Fills one node that repeats nothing at its own level.
fn fill_node(node: &Node, ctx: &[&Values]) -> Result<Vec<Node>, OfficeError> {
    let Node::Element(e) = node else {
        return Ok(vec![node.clone()]);
    };
    if e.name == "w:r" {
        return Ok(vec![Node::Element(fill_run(e, ctx)?)]);
    }
    let mut copy = Element {
        name: e.name.clone(),
        start: e.start.clone(),
        children: Vec::new(),
    };
    copy.children = expand(&e.children, ctx)?;
    Ok(vec![Node::Element(copy)])
}

/// Replaces the placeholders in a run's texts; a line break in a value becomes `w:br`.
fn fill_run(r: &Element, ctx: &[&Values]) -> Result<Element, OfficeError> {
    let mut children = Vec::with_capacity(r.children.len());
    for c in &r.children {
        match c {
            Node::Element(t) if t.name == "w:t" => {
                let text = element_text(t);
                let found = tags(&text);
                if found.is_empty() {
                    children.push(c.clone());
                    continue;
                }
                let mut filled = String::with_capacity(text.len());
                let mut at = 0;
                for g in found {
                    filled.push_str(&text[at..g.start]);
                    match (g.kind, lookup(ctx, g.name)) {
                        (TagKind::Plain, Some(Value::Text(v))) => filled.push_str(v),
                        (TagKind::Plain, Some(Value::List(_))) => {
                            return Err(OfficeError::Invalid(format!(
                                "Mẫu văn bản có chỗ {{{{{}}}}} cho một chữ, nhưng dữ liệu là danh sách.",
                                g.name
                            )))
                        }
                        (TagKind::Plain, Some(Value::Xml(_))) => {
                            return Err(OfficeError::Invalid(format!(
                                "Mẫu văn bản có chỗ {{{{{}}}}} giữa chữ, nhưng đó là một bảng: chỗ này phải đứng riêng một đoạn.",
                                g.name
                            )))
                        }
                        (TagKind::Plain, None) => return Err(missing(g.name)),
                        // A marker left where no unit could repeat: drop it.
                        _ => {}
                    }
                    at = g.end;
                }
                filled.push_str(&text[at..]);
                for (k, line) in filled.split('\n').enumerate() {
                    if k > 0 {
                        children.push(Node::Element(Element {
                            name: "w:br".into(),
                            start: "w:br".into(),
                            children: Vec::new(),
                        }));
                    }
                    let mut piece = t.clone();
                    set_element_text(&mut piece, line.to_string());
                    children.push(Node::Element(piece));
                }
            }
            other => children.push(other.clone()),
        }
    }
    Ok(Element {
        name: r.name.clone(),
        start: r.start.clone(),
        children,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paragraph_xml(runs: &[&str]) -> String {
        let runs: String = runs
            .iter()
            .map(|r| format!("<w:r><w:rPr><w:b/></w:rPr><w:t>{r}</w:t></w:r><w:proofErr w:type=\"spellEnd\"/>"))
            .collect();
        format!("<w:p>{runs}</w:p>")
    }

    #[test]
    fn placeholders_split_over_runs_are_joined() {
        let xml = paragraph_xml(&["Số: {", "{so_ky", "_hieu}", "} ngày"]);
        let mut nodes = parse(&xml).unwrap();
        join_split_placeholders(&mut nodes);
        let Node::Element(p) = &mut nodes[0] else {
            panic!()
        };
        let texts: Vec<String> = text_elements(p).iter().map(|t| element_text(t)).collect();
        assert_eq!(texts, ["Số: {{so_ky_hieu}}", "", "", " ngày"]);
        let filled = expand(&nodes, &[&Values::new().text("so_ky_hieu", "941/UBND-NV")]).unwrap();
        let mut out = String::new();
        filled.iter().for_each(|n| write_node(&mut out, n));
        assert!(out.contains("Số: 941/UBND-NV"), "{out}");
        assert!(out.contains("<w:proofErr w:type=\"spellEnd\"/>"), "{out}");
    }

    #[test]
    fn tags_are_recognised_and_stray_braces_left() {
        let t = tags("a {{x}} {{#dong}}{{ so_tien }}{{/dong}} {{ not a tag }} {x}");
        let seen: Vec<(TagKind, &str)> = t.iter().map(|g| (g.kind, g.name)).collect();
        assert_eq!(
            seen,
            [
                (TagKind::Plain, "x"),
                (TagKind::Open, "dong"),
                (TagKind::Plain, "so_tien"),
                (TagKind::Close, "dong")
            ]
        );
    }

    #[test]
    fn entities_and_markup_survive_a_round_trip() {
        let xml = r#"<?xml version="1.0"?><w:document a="1 &amp; 2"><!-- c --><w:t xml:space="preserve">A &amp; B &lt;{{x}}&gt; &#7899;</w:t><w:br/></w:document>"#;
        let nodes = parse(xml).unwrap();
        let filled = expand(&nodes, &[&Values::new().text("x", "<y>")]).unwrap();
        let mut out = String::new();
        filled.iter().for_each(|n| write_node(&mut out, n));
        // {{x}} lies outside a run here, so it is left alone; entities are written back escaped.
        assert!(out.contains("A &amp; B &lt;{{x}}&gt; ớ"), "{out}");
        assert!(out.contains(r#"a="1 &amp; 2""#), "{out}");
        assert!(out.contains("<!-- c -->"), "{out}");
        assert!(out.contains("<w:br/>"), "{out}");
    }

    #[test]
    fn unbalanced_sections_are_refused_by_name() {
        let nodes = parse(&paragraph_xml(&["{{#dong}} x"])).unwrap();
        let err = check_sections(&nodes).unwrap_err().to_string();
        assert!(
            err.contains("{{#dong}}") && err.contains("{{/dong}}"),
            "{err}"
        );
    }
}
