//! Certificates ready to print (giấy khen, giấy chứng nhận sáng kiến): A4 landscape, one page
//! each, every certificate of a decision in one PDF.
//!
//! Written with krilla, a maintained high-level PDF writer that shapes text, embeds fonts as
//! subsets and writes the text's Unicode mapping (so that the names can be searched and copied).
//! The font is DejaVu Serif, shipped in `assets/fonts` with its licence: it covers every
//! Vietnamese letter with its tone marks, which the base PDF fonts do not. Each face is loaded
//! once per call and shared by all pages, so a decision's 2,000 certificates embed it once.
//! Text is measured with skrifa (the font reader krilla uses) to centre, wrap and shrink lines.

use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::text::{Font, TextDirection};
use krilla::Document;
use skrifa::charmap::Charmap;
use skrifa::instance::{LocationRef, Size};
use skrifa::metrics::GlyphMetrics;
use skrifa::raw::TableProvider;
use skrifa::{FontRef, MetadataProvider};
use unicode_normalization::UnicodeNormalization;

use crate::docx::{OfficeError, PartialDate, Signer};

static REGULAR: &[u8] = include_bytes!("../assets/fonts/DejaVuSerif.ttf");
static BOLD: &[u8] = include_bytes!("../assets/fonts/DejaVuSerif-Bold.ttf");
static ITALIC: &[u8] = include_bytes!("../assets/fonts/DejaVuSerif-Italic.ttf");

/// A4 landscape in points.
const WIDTH: f32 = 841.89;
const HEIGHT: f32 = 595.28;
/// The widest a line may be inside the frame.
const TEXT_WIDTH: f32 = 680.0;

/// Which certificate (loại giấy).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CertificateKind {
    /// Giấy khen: "… TẶNG GIẤY KHEN".
    Commendation,
    /// Giấy chứng nhận sáng kiến: "… CHỨNG NHẬN SÁNG KIẾN".
    Initiative,
}

impl CertificateKind {
    fn verb(self) -> &'static str {
        match self {
            CertificateKind::Commendation => "TẶNG",
            CertificateKind::Initiative => "CẤP",
        }
    }

    fn title(self) -> &'static str {
        match self {
            CertificateKind::Commendation => "GIẤY KHEN",
            CertificateKind::Initiative => "GIẤY CHỨNG NHẬN SÁNG KIẾN",
        }
    }
}

/// One certificate (giấy khen) for one person or collective.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Certificate {
    /// Giấy khen or initiative certificate.
    pub kind: CertificateKind,
    /// Who awards, in capitals: "CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ LÀO CAI".
    pub awarding_authority: String,
    /// The recipient as printed large: "Bà Nguyễn Thị Hoà", "Phòng Nội vụ".
    pub recipient: String,
    /// Position and unit under the name: "Chuyên viên Phòng Nội vụ".
    pub recipient_detail: Option<String>,
    /// The achievement: "Đã có thành tích xuất sắc trong phong trào thi đua “Lao động giỏi, Lao
    /// động sáng tạo” năm 2023" (for an initiative: its name and scope).
    pub achievement: String,
    /// Place name: "TP. Lào Cai".
    pub place: String,
    /// Date of the decision.
    pub date: PartialDate,
    /// Who signs.
    pub signer: Signer,
    /// The decision: "Quyết định số 1234/QĐ-UBND ngày 05/12/2023".
    pub decision_line: String,
    /// The register entry, if the office keeps one: "Số sổ vàng: 15".
    pub register_line: Option<String>,
}

/// All certificates of a decision as one PDF, one A4 landscape page each.
pub fn certificates_pdf(certificates: &[Certificate]) -> Result<Vec<u8>, OfficeError> {
    if certificates.is_empty() {
        return Err(OfficeError::Invalid(
            "Giấy khen: danh sách in không có ai.".into(),
        ));
    }
    let faces = Faces::load()?;
    let mut document = Document::new();
    document.set_metadata(
        Metadata::new()
            .title("Giấy khen".to_string())
            .creator("thidua".to_string())
            .language("vi".to_string()),
    );
    for (i, c) in certificates.iter().enumerate() {
        let c = normalised(c);
        check_glyphs(&faces, &c, i + 1)?;
        let settings = PageSettings::from_wh(WIDTH, HEIGHT)
            .ok_or_else(|| OfficeError::Write("page size".into()))?;
        let mut page = document.start_page_with(settings);
        let mut surface = page.surface();
        draw_frame(&mut surface);
        draw_certificate(&mut surface, &faces, &c);
        surface.finish();
        page.finish();
    }
    document
        .finish()
        .map_err(|e| OfficeError::Write(format!("{e:?}")))
}

