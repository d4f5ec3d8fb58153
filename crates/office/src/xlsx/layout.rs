//! What a list in a workbook should hold ([`Layout`]), how its columns are found by their headers,
//! and which sheet column holds which field ([`Mapping`], which a user may correct after a preview).
//! The layouts offices send are described in `docs/office-files.md`.

use serde::Serialize;
use thidua_domain::text::fold;

/// The kind of value a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ColumnType {
    /// Text, NFC, trimmed, inner white space collapsed.
    Text,
    /// A whole number.
    Int,
    /// A date: an Excel date, a date serial number, or text dd/mm/yyyy.
    Date,
    /// Whole đồng: a number, or text such as "5.000.000" or "5,000,000 đ".
    Money,
    /// One of a closed set of choices, given by label, code or alias.
    Enum(&'static [Choice]),
}

/// One choice of an [`ColumnType::Enum`] column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Choice {
    /// The code the rest of thidua uses (`thidua_domain` codes).
    pub code: &'static str,
    /// The Vietnamese label shown to users.
    pub label: &'static str,
    /// Other ways offices write it (abbreviations, short forms).
    pub aliases: &'static [&'static str],
}

/// One expected column (cột) of a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Column {
    /// The field's key in [`super::ParsedRow::values`].
    pub key: &'static str,
    /// The header as the template writes it.
    pub header: &'static str,
    /// Other headers offices write for it.
    pub aliases: &'static [&'static str],
    /// The import cannot go on without this column, and a row cannot leave it empty.
    pub required: bool,
    pub kind: ColumnType,
}

/// The columns a list is expected to have (mẫu danh sách).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Layout {
    /// A short code: `people`, `ratings`, `nominations`.
    pub code: &'static str,
    /// What the list is, in Vietnamese.
    pub title: &'static str,
    pub columns: &'static [Column],
}

impl Layout {
    pub fn column(&self, key: &str) -> Option<&'static Column> {
        self.columns.iter().find(|c| c.key == key)
    }

    /// The column a header names, if any (see [`header_key`] for how headers compare).
    pub fn column_for_header(&self, header: &str) -> Option<&'static Column> {
        let key = header_key(header);
        if key.is_empty() {
            return None;
        }
        self.columns
            .iter()
            .find(|c| header_key(c.header) == key || c.aliases.iter().any(|a| header_key(a) == key))
    }

    /// The built-in layouts, by code.
    pub fn by_code(code: &str) -> Option<&'static Layout> {
        [&PEOPLE, &RATINGS, &NOMINATIONS]
            .into_iter()
            .find(|l| l.code == code)
    }
}

/// A header reduced for comparison: text in parentheses dropped ("Giới tính (Nam/Nữ)"), then
/// folded (no case, no diacritics) and only letters and digits kept, so that "Họ và tên",
/// "HỌ VÀ TÊN", "Họ và  tên:" and "Ho va ten" are equal.
pub fn header_key(header: &str) -> String {
    let mut depth = 0usize;
    let mut outside = String::with_capacity(header.len());
    for c in header.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => outside.push(c),
            _ => {}
        }
    }
    fold(&outside)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// Which sheet column (by index, 0 for A) holds which field of a layout.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Mapping {
    columns: Vec<Option<&'static str>>,
}

/// A mapping change that cannot be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("Mẫu \"{layout}\" không có cột \"{key}\".")]
pub struct UnknownColumn {
    pub layout: &'static str,
    pub key: String,
}

impl Mapping {
    /// The mapping the headers suggest: each header that names a column of the layout maps to it,
    /// the first such header when several name the same column.
    pub fn guess(layout: &Layout, headers: &[String]) -> Mapping {
        let mut mapping = Mapping::default();
        for (i, header) in headers.iter().enumerate() {
            if let Some(column) = layout.column_for_header(header) {
                if mapping.index_of(column.key).is_none() {
                    mapping.put(i, Some(column.key));
                }
            }
        }
        mapping
    }

    /// Makes sheet column `index` hold field `key` (or nothing). Another column that held the field
    /// lets it go: a field comes from one column.
    pub fn set(
        &mut self,
        layout: &Layout,
        index: usize,
        key: Option<&str>,
    ) -> Result<(), UnknownColumn> {
        let key = match key {
            None => None,
            Some(k) => Some(
                layout
                    .column(k)
                    .ok_or_else(|| UnknownColumn {
                        layout: layout.title,
                        key: k.to_owned(),
                    })?
                    .key,
            ),
        };
        if let Some(k) = key {
            if let Some(old) = self.index_of(k) {
                self.columns[old] = None;
            }
        }
        self.put(index, key);
        Ok(())
    }

