//! The award decision (quyết định khen thưởng) with its attached list of awardees: the typed
//! form the store fills from approved nominations, turned into an [`OfficialDocument`].

use super::words::{amount_in_words, thousands};
use super::{
    Align, Appendix, Block, Column, Issuer, OfficeError, OfficialDocument, PartialDate, Reference,
    Signer, Table,
};

/// One line of the attached list (người được khen thưởng).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Awardee {
    /// Name of the person or the collective: "Nguyễn Thị Hoà", "Phòng Nội vụ".
    pub name: String,
    /// Position and unit: "Chuyên viên Phòng Nội vụ".
    pub position_unit: String,
    /// Title or form: "Lao động tiên tiến", "Giấy khen".
    pub form: String,
    /// Award money in đồng.
    pub amount: i64,
}

/// An award decision and what its list needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AwardDecision {
    /// The issuing body.
    pub issuer: Issuer,
    /// "123/QĐ-UBND", or a draft.
    pub reference: Reference,
    /// "TP. Lào Cai".
    pub place: String,
    /// Date of signing.
    pub date: PartialDate,
    /// After "Về việc": "khen thưởng thành tích trong phong trào thi đua “Lao động giỏi, Lao động
    /// sáng tạo” năm 2023".
    pub subject: String,
    /// The deciding authority, printed above the legal bases: "CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ LÀO CAI".
    pub authority: String,
    /// Legal bases, each a line ending in ";" (the last in ".").
    pub bases: Vec<String>,
    /// What Article 1 awards, before the count: "Tặng Giấy khen của Chủ tịch UBND thành phố cho".
    pub award_phrase: String,
    /// The achievement Article 1 names: "đã có thành tích xuất sắc trong …".
    pub achievement: String,
    /// Where the money comes from (Article 2): "nguồn kinh phí thi đua, khen thưởng của thành phố".
    pub funding: String,
    /// Who carries out the decision (Article 3), before "chịu trách nhiệm thi hành Quyết định này".
    pub executors: String,
    /// The list.
    pub awardees: Vec<Awardee>,
    /// The signature.
    pub signer: Signer,
    /// The distribution list.
    pub recipients: Vec<String>,
    /// Who signs in the list's subtitle: "Chủ tịch UBND thành phố Lào Cai".
    pub signed_by_phrase: String,
}

impl AwardDecision {
    /// The sum of the list in đồng. Refuses a negative amount (naming its row) and a sum beyond
    /// what the program can count.
    pub fn total(&self) -> Result<i64, OfficeError> {
        let mut total: i64 = 0;
        for (i, a) in self.awardees.iter().enumerate() {
            if a.amount < 0 {
                return Err(OfficeError::Invalid(format!(
                    "Danh sách khen thưởng, dòng {} ({}): số tiền không được âm.",
                    i + 1,
                    a.name
                )));
            }
            total = total.checked_add(a.amount).ok_or_else(|| {
                OfficeError::Invalid("Danh sách khen thưởng: tổng số tiền quá lớn.".into())
            })?;
        }
        Ok(total)
    }

    /// The document: heading, legal bases, three articles, signature, and the list on a new page.
    pub fn to_document(&self) -> Result<OfficialDocument, OfficeError> {
        if self.awardees.is_empty() {
            return Err(OfficeError::Invalid(
                "Danh sách khen thưởng: cần ít nhất một người hoặc tập thể.".into(),
            ));
        }
        let total = self.total()?;
        let reference_phrase = match &self.reference {
            Reference::Issued(r) => format!("số {r} {}", self.date.printed()),
            Reference::Draft { symbol } => format!("số      /{symbol} {}", self.date.printed()),
            Reference::Unnumbered => self.date.printed(),
        };
        let count = self.awardees.len();
        let mut body = vec![Block::Centered {
            text: self.authority.clone(),
            bold: true,
        }];
        body.extend(self.bases.iter().cloned().map(Block::Basis));
        body.push(Block::Centered {
            text: "QUYẾT ĐỊNH:".into(),
            bold: true,
        });
        body.push(Block::Article {
            label: "Điều 1.".into(),
            text: format!(
                "{} {count} cá nhân, tập thể {} (có danh sách kèm theo).",
                self.award_phrase, self.achievement
            ),
        });
        body.push(Block::Article {
            label: "Điều 2.".into(),
            text: format!(
                "Tổng số tiền thưởng là {} đồng (Bằng chữ: {}), chi từ {}.",
                thousands(total),
                amount_in_words(total),
                self.funding
            ),
        });
        body.push(Block::Article {
            label: "Điều 3.".into(),
            text: format!(
                "{} và các cá nhân, tập thể có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.",
                self.executors
            ),
        });

        let rows = self
            .awardees
            .iter()
            .enumerate()
            .map(|(i, a)| {
                vec![
                    (i + 1).to_string(),
                    a.name.clone(),
                    a.position_unit.clone(),
                    a.form.clone(),
                    thousands(a.amount),
                ]
            })
            .collect();
        let list = Table {
            columns: vec![
                Column::new("STT", 8, Align::Center),
                Column::new("Họ và tên", 22, Align::Left),
                Column::new("Chức vụ, đơn vị", 32, Align::Left),
                Column::new("Hình thức khen thưởng", 22, Align::Left),
                Column::new("Số tiền (đồng)", 16, Align::Right),
            ],
            rows,
            total: Some(("Tổng cộng".into(), thousands(total))),
        };
        let appendix = Appendix {
            title: "DANH SÁCH CÁ NHÂN, TẬP THỂ ĐƯỢC KHEN THƯỞNG".into(),
            subtitle: Some(format!(
                "(Kèm theo Quyết định {reference_phrase} của {})",
                self.signed_by_phrase
            )),
            blocks: vec![
                Block::Table(list),
                Block::Paragraph(format!("Bằng chữ: {}./.", amount_in_words(total))),
            ],
        };
        Ok(OfficialDocument {
            issuers: vec![self.issuer.clone()],
            reference: self.reference.clone(),
            place: self.place.clone(),
            date: self.date,
            kind_title: Some("QUYẾT ĐỊNH".into()),
            summary: format!("Về việc {}", self.subject),
            addressees: Vec::new(),
            body,
            signers: vec![self.signer.clone()],
            recipients: self.recipients.clone(),
            appendix: Some(appendix),
        })
    }
}