/// A font face: krilla's handle for drawing and skrifa's tables for measuring.
struct Face {
    font: Font,
    charmap: Charmap<'static>,
    metrics: GlyphMetrics<'static>,
    units_per_em: f32,
}

impl Face {
    fn load(data: &'static [u8]) -> Result<Face, OfficeError> {
        let broken = || OfficeError::Write("phông chữ kèm theo không đọc được".into());
        let font = Font::new(data.into(), 0).ok_or_else(broken)?;
        let font_ref = FontRef::new(data).map_err(|_| broken())?;
        Ok(Face {
            font,
            charmap: font_ref.charmap(),
            metrics: font_ref.glyph_metrics(Size::unscaled(), LocationRef::default()),
            units_per_em: font_ref
                .head()
                .map(|h| f32::from(h.units_per_em()))
                .unwrap_or(2048.0),
        })
    }

    /// The advance width of a line, without kerning (a point or two off at most: enough to
    /// centre and wrap).
    fn width(&self, text: &str, size: f32) -> f32 {
        let units: f32 = text
            .chars()
            .map(|c| {
                let glyph = self.charmap.map(c).unwrap_or_default();
                self.metrics.advance_width(glyph).unwrap_or(0.0)
            })
            .sum();
        units * size / self.units_per_em
    }

    fn covers(&self, c: char) -> bool {
        c.is_whitespace() || self.charmap.map(c).is_some()
    }
}

struct Faces {
    regular: Face,
    bold: Face,
    italic: Face,
}

impl Faces {
    fn load() -> Result<Faces, OfficeError> {
        Ok(Faces {
            regular: Face::load(REGULAR)?,
            bold: Face::load(BOLD)?,
            italic: Face::load(ITALIC)?,
        })
    }
}

fn nfc(s: &str) -> String {
    s.nfc().collect()
}

fn normalised(c: &Certificate) -> Certificate {
    Certificate {
        kind: c.kind,
        awarding_authority: nfc(&c.awarding_authority),
        recipient: nfc(&c.recipient),
        recipient_detail: c.recipient_detail.as_deref().map(nfc),
        achievement: nfc(&c.achievement),
        place: nfc(&c.place),
        date: c.date,
        signer: Signer {
            authority: c.signer.authority.as_deref().map(nfc),
            title: nfc(&c.signer.title),
            name: nfc(&c.signer.name),
        },
        decision_line: nfc(&c.decision_line),
        register_line: c.register_line.as_deref().map(nfc),
    }
}

/// Refuses a character the font cannot draw (it would print as an empty box), naming the field.
fn check_glyphs(faces: &Faces, c: &Certificate, number: usize) -> Result<(), OfficeError> {
    let fields: [(&str, Option<&str>); 8] = [
        ("cơ quan khen thưởng", Some(&c.awarding_authority)),
        ("người nhận", Some(&c.recipient)),
        ("chức vụ, đơn vị", c.recipient_detail.as_deref()),
        ("thành tích", Some(&c.achievement)),
        ("địa danh", Some(&c.place)),
        ("người ký", Some(&c.signer.name)),
        ("chức vụ người ký", Some(&c.signer.title)),
        ("số quyết định", Some(&c.decision_line)),
    ];
    for (field, text) in fields {
        if let Some(bad) = text.and_then(|t| t.chars().find(|&ch| !faces.regular.covers(ch))) {
            return Err(OfficeError::Invalid(format!(
                "Giấy khen thứ {number}, {field}: ký tự “{bad}” (U+{:04X}) không in được.",
                bad as u32
            )));
        }
    }
    Ok(())
}

fn colour(r: u8, g: u8, b: u8) -> Fill {
    Fill {
        paint: rgb::Color::new(r, g, b).into(),
        opacity: NormalizedF32::ONE,
        rule: Default::default(),
    }
}

const RED: (u8, u8, u8) = (160, 24, 24);
const GOLD: (u8, u8, u8) = (184, 134, 11);

