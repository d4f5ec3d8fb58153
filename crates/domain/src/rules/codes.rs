//! The closed sets of codes that a case and the rule tables use (`eligibility.md`), each with its
//! Vietnamese wording. Titles and forms are *not* here: they are open, listed in the rule tables'
//! catalogue, so that an administrator can add one without a new release.

use serde::de::{self, Deserializer, Visitor};
use serde::{Serialize, Serializer};
use std::fmt;

/// Declares a closed set of codes: the code used in JSON, the Vietnamese label, and serde that reads
/// and writes the code (an unknown code is refused with the list of valid ones, in Vietnamese).
macro_rules! codes {
    ($(#[$meta:meta])* $name:ident, $what:literal { $($variant:ident => ($code:literal, $label:literal)),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($variant),+ }

        impl $name {
            /// Every value, in the order of the contract.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// What the code names, for error messages ("xếp loại").
            pub const WHAT: &'static str = $what;

            /// The code used in JSON.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            /// The Vietnamese wording.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }

            pub fn from_code(code: &str) -> Option<Self> {
                match code { $($code => Some($name::$variant),)+ _ => None }
            }

            /// "hoan_thanh_xuat_sac, hoan_thanh_tot, …": for messages that list the valid codes.
            pub fn code_list() -> String {
                Self::ALL.iter().map(|c| c.code()).collect::<Vec<_>>().join(", ")
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.label())
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.code())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct CodeVisitor;
                impl<'de> Visitor<'de> for CodeVisitor {
                    type Value = $name;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        write!(f, "{}: {}", $what, $name::code_list())
                    }
                    fn visit_str<E: de::Error>(self, v: &str) -> Result<$name, E> {
                        $name::from_code(v).ok_or_else(|| E::custom(unknown_code_message::<$name>(v)))
                    }
                }
                d.deserialize_str(CodeVisitor)
            }
        }

        impl CodeSet for $name {
            fn parse(code: &str) -> Option<Self> { Self::from_code(code) }
            fn what() -> &'static str { $what }
            fn code_list() -> String { $name::code_list() }
        }
    };
}

/// What the case parser needs of every closed set.
pub(crate) trait CodeSet: Sized {
    fn parse(code: &str) -> Option<Self>;
    fn what() -> &'static str;
    fn code_list() -> String;
}

/// "Xếp loại không tồn tại: \"tot\". Giá trị hợp lệ: …".
pub(crate) fn unknown_code_message<C: CodeSet>(code: &str) -> String {
    format!(
        "Giá trị {} không tồn tại: \"{}\". Giá trị hợp lệ: {}",
        C::what(),
        code,
        C::code_list()
    )
}

codes! {
    /// Who is judged: a person (cá nhân) or a collective (tập thể).
    Subject, "đối tượng" {
        Individual => ("individual", "cá nhân"),
        Collective => ("collective", "tập thể"),
    }
}

codes! {
    /// Which subjects a title or form is for, in the catalogue.
    SubjectKind, "loại đối tượng" {
        Individual => ("individual", "Cá nhân"),
        Collective => ("collective", "Tập thể"),
        Any => ("any", "Cá nhân hoặc tập thể"),
    }
}

impl SubjectKind {
    pub fn admits(self, subject: Subject) -> bool {
        matches!(
            (self, subject),
            (SubjectKind::Any, _)
                | (SubjectKind::Individual, Subject::Individual)
                | (SubjectKind::Collective, Subject::Collective)
        )
    }
}

codes! {
    /// What sort of award a catalogue entry is.
    Category, "loại khen thưởng" {
        Title => ("title", "Danh hiệu thi đua"),
        Form => ("form", "Hình thức khen thưởng"),
        UnionAward => ("union_award", "Khen thưởng của tổ chức Công đoàn"),
    }
}

codes! {
    /// The yearly rating (xếp loại, đánh giá), best first.
    Rating, "xếp loại" {
        HoanThanhXuatSac => ("hoan_thanh_xuat_sac", "Hoàn thành xuất sắc nhiệm vụ"),
        HoanThanhTot => ("hoan_thanh_tot", "Hoàn thành tốt nhiệm vụ"),
        HoanThanh => ("hoan_thanh", "Hoàn thành nhiệm vụ"),
        KhongHoanThanh => ("khong_hoan_thanh", "Không hoàn thành nhiệm vụ"),
    }
}

