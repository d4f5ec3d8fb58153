//! Vietnamese personal names: family name (họ), middle name (tên đệm) and given name (tên), with the
//! naming customs of the Kinh majority and of the H'Mông and Dao peoples of Lào Cai.
//!
//! Every literal here is written precomposed, so names come out in Unicode NFC; a test checks it.

use rand::Rng;
use rand_chacha::ChaCha8Rng;
use thidua_domain::directory::Gender;

/// How a family names its children.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Custom {
    /// Kinh, and the Tày, Giáy, Thái and Nùng families who follow the same pattern ("Lò Văn Thắng").
    Kinh,
    /// H'Mông: "Giàng A Sử", "Thào Seo Páo", "Sùng Thị Mỷ".
    Hmong,
    /// Dao: "Tẩn Láo Lở", "Chảo Thị Mẩy".
    Dao,
}

/// Family names with their weight per thousand people in the sample (Nguyễn about 38%). The last
/// block are the ethnic-minority families of Lào Cai.
pub(crate) const FAMILIES: &[(&str, u32, Custom)] = &[
    ("Nguyễn", 380, Custom::Kinh),
    ("Trần", 100, Custom::Kinh),
    ("Lê", 85, Custom::Kinh),
    ("Phạm", 55, Custom::Kinh),
    ("Hoàng", 50, Custom::Kinh),
    ("Vũ", 35, Custom::Kinh),
    ("Phan", 32, Custom::Kinh),
    ("Đặng", 20, Custom::Kinh),
    ("Bùi", 20, Custom::Kinh),
    ("Đỗ", 15, Custom::Kinh),
    ("Ngô", 12, Custom::Kinh),
    ("Hồ", 10, Custom::Kinh),
    ("Dương", 10, Custom::Kinh),
    ("Lý", 8, Custom::Kinh),
    ("Võ", 8, Custom::Kinh),
    ("Đào", 8, Custom::Kinh),
    ("Đinh", 8, Custom::Kinh),
    ("Hà", 8, Custom::Kinh),
    ("Huỳnh", 6, Custom::Kinh),
    ("Trịnh", 6, Custom::Kinh),
    ("Mai", 5, Custom::Kinh),
    ("Lương", 5, Custom::Kinh),
    ("Đoàn", 5, Custom::Kinh),
    ("Cao", 4, Custom::Kinh),
    ("Triệu", 4, Custom::Kinh),
    ("Nông", 4, Custom::Kinh),
    ("Tạ", 3, Custom::Kinh),
    ("Lưu", 3, Custom::Kinh),
    ("Phùng", 3, Custom::Kinh),
    ("Chu", 2, Custom::Kinh),
    // Ethnic-minority families of Lào Cai.
    ("Lò", 10, Custom::Kinh),
    ("Vàng", 10, Custom::Hmong),
    ("Giàng", 10, Custom::Hmong),
    ("Thào", 8, Custom::Hmong),
    ("Sùng", 6, Custom::Hmong),
    ("Lù", 6, Custom::Hmong),
    ("Tẩn", 5, Custom::Dao),
    ("Hầu", 4, Custom::Hmong),
    ("Chảo", 4, Custom::Dao),
    ("Bàn", 4, Custom::Dao),
    ("Lồ", 3, Custom::Hmong),
    ("Ma", 3, Custom::Kinh),
    ("Sần", 2, Custom::Kinh),
];

/// Index in [`FAMILIES`] of the first ethnic-minority family.
const MINORITY_START: usize = 30;

const MALE_MIDDLE: &[(&str, u32)] = &[
    ("Văn", 35),
    ("Đức", 8),
    ("Minh", 8),
    ("Quang", 6),
    ("Hữu", 5),
    ("Ngọc", 4),
    ("Xuân", 4),
    ("Thanh", 4),
    ("Công", 4),
    ("Đình", 4),
    ("Mạnh", 3),
    ("Trọng", 3),
    ("Tiến", 3),
    ("Anh", 3),
    ("Duy", 3),
    ("Thế", 3),
    ("Quốc", 3),
    ("Hoàng", 2),
    ("Bá", 2),
    ("Trung", 2),
    ("Việt", 2),
    ("Hải", 2),
    ("Tuấn", 2),
    ("Thành", 2),
    ("Kim", 1),
    ("Khắc", 1),
    ("Như", 1),
];