fn stroke(c: (u8, u8, u8), width: f32) -> Stroke {
    Stroke {
        paint: rgb::Color::new(c.0, c.1, c.2).into(),
        width,
        ..Stroke::default()
    }
}

fn rect(surface: &mut Surface<'_>, inset: f32) {
    let mut pb = PathBuilder::new();
    if let Some(r) = Rect::from_xywh(inset, inset, WIDTH - 2.0 * inset, HEIGHT - 2.0 * inset) {
        pb.push_rect(r);
    }
    if let Some(path) = pb.finish() {
        surface.draw_path(&path);
    }
}

/// The frame: a thick red line and a thin gold one inside it, with a diamond at each corner.
fn draw_frame(surface: &mut Surface<'_>) {
    surface.set_fill(None);
    surface.set_stroke(Some(stroke(RED, 4.0)));
    rect(surface, 20.0);
    surface.set_stroke(Some(stroke(GOLD, 1.2)));
    rect(surface, 28.0);
    surface.set_stroke(Some(stroke(RED, 0.6)));
    rect(surface, 32.0);
    surface.set_stroke(None);
    surface.set_fill(Some(colour(RED.0, RED.1, RED.2)));
    for (x, y) in [
        (28.0, 28.0),
        (WIDTH - 28.0, 28.0),
        (28.0, HEIGHT - 28.0),
        (WIDTH - 28.0, HEIGHT - 28.0),
    ] {
        let mut pb = PathBuilder::new();
        pb.move_to(x, y - 9.0);
        pb.line_to(x + 9.0, y);
        pb.line_to(x, y + 9.0);
        pb.line_to(x - 9.0, y);
        pb.close();
        if let Some(path) = pb.finish() {
            surface.draw_path(&path);
        }
    }
}

/// Draws `text` centred on `cx` at baseline `y`, shrunk to fit `max` points; returns its width.
fn centred(
    surface: &mut Surface<'_>,
    face: &Face,
    text: &str,
    size: f32,
    cx: f32,
    y: f32,
    max: f32,
) -> f32 {
    let mut size = size;
    let mut w = face.width(text, size);
    if w > max && w > 0.0 {
        size *= max / w;
        w = max;
    }
    surface.draw_text(
        Point::from_xy(cx - w / 2.0, y),
        face.font.clone(),
        size,
        text,
        false,
        TextDirection::Auto,
    );
    w
}

