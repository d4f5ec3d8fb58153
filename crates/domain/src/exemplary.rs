//! Exemplary models (điển hình tiên tiến) and new factors (nhân tố mới): profiles of collectives and
//! people whose story others should follow, their replication (nhân rộng: a unit that learned from a
//! model), and what the public honour board (Bảng vàng) may show.
//!
//! A profile is a draft until the city's TĐKT office publishes it; only published profiles are read
//! by everyone signed in, and only they reach the public board.

use crate::attachment::FileKind;
use crate::text;
use crate::validation::Invalid;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

coded_enum! {
    /// What a profile is.
    ModelKind {
        Advanced => ("dien_hinh_tien_tien", "Điển hình tiên tiến"),
        NewFactor => ("nhan_to_moi", "Nhân tố mới"),
    }
}

coded_enum! {
    /// Whose profile it is.
    ModelSubject {
        Collective => ("collective", "Tập thể"),
        Person => ("person", "Cá nhân"),
    }
}

coded_enum! {
    /// Draft (seen by the office and the unit) or published (seen by everyone signed in, and on the
    /// public board).
    ModelStatus {
        Draft => ("draft", "Dự thảo"),
        Published => ("published", "Đã công bố"),
    }
}

/// The longest title, in characters.
pub const MAX_TITLE: usize = 300;
/// The longest story, in characters.
pub const MAX_STORY: usize = 20_000;
/// The longest "what was applied" of a replication, in characters.
pub const MAX_APPLIED: usize = 4_000;
/// The earliest year a profile may be of (the sample's history starts before the 2021–2025 period).
pub const FIRST_YEAR: i32 = 2000;

/// A profile as typed in a form or sent to the API.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ModelInput {
    /// `dien_hinh_tien_tien` or `nhan_to_moi`.
    pub kind: String,
    /// `collective` (the unit itself) or `person`.
    pub subject: String,
    /// The collective, or the person's unit (taken from the person when left out).
    #[serde(default)]
    pub unit_id: Option<i64>,
    /// The person, for `subject = person`.
    #[serde(default)]
    pub person_id: Option<i64>,
    pub title: String,
    #[serde(default)]
    pub story: String,
    pub year: i32,
    /// Recognised initiatives linked to the profile.
    #[serde(default)]
    pub initiative_ids: Vec<i64>,
    /// Lines of final award decisions (achievements) linked to the profile.
    #[serde(default)]
    pub decision_line_ids: Vec<i64>,
}

/// A profile that passed validation: text cleaned, codes known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidModel {
    pub kind: ModelKind,
    pub subject: ModelSubject,
    pub unit_id: Option<i64>,
    pub person_id: Option<i64>,
    pub title: String,
    pub story: String,
    pub year: i32,
    pub initiative_ids: Vec<i64>,
    pub decision_line_ids: Vec<i64>,
}

impl ModelInput {
    /// Checks the profile; `this_year` bounds the year. Every problem is named by its field.
    pub fn validate(&self, this_year: i32) -> Result<ValidModel, Invalid> {
        let mut e = Invalid::new();
        let kind = ModelKind::from_code(self.kind.trim());
        if kind.is_none() {
            e.add("kind", "Chọn loại: điển hình tiên tiến hoặc nhân tố mới");
        }
        let subject = ModelSubject::from_code(self.subject.trim());
        match subject {
            None => e.add("subject", "Chọn đối tượng: tập thể hoặc cá nhân"),
            Some(ModelSubject::Person) if self.person_id.is_none() => {
                e.add("person_id", "Chưa chọn cá nhân")
            }
            Some(ModelSubject::Collective) if self.unit_id.is_none() => {
                e.add("unit_id", "Chưa chọn tập thể (đơn vị)")
            }
            _ => {}
        }
        let title = text::clean(&self.title);
        if title.is_empty() {
            e.add("title", "Chưa nhập tên điển hình");
        } else if title.chars().count() > MAX_TITLE {
            e.add("title", format!("Tên dài quá (tối đa {MAX_TITLE} ký tự)"));
        }
        let story = text::clean_multiline(&self.story);
        if story.chars().count() > MAX_STORY {
            e.add(
                "story",
                format!("Câu chuyện dài quá (tối đa {MAX_STORY} ký tự)"),
            );
        }
        if self.year < FIRST_YEAR || self.year > this_year {
            e.add("year", format!("Năm phải từ {FIRST_YEAR} đến {this_year}"));
        }
        let mut initiative_ids = self.initiative_ids.clone();
        initiative_ids.sort_unstable();
        initiative_ids.dedup();
        let mut decision_line_ids = self.decision_line_ids.clone();
        decision_line_ids.sort_unstable();
        decision_line_ids.dedup();
        let (Some(kind), Some(subject)) = (kind, subject) else {
            return Err(e);
        };
        e.or_ok(ValidModel {
            kind,
            subject,
            unit_id: self.unit_id,
            person_id: if subject == ModelSubject::Person {
                self.person_id
            } else {
                None
            },
            title,
            story,
            year: self.year,
            initiative_ids,
            decision_line_ids,
        })
    }
}

/// A unit's record that it learned from a model (đơn vị học tập, nhân rộng điển hình).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ModelReplicationInput {
    pub unit_id: i64,
    /// The day the unit started applying it (yyyy-mm-dd).
    pub learned_on: NaiveDate,
    /// What the unit applied, in a few sentences.
    pub applied: String,
}