const FEMALE_MIDDLE: &[(&str, u32)] = &[
    ("Thị", 50),
    ("Thu", 5),
    ("Ngọc", 5),
    ("Thanh", 5),
    ("Thùy", 4),
    ("Minh", 3),
    ("Phương", 3),
    ("Hồng", 3),
    ("Kim", 3),
    ("Bích", 2),
    ("Hải", 2),
    ("Khánh", 2),
    ("Mai", 2),
    ("Quỳnh", 2),
    ("Thúy", 2),
    ("Hoài", 2),
    ("Diệu", 1),
    ("Như", 1),
    ("Tuyết", 1),
    ("Vân", 1),
    ("Lan", 1),
    ("Bảo", 1),
    ("Hà", 1),
];

/// A second middle name after "Thị" ("Nguyễn Thị Thu Hà").
const FEMALE_SECOND_MIDDLE: &[&str] = &[
    "Thu", "Ngọc", "Thanh", "Thùy", "Minh", "Phương", "Hồng", "Kim", "Bích", "Hải", "Mai", "Thúy",
    "Hoài", "Diệu", "Vân", "Lan", "Bảo", "Hà", "Ánh", "Tuyết",
];

pub(crate) const MALE_GIVEN: &[&str] = &[
    "An",
    "Anh",
    "Bảo",
    "Bắc",
    "Bình",
    "Biên",
    "Cảnh",
    "Cường",
    "Chiến",
    "Chính",
    "Chung",
    "Công",
    "Dũng",
    "Duy",
    "Dương",
    "Đạt",
    "Đại",
    "Đăng",
    "Điệp",
    "Định",
    "Đông",
    "Đức",
    "Giang",
    "Hải",
    "Hào",
    "Hậu",
    "Hiếu",
    "Hiệp",
    "Hiển",
    "Hòa",
    "Hoàn",
    "Hoàng",
    "Học",
    "Hội",
    "Hợp",
    "Hùng",
    "Hưng",
    "Hướng",
    "Huy",
    "Khải",
    "Khang",
    "Khánh",
    "Khoa",
    "Khôi",
    "Kiên",
    "Kiểm",
    "Lâm",
    "Lập",
    "Linh",
    "Long",
    "Lộc",
    "Lợi",
    "Luân",
    "Lực",
    "Lương",
    "Mạnh",
    "Minh",
    "Nam",
    "Nghĩa",
    "Nguyên",
    "Nhân",
    "Nhật",
    "Ninh",
    "Phong",
    "Phú",
    "Phúc",
    "Phương",
    "Quang",
    "Quân",
    "Quý",
    "Quyết",
    "Quỳnh",
    "Sáng",
    "Sơn",
    "Tài",
    "Tâm",
    "Tân",
    "Tấn",
    "Thái",
    "Thắng",
    "Thành",
    "Thanh",
    "Thạch",
    "Thiện",
    "Thịnh",
    "Thọ",
    "Thông",
    "Thuận",
    "Thủy",
    "Tiến",
    "Tiệp",
    "Toàn",
    "Toản",
    "Trí",
    "Triều",
    "Trọng",
    "Trung",
    "Trường",
    "Tú",
    "Tuấn",
    "Tùng",
    "Tuyên",
    "Tư",
    "Văn",
    "Việt",
    "Vinh",
    "Vĩnh",
    "Vũ",
    "Vượng",
    "Xuân",
    "Yên",
    "Hạnh",
    "Chí",
    "Đoàn",
    "Hữu",
    "Luyện",
    "Nhất",
    "Quảng",
    "Sỹ",
    "Tĩnh",
    "Tuệ",
    "Vỹ",
];