/// Splits text into lines no wider than `max` at `size`, breaking between words.
fn wrap(face: &Face, text: &str, size: f32, max: f32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if face.width(&candidate, size) <= max || line.is_empty() {
            line = candidate;
        } else {
            lines.push(std::mem::replace(&mut line, word.to_string()));
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

fn draw_certificate(surface: &mut Surface<'_>, f: &Faces, c: &Certificate) {
    let cx = WIDTH / 2.0;
    let black = colour(0, 0, 0);
    let red = colour(RED.0, RED.1, RED.2);

    surface.set_stroke(None);
    surface.set_fill(Some(black.clone()));
    centred(
        surface,
        &f.bold,
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        14.0,
        cx,
        78.0,
        TEXT_WIDTH,
    );
    let motto = centred(
        surface,
        &f.bold,
        "Độc lập - Tự do - Hạnh phúc",
        13.0,
        cx,
        97.0,
        TEXT_WIDTH,
    );
    // The rule under the motto, as long as the motto.
    surface.set_fill(None);
    surface.set_stroke(Some(stroke((0, 0, 0), 0.8)));
    let mut pb = PathBuilder::new();
    pb.move_to(cx - motto / 2.0, 103.0);
    pb.line_to(cx + motto / 2.0, 103.0);
    if let Some(path) = pb.finish() {
        surface.draw_path(&path);
    }
    surface.set_stroke(None);
    surface.set_fill(Some(black.clone()));

    centred(
        surface,
        &f.bold,
        &c.awarding_authority,
        16.0,
        cx,
        142.0,
        TEXT_WIDTH,
    );
    centred(surface, &f.bold, c.kind.verb(), 14.0, cx, 165.0, TEXT_WIDTH);
    surface.set_fill(Some(red.clone()));
    let title_size = match c.kind {
        CertificateKind::Commendation => 48.0,
        CertificateKind::Initiative => 34.0,
    };
    centred(
        surface,
        &f.bold,
        c.kind.title(),
        title_size,
        cx,
        218.0,
        TEXT_WIDTH,
    );
    surface.set_fill(Some(colour(20, 40, 120)));
    centred(surface, &f.bold, &c.recipient, 28.0, cx, 268.0, TEXT_WIDTH);
    surface.set_fill(Some(black.clone()));
    let mut y = 268.0;
    if let Some(detail) = &c.recipient_detail {
        y += 26.0;
        centred(surface, &f.regular, detail, 15.0, cx, y, TEXT_WIDTH);
    }
    // The achievement: up to four lines; a longer text gets a smaller type.
    let mut size = 16.0;
    let mut lines = wrap(&f.italic, &c.achievement, size, 640.0);
    while lines.len() > 4 && size > 10.0 {
        size -= 1.0;
        lines = wrap(&f.italic, &c.achievement, size, 640.0);
    }
    y += 34.0;
    for line in &lines {
        centred(surface, &f.italic, line, size, cx, y, 640.0);
        y += size * 1.4;
    }

    // Signature at the right, decision and register at the left.
    let right = WIDTH * 0.70;
    let place_date = format!("{}, {}", c.place, c.date.printed());
    centred(surface, &f.italic, &place_date, 14.0, right, 432.0, 360.0);
    let mut sy = 454.0;
    if let Some(authority) = &c.signer.authority {
        centred(surface, &f.bold, authority, 13.0, right, sy, 360.0);
        sy += 18.0;
    }
    centred(surface, &f.bold, &c.signer.title, 13.0, right, sy, 360.0);
    centred(surface, &f.bold, &c.signer.name, 16.0, right, 540.0, 360.0);

    let left = WIDTH * 0.25;
    centred(
        surface,
        &f.regular,
        &c.decision_line,
        11.0,
        left,
        520.0,
        300.0,
    );
    if let Some(register) = &c.register_line {
        centred(surface, &f.regular, register, 11.0, left, 538.0, 300.0);
    }
}

/// An example certificate: the first person of the example decision.
pub fn example_certificate() -> Certificate {
    Certificate {
        kind: CertificateKind::Commendation,
        awarding_authority: "CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ LÀO CAI".into(),
        recipient: "Bà Nguyễn Thị Hoà".into(),
        recipient_detail: Some("Chuyên viên Phòng Nội vụ thành phố Lào Cai".into()),
        achievement: "Đã có thành tích xuất sắc trong phong trào thi đua “Lao động giỏi, Lao động sáng tạo” năm 2023"
            .into(),
        place: "TP. Lào Cai".into(),
        date: PartialDate {
            year: 2023,
            month: Some(12),
            day: Some(5),
        },
        signer: Signer {
            authority: Some("KT. CHỦ TỊCH".into()),
            title: "PHÓ CHỦ TỊCH".into(),
            name: "Nguyễn Văn Bình".into(),
        },
        decision_line: "Quyết định số 1234/QĐ-UBND ngày 05/12/2023".into(),
        register_line: Some("Số sổ vàng: 15".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_wrap_between_words_within_the_width() {
        let faces = Faces::load().unwrap();
        let text = "Đã có thành tích xuất sắc trong phong trào thi đua “Lao động giỏi, Lao động sáng tạo” năm 2023";
        let lines = wrap(&faces.italic, text, 16.0, 300.0);
        assert!(lines.len() > 1);
        assert_eq!(lines.join(" "), text);
        for l in &lines {
            assert!(faces.italic.width(l, 16.0) <= 300.0, "{l}");
        }
        // Wider type is wider.
        assert!(faces.bold.width("GIẤY KHEN", 20.0) > faces.bold.width("GIẤY KHEN", 10.0));
    }

    #[test]
    fn the_font_covers_vietnamese() {
        let faces = Faces::load().unwrap();
        let all = "ĂÂĐÊÔƠƯăâđêôơư àáảãạ ằắẳẵặ ầấẩẫậ èéẻẽẹ ềếểễệ ìíỉĩị òóỏõọ ồốổỗộ ờớởỡợ ùúủũụ ừứửữự ỳýỷỹỵ “”";
        for face in [&faces.regular, &faces.bold, &faces.italic] {
            for ch in all.chars().chain(all.to_uppercase().chars()) {
                assert!(face.covers(ch), "{ch}");
            }
        }
    }
}
