//! The units of a sample: the city of the seed dispatch (Lào Cai) built by hand, and provinces built
//! programmatically around it, with recipient groups and the 2025 merges.

use crate::{SampleGroup, SampleMerge, SampleUnit};
use chrono::NaiveDate;
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use thidua_domain::directory::UnitKind;

/// The four recipient groups of the seed dispatch's "Kính gửi".
pub(crate) const CITY_GROUPS: [(&str, &str); 4] = [
    ("ban-dang", "Các Ban đảng Thành uỷ"),
    ("mttq-doan-the", "Ủy ban MTTQVN và các đoàn thể thành phố"),
    (
        "phong-dvsn",
        "Các Phòng chuyên môn, Đơn vị sự nghiệp thành phố",
    ),
    ("xa-phuong", "UBND các xã, phường"),
];
const G_BAN_DANG: &str = "ban-dang";
const G_MTTQ: &str = "mttq-doan-the";
const G_PHONG: &str = "phong-dvsn";
const G_XA: &str = "xa-phuong";

/// The day of the 2025 reorganisation of local government.
pub(crate) fn merge_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 7, 1).expect("a valid date")
}

fn merge_note(from: &str, into: &str) -> String {
    format!(
        "Sáp nhập {from} vào {into} theo phương án sắp xếp đơn vị hành chính cấp xã năm 2025; \
         cán bộ, công chức, người lao động và công việc đang theo dõi chuyển về {into}."
    )
}

/// Collects units (parents first), groups and merges.
#[derive(Default)]
pub(crate) struct Builder {
    pub groups: Vec<SampleGroup>,
    pub units: Vec<SampleUnit>,
    pub merges: Vec<SampleMerge>,
}

impl Builder {
    fn group(&mut self, code: impl Into<String>, name: impl Into<String>) {
        self.groups.push(SampleGroup {
            code: code.into(),
            name: name.into(),
        });
    }

    fn unit(
        &mut self,
        code: impl Into<String>,
        name: impl Into<String>,
        kind: UnitKind,
        parent: Option<&str>,
        groups: &[&str],
    ) {
        self.units.push(SampleUnit {
            code: code.into(),
            name: name.into(),
            kind,
            parent_code: parent.map(str::to_owned),
            group_codes: groups.iter().map(|g| (*g).to_owned()).collect(),
        });
    }

    fn merge(&mut self, from_code: &str, from_name: &str, into_code: &str, into_name: &str) {
        self.merges.push(SampleMerge {
            from_code: from_code.to_owned(),
            into_code: into_code.to_owned(),
            on: merge_day(),
            note: merge_note(from_name, into_name),
        });
    }
}

// --- The city -----------------------------------------------------------------------------------

const CITY_OFFICES: &[(&str, &str)] = &[
    ("VP-HDND-UBND", "Văn phòng HĐND và UBND thành phố"),
    ("PNV", "Phòng Nội vụ"),
    ("PTCKH", "Phòng Tài chính - Kế hoạch"),
    ("PTP", "Phòng Tư pháp"),
    ("PVHTT", "Phòng Văn hóa và Thông tin"),
    ("PGDDT", "Phòng Giáo dục và Đào tạo"),
    ("PYT", "Phòng Y tế"),
    ("PTNMT", "Phòng Tài nguyên và Môi trường"),
    ("PQLDT", "Phòng Quản lý đô thị"),
    ("PKT", "Phòng Kinh tế"),
    ("PLDTBXH", "Phòng Lao động - Thương binh và Xã hội"),
    ("PDT", "Phòng Dân tộc"),
    ("TTRA-TP", "Thanh tra thành phố"),
];

const CITY_SERVICES: &[(&str, &str)] = &[
    ("TT-VHTTTT", "Trung tâm Văn hóa - Thể thao - Truyền thông"),
    ("BQLDA", "Ban Quản lý dự án đầu tư xây dựng"),
    ("TTPTQD", "Trung tâm Phát triển quỹ đất"),
    (
        "TT-GDNN-GDTX",
        "Trung tâm Giáo dục nghề nghiệp - Giáo dục thường xuyên",
    ),
];

const CITY_SCHOOLS: &[(&str, &str)] = &[
    ("MN-HOA-HONG", "Trường Mầm non Hoa Hồng"),
    ("MN-SON-CA", "Trường Mầm non Sơn Ca"),
    ("MN-HOA-SEN", "Trường Mầm non Hoa Sen"),
    ("MN-HOA-MAI", "Trường Mầm non Hoa Mai"),
    ("TH-KIM-DONG", "Trường Tiểu học Kim Đồng"),
    ("TH-NGUYEN-DU", "Trường Tiểu học Nguyễn Du"),
    ("TH-LE-VAN-TAM", "Trường Tiểu học Lê Văn Tám"),
    ("TH-BAC-CUONG", "Trường Tiểu học Bắc Cường"),
    ("TH-POM-HAN", "Trường Tiểu học Pom Hán"),
    ("THCS-LE-QUY-DON", "Trường THCS Lê Quý Đôn"),
    ("THCS-LE-HONG-PHONG", "Trường THCS Lê Hồng Phong"),
    ("THCS-NGO-VAN-SO", "Trường THCS Ngô Văn Sở"),
    ("THCS-CHU-VAN-AN", "Trường THCS Chu Văn An"),
];