pub(crate) const FEMALE_GIVEN: &[&str] = &[
    "An",
    "Anh",
    "Ánh",
    "Bích",
    "Cúc",
    "Châm",
    "Chi",
    "Chinh",
    "Dung",
    "Duyên",
    "Diệp",
    "Điệp",
    "Đào",
    "Gấm",
    "Giang",
    "Hà",
    "Hạnh",
    "Hải",
    "Hằng",
    "Hậu",
    "Hiền",
    "Hiên",
    "Hoa",
    "Hòa",
    "Hồng",
    "Huế",
    "Huệ",
    "Hương",
    "Hường",
    "Huyền",
    "Khánh",
    "Khuyên",
    "Lan",
    "Lành",
    "Liên",
    "Liễu",
    "Linh",
    "Loan",
    "Lụa",
    "Lý",
    "Mai",
    "Mận",
    "Minh",
    "My",
    "Mỹ",
    "Nga",
    "Ngà",
    "Ngân",
    "Nghĩa",
    "Ngọc",
    "Nguyệt",
    "Nhàn",
    "Nhung",
    "Nhi",
    "Nương",
    "Oanh",
    "Phấn",
    "Phượng",
    "Phương",
    "Quế",
    "Quyên",
    "Quỳnh",
    "Sen",
    "Tâm",
    "Thảo",
    "Thắm",
    "Thanh",
    "Thơ",
    "Thơm",
    "Thu",
    "Thúy",
    "Thủy",
    "Thùy",
    "Thư",
    "Thương",
    "Trà",
    "Trang",
    "Trinh",
    "Tuyết",
    "Tươi",
    "Uyên",
    "Vân",
    "Vui",
    "Xuân",
    "Yến",
    "Ly",
    "Hoài",
    "Diệu",
    "Giao",
    "Lam",
    "Mơ",
    "Ninh",
    "Phúc",
    "Sương",
    "Tình",
    "Trâm",
    "Tú",
    "Vy",
    "Yên",
    "Chúc",
    "Dịu",
    "Hiếu",
    "Hợi",
    "Kiều",
    "Lương",
    "Miên",
    "Nhã",
    "Phụng",
    "Thoa",
    "Trúc",
];

const HMONG_MALE_MIDDLE: &[&str] = &["A", "A", "Seo", "Seo", "Văn"];
const HMONG_MALE_GIVEN: &[&str] = &[
    "Sử", "Páo", "Chứ", "Dính", "Chư", "Pao", "Sình", "Tủa", "Lử", "Cở", "Dìn", "Chinh", "Pháng",
    "Xà", "Vảng", "Lềnh", "Chúng", "Sào", "Mang", "Phừ",
];
const HMONG_FEMALE_GIVEN: &[&str] = &[
    "Mỷ", "Dế", "Máy", "Sua", "Dua", "Pà", "Dở", "Sểnh", "Ná", "Sính", "Chá", "Súa", "Mai", "Vư",
];
const DAO_MALE_MIDDLE: &[&str] = &["Láo", "Láo", "Văn", "Văn", "Seo"];
const DAO_MALE_GIVEN: &[&str] = &[
    "Lở", "Phủ", "Chàn", "San", "Quẩy", "Vần", "Kin", "Chỉn", "Tả", "Lìu", "Dùn", "Chiêu",
];
const DAO_FEMALE_GIVEN: &[&str] = &["Mẩy", "Chài", "Lai", "Mui", "Dín", "Nái", "Xiêm", "Sâu"];

fn pick<'a>(rng: &mut ChaCha8Rng, list: &[&'a str]) -> &'a str {
    list[rng.gen_range(0..list.len() as u32) as usize]
}

fn pick_weighted<'a>(rng: &mut ChaCha8Rng, list: &[(&'a str, u32)]) -> &'a str {
    let total: u32 = list.iter().map(|(_, w)| w).sum();
    let mut x = rng.gen_range(0..total);
    for (s, w) in list {
        if x < *w {
            return s;
        }
        x -= w;
    }
    list[list.len() - 1].0
}

fn pick_family(rng: &mut ChaCha8Rng, minority_pct: u8) -> (&'static str, Custom) {
    let from = if rng.gen_range(0..100u32) < u32::from(minority_pct) {
        &FAMILIES[MINORITY_START..]
    } else {
        FAMILIES
    };
    let total: u32 = from.iter().map(|(_, w, _)| w).sum();
    let mut x = rng.gen_range(0..total);
    for (s, w, c) in from {
        if x < *w {
            return (s, *c);
        }
        x -= w;
    }
    let (s, _, c) = from[from.len() - 1];
    (s, c)
}