    fn put(&mut self, index: usize, key: Option<&'static str>) {
        if self.columns.len() <= index {
            self.columns.resize(index + 1, None);
        }
        self.columns[index] = key;
    }

    /// The field sheet column `index` holds.
    pub fn key_at(&self, index: usize) -> Option<&'static str> {
        self.columns.get(index).copied().flatten()
    }

    /// The sheet column that holds field `key`.
    pub fn index_of(&self, key: &str) -> Option<usize> {
        self.columns.iter().position(|k| *k == Some(key))
    }

    /// (sheet column, field) pairs, left to right.
    pub fn pairs(&self) -> Vec<(usize, &'static str)> {
        self.columns
            .iter()
            .enumerate()
            .filter_map(|(i, k)| k.map(|k| (i, k)))
            .collect()
    }

    /// The required columns of the layout that no sheet column holds.
    pub fn missing_required(&self, layout: &Layout) -> Vec<&'static Column> {
        layout
            .columns
            .iter()
            .filter(|c| c.required && self.index_of(c.key).is_none())
            .collect()
    }
}

/// The letters Excel gives column `index` (0 → A, 25 → Z, 26 → AA).
pub fn column_letter(index: usize) -> String {
    let mut n = index + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

// The choices, with the codes of `thidua_domain::directory`.

pub const GENDERS: &[Choice] = &[
    Choice {
        code: "male",
        label: "Nam",
        aliases: &["M", "Male", "Trai"],
    },
    Choice {
        code: "female",
        label: "Nữ",
        aliases: &["F", "Female", "Gái", "Nu"],
    },
];

pub const CATEGORIES: &[Choice] = &[
    Choice {
        code: "can_bo",
        label: "Cán bộ",
        aliases: &["CB"],
    },
    Choice {
        code: "cong_chuc",
        label: "Công chức",
        aliases: &["CC"],
    },
    Choice {
        code: "vien_chuc",
        label: "Viên chức",
        aliases: &["VC"],
    },
    Choice {
        code: "nguoi_lao_dong",
        label: "Người lao động",
        aliases: &["NLĐ", "Lao động", "Lao động hợp đồng", "Hợp đồng"],
    },
];

pub const STAFF_LEVELS: &[Choice] = &[
    Choice {
        code: "worker",
        label: "Công nhân, người lao động trực tiếp",
        aliases: &[
            "Công nhân",
            "Lao động trực tiếp",
            "Người lao động trực tiếp",
        ],
    },
    Choice {
        code: "graduate",
        label: "Trình độ đại học trở lên",
        aliases: &[
            "Đại học",
            "Đại học trở lên",
            "Thạc sĩ",
            "Tiến sĩ",
            "Cử nhân",
            "Kỹ sư",
        ],
    },
    Choice {
        code: "manager",
        label: "Cán bộ quản lý",
        aliases: &["Quản lý"],
    },
];

pub const YES_NO: &[Choice] = &[
    Choice {
        code: "yes",
        label: "Có",
        aliases: &["x", "X", "✓", "Yes", "Đúng", "1"],
    },
    Choice {
        code: "no",
        label: "Không",
        aliases: &["No", "0", "-"],
    },
];

pub const RATINGS_CHOICES: &[Choice] = &[
    Choice {
        code: "hoan_thanh_xuat_sac",
        label: "Hoàn thành xuất sắc nhiệm vụ",
        aliases: &["HTXSNV", "HTXS", "Hoàn thành xuất sắc"],
    },
    Choice {
        code: "hoan_thanh_tot",
        label: "Hoàn thành tốt nhiệm vụ",
        aliases: &["HTTNV", "HTT", "Hoàn thành tốt"],
    },
    Choice {
        code: "hoan_thanh",
        label: "Hoàn thành nhiệm vụ",
        aliases: &["HTNV", "HT", "Hoàn thành"],
    },
    Choice {
        code: "khong_hoan_thanh",
        label: "Không hoàn thành nhiệm vụ",
        aliases: &["KHTNV", "KHT", "Không hoàn thành"],
    },
];

const ORDINAL: Column = Column {
    key: "ordinal",
    header: "STT",
    aliases: &["Số TT", "Số thứ tự", "TT", "Số"],
    required: false,
    kind: ColumnType::Int,
};

const FULL_NAME: Column = Column {
    key: "full_name",
    header: "Họ và tên",
    aliases: &[
        "Họ tên",
        "Họ và tên cán bộ",
        "Tên cán bộ",
        "Họ và tên cá nhân",
    ],
    required: true,
    kind: ColumnType::Text,
};

const UNIT: Column = Column {
    key: "unit",
    header: "Đơn vị",
    aliases: &[
        "Đơn vị công tác",
        "Cơ quan, đơn vị",
        "Cơ quan",
        "Nơi công tác",
        "Phòng, ban",
        "Đơn vị công tác hiện nay",
    ],
    required: true,
    kind: ColumnType::Text,
};

const POSITION: Column = Column {
    key: "position",
    header: "Chức vụ",
    aliases: &[
        "Chức danh",
        "Chức vụ, chức danh",
        "Chức vụ, đơn vị công tác",
        "Chức vụ hiện tại",
    ],
    required: false,
    kind: ColumnType::Text,
};

const NOTE: Column = Column {
    key: "note",
    header: "Ghi chú",
    aliases: &[],
    required: false,
    kind: ColumnType::Text,
};

/// People (danh sách cán bộ): the fields of `thidua_domain::directory::PersonInput`. The unit is
/// given by name or code; the caller finds its id. A missing Đối tượng is for the caller to default.
pub const PEOPLE: Layout = Layout {
    code: "people",
    title: "Danh sách cán bộ, công chức, viên chức, người lao động",
    columns: &[
        ORDINAL,
        FULL_NAME,
        Column {
            key: "birth_date",
            header: "Ngày sinh",
            aliases: &["Ngày, tháng, năm sinh", "Sinh ngày", "Năm sinh"],
            required: false,
            kind: ColumnType::Date,
        },
        Column {
            key: "gender",
            header: "Giới tính",
            aliases: &["Nam/Nữ", "Giới"],
            required: false,
            kind: ColumnType::Enum(GENDERS),
        },
        POSITION,
        UNIT,
        Column {
            key: "category",
            header: "Đối tượng",
            aliases: &[
                "Loại cán bộ",
                "Ngạch",
                "Phân loại",
                "Cán bộ/Công chức/Viên chức",
            ],
            required: false,
            kind: ColumnType::Enum(CATEGORIES),
        },
        Column {
            key: "staff_level",
            header: "Trình độ",
            aliases: &["Trình độ chuyên môn", "Trình độ chuyên môn, nghiệp vụ"],
            required: false,
            kind: ColumnType::Enum(STAFF_LEVELS),
        },
        Column {
            key: "union_member",
            header: "Đoàn viên công đoàn",
            aliases: &["Công đoàn viên", "Đoàn viên CĐ", "Công đoàn"],
            required: false,
            kind: ColumnType::Enum(YES_NO),
        },
        NOTE,
    ],
};

/// Yearly ratings (kết quả đánh giá, xếp loại hằng năm).
pub const RATINGS: Layout = Layout {
    code: "ratings",
    title: "Kết quả đánh giá, xếp loại",
    columns: &[
        ORDINAL,
        Column {
            key: "person_id",
            header: "Mã cán bộ",
            aliases: &["Mã số cán bộ", "Mã CB", "Mã người", "Mã danh bạ"],
            required: false,
            kind: ColumnType::Int,
        },
        FULL_NAME,
        UNIT,
        Column {
            key: "year",
            header: "Năm",
            aliases: &["Năm đánh giá", "Năm xếp loại"],
            required: true,
            kind: ColumnType::Int,
        },
        Column {
            key: "rating",
            header: "Xếp loại",
            aliases: &[
                "Kết quả xếp loại",
                "Đánh giá, xếp loại",
                "Kết quả đánh giá",
                "Mức xếp loại",
                "Xếp loại chất lượng",
            ],
            required: true,
            kind: ColumnType::Enum(RATINGS_CHOICES),
        },
        NOTE,
    ],
};

/// Nominations (danh sách đề nghị khen thưởng) as units send them: a person or a collective, the
/// award asked for, and a summary of achievements.
pub const NOMINATIONS: Layout = Layout {
    code: "nominations",
    title: "Danh sách đề nghị khen thưởng",
    columns: &[
        ORDINAL,
        Column {
            key: "full_name",
            header: "Họ và tên",
            aliases: &[
                "Họ tên",
                "Họ và tên cá nhân",
                "Tên tập thể",
                "Họ và tên, tên tập thể",
                "Tên tập thể, cá nhân",
                "Tên cá nhân, tập thể",
                "Cá nhân, tập thể",
                "Tập thể, cá nhân",
            ],
            required: true,
            kind: ColumnType::Text,
        },
        Column {
            key: "birth_date",
            header: "Ngày sinh",
            aliases: &["Ngày, tháng, năm sinh", "Sinh ngày", "Năm sinh"],
            required: false,
            kind: ColumnType::Date,
        },
        POSITION,
        Column {
            required: false,
            ..UNIT
        },
        Column {
            key: "award",
            header: "Hình thức/Danh hiệu",
            aliases: &[
                "Hình thức khen thưởng",
                "Danh hiệu thi đua",
                "Danh hiệu",
                "Hình thức",
                "Danh hiệu, hình thức",
                "Hình thức đề nghị",
                "Đề nghị khen thưởng",
                "Danh hiệu đề nghị",
            ],
            required: true,
            kind: ColumnType::Text,
        },
        Column {
            key: "summary",
            header: "Thành tích tóm tắt",
            aliases: &[
                "Tóm tắt thành tích",
                "Thành tích",
                "Thành tích đạt được",
                "Nội dung thành tích",
            ],
            required: false,
            kind: ColumnType::Text,
        },
        NOTE,
    ],
};

#[cfg(test)]
mod tests {
    use super::*;
    use thidua_domain::directory::{Gender, PersonCategory, Rating, StaffLevel};

    #[test]
    fn choices_use_the_domain_codes_and_labels() {
        for c in GENDERS {
            assert_eq!(Gender::from_code(c.code).map(|g| g.label()), Some(c.label));
        }
        for c in CATEGORIES {
            assert_eq!(
                PersonCategory::from_code(c.code).map(|g| g.label()),
                Some(c.label)
            );
        }
        for c in STAFF_LEVELS {
            assert_eq!(
                StaffLevel::from_code(c.code).map(|g| g.label()),
                Some(c.label)
            );
        }
        for c in RATINGS_CHOICES {
            assert_eq!(Rating::from_code(c.code).map(|g| g.label()), Some(c.label));
        }
    }

    #[test]
    fn headers_compare_loosely() {
        assert_eq!(header_key(" HỌ VÀ  TÊN: "), "hovaten");
        assert_eq!(header_key("Giới tính (Nam/Nữ)"), "gioitinh");
        assert_eq!(header_key("Ngày, tháng,\nnăm sinh"), "ngaythangnamsinh");
        assert_eq!(
            PEOPLE.column_for_header("Ho va ten").map(|c| c.key),
            Some("full_name")
        );
        assert_eq!(
            PEOPLE
                .column_for_header("Ngày tháng năm sinh")
                .map(|c| c.key),
            Some("birth_date")
        );
        assert_eq!(PEOPLE.column_for_header("Quê quán"), None);
    }

    #[test]
    fn no_two_columns_share_a_header() {
        for layout in [PEOPLE, RATINGS, NOMINATIONS] {
            let mut keys: Vec<String> = layout
                .columns
                .iter()
                .flat_map(|c| std::iter::once(c.header).chain(c.aliases.iter().copied()))
                .map(header_key)
                .collect();
            let n = keys.len();
            keys.sort();
            keys.dedup();
            assert_eq!(keys.len(), n, "{}", layout.code);
            let mut fields: Vec<&str> = layout.columns.iter().map(|c| c.key).collect();
            fields.dedup();
            assert_eq!(fields.len(), layout.columns.len());
        }
    }

    #[test]
    fn mapping_guesses_and_takes_corrections() {
        let headers: Vec<String> = ["TT", "Họ tên", "Quê quán", "Đơn vị công tác", "Ngày sinh"]
            .map(String::from)
            .to_vec();
        let mut m = Mapping::guess(&PEOPLE, &headers);
        assert_eq!(
            m.pairs(),
            vec![
                (0, "ordinal"),
                (1, "full_name"),
                (3, "unit"),
                (4, "birth_date")
            ]
        );
        assert!(m.missing_required(&PEOPLE).is_empty());
        m.set(&PEOPLE, 2, Some("unit")).unwrap();
        assert_eq!(m.index_of("unit"), Some(2));
        assert_eq!(m.key_at(3), None);
        m.set(&PEOPLE, 1, None).unwrap();
        assert_eq!(
            m.missing_required(&PEOPLE)
                .iter()
                .map(|c| c.key)
                .collect::<Vec<_>>(),
            ["full_name"]
        );
        assert!(m.set(&PEOPLE, 1, Some("nope")).is_err());
    }

    #[test]
    fn column_letters_are_excel_s() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(701), "ZZ");
        assert_eq!(column_letter(702), "AAA");
    }
}