pub(crate) const CITY_WARDS: &[(&str, &str)] = &[
    ("P-COC-LEU", "Phường Cốc Lếu"),
    ("P-KIM-TAN", "Phường Kim Tân"),
    ("P-DUYEN-HAI", "Phường Duyên Hải"),
    ("P-LAO-CAI", "Phường Lào Cai"),
    ("P-PHO-MOI", "Phường Phố Mới"),
    ("P-BAC-CUONG", "Phường Bắc Cường"),
    ("P-NAM-CUONG", "Phường Nam Cường"),
    ("P-BAC-LENH", "Phường Bắc Lệnh"),
    ("P-POM-HAN", "Phường Pom Hán"),
    ("P-XUAN-TANG", "Phường Xuân Tăng"),
    ("P-BINH-MINH", "Phường Bình Minh"),
    ("P-THONG-NHAT", "Phường Thống Nhất"),
    ("X-CAM-DUONG", "Xã Cam Đường"),
    ("X-HOP-THANH", "Xã Hợp Thành"),
    ("X-TA-PHOI", "Xã Tả Phời"),
    ("X-VAN-HOA", "Xã Vạn Hòa"),
    ("X-DONG-TUYEN", "Xã Đồng Tuyển"),
    ("X-COC-SAN", "Xã Cốc San"),
];

const CITY_PARTY_BOARDS: &[(&str, &str)] = &[
    ("TU-BTC", "Ban Tổ chức Thành ủy"),
    ("TU-BTG", "Ban Tuyên giáo Thành ủy"),
    ("TU-BDV", "Ban Dân vận Thành ủy"),
    ("TU-UBKT", "Ủy ban Kiểm tra Thành ủy"),
    ("TU-VP", "Văn phòng Thành ủy"),
];

const CITY_MASS: &[(&str, &str)] = &[
    ("DOAN-TP", "Đoàn TNCS Hồ Chí Minh thành phố"),
    ("HLHPN-TP", "Hội Liên hiệp Phụ nữ thành phố"),
    ("HND-TP", "Hội Nông dân thành phố"),
    ("HCCB-TP", "Hội Cựu chiến binh thành phố"),
];

/// Where the city hangs in its province.
pub(crate) struct CityLinks<'a> {
    pub committee: &'a str,
    pub party: &'a str,
    pub front: &'a str,
    pub labour: &'a str,
    pub health: &'a str,
    pub district_group: &'a str,
}

/// A city unit's name as it reads inside its province: "Phòng Nội vụ thành phố Lào Cai".
fn qualify(name: &str, links: Option<&CityLinks>) -> String {
    match links {
        None => name.to_owned(),
        Some(_) if name.ends_with("thành phố") || name.ends_with("Thành ủy") => {
            format!("{name} Lào Cai")
        }
        Some(_) => format!("{name} thành phố Lào Cai"),
    }
}

/// The city of Lào Cai: its People's Committee, offices, public service units and schools, wards
/// and communes, Party committee and boards, Fatherland Front and mass organisations, Labour
/// Federation; and the merge of Phường Duyên Hải into Phường Cốc Lếu.
pub(crate) fn city(b: &mut Builder, links: Option<&CityLinks>) {
    let district_group: Vec<&str> = links.map(|l| l.district_group).into_iter().collect();
    b.unit(
        "UBND-TP",
        "UBND thành phố Lào Cai",
        UnitKind::PeoplesCommittee,
        links.map(|l| l.committee),
        &district_group,
    );
    for (code, name) in CITY_OFFICES {
        b.unit(
            *code,
            qualify(name, links),
            UnitKind::SpecialisedOffice,
            Some("UBND-TP"),
            &[G_PHONG],
        );
    }
    for (code, name) in CITY_SERVICES {
        b.unit(
            *code,
            qualify(name, links),
            UnitKind::PublicServiceUnit,
            Some("UBND-TP"),
            &[G_PHONG],
        );
    }
    for (code, name) in CITY_SCHOOLS {
        b.unit(
            *code,
            *name,
            UnitKind::PublicServiceUnit,
            Some("PGDDT"),
            &[G_PHONG],
        );
    }
    for (code, name) in CITY_WARDS {
        b.unit(
            *code,
            *name,
            UnitKind::WardCommune,
            Some("UBND-TP"),
            &[G_XA],
        );
    }
    if let Some(l) = links {
        b.unit(
            "TTYT-TP",
            "Trung tâm Y tế thành phố Lào Cai",
            UnitKind::PublicServiceUnit,
            Some(l.health),
            &[],
        );
    }
    b.unit(
        "TU",
        "Thành ủy Lào Cai",
        UnitKind::PartyBoard,
        links.map(|l| l.party),
        &[],
    );
    for (code, name) in CITY_PARTY_BOARDS {
        b.unit(
            *code,
            qualify(name, links),
            UnitKind::PartyBoard,
            Some("TU"),
            &[G_BAN_DANG],
        );
    }
    b.unit(
        "MTTQ-TP",
        qualify("Ủy ban MTTQVN thành phố", links),
        UnitKind::MassOrganisation,
        links.map(|l| l.front),
        &[G_MTTQ],
    );
    for (code, name) in CITY_MASS {
        b.unit(
            *code,
            qualify(name, links),
            UnitKind::MassOrganisation,
            Some("MTTQ-TP"),
            &[G_MTTQ],
        );
    }
    b.unit(
        "LDLD",
        qualify("Liên đoàn Lao động thành phố", links),
        UnitKind::TradeUnion,
        links.map(|l| l.labour),
        &[G_MTTQ],
    );
    b.merge(
        "P-DUYEN-HAI",
        "Phường Duyên Hải",
        "P-COC-LEU",
        "Phường Cốc Lếu",
    );
}