impl ModelReplicationInput {
    /// Checks the record; `today` bounds the date. Answers the cleaned text.
    pub fn validate(&self, today: NaiveDate, model_year: i32) -> Result<String, Invalid> {
        let mut e = Invalid::new();
        let applied = text::clean_multiline(&self.applied);
        if applied.is_empty() {
            e.add("applied", "Chưa nhập nội dung đơn vị đã học tập, áp dụng");
        } else if applied.chars().count() > MAX_APPLIED {
            e.add(
                "applied",
                format!("Nội dung dài quá (tối đa {MAX_APPLIED} ký tự)"),
            );
        }
        if self.learned_on > today {
            e.add("learned_on", "Ngày học tập không được sau hôm nay");
        }
        if chrono::Datelike::year(&self.learned_on) < model_year {
            e.add(
                "learned_on",
                format!("Ngày học tập không được trước năm của điển hình ({model_year})"),
            );
        }
        e.or_ok(applied)
    }
}

/// Photos of a profile are pictures only.
pub fn photo_problem(kind: FileKind, name: &str) -> Option<String> {
    match kind {
        FileKind::Png | FileKind::Jpeg => None,
        _ => Some(format!("Tệp '{name}' không phải ảnh (chỉ nhận JPG, PNG)")),
    }
}

/// A decision may go on the public board only once it is final (signed and issued).
pub fn decision_publish_problem(
    status: crate::commendation::DecisionStatus,
) -> Option<&'static str> {
    match status {
        crate::commendation::DecisionStatus::Final => None,
        _ => Some("Chỉ công bố được quyết định đã ký, đã ban hành"),
    }
}

/// How many items a page of the public board shows.
pub const BOARD_PAGE: usize = 20;

/// What a public board search keeps: every word of the query begins a word of the entry's folded
/// text (diacritics and case ignored), as the people search does.
pub fn board_matches(query_words: &[String], folded_words: &[String]) -> bool {
    query_words
        .iter()
        .all(|q| folded_words.iter().any(|w| w.starts_with(q.as_str())))
}

/// The words of a text for the board's search: folded, lower case, split on anything not a letter
/// or digit.
pub fn board_words(s: &str) -> Vec<String> {
    text::fold(s)
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> ModelInput {
        ModelInput {
            kind: "nhan_to_moi".into(),
            subject: "person".into(),
            unit_id: None,
            person_id: Some(7),
            title: "  Chị  Lò Thị Mai ".into(),
            story: "Câu chuyện".into(),
            year: 2024,
            initiative_ids: vec![3, 3, 1],
            decision_line_ids: vec![],
        }
    }

    #[test]
    fn a_profile_is_cleaned_and_checked_field_by_field() {
        let v = input().validate(2025).unwrap();
        assert_eq!(v.title, "Chị Lò Thị Mai");
        assert_eq!(v.kind, ModelKind::NewFactor);
        assert_eq!(v.initiative_ids, vec![1, 3]);
        let mut bad = input();
        bad.kind = "x".into();
        bad.title = " ".into();
        bad.year = 2030;
        let e = bad.validate(2025).unwrap_err();
        let fields: Vec<_> = e.fields.keys().map(String::as_str).collect();
        assert!(fields.contains(&"kind"));
        assert!(fields.contains(&"title"));
        assert!(fields.contains(&"year"));
        let mut no_person = input();
        no_person.person_id = None;
        assert!(no_person.validate(2025).is_err());
        let mut collective = input();
        collective.subject = "collective".into();
        assert!(
            collective.validate(2025).is_err(),
            "a collective needs its unit"
        );
        collective.unit_id = Some(2);
        assert_eq!(collective.validate(2025).unwrap().person_id, None);
    }

    #[test]
    fn a_replication_needs_what_was_applied_and_a_past_date() {
        let today = NaiveDate::from_ymd_opt(2025, 6, 1).unwrap();
        let mut r = ModelReplicationInput {
            unit_id: 1,
            learned_on: NaiveDate::from_ymd_opt(2025, 3, 1).unwrap(),
            applied: " Áp dụng  cách làm ".into(),
        };
        assert_eq!(r.validate(today, 2024).unwrap(), "Áp dụng cách làm");
        assert!(r.validate(today, 2026).is_err(), "before the model's year");
        r.learned_on = NaiveDate::from_ymd_opt(2025, 7, 1).unwrap();
        assert!(r.validate(today, 2024).is_err(), "in the future");
        r.learned_on = today;
        r.applied = "  ".into();
        assert!(r.validate(today, 2024).is_err());
    }

    #[test]
    fn only_pictures_are_photos_and_only_final_decisions_are_published() {
        assert!(photo_problem(FileKind::Png, "a.png").is_none());
        assert!(photo_problem(FileKind::Pdf, "a.pdf").is_some());
        use crate::commendation::DecisionStatus;
        assert!(decision_publish_problem(DecisionStatus::Final).is_none());
        assert!(decision_publish_problem(DecisionStatus::Approved).is_some());
        assert!(decision_publish_problem(DecisionStatus::Draft).is_some());
    }

    #[test]
    fn the_board_search_ignores_diacritics_and_matches_word_starts() {
        let words = board_words("Lò Thị Mai — Phường Cốc Lếu");
        assert!(board_matches(&board_words("lo mai"), &words));
        assert!(board_matches(&board_words("COC LEU"), &words));
        assert!(board_matches(&board_words("Lếu"), &words));
        assert!(
            !board_matches(&board_words("ai"), &words),
            "word starts only"
        );
        assert!(board_matches(&[], &words));
    }
}
