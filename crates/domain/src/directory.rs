//! The directory: units (đơn vị) and people (cán bộ, công chức, viên chức, người lao động), with the
//! codes that the API and the database use and the Vietnamese labels that pages show.

use crate::text;
use crate::validation::Invalid;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Declares a closed set of codes with their Vietnamese labels.
macro_rules! coded_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => ($code:literal, $label:literal)),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The code used in the API and the database.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            /// The Vietnamese label shown on pages.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }

            pub fn from_code(code: &str) -> Option<Self> {
                match code { $($code => Some($name::$variant),)+ _ => None }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.label())
            }
        }
    };
}

coded_enum! {
    /// What kind of body a unit is (loại đơn vị).
    UnitKind {
        PeoplesCommittee => ("peoples_committee", "Ủy ban nhân dân"),
        PartyBoard => ("party_board", "Ban đảng"),
        MassOrganisation => ("mass_organisation", "Mặt trận Tổ quốc và đoàn thể"),
        SpecialisedOffice => ("specialised_office", "Phòng chuyên môn"),
        PublicServiceUnit => ("public_service_unit", "Đơn vị sự nghiệp"),
        WardCommune => ("ward_commune", "UBND xã, phường"),
        TradeUnion => ("trade_union", "Công đoàn"),
        Other => ("other", "Khác"),
    }
}

coded_enum! {
    /// Category of a person in public service.
    PersonCategory {
        Official => ("can_bo", "Cán bộ"),
        CivilServant => ("cong_chuc", "Công chức"),
        PublicEmployee => ("vien_chuc", "Viên chức"),
        Worker => ("nguoi_lao_dong", "Người lao động"),
    }
}

coded_enum! {
    /// Staff level; the union's Bằng Lao động sáng tạo thresholds depend on it.
    StaffLevel {
        Worker => ("worker", "Công nhân, người lao động trực tiếp"),
        Graduate => ("graduate", "Trình độ đại học trở lên"),
        Manager => ("manager", "Cán bộ quản lý"),
    }
}

coded_enum! {
    Gender {
        Male => ("male", "Nam"),
        Female => ("female", "Nữ"),
    }
}

coded_enum! {
    /// Yearly rating (xếp loại, đánh giá).
    Rating {
        Excellent => ("hoan_thanh_xuat_sac", "Hoàn thành xuất sắc nhiệm vụ"),
        Good => ("hoan_thanh_tot", "Hoàn thành tốt nhiệm vụ"),
        Completed => ("hoan_thanh", "Hoàn thành nhiệm vụ"),
        NotCompleted => ("khong_hoan_thanh", "Không hoàn thành nhiệm vụ"),
    }
}

coded_enum! {
    /// What happened to a unit on a date.
    UnitEventKind {
        Established => ("established", "Thành lập"),
        Renamed => ("renamed", "Đổi tên"),
        MergedInto => ("merged_into", "Sáp nhập vào đơn vị khác"),
        SplitFrom => ("split_from", "Chia tách từ đơn vị khác"),
        Dissolved => ("dissolved", "Giải thể"),
    }
}

/// A unit as a user enters it, before it is checked.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct UnitInput {
    pub code: String,
    pub name: String,
    pub kind: String,
    pub parent_id: Option<i64>,
}

/// A unit input that passed validation: text in NFC, kind known.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidUnit {
    pub code: String,
    pub name: String,
    pub kind: UnitKind,
    pub parent_id: Option<i64>,
}

impl UnitInput {
    pub fn validate(&self) -> Result<ValidUnit, Invalid> {
        let mut e = Invalid::new();
        let code = text::clean(&self.code);
        if code.is_empty() {
            e.add("code", "Mã đơn vị không được để trống");
        } else if code.len() > 40
            || !code
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        {
            e.add(
                "code",
                "Mã đơn vị chỉ gồm chữ không dấu, số, '-' hoặc '_' (tối đa 40 ký tự)",
            );
        }
        let name = text::clean(&self.name);
        if name.is_empty() {
            e.add("name", "Tên đơn vị không được để trống");
        } else if name.chars().count() > 300 {
            e.add("name", "Tên đơn vị dài quá 300 ký tự");
        }
        let kind = UnitKind::from_code(self.kind.trim());
        if kind.is_none() {
            e.add("kind", "Loại đơn vị không hợp lệ");
        }
        e.or_ok(())?;
        Ok(ValidUnit {
            code,
            name,
            kind: kind.unwrap_or(UnitKind::Other),
            parent_id: self.parent_id,
        })
    }
}

/// A person as a user enters them, before they are checked.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct PersonInput {
    pub full_name: String,
    #[serde(default)]
    pub gender: Option<String>,
    #[serde(default)]
    pub birth_date: Option<NaiveDate>,
    pub unit_id: i64,
    #[serde(default)]
    pub position: String,
    pub category: String,
    #[serde(default)]
    pub staff_level: Option<String>,
    #[serde(default)]
    pub union_member: bool,
}