// --- Provinces ----------------------------------------------------------------------------------

/// A province of the nation scale: code prefix, name, and the city that is its capital.
pub(crate) struct ProvinceSpec {
    pub prefix: &'static str,
    pub name: &'static str,
    pub capital: &'static str,
}

pub(crate) const LAO_CAI: ProvinceSpec = ProvinceSpec {
    prefix: "LCI",
    name: "Lào Cai",
    capital: "Lào Cai",
};

/// The provinces of the nation scale after Lào Cai (their names as before 01/07/2025).
pub(crate) const OTHER_PROVINCES: &[ProvinceSpec] = &[
    ProvinceSpec {
        prefix: "YBI",
        name: "Yên Bái",
        capital: "Yên Bái",
    },
    ProvinceSpec {
        prefix: "HGG",
        name: "Hà Giang",
        capital: "Hà Giang",
    },
    ProvinceSpec {
        prefix: "TQG",
        name: "Tuyên Quang",
        capital: "Tuyên Quang",
    },
    ProvinceSpec {
        prefix: "LCU",
        name: "Lai Châu",
        capital: "Lai Châu",
    },
    ProvinceSpec {
        prefix: "DBN",
        name: "Điện Biên",
        capital: "Điện Biên Phủ",
    },
    ProvinceSpec {
        prefix: "SLA",
        name: "Sơn La",
        capital: "Sơn La",
    },
    ProvinceSpec {
        prefix: "PTO",
        name: "Phú Thọ",
        capital: "Việt Trì",
    },
    ProvinceSpec {
        prefix: "TNN",
        name: "Thái Nguyên",
        capital: "Thái Nguyên",
    },
    ProvinceSpec {
        prefix: "BGG",
        name: "Bắc Giang",
        capital: "Bắc Giang",
    },
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DistrictKind {
    City,
    Town,
    Rural,
}

impl DistrictKind {
    /// The lower-case word before a district's place name: "huyện Bát Xát".
    fn word(self) -> &'static str {
        match self {
            DistrictKind::City => "thành phố",
            DistrictKind::Town => "thị xã",
            DistrictKind::Rural => "huyện",
        }
    }

    fn party(self) -> &'static str {
        match self {
            DistrictKind::City => "Thành ủy",
            DistrictKind::Town => "Thị ủy",
            DistrictKind::Rural => "Huyện ủy",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CommuneKind {
    Ward,
    Town,
    Commune,
}

impl CommuneKind {
    fn word(self) -> &'static str {
        match self {
            CommuneKind::Ward => "Phường",
            CommuneKind::Town => "Thị trấn",
            CommuneKind::Commune => "Xã",
        }
    }
}

struct District {
    code: String,
    kind: DistrictKind,
    place: String,
    /// None for the embedded city of Lào Cai, whose units are built by hand.
    communes: Option<Vec<(CommuneKind, String)>>,
}

impl District {
    fn suffix(&self) -> String {
        format!("{} {}", self.kind.word(), self.place)
    }
}

/// The districts of Lào Cai province before 01/07/2025, with their communes. The city of Lào Cai is
/// the hand-built one.
const LAO_CAI_DISTRICTS: &[(&str, DistrictKind, &str, &[&str])] = &[
    (
        "SPA",
        DistrictKind::Town,
        "Sa Pa",
        &[
            "Phường Sa Pa",
            "Phường Sa Pả",
            "Phường Ô Quý Hồ",
            "Phường Hàm Rồng",
            "Phường Phan Si Păng",
            "Phường Cầu Mây",
            "Xã Tả Van",
            "Xã Bản Hồ",
            "Xã Trung Chải",
            "Xã Tả Phìn",
            "Xã Mường Bo",
            "Xã Thanh Bình",
            "Xã Ngũ Chỉ Sơn",
            "Xã Hoàng Liên",
            "Xã Liên Minh",
            "Xã Mường Hoa",
        ],
    ),
    (
        "BXT",
        DistrictKind::Rural,
        "Bát Xát",
        &[
            "Thị trấn Bát Xát",
            "Xã Bản Qua",
            "Xã Bản Vược",
            "Xã Bản Xèo",
            "Xã Cốc Mỳ",
            "Xã Dền Sáng",
            "Xã Dền Thàng",
            "Xã A Mú Sung",
            "Xã A Lù",
            "Xã Mường Hum",
            "Xã Mường Vi",
            "Xã Nậm Chạc",
            "Xã Nậm Pung",
            "Xã Pa Cheo",
            "Xã Phìn Ngan",
            "Xã Quang Kim",
            "Xã Sàng Ma Sáo",
            "Xã Trịnh Tường",
            "Xã Tòng Sành",
            "Xã Y Tý",
            "Xã Trung Lèng Hồ",
        ],
    ),
    (
        "BTG",
        DistrictKind::Rural,
        "Bảo Thắng",
        &[
            "Thị trấn Phố Lu",
            "Thị trấn Tằng Loỏng",
            "Thị trấn Nông trường Phong Hải",
            "Xã Bản Phiệt",
            "Xã Bản Cầm",
            "Xã Thái Niên",
            "Xã Phong Niên",
            "Xã Gia Phú",
            "Xã Xuân Quang",
            "Xã Sơn Hải",
            "Xã Xuân Giao",
            "Xã Trì Quang",
            "Xã Sơn Hà",
            "Xã Phú Nhuận",
        ],
    ),
    (
        "BYN",
        DistrictKind::Rural,
        "Bảo Yên",
        &[
            "Thị trấn Phố Ràng",
            "Xã Bảo Hà",
            "Xã Cam Cọn",
            "Xã Kim Sơn",
            "Xã Điện Quan",
            "Xã Thượng Hà",
            "Xã Minh Tân",
            "Xã Xuân Thượng",
            "Xã Việt Tiến",
            "Xã Yên Sơn",
            "Xã Lương Sơn",
            "Xã Long Phúc",
            "Xã Long Khánh",
            "Xã Nghĩa Đô",
            "Xã Vĩnh Yên",
            "Xã Xuân Hòa",
            "Xã Tân Dương",
            "Xã Tân Tiến",
        ],
    ),
    (
        "BHA",
        DistrictKind::Rural,
        "Bắc Hà",
        &[
            "Thị trấn Bắc Hà",
            "Xã Bản Phố",
            "Xã Bảo Nhai",
            "Xã Cốc Ly",
            "Xã Cốc Lầu",
            "Xã Hoàng Thu Phố",
            "Xã Lùng Cải",
            "Xã Lùng Phình",
            "Xã Na Hối",
            "Xã Nậm Lúc",
            "Xã Nậm Mòn",
            "Xã Nậm Đét",
            "Xã Tả Củ Tỷ",
            "Xã Tả Van Chư",
            "Xã Thải Giàng Phố",
            "Xã Bản Liền",
        ],
    ),
    (
        "MKG",
        DistrictKind::Rural,
        "Mường Khương",
        &[
            "Thị trấn Mường Khương",
            "Xã Bản Lầu",
            "Xã Bản Xen",
            "Xã Cao Sơn",
            "Xã Dìn Chin",
            "Xã La Pan Tẩn",
            "Xã Lùng Khấu Nhin",
            "Xã Lùng Vai",
            "Xã Nấm Lư",
            "Xã Nậm Chảy",
            "Xã Pha Long",
            "Xã Tả Gia Khâu",
            "Xã Tả Ngài Chồ",
            "Xã Tả Thàng",
            "Xã Thanh Bình",
            "Xã Tung Chung Phố",
        ],
    ),
    (
        "SMC",
        DistrictKind::Rural,
        "Si Ma Cai",
        &[
            "Thị trấn Si Ma Cai",
            "Xã Bản Mế",
            "Xã Cán Cấu",
            "Xã Lùng Thẩn",
            "Xã Nàn Sán",
            "Xã Nàn Sín",
            "Xã Quan Hồ Thẩn",
            "Xã Sán Chải",
            "Xã Sín Chéng",
            "Xã Thào Chư Phìn",
        ],
    ),
    (
        "VBN",
        DistrictKind::Rural,
        "Văn Bàn",
        &[
            "Thị trấn Khánh Yên",
            "Xã Chiềng Ken",
            "Xã Dần Thàng",
            "Xã Dương Quỳ",
            "Xã Hòa Mạc",
            "Xã Khánh Yên Hạ",
            "Xã Khánh Yên Thượng",
            "Xã Khánh Yên Trung",
            "Xã Làng Giàng",
            "Xã Liêm Phú",
            "Xã Minh Lương",
            "Xã Nậm Chày",
            "Xã Nậm Dạng",
            "Xã Nậm Mả",
            "Xã Nậm Tha",
            "Xã Nậm Xé",
            "Xã Sơn Thủy",
            "Xã Tân An",
            "Xã Tân Thượng",
            "Xã Thẩm Dương",
            "Xã Văn Sơn",
            "Xã Võ Lao",
        ],
    ),
];

/// District names for generated provinces.
const DISTRICT_POOL: &[&str] = &[
    "Yên Lập",
    "Tam Nông",
    "Thanh Sơn",
    "Văn Yên",
    "Lục Yên",
    "Trấn Yên",
    "Chiêm Hóa",
    "Hàm Yên",
    "Na Hang",
    "Sơn Dương",
    "Yên Sơn",
    "Vị Xuyên",
    "Bắc Quang",
    "Quản Bạ",
    "Phong Thổ",
    "Tam Đường",
    "Sìn Hồ",
    "Than Uyên",
    "Mường Chà",
    "Tuần Giáo",
    "Mộc Châu",
    "Thuận Châu",
    "Mai Sơn",
    "Yên Châu",
    "Phù Yên",
    "Đoan Hùng",
    "Hạ Hòa",
    "Cẩm Khê",
    "Đại Từ",
    "Phú Lương",
    "Định Hóa",
    "Võ Nhai",
    "Lục Nam",
    "Lạng Giang",
    "Yên Thế",
    "Tân Yên",
    "Hiệp Hòa",
    "Sơn Động",
    "Bảo Lâm",
    "Quang Bình",
];

/// Commune and ward names for generated provinces: names that recur all over Vietnam.
const COMMUNE_POOL: &[&str] = &[
    "Tân Lập",
    "Tân Thịnh",
    "Tân Phong",
    "Tân Hợp",
    "Tân An",
    "Tân Tiến",
    "Tân Hương",
    "Tân Sơn",
    "Hòa Bình",
    "Hòa Lạc",
    "Quang Trung",
    "Hưng Đạo",
    "Lê Lợi",
    "Trần Phú",
    "Đồng Tâm",
    "Đồng Lạc",
    "Đông Sơn",
    "Thanh Sơn",
    "Thanh Hà",
    "Thanh Bình",
    "Minh Khai",
    "Minh Tân",
    "Minh Đức",
    "Minh Quang",
    "Phú Lộc",
    "Phú Thịnh",
    "Phúc Lợi",
    "Phúc Sơn",
    "Yên Thế",
    "Yên Hưng",
    "Yên Bình",
    "Xuân Lai",
    "Xuân Quang",
    "Xuân Hòa",
    "Kim Sơn",
    "Cát Thịnh",
    "Nghĩa Đô",
    "Hồng Hà",
    "Hợp Minh",
    "Nam Cường",
    "Đại Đồng",
    "Đại Phác",
    "Hưng Khánh",
    "Lương Thịnh",
    "Việt Thành",
    "Việt Hồng",
    "Báo Đáp",
    "Cường Thịnh",
    "Vân Hội",
    "Mường Lai",
    "Khánh Thiện",
    "Tân Lĩnh",
    "An Phú",
    "An Bình",
    "Vĩnh Lạc",
    "Vĩnh Kiên",
    "Trung Sơn",
    "Trung Hà",
    "Kiến Thiết",
    "Chân Sơn",
    "Mỹ Bằng",
    "Thái Bình",
    "Thái Sơn",
    "Phù Lưu",
    "Bình Xa",
    "Bình An",
    "Nhân Mục",
    "Thành Long",
    "Đạo Viện",
    "Trung Minh",
    "Lang Quán",
    "Phúc Ninh",
    "Hùng Lợi",
    "Kim Quan",
    "Tứ Quận",
    "Chiêu Yên",
    "Lực Hành",
    "Quý Quân",
    "Đội Bình",
    "Nhữ Khê",
    "Mỹ Lâm",
    "Hoàng Khai",
    "Hà Lang",
    "Phúc Yên",
    "Xuân Vân",
    "Na Khê",
    "Bạch Đích",
    "Ngọc Linh",
    "Phương Tiến",
    "Lao Chải",
    "Cán Tỷ",
    "Tùng Vài",
    "Nậm Xe",
    "Bản Lang",
    "Mường So",
    "Sin Suối Hồ",
    "Bình Lư",
    "Khun Há",
    "Hua Bum",
    "Mường Mô",
    "Chiềng Sinh",
    "Chiềng Cơi",
    "Chiềng Mai",
    "Mường Bon",
    "Tà Hộc",
    "Phổng Lái",
    "Muổi Nọi",
    "Hua La",
    "Quang Huy",
    "Tân Phú",
    "Sơn Thủy",
    "Đồng Thịnh",
    "Liên Minh",
    "Phú Xuyên",
    "Yên Trạch",
    "Tức Tranh",
    "Phấn Mễ",
    "Cổ Lũng",
    "Bằng Lũng",
    "Quân Chu",
    "Bình Thuận",
];

const ENTERPRISE_FORMS: &[&str] = &["Công ty Cổ phần", "Công ty TNHH MTV", "Công ty TNHH"];
const ENTERPRISE_SECTORS: &[&str] = &[
    "Khoáng sản",
    "Xây dựng",
    "Cơ khí",
    "Phân bón",
    "Hóa chất",
    "Luyện kim",
    "Chế biến nông sản",
    "Vận tải",
    "Thương mại",
    "Du lịch",
    "Thủy điện",
    "Chè",
    "Dược liệu",
    "Vật liệu xây dựng",
    "Cấp nước",
    "Môi trường đô thị",
    "Xuất nhập khẩu",
    "May mặc",
    "Chế biến gỗ",
    "Xi măng",
    "Lâm nghiệp",
    "Khách sạn",
];
const LAO_CAI_PLACES: &[&str] = &[
    "Lào Cai",
    "Cam Đường",
    "Tằng Loỏng",
    "Bắc Duyên Hải",
    "Đông Phố Mới",
    "Kim Thành",
    "Sa Pa",
    "Phố Lu",
    "Bát Xát",
    "Văn Bàn",
    "Bảo Yên",
    "Hoàng Liên",
    "Sin Quyền",
    "Bắc Hà",
];

/// The offices of a provincial People's Committee, named "{name} tỉnh {province}".
const PROVINCE_OFFICES: &[(&str, &str)] = &[
    ("VP", "Văn phòng UBND"),
    ("SNV", "Sở Nội vụ"),
    ("STC", "Sở Tài chính"),
    ("SKHDT", "Sở Kế hoạch và Đầu tư"),
    ("STP", "Sở Tư pháp"),
    ("SCT", "Sở Công Thương"),
    ("SGDDT", "Sở Giáo dục và Đào tạo"),
    ("SYT", "Sở Y tế"),
    ("SLDTBXH", "Sở Lao động - Thương binh và Xã hội"),
    ("SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch"),
    ("STNMT", "Sở Tài nguyên và Môi trường"),
    ("SNNPTNT", "Sở Nông nghiệp và Phát triển nông thôn"),
    ("SXD", "Sở Xây dựng"),
    ("SGTVT", "Sở Giao thông vận tải"),
    ("SKHCN", "Sở Khoa học và Công nghệ"),
    ("STTTT", "Sở Thông tin và Truyền thông"),
    ("SNGV", "Sở Ngoại vụ"),
    ("TTR", "Thanh tra"),
    ("BDT", "Ban Dân tộc"),
    ("BQLKKT", "Ban Quản lý Khu kinh tế"),
];

const PROVINCE_HEALTH: &[(&str, &str)] = &[
    ("BVDK", "Bệnh viện Đa khoa"),
    ("BVSN", "Bệnh viện Sản Nhi"),
    ("BVYDCT", "Bệnh viện Y dược cổ truyền"),
    ("BVPHCN", "Bệnh viện Phục hồi chức năng"),
    ("BVNT", "Bệnh viện Nội tiết"),
    ("CDC", "Trung tâm Kiểm soát bệnh tật"),
];

const PARTY_BOARDS: &[(&str, &str)] = &[
    ("BTC", "Ban Tổ chức"),
    ("BTG", "Ban Tuyên giáo"),
    ("BDV", "Ban Dân vận"),
    ("UBKT", "Ủy ban Kiểm tra"),
    ("VP", "Văn phòng"),
];

const MASS: &[(&str, &str)] = &[
    ("DOAN", "Đoàn TNCS Hồ Chí Minh"),
    ("HLHPN", "Hội Liên hiệp Phụ nữ"),
    ("HND", "Hội Nông dân"),
    ("HCCB", "Hội Cựu chiến binh"),
];

/// The offices of a district People's Committee.
fn district_offices(kind: DistrictKind) -> Vec<(&'static str, &'static str)> {
    let mut v = vec![
        ("VP", "Văn phòng HĐND và UBND"),
        ("PNV", "Phòng Nội vụ"),
        ("PTCKH", "Phòng Tài chính - Kế hoạch"),
        ("PTP", "Phòng Tư pháp"),
        ("PVHTT", "Phòng Văn hóa và Thông tin"),
        ("PGDDT", "Phòng Giáo dục và Đào tạo"),
        ("PYT", "Phòng Y tế"),
        ("PTNMT", "Phòng Tài nguyên và Môi trường"),
        ("PLDTBXH", "Phòng Lao động - Thương binh và Xã hội"),
        ("PDT", "Phòng Dân tộc"),
        ("TTRA", "Thanh tra"),
    ];
    match kind {
        DistrictKind::Rural => {
            v.push(("PKTHT", "Phòng Kinh tế và Hạ tầng"));
            v.push(("PNN", "Phòng Nông nghiệp và Phát triển nông thôn"));
        }
        DistrictKind::City | DistrictKind::Town => {
            v.push(("PQLDT", "Phòng Quản lý đô thị"));
            v.push(("PKT", "Phòng Kinh tế"));
        }
    }
    v
}

const DISTRICT_SERVICES: &[(&str, &str)] = &[
    ("TTVH", "Trung tâm Văn hóa - Thể thao - Truyền thông"),
    ("BQLDA", "Ban Quản lý dự án đầu tư xây dựng"),
    (
        "TTGDNN",
        "Trung tâm Giáo dục nghề nghiệp - Giáo dục thường xuyên",
    ),
];

/// A Fisher–Yates shuffle drawing u32 indices, the same on every platform.
fn shuffle<T>(rng: &mut ChaCha8Rng, v: &mut [T]) {
    for i in (1..v.len()).rev() {
        let j = rng.gen_range(0..=i as u32) as usize;
        v.swap(i, j);
    }
}

/// `n` distinct names of the pool, none of them in `avoid`.
fn draw(rng: &mut ChaCha8Rng, pool: &[&str], n: usize, avoid: &[&str]) -> Vec<String> {
    let mut v: Vec<&str> = pool
        .iter()
        .copied()
        .filter(|p| !avoid.contains(p))
        .collect();
    shuffle(rng, &mut v);
    v.into_iter().take(n).map(str::to_owned).collect()
}

fn lao_cai_districts() -> Vec<District> {
    let mut v = vec![District {
        code: "TP".into(),
        kind: DistrictKind::City,
        place: "Lào Cai".into(),
        communes: None,
    }];
    for (code, kind, place, communes) in LAO_CAI_DISTRICTS {
        let communes = communes
            .iter()
            .map(|full| {
                let (kind, rest) = [CommuneKind::Ward, CommuneKind::Town, CommuneKind::Commune]
                    .into_iter()
                    .find_map(|k| {
                        full.strip_prefix(k.word())
                            .and_then(|r| r.strip_prefix(' '))
                            .map(|r| (k, r))
                    })
                    .expect("every commune name starts with Phường, Thị trấn or Xã");
                (kind, rest.to_owned())
            })
            .collect();
        v.push(District {
            code: (*code).into(),
            kind: *kind,
            place: (*place).into(),
            communes: Some(communes),
        });
    }
    v
}

fn generated_districts(rng: &mut ChaCha8Rng, spec: &ProvinceSpec) -> Vec<District> {
    let rural = rng.gen_range(6..=8u32) as usize;
    let town = rng.gen_bool(0.5);
    let places = draw(rng, DISTRICT_POOL, rural + 1, &[spec.capital]);
    let mut v = Vec::new();
    let mut code = 0;
    let mut next_code = || {
        code += 1;
        format!("D{code:02}")
    };
    // The capital city: wards and a few communes.
    let n = rng.gen_range(10..=14u32) as usize;
    let names = draw(rng, COMMUNE_POOL, n, &[]);
    let communes = names
        .into_iter()
        .enumerate()
        .map(|(i, p)| {
            let k = if i + 3 < n {
                CommuneKind::Ward
            } else {
                CommuneKind::Commune
            };
            (k, p)
        })
        .collect();
    v.push(District {
        code: next_code(),
        kind: DistrictKind::City,
        place: spec.capital.into(),
        communes: Some(communes),
    });
    for (i, place) in places.into_iter().enumerate() {
        let kind = if town && i == 0 {
            DistrictKind::Town
        } else {
            DistrictKind::Rural
        };
        let communes = match kind {
            DistrictKind::Town => {
                let n = rng.gen_range(8..=11u32) as usize;
                draw(rng, COMMUNE_POOL, n, &[&place])
                    .into_iter()
                    .enumerate()
                    .map(|(i, p)| {
                        let k = if i < n - 3 {
                            CommuneKind::Ward
                        } else {
                            CommuneKind::Commune
                        };
                        (k, p)
                    })
                    .collect()
            }
            _ => {
                let n = rng.gen_range(12..=18u32) as usize;
                let mut c = vec![(CommuneKind::Town, place.clone())];
                c.extend(
                    draw(rng, COMMUNE_POOL, n, &[&place])
                        .into_iter()
                        .map(|p| (CommuneKind::Commune, p)),
                );
                c
            }
        };
        v.push(District {
            code: next_code(),
            kind,
            place,
            communes: Some(communes),
        });
    }
    v
}

/// A province: its People's Committee with departments and their public service units, high
/// schools and hospitals, enterprises of its economic zone, its Party committee, Fatherland Front,
/// mass organisations and Labour Federation, then its districts with their offices, communes and
/// schools. Lào Cai embeds the hand-built city.
pub(crate) fn province(b: &mut Builder, rng: &mut ChaCha8Rng, spec: &ProvinceSpec) {
    let p = spec.prefix;
    let name = spec.name;
    let lp = p.to_ascii_lowercase();
    let g_ban_dang = format!("{lp}-ban-dang");
    let g_mttq = format!("{lp}-mttq-doan-the");
    let g_so = format!("{lp}-so-nganh");
    let g_huyen = format!("{lp}-huyen");
    b.group(&g_ban_dang, format!("Các Ban đảng Tỉnh ủy {name}"));
    b.group(
        &g_mttq,
        format!("Ủy ban MTTQVN và các đoàn thể tỉnh {name}"),
    );
    b.group(&g_so, format!("Các sở, ban, ngành tỉnh {name}"));
    b.group(
        &g_huyen,
        format!("UBND các huyện, thị xã, thành phố thuộc tỉnh {name}"),
    );

    let lao_cai = spec.prefix == LAO_CAI.prefix;
    let districts = if lao_cai {
        lao_cai_districts()
    } else {
        generated_districts(rng, spec)
    };
    // Generated provinces have fewer, larger units: combined primary and lower secondary schools
    // in their communes, and more enterprises.
    let (schools, enterprises) = if lao_cai {
        (SEPARATE_SCHOOLS, 100)
    } else {
        (COMBINED_SCHOOLS, 110)
    };

    let ubnd = format!("{p}-UBND");
    b.unit(
        &ubnd,
        format!("UBND tỉnh {name}"),
        UnitKind::PeoplesCommittee,
        None,
        &[],
    );
    for (code, base) in PROVINCE_OFFICES {
        b.unit(
            format!("{p}-{code}"),
            format!("{base} tỉnh {name}"),
            UnitKind::SpecialisedOffice,
            Some(&ubnd),
            &[&g_so],
        );
    }
    b.unit(
        format!("{p}-DAI"),
        format!("Đài Phát thanh và Truyền hình tỉnh {name}"),
        UnitKind::PublicServiceUnit,
        Some(&ubnd),
        &[&g_so],
    );
    b.unit(
        format!("{p}-CD"),
        format!("Trường Cao đẳng {name}"),
        UnitKind::PublicServiceUnit,
        Some(&ubnd),
        &[&g_so],
    );
    let health = format!("{p}-SYT");
    for (code, base) in PROVINCE_HEALTH {
        b.unit(
            format!("{p}-{code}"),
            format!("{base} tỉnh {name}"),
            UnitKind::PublicServiceUnit,
            Some(&health),
            &[],
        );
    }
    let education = format!("{p}-SGDDT");
    b.unit(
        format!("{p}-THPT-CHUYEN"),
        format!("Trường THPT Chuyên {name}"),
        UnitKind::PublicServiceUnit,
        Some(&education),
        &[],
    );
    for d in &districts {
        let (count, place) = match d.kind {
            DistrictKind::City => (3, format!("thành phố {}", d.place)),
            _ => (2, d.place.clone()),
        };
        for n in 1..=count {
            b.unit(
                format!("{p}-THPT-{}-{n}", d.code),
                format!("Trường THPT số {n} {place}"),
                UnitKind::PublicServiceUnit,
                Some(&education),
                &[],
            );
        }
    }
    // Enterprises of the economic zone, named from distinct (sector, place) pairs.
    let places: Vec<String> = if lao_cai {
        LAO_CAI_PLACES.iter().map(|s| (*s).to_owned()).collect()
    } else {
        let mut v = vec![name.to_owned()];
        if spec.capital != name {
            v.push(spec.capital.to_owned());
        }
        v.extend(districts.iter().skip(1).map(|d| d.place.clone()));
        v
    };
    let mut pairs: Vec<(usize, usize)> = (0..ENTERPRISE_SECTORS.len())
        .flat_map(|s| (0..places.len()).map(move |pl| (s, pl)))
        .collect();
    shuffle(rng, &mut pairs);
    let zone = format!("{p}-BQLKKT");
    for (i, (s, pl)) in pairs.into_iter().take(enterprises).enumerate() {
        let form = ENTERPRISE_FORMS[rng.gen_range(0..ENTERPRISE_FORMS.len() as u32) as usize];
        b.unit(
            format!("{p}-DN{:02}", i + 1),
            format!("{form} {} {}", ENTERPRISE_SECTORS[s], places[pl]),
            UnitKind::Other,
            Some(&zone),
            &[],
        );
    }

    let party = format!("{p}-TU");
    b.unit(
        &party,
        format!("Tỉnh ủy {name}"),
        UnitKind::PartyBoard,
        None,
        &[],
    );
    let boards = PARTY_BOARDS
        .iter()
        .take(3)
        .chain(&[("BNC", "Ban Nội chính")])
        .chain(PARTY_BOARDS.iter().skip(3));
    for (code, base) in boards {
        b.unit(
            format!("{party}-{code}"),
            format!("{base} Tỉnh ủy {name}"),
            UnitKind::PartyBoard,
            Some(&party),
            &[&g_ban_dang],
        );
    }
    let front = format!("{p}-MTTQ");
    b.unit(
        &front,
        format!("Ủy ban MTTQVN tỉnh {name}"),
        UnitKind::MassOrganisation,
        None,
        &[&g_mttq],
    );
    for (code, base) in MASS {
        b.unit(
            format!("{p}-{code}"),
            format!("{base} tỉnh {name}"),
            UnitKind::MassOrganisation,
            Some(&front),
            &[&g_mttq],
        );
    }
    let labour = format!("{p}-LDLD");
    b.unit(
        &labour,
        format!("Liên đoàn Lao động tỉnh {name}"),
        UnitKind::TradeUnion,
        None,
        &[&g_mttq],
    );

    let links = CityLinks {
        committee: &ubnd,
        party: &party,
        front: &front,
        labour: &labour,
        health: &health,
        district_group: &g_huyen,
    };
    for d in &districts {
        match &d.communes {
            None => city(b, Some(&links)),
            Some(communes) => district(b, rng, p, d, communes, schools, &links),
        }
    }
}

/// The schools of a commune: kindergarten, primary, lower secondary.
const SEPARATE_SCHOOLS: &[(&str, &str)] = &[
    ("MN", "Trường Mầm non"),
    ("TH", "Trường Tiểu học"),
    ("THCS", "Trường THCS"),
];
/// The schools of a commune with a combined primary and lower secondary school.
const COMBINED_SCHOOLS: &[(&str, &str)] = &[("MN", "Trường Mầm non"), ("THCS", "Trường TH&THCS")];

fn district(
    b: &mut Builder,
    rng: &mut ChaCha8Rng,
    p: &str,
    d: &District,
    communes: &[(CommuneKind, String)],
    schools: &[(&str, &str)],
    links: &CityLinks,
) {
    let dc = format!("{p}-{}", d.code);
    let suffix = d.suffix();
    let ubnd = format!("{dc}-UBND");
    b.unit(
        &ubnd,
        format!("UBND {suffix}"),
        UnitKind::PeoplesCommittee,
        Some(links.committee),
        &[links.district_group],
    );
    for (code, base) in district_offices(d.kind) {
        b.unit(
            format!("{dc}-{code}"),
            format!("{base} {suffix}"),
            UnitKind::SpecialisedOffice,
            Some(&ubnd),
            &[],
        );
    }
    for (code, base) in DISTRICT_SERVICES {
        b.unit(
            format!("{dc}-{code}"),
            format!("{base} {suffix}"),
            UnitKind::PublicServiceUnit,
            Some(&ubnd),
            &[],
        );
    }
    b.unit(
        format!("{dc}-TTYT"),
        format!("Trung tâm Y tế {suffix}"),
        UnitKind::PublicServiceUnit,
        Some(links.health),
        &[],
    );
    let education = format!("{dc}-PGDDT");
    let mut xa: Vec<(String, String)> = Vec::new();
    for (i, (kind, place)) in communes.iter().enumerate() {
        let code = format!("{dc}-X{:02}", i + 1);
        let full = format!("{} {place}", kind.word());
        b.unit(&code, &full, UnitKind::WardCommune, Some(&ubnd), &[]);
        for (school, base) in schools {
            b.unit(
                format!("{code}-{school}"),
                format!("{base} {place}"),
                UnitKind::PublicServiceUnit,
                Some(&education),
                &[],
            );
        }
        if *kind == CommuneKind::Commune {
            xa.push((code, full));
        }
    }
    let party = format!("{dc}-DU");
    let party_name = format!("{} {}", d.kind.party(), d.place);
    b.unit(
        &party,
        &party_name,
        UnitKind::PartyBoard,
        Some(links.party),
        &[],
    );
    for (code, base) in PARTY_BOARDS {
        b.unit(
            format!("{party}-{code}"),
            format!("{base} {party_name}"),
            UnitKind::PartyBoard,
            Some(&party),
            &[],
        );
    }
    let front = format!("{dc}-MTTQ");
    b.unit(
        &front,
        format!("Ủy ban MTTQVN {suffix}"),
        UnitKind::MassOrganisation,
        Some(links.front),
        &[],
    );
    for (code, base) in MASS {
        b.unit(
            format!("{dc}-{code}"),
            format!("{base} {suffix}"),
            UnitKind::MassOrganisation,
            Some(&front),
            &[],
        );
    }
    b.unit(
        format!("{dc}-LDLD"),
        format!("Liên đoàn Lao động {suffix}"),
        UnitKind::TradeUnion,
        Some(links.labour),
        &[],
    );
    // The 2025 reorganisation: one or two communes merge into a neighbour.
    if xa.len() >= 4 {
        shuffle(rng, &mut xa);
        let pairs = rng.gen_range(1..=2u32) as usize;
        for pair in xa.chunks_exact(2).take(pairs) {
            let (from, into) = (&pair[0], &pair[1]);
            b.merge(&from.0, &from.1, &into.0, &into.1);
        }
    }
}