impl Rating {
    /// Higher is better.
    pub fn rank(self) -> u8 {
        match self {
            Rating::HoanThanhXuatSac => 3,
            Rating::HoanThanhTot => 2,
            Rating::HoanThanh => 1,
            Rating::KhongHoanThanh => 0,
        }
    }

    /// `self` is `required` or better.
    pub fn at_least(self, required: Rating) -> bool {
        self.rank() >= required.rank()
    }
}

codes! {
    /// The scope at which an initiative or a science project was recognised, narrowest first. A wider
    /// scope meets a narrower requirement.
    Scope, "phạm vi công nhận" {
        CoSo => ("co_so", "cơ sở"),
        Huyen => ("huyen", "cấp huyện (thành phố)"),
        Tinh => ("tinh", "cấp tỉnh"),
        ToanQuoc => ("toan_quoc", "toàn quốc"),
    }
}

codes! {
    /// A discipline received (hình thức kỷ luật), lightest first.
    Discipline, "hình thức kỷ luật" {
        KhienTrach => ("khien_trach", "khiển trách"),
        CanhCao => ("canh_cao", "cảnh cáo"),
        HaBacLuong => ("ha_bac_luong", "hạ bậc lương"),
        GiangChuc => ("giang_chuc", "giáng chức"),
        CachChuc => ("cach_chuc", "cách chức"),
        BuocThoiViec => ("buoc_thoi_viec", "buộc thôi việc"),
    }
}

codes! {
    /// The staff level that sets the benefit threshold of the Bằng Lao động sáng tạo.
    StaffLevel, "đối tượng người lao động" {
        LaoDong => ("lao_dong", "công nhân, người lao động"),
        DaiHoc => ("dai_hoc", "người có trình độ đại học trở lên"),
        QuanLy => ("quan_ly", "cán bộ quản lý"),
    }
}

codes! {
    /// Who signs a Giấy khen: the money differs by signer in some regimes.
    Issuer, "người ký Giấy khen" {
        ChuTichXa => ("chu_tich_xa", "Chủ tịch Ủy ban nhân dân cấp xã"),
        ChuTichHuyen => ("chu_tich_huyen", "Chủ tịch Ủy ban nhân dân cấp huyện"),
        ThuTruong => ("thu_truong", "Thủ trưởng cơ quan, đơn vị"),
    }
}

codes! {
    /// A count in a collective's `members` block.
    MemberField, "số liệu thành viên" {
        Completed => ("completed", "hoàn thành nhiệm vụ"),
        LaoDongTienTien => ("lao_dong_tien_tien", "đạt danh hiệu Lao động tiên tiến"),
        ChienSiThiDuaCoSo => ("chien_si_thi_dua_co_so", "đạt danh hiệu Chiến sĩ thi đua cơ sở"),
        DisciplinedCanhCaoOrAbove => ("disciplined_canh_cao_or_above", "bị kỷ luật từ hình thức cảnh cáo trở lên"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_unknown_codes_are_named() {
        for r in Rating::ALL {
            assert_eq!(Rating::from_code(r.code()), Some(*r));
        }
        let err = serde_json::from_str::<Rating>("\"tot\"")
            .unwrap_err()
            .to_string();
        assert!(err.contains("\"tot\""), "{err}");
        assert!(err.contains("hoan_thanh_tot"), "{err}");
    }

    #[test]
    fn wider_scopes_and_better_ratings_order_upwards() {
        assert!(
            Scope::ToanQuoc > Scope::Tinh
                && Scope::Tinh > Scope::Huyen
                && Scope::Huyen > Scope::CoSo
        );
        assert!(Rating::HoanThanhXuatSac.at_least(Rating::HoanThanhTot));
        assert!(!Rating::HoanThanh.at_least(Rating::HoanThanhTot));
        assert!(Discipline::CanhCao > Discipline::KhienTrach);
    }
}