/// A full name "Family Middle Given". `minority_pct` is the extra chance, in percent, that the
/// family is one of Lào Cai's ethnic minorities (higher in the highland communes).
pub(crate) fn full_name(rng: &mut ChaCha8Rng, gender: Gender, minority_pct: u8) -> String {
    let (family, custom) = pick_family(rng, minority_pct);
    let female = gender == Gender::Female;
    // Half of the minority people in public service carry a name of the Kinh pattern.
    let traditional = custom != Custom::Kinh && rng.gen_bool(0.5);
    let mut name = String::with_capacity(32);
    name.push_str(family);
    name.push(' ');
    match (custom, traditional, female) {
        (Custom::Hmong, true, false) => {
            name.push_str(pick(rng, HMONG_MALE_MIDDLE));
            name.push(' ');
            name.push_str(pick(rng, HMONG_MALE_GIVEN));
        }
        (Custom::Hmong, true, true) => {
            name.push_str("Thị ");
            name.push_str(pick(rng, HMONG_FEMALE_GIVEN));
        }
        (Custom::Dao, true, false) => {
            name.push_str(pick(rng, DAO_MALE_MIDDLE));
            name.push(' ');
            name.push_str(pick(rng, DAO_MALE_GIVEN));
        }
        (Custom::Dao, true, true) => {
            name.push_str("Thị ");
            name.push_str(pick(rng, DAO_FEMALE_GIVEN));
        }
        (Custom::Kinh, _, _) | (_, false, _) => {
            let minority = custom != Custom::Kinh;
            let (middle, second) = if female {
                let m = if minority {
                    "Thị"
                } else {
                    pick_weighted(rng, FEMALE_MIDDLE)
                };
                let second = (m == "Thị" && !minority && rng.gen_bool(0.2))
                    .then(|| pick(rng, FEMALE_SECOND_MIDDLE));
                (m, second)
            } else {
                let m = if minority {
                    "Văn"
                } else {
                    pick_weighted(rng, MALE_MIDDLE)
                };
                (m, None)
            };
            let given_list = if female { FEMALE_GIVEN } else { MALE_GIVEN };
            // A given name that repeats the last middle name ("Thu Thu") is redrawn.
            let last_middle = second.unwrap_or(middle);
            let mut given = pick(rng, given_list);
            while given == last_middle {
                given = pick(rng, given_list);
            }
            name.push_str(middle);
            if let Some(s) = second {
                name.push(' ');
                name.push_str(s);
            }
            name.push(' ');
            name.push_str(given);
        }
    }
    name
}

/// Every literal of this module, for the NFC test.
#[cfg(test)]
pub(crate) fn all_literals() -> Vec<&'static str> {
    let mut v: Vec<&'static str> = FAMILIES.iter().map(|(s, _, _)| *s).collect();
    v.extend(MALE_MIDDLE.iter().map(|(s, _)| *s));
    v.extend(FEMALE_MIDDLE.iter().map(|(s, _)| *s));
    for list in [
        FEMALE_SECOND_MIDDLE,
        MALE_GIVEN,
        FEMALE_GIVEN,
        HMONG_MALE_MIDDLE,
        HMONG_MALE_GIVEN,
        HMONG_FEMALE_GIVEN,
        DAO_MALE_MIDDLE,
        DAO_MALE_GIVEN,
        DAO_FEMALE_GIVEN,
    ] {
        v.extend_from_slice(list);
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minority_block_starts_where_declared() {
        assert_eq!(FAMILIES[MINORITY_START].0, "Lò");
        assert_eq!(FAMILIES[MINORITY_START - 1].0, "Chu");
    }

    #[test]
    fn nguyen_is_about_38_percent() {
        let total: u32 = FAMILIES.iter().map(|(_, w, _)| w).sum();
        let share = f64::from(FAMILIES[0].1) / f64::from(total);
        assert!((0.36..0.40).contains(&share), "{share}");
    }
}