/// A person input that passed validation.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidPerson {
    pub full_name: String,
    pub gender: Option<Gender>,
    pub birth_date: Option<NaiveDate>,
    pub unit_id: i64,
    pub position: String,
    pub category: PersonCategory,
    pub staff_level: StaffLevel,
    pub union_member: bool,
}

impl PersonInput {
    /// Checks the input; `today` bounds the date of birth.
    pub fn validate(&self, today: NaiveDate) -> Result<ValidPerson, Invalid> {
        let mut e = Invalid::new();
        let full_name = text::clean(&self.full_name);
        if full_name.is_empty() {
            e.add("full_name", "Họ và tên không được để trống");
        } else if full_name.chars().count() > 120 {
            e.add("full_name", "Họ và tên dài quá 120 ký tự");
        } else if full_name
            .chars()
            .any(|c| c.is_control() || c.is_ascii_digit())
        {
            e.add(
                "full_name",
                "Họ và tên không được chứa chữ số hay ký tự điều khiển",
            );
        }
        let gender = match self.gender.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(code) => {
                let g = Gender::from_code(code);
                if g.is_none() {
                    e.add(
                        "gender",
                        "Giới tính phải là 'male' (Nam) hoặc 'female' (Nữ)",
                    );
                }
                g
            }
        };
        if let Some(b) = self.birth_date {
            let age = today.years_since(b);
            if b > today {
                e.add("birth_date", "Ngày sinh không được ở tương lai");
            } else if age.is_some_and(|a| a < 15) || age.is_some_and(|a| a > 100) {
                e.add(
                    "birth_date",
                    "Ngày sinh không hợp lý (tuổi phải từ 15 đến 100)",
                );
            }
        }
        if self.unit_id <= 0 {
            e.add("unit_id", "Chưa chọn đơn vị");
        }
        let position = text::clean(&self.position);
        if position.chars().count() > 200 {
            e.add("position", "Chức vụ dài quá 200 ký tự");
        }
        let category = PersonCategory::from_code(self.category.trim());
        if category.is_none() {
            e.add(
                "category",
                "Đối tượng phải là một trong: can_bo, cong_chuc, vien_chuc, nguoi_lao_dong",
            );
        }
        let staff_level = match self.staff_level.as_deref().map(str::trim) {
            None | Some("") => Some(StaffLevel::Worker),
            Some(code) => StaffLevel::from_code(code),
        };
        if staff_level.is_none() {
            e.add(
                "staff_level",
                "Trình độ phải là một trong: worker, graduate, manager",
            );
        }
        e.or_ok(())?;
        Ok(ValidPerson {
            full_name,
            gender,
            birth_date: self.birth_date,
            unit_id: self.unit_id,
            position,
            category: category.unwrap_or(PersonCategory::Worker),
            staff_level: staff_level.unwrap_or(StaffLevel::Worker),
            union_member: self.union_member,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 29).unwrap()
    }

    #[test]
    fn codes_round_trip() {
        for k in UnitKind::ALL {
            assert_eq!(UnitKind::from_code(k.code()), Some(*k));
        }
        for c in PersonCategory::ALL {
            assert_eq!(PersonCategory::from_code(c.code()), Some(*c));
        }
        assert_eq!(UnitKind::from_code("nope"), None);
    }

    #[test]
    fn person_input_is_cleaned_and_checked() {
        let input = PersonInput {
            full_name: "  Nguye\u{0302}\u{0303}n   Văn Đức ".into(),
            unit_id: 3,
            category: "cong_chuc".into(),
            ..Default::default()
        };
        let p = input.validate(today()).unwrap();
        assert_eq!(p.full_name, "Nguyễn Văn Đức");
        assert_eq!(p.staff_level, StaffLevel::Worker);

        let bad = PersonInput {
            full_name: " ".into(),
            unit_id: 0,
            category: "x".into(),
            ..Default::default()
        };
        let e = bad.validate(today()).unwrap_err();
        assert!(e.fields.contains_key("full_name"));
        assert!(e.fields.contains_key("unit_id"));
        assert!(e.fields.contains_key("category"));
    }

    #[test]
    fn birth_date_must_be_plausible() {
        let mut input = PersonInput {
            full_name: "Lò Thị Mai".into(),
            unit_id: 1,
            category: "vien_chuc".into(),
            ..Default::default()
        };
        input.birth_date = NaiveDate::from_ymd_opt(2027, 1, 1);
        assert!(input
            .validate(today())
            .unwrap_err()
            .fields
            .contains_key("birth_date"));
        input.birth_date = NaiveDate::from_ymd_opt(1990, 1, 1);
        assert!(input.validate(today()).is_ok());
    }

    #[test]
    fn unit_input_rejects_bad_codes() {
        let u = UnitInput {
            code: "P NV".into(),
            name: "Phòng Nội vụ".into(),
            kind: "specialised_office".into(),
            parent_id: None,
        };
        assert!(u.validate().unwrap_err().fields.contains_key("code"));
        let u = UnitInput {
            code: "PNV".into(),
            ..u
        };
        assert_eq!(u.validate().unwrap().kind, UnitKind::SpecialisedOffice);
    }
}
