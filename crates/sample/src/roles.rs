//! Who works in a unit: the leadership posts, the weighted mix of other posts, how many people, the
//! share of women and of ethnic minorities, by the kind of unit ("profile") read from its kind and name.

use crate::SampleUnit;
use thidua_domain::directory::{PersonCategory, StaffLevel, UnitKind};

use PersonCategory::{CivilServant as CC, Official as CB, PublicEmployee as VC, Worker as LD};
use StaffLevel::{Graduate as DH, Manager as QL, Worker as CN};

/// The span of birth years of a post (everyone is 22–60 years old throughout 2025).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Age {
    /// 22–35: youth union staff.
    Young,
    /// 22–59.
    Any,
    /// 37–59: leaders.
    Senior,
    /// 45–59: veterans, heads of residential groups.
    Older,
}

impl Age {
    /// Inclusive birth years.
    pub(crate) fn birth_years(self) -> (i32, i32) {
        match self {
            Age::Young => (1990, 2002),
            Age::Any => (1966, 2002),
            Age::Senior => (1966, 1988),
            Age::Older => (1966, 1980),
        }
    }
}

/// A post (chức vụ, vị trí việc làm).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Role {
    pub title: &'static str,
    pub category: PersonCategory,
    pub level: StaffLevel,
    pub age: Age,
    /// Percent who are trade-union members.
    pub union: u8,
    /// Percent of women, when the post differs from its unit.
    pub female: Option<u8>,
}

const fn role(title: &'static str, category: PersonCategory, level: StaffLevel) -> Role {
    Role {
        title,
        category,
        level,
        age: Age::Any,
        union: 96,
        female: None,
    }
}

/// A leadership post: a manager of some seniority.
const fn lead(title: &'static str, category: PersonCategory) -> Role {
    Role {
        age: Age::Senior,
        ..role(title, category, QL)
    }
}

impl Role {
    const fn age(self, age: Age) -> Role {
        Role { age, ..self }
    }
    const fn union(self, union: u8) -> Role {
        Role { union, ..self }
    }
    const fn female(self, pct: u8) -> Role {
        Role {
            female: Some(pct),
            ..self
        }
    }
}

/// The people of a kind of unit.
#[derive(Debug)]
pub(crate) struct Profile {
    /// For tests and debugging.
    #[cfg_attr(not(test), allow(dead_code))]
    pub name: &'static str,
    /// Posts held by the first people of the unit, one each, in order.
    pub leaders: &'static [Role],
    /// The other posts with their weights.
    pub staff: &'static [(Role, u32)],
    /// Percent of women among staff and among leaders.
    pub female: u8,
    pub leader_female: u8,
    /// Extra percent of ethnic-minority families.
    pub minority: u8,
    /// Inclusive headcount of a district-level (or city-level) unit and of a province-level one.
    pub size: (u32, u32),
    pub size_province: (u32, u32),
}

const fn profile(
    name: &'static str,
    leaders: &'static [Role],
    staff: &'static [(Role, u32)],
) -> Profile {
    Profile {
        name,
        leaders,
        staff,
        female: 50,
        leader_female: 25,
        minority: 0,
        size: (10, 40),
        size_province: (40, 120),
    }
}

// --- Posts shared by several profiles ---------------------------------------------------------

const CHUYEN_VIEN: Role = role("Chuyên viên", CC, DH);
const CHUYEN_VIEN_CHINH: Role = role("Chuyên viên chính", CC, DH).age(Age::Senior);
const KE_TOAN_CC: Role = role("Kế toán", CC, DH).female(75);
const VAN_THU_CC: Role = role("Văn thư", CC, DH).female(85);
const HOP_DONG: Role = role("Nhân viên hợp đồng", LD, CN).union(80);
const LAI_XE: Role = role("Lái xe", LD, CN).female(0);
const PHUC_VU: Role = role("Nhân viên phục vụ", LD, CN).female(85).union(85);
const BAO_VE: Role = role("Bảo vệ", LD, CN).female(5).union(85);
const KE_TOAN_VC: Role = role("Kế toán", VC, DH).female(75);
const VAN_THU_VC: Role = role("Văn thư", VC, DH).female(85);
const NHAN_VIEN: Role = role("Nhân viên", LD, CN).union(85);

const OFFICE_STAFF: &[(Role, u32)] = &[
    (CHUYEN_VIEN, 60),
    (CHUYEN_VIEN_CHINH, 14),
    (KE_TOAN_CC, 4),
    (VAN_THU_CC, 3),
    (HOP_DONG, 6),
    (LAI_XE, 2),
];

const PARTY_STAFF: &[(Role, u32)] = &[(CHUYEN_VIEN, 80), (CHUYEN_VIEN_CHINH, 20)];

const MASS_STAFF: &[(Role, u32)] = &[(CHUYEN_VIEN, 85), (KE_TOAN_CC, 8), (HOP_DONG, 7)];

const TEACHERS: &[(Role, u32)] = &[
    (role("Giáo viên", VC, DH), 86),
    (KE_TOAN_VC, 3),
    (VAN_THU_VC, 2),
    (role("Nhân viên thư viện", VC, DH).female(85), 2),
    (role("Nhân viên y tế", VC, DH).female(85), 2),
    (role("Nhân viên thiết bị - thí nghiệm", VC, DH), 2),
    (BAO_VE, 3),
];

const HEALTH_STAFF: &[(Role, u32)] = &[
    (role("Bác sĩ", VC, DH).female(50), 22),
    (role("Điều dưỡng", VC, DH).female(80), 40),
    (role("Hộ sinh", VC, DH).female(100), 6),
    (role("Kỹ thuật viên", VC, DH), 8),
    (role("Dược sĩ", VC, DH).female(75), 5),
    (KE_TOAN_VC, 3),
    (role("Hộ lý", LD, CN).female(85).union(90), 8),
    (BAO_VE, 3),
    (LAI_XE, 2),
];

/// The leaders of a commune or ward: its Party committee, People's Council and Committee, the heads
/// of its Fatherland Front and mass organisations (cán bộ), then its civil servants (công chức).
macro_rules! commune_leaders {
    ($land:literal) => {
        &[
            lead("Bí thư Đảng ủy", CB),
            lead("Phó Bí thư Thường trực Đảng ủy", CB),
            lead("Chủ tịch HĐND", CB),
            lead("Phó Chủ tịch HĐND", CB),
            lead("Chủ tịch UBND", CB),
            lead("Phó Chủ tịch UBND", CB),
            lead("Phó Chủ tịch UBND", CB),
            role("Chủ tịch Ủy ban MTTQVN", CB, DH).age(Age::Senior),
            role("Bí thư Đoàn Thanh niên", CB, DH).age(Age::Young),
            role("Chủ tịch Hội Liên hiệp Phụ nữ", CB, DH).female(100),
            role("Chủ tịch Hội Cựu chiến binh", CB, DH)
                .female(0)
                .age(Age::Older),
            role("Chủ tịch Hội Nông dân", CB, DH).age(Age::Senior),
            role("Chỉ huy trưởng Ban Chỉ huy Quân sự", CC, DH).female(0),
            role("Công chức Văn phòng - Thống kê", CC, DH),
            role("Công chức Văn phòng - Thống kê", CC, DH),
            role("Công chức Tư pháp - Hộ tịch", CC, DH),
            role("Công chức Tư pháp - Hộ tịch", CC, DH),
            role($land, CC, DH),
            role($land, CC, DH),
            role("Công chức Tài chính - Kế toán", CC, DH).female(75),
            role("Công chức Văn hóa - Xã hội", CC, DH),
            role("Công chức Văn hóa - Xã hội", CC, DH),
        ]
    };
}

// --- Profiles -----------------------------------------------------------------------------------

pub(crate) const COMMITTEE: Profile = Profile {
    size: (4, 4),
    size_province: (5, 5),
    leader_female: 20,
    ..profile(
        "committee",
        &[
            lead("Chủ tịch UBND", CB),
            lead("Phó Chủ tịch UBND", CB),
            lead("Phó Chủ tịch UBND", CB),
            lead("Phó Chủ tịch UBND", CB),
            lead("Phó Chủ tịch UBND", CB),
        ],
        &[],
    )
};

pub(crate) const OFFICE: Profile = profile(
    "office",
    &[
        lead("Trưởng phòng", CC),
        lead("Phó Trưởng phòng", CC),
        lead("Phó Trưởng phòng", CC),
    ],
    OFFICE_STAFF,
);

pub(crate) const CHIEF_OFFICE: Profile = Profile {
    size: (20, 40),
    size_province: (60, 100),
    ..profile(
        "chief_office",
        &[
            lead("Chánh Văn phòng", CC),
            lead("Phó Chánh Văn phòng", CC),
            lead("Phó Chánh Văn phòng", CC),
        ],
        &[
            (CHUYEN_VIEN, 40),
            (CHUYEN_VIEN_CHINH, 8),
            (VAN_THU_CC, 6),
            (KE_TOAN_CC, 4),
            (LAI_XE, 8),
            (PHUC_VU, 5),
            (BAO_VE, 4),
        ],
    )
};

pub(crate) const INSPECTORATE: Profile = Profile {
    size: (8, 15),
    size_province: (30, 60),
    ..profile(
        "inspectorate",
        &[
            lead("Chánh Thanh tra", CC),
            lead("Phó Chánh Thanh tra", CC),
            lead("Phó Chánh Thanh tra", CC),
        ],
        &[
            (role("Thanh tra viên", CC, DH), 60),
            (role("Thanh tra viên chính", CC, DH).age(Age::Senior), 15),
            (CHUYEN_VIEN, 15),
        ],
    )
};

pub(crate) const DEPARTMENT: Profile = Profile {
    leader_female: 30,
    ..profile(
        "department",
        &[
            lead("Giám đốc Sở", CC),
            lead("Phó Giám đốc Sở", CC),
            lead("Phó Giám đốc Sở", CC),
            lead("Phó Giám đốc Sở", CC),
            lead("Chánh Văn phòng", CC),
            lead("Chánh Thanh tra", CC),
            lead("Trưởng phòng", CC),
            lead("Trưởng phòng", CC),
            lead("Trưởng phòng", CC),
            lead("Phó Trưởng phòng", CC),
            lead("Phó Trưởng phòng", CC),
            lead("Phó Trưởng phòng", CC),
        ],
        OFFICE_STAFF,
    )
};

/// A provincial agency headed by a board: Ban Dân tộc, Ban Quản lý Khu kinh tế.
pub(crate) const AGENCY: Profile = Profile {
    size_province: (30, 80),
    ..profile(
        "agency",
        &[
            lead("Trưởng ban", CC),
            lead("Phó Trưởng ban", CC),
            lead("Phó Trưởng ban", CC),
            lead("Chánh Văn phòng", CC),
            lead("Trưởng phòng", CC),
            lead("Trưởng phòng", CC),
        ],
        OFFICE_STAFF,
    )
};

pub(crate) const PARTY_COMMITTEE: Profile = Profile {
    size: (3, 3),
    size_province: (3, 3),
    leader_female: 15,
    ..profile(
        "party_committee",
        &[
            lead("Bí thư", CB),
            lead("Phó Bí thư Thường trực", CB),
            lead("Phó Bí thư", CB),
        ],
        &[],
    )
};

pub(crate) const PARTY_BOARD: Profile = Profile {
    size: (7, 16),
    size_province: (18, 35),
    ..profile(
        "party_board",
        &[
            lead("Trưởng ban", CB),
            lead("Phó Trưởng ban", CB),
            lead("Phó Trưởng ban", CB),
        ],
        PARTY_STAFF,
    )
};

pub(crate) const PARTY_INSPECTION: Profile = Profile {
    size: (7, 14),
    size_province: (18, 30),
    ..profile(
        "party_inspection",
        &[
            lead("Chủ nhiệm Ủy ban Kiểm tra", CB),
            lead("Phó Chủ nhiệm Ủy ban Kiểm tra", CB),
            lead("Phó Chủ nhiệm Ủy ban Kiểm tra", CB),
        ],
        &[(role("Kiểm tra viên", CC, DH), 65), (CHUYEN_VIEN, 35)],
    )
};

pub(crate) const PARTY_OFFICE: Profile = Profile {
    size: (10, 20),
    size_province: (30, 50),
    ..profile(
        "party_office",
        &[
            lead("Chánh Văn phòng", CC),
            lead("Phó Chánh Văn phòng", CC),
            lead("Phó Chánh Văn phòng", CC),
        ],
        &[
            (CHUYEN_VIEN, 40),
            (VAN_THU_CC, 8),
            (KE_TOAN_CC, 6),
            (LAI_XE, 10),
            (PHUC_VU, 6),
        ],
    )
};

pub(crate) const FRONT: Profile = Profile {
    size: (6, 12),
    size_province: (15, 30),
    ..profile(
        "front",
        &[
            lead("Chủ tịch Ủy ban MTTQVN", CB),
            lead("Phó Chủ tịch Ủy ban MTTQVN", CB),
            lead("Phó Chủ tịch Ủy ban MTTQVN", CB),
        ],
        MASS_STAFF,
    )
};

pub(crate) const YOUTH: Profile = Profile {
    size: (5, 9),
    size_province: (12, 25),
    leader_female: 40,
    ..profile(
        "youth",
        &[
            lead("Bí thư Đoàn", CB).age(Age::Young),
            lead("Phó Bí thư Đoàn", CB).age(Age::Young),
        ],
        &[
            (CHUYEN_VIEN.age(Age::Young), 90),
            (KE_TOAN_CC.age(Age::Young), 10),
        ],
    )
};

const ASSOCIATION_LEADERS: &[Role] = &[
    lead("Chủ tịch Hội", CB),
    lead("Phó Chủ tịch Hội", CB),
    lead("Phó Chủ tịch Hội", CB),
];

pub(crate) const WOMEN: Profile = Profile {
    size: (5, 9),
    size_province: (12, 25),
    female: 97,
    leader_female: 100,
    ..profile("women", ASSOCIATION_LEADERS, MASS_STAFF)
};

pub(crate) const FARMERS: Profile = Profile {
    size: (5, 9),
    size_province: (12, 25),
    female: 40,
    ..profile("farmers", ASSOCIATION_LEADERS, MASS_STAFF)
};

pub(crate) const VETERANS: Profile = Profile {
    size: (4, 7),
    size_province: (10, 18),
    female: 10,
    leader_female: 0,
    ..profile(
        "veterans",
        &[
            lead("Chủ tịch Hội", CB).age(Age::Older),
            lead("Phó Chủ tịch Hội", CB).age(Age::Older),
        ],
        &[(CHUYEN_VIEN.age(Age::Older), 85), (KE_TOAN_CC, 15)],
    )
};

pub(crate) const TRADE_UNION: Profile = Profile {
    size: (6, 10),
    size_province: (18, 30),
    leader_female: 35,
    ..profile(
        "trade_union",
        &[
            lead("Chủ tịch Liên đoàn Lao động", CB),
            lead("Phó Chủ tịch Liên đoàn Lao động", CB),
            lead("Phó Chủ tịch Liên đoàn Lao động", CB),
        ],
        MASS_STAFF,
    )
};

const SCHOOL_LEADERS: &[Role] = &[
    lead("Hiệu trưởng", VC),
    lead("Phó Hiệu trưởng", VC),
    lead("Phó Hiệu trưởng", VC),
];

pub(crate) const KINDERGARTEN: Profile = Profile {
    size: (25, 50),
    size_province: (25, 50),
    female: 97,
    leader_female: 100,
    ..profile(
        "kindergarten",
        SCHOOL_LEADERS,
        &[
            (role("Giáo viên", VC, DH), 80),
            (role("Nhân viên nấu ăn", LD, CN).female(95).union(90), 10),
            (KE_TOAN_VC, 3),
            (role("Nhân viên y tế", VC, DH), 2),
            (VAN_THU_VC, 2),
            (BAO_VE, 3),
        ],
    )
};

pub(crate) const PRIMARY: Profile = Profile {
    size: (35, 70),
    size_province: (35, 70),
    female: 80,
    leader_female: 60,
    ..profile(
        "primary",
        &[
            lead("Hiệu trưởng", VC),
            lead("Phó Hiệu trưởng", VC),
            lead("Phó Hiệu trưởng", VC),
            role("Giáo viên Tổng phụ trách Đội", VC, DH).age(Age::Young),
        ],
        TEACHERS,
    )
};

pub(crate) const SECONDARY: Profile = Profile {
    size: (35, 75),
    size_province: (35, 75),
    female: 70,
    leader_female: 45,
    name: "secondary",
    ..PRIMARY
};

pub(crate) const PRIMARY_SECONDARY: Profile = Profile {
    size: (45, 95),
    size_province: (45, 95),
    female: 75,
    leader_female: 50,
    name: "primary_secondary",
    ..PRIMARY
};

pub(crate) const HIGH_SCHOOL: Profile = Profile {
    size: (50, 110),
    size_province: (50, 110),
    female: 62,
    leader_female: 35,
    ..profile("high_school", SCHOOL_LEADERS, TEACHERS)
};

pub(crate) const COLLEGE: Profile = Profile {
    size: (150, 300),
    size_province: (150, 300),
    female: 55,
    ..profile(
        "college",
        &[
            lead("Hiệu trưởng", VC),
            lead("Phó Hiệu trưởng", VC),
            lead("Phó Hiệu trưởng", VC),
            lead("Trưởng phòng", VC),
            lead("Trưởng phòng", VC),
            lead("Trưởng khoa", VC),
            lead("Trưởng khoa", VC),
            lead("Trưởng khoa", VC),
            lead("Trưởng khoa", VC),
        ],
        &[
            (role("Giảng viên", VC, DH), 70),
            (role("Chuyên viên", VC, DH), 12),
            (KE_TOAN_VC, 3),
            (NHAN_VIEN, 8),
            (BAO_VE, 3),
        ],
    )
};

pub(crate) const CENTRE: Profile = Profile {
    size: (15, 40),
    size_province: (30, 70),
    ..profile(
        "centre",
        &[
            lead("Giám đốc", VC),
            lead("Phó Giám đốc", VC),
            lead("Phó Giám đốc", VC),
        ],
        &[
            (role("Chuyên viên", VC, DH), 50),
            (role("Cán sự", VC, DH), 10),
            (KE_TOAN_VC, 6),
            (NHAN_VIEN, 15),
            (LAI_XE, 4),
            (BAO_VE, 4),
        ],
    )
};

pub(crate) const MEDIA: Profile = Profile {
    size: (20, 40),
    size_province: (80, 150),
    ..profile(
        "media",
        &[
            lead("Giám đốc", VC),
            lead("Phó Giám đốc", VC),
            lead("Phó Giám đốc", VC),
        ],
        &[
            (role("Phóng viên", VC, DH), 25),
            (role("Biên tập viên", VC, DH), 20),
            (role("Kỹ thuật viên", VC, DH).female(25), 20),
            (role("Huấn luyện viên", VC, DH), 6),
            (KE_TOAN_VC, 4),
            (NHAN_VIEN, 8),
            (LAI_XE, 4),
        ],
    )
};

pub(crate) const PROJECT_BOARD: Profile = Profile {
    size: (15, 35),
    size_province: (30, 60),
    female: 30,
    leader_female: 10,
    ..profile(
        "project_board",
        &[
            lead("Giám đốc", VC),
            lead("Phó Giám đốc", VC),
            lead("Phó Giám đốc", VC),
        ],
        &[
            (role("Kỹ sư", VC, DH), 45),
            (role("Cán bộ kỹ thuật", VC, DH), 20),
            (KE_TOAN_VC, 8),
            (NHAN_VIEN, 8),
            (LAI_XE, 4),
        ],
    )
};

const HOSPITAL_LEADERS: &[Role] = &[
    lead("Giám đốc", VC),
    lead("Phó Giám đốc", VC),
    lead("Phó Giám đốc", VC),
    lead("Trưởng khoa", VC),
    lead("Trưởng khoa", VC),
    lead("Trưởng khoa", VC),
    lead("Trưởng khoa", VC),
    lead("Điều dưỡng trưởng", VC).female(85),
];

pub(crate) const GENERAL_HOSPITAL: Profile = Profile {
    size: (500, 900),
    size_province: (500, 900),
    female: 65,
    ..profile("general_hospital", HOSPITAL_LEADERS, HEALTH_STAFF)
};

pub(crate) const HOSPITAL: Profile = Profile {
    size: (150, 400),
    size_province: (150, 400),
    name: "hospital",
    ..GENERAL_HOSPITAL
};

/// A district health centre (Trung tâm Y tế huyện).
pub(crate) const HEALTH_CENTRE: Profile = Profile {
    size: (120, 300),
    size_province: (120, 300),
    minority: 10,
    name: "health_centre",
    ..GENERAL_HOSPITAL
};

pub(crate) const WARD: Profile = Profile {
    size: (80, 150),
    size_province: (80, 150),
    minority: 5,
    ..profile(
        "ward",
        commune_leaders!("Công chức Địa chính - Xây dựng - Đô thị và Môi trường"),
        &[
            (
                role("Tổ trưởng tổ dân phố", LD, CN)
                    .age(Age::Older)
                    .union(20),
                45,
            ),
            (
                role("Người hoạt động không chuyên trách", LD, CN).union(70),
                30,
            ),
            (HOP_DONG, 10),
        ],
    )
};

pub(crate) const COMMUNE: Profile = Profile {
    size: (60, 110),
    size_province: (60, 110),
    minority: 30,
    ..profile(
        "commune",
        commune_leaders!("Công chức Địa chính - Nông nghiệp - Xây dựng và Môi trường"),
        &[
            (role("Trưởng thôn", LD, CN).age(Age::Older).union(15), 45),
            (
                role("Người hoạt động không chuyên trách", LD, CN).union(65),
                30,
            ),
            (HOP_DONG, 8),
        ],
    )
};

pub(crate) const ENTERPRISE: Profile = Profile {
    size: (200, 900),
    size_province: (200, 900),
    female: 30,
    leader_female: 15,
    ..profile(
        "enterprise",
        &[
            lead("Giám đốc", LD),
            lead("Phó Giám đốc", LD),
            lead("Phó Giám đốc", LD),
            lead("Kế toán trưởng", LD).female(70),
            lead("Chủ tịch Công đoàn cơ sở", LD),
            lead("Quản đốc phân xưởng", LD),
            lead("Quản đốc phân xưởng", LD),
            lead("Quản đốc phân xưởng", LD),
        ],
        &[
            (role("Công nhân", LD, CN).union(90), 62),
            (role("Công nhân kỹ thuật", LD, CN).union(90), 10),
            (role("Kỹ sư", LD, DH).union(90), 10),
            (role("Tổ trưởng sản xuất", LD, CN).union(95), 5),
            (role("Nhân viên văn phòng", LD, DH).female(70).union(90), 6),
            (role("Nhân viên kinh doanh", LD, DH).union(85), 3),
            (LAI_XE.union(90), 4),
        ],
    )
};

/// A unit of no known kind.
pub(crate) const GENERIC: Profile = profile(
    "generic",
    &[
        lead("Thủ trưởng đơn vị", CC),
        lead("Phó Thủ trưởng đơn vị", CC),
    ],
    OFFICE_STAFF,
);

#[cfg(test)]
pub(crate) const ALL: &[&Profile] = &[
    &COMMITTEE,
    &OFFICE,
    &CHIEF_OFFICE,
    &INSPECTORATE,
    &DEPARTMENT,
    &AGENCY,
    &PARTY_COMMITTEE,
    &PARTY_BOARD,
    &PARTY_INSPECTION,
    &PARTY_OFFICE,
    &FRONT,
    &YOUTH,
    &WOMEN,
    &FARMERS,
    &VETERANS,
    &TRADE_UNION,
    &KINDERGARTEN,
    &PRIMARY,
    &SECONDARY,
    &PRIMARY_SECONDARY,
    &HIGH_SCHOOL,
    &COLLEGE,
    &CENTRE,
    &MEDIA,
    &PROJECT_BOARD,
    &GENERAL_HOSPITAL,
    &HOSPITAL,
    &HEALTH_CENTRE,
    &WARD,
    &COMMUNE,
    &ENTERPRISE,
    &GENERIC,
];

/// True for a unit of the province level (its name says "tỉnh").
pub(crate) fn is_province_level(unit: &SampleUnit) -> bool {
    unit.name.contains("tỉnh") || unit.name.contains("Tỉnh")
}

/// The profile of a unit, read from its kind and the start of its name.
pub(crate) fn profile_of(unit: &SampleUnit) -> &'static Profile {
    let n = unit.name.as_str();
    match unit.kind {
        UnitKind::PeoplesCommittee => &COMMITTEE,
        UnitKind::WardCommune => {
            if n.starts_with("Xã") {
                &COMMUNE
            } else {
                &WARD
            }
        }
        UnitKind::TradeUnion => &TRADE_UNION,
        UnitKind::PartyBoard => {
            if n.starts_with("Ủy ban Kiểm tra") {
                &PARTY_INSPECTION
            } else if n.starts_with("Văn phòng") {
                &PARTY_OFFICE
            } else if n.starts_with("Ban") {
                &PARTY_BOARD
            } else {
                &PARTY_COMMITTEE
            }
        }
        UnitKind::MassOrganisation => {
            if n.starts_with("Ủy ban MTTQ") {
                &FRONT
            } else if n.starts_with("Đoàn") {
                &YOUTH
            } else if n.starts_with("Hội Liên hiệp Phụ nữ") {
                &WOMEN
            } else if n.starts_with("Hội Nông dân") {
                &FARMERS
            } else if n.starts_with("Hội Cựu chiến binh") {
                &VETERANS
            } else {
                &FRONT
            }
        }
        UnitKind::SpecialisedOffice => {
            if n.starts_with("Văn phòng") {
                &CHIEF_OFFICE
            } else if n.starts_with("Thanh tra") {
                &INSPECTORATE
            } else if n.starts_with("Sở") {
                &DEPARTMENT
            } else if n.starts_with("Ban") {
                &AGENCY
            } else {
                &OFFICE
            }
        }
        UnitKind::PublicServiceUnit => {
            if n.starts_with("Trường Mầm non") {
                &KINDERGARTEN
            } else if n.starts_with("Trường Tiểu học") {
                &PRIMARY
            } else if n.starts_with("Trường THCS") {
                &SECONDARY
            } else if n.starts_with("Trường TH&THCS") {
                &PRIMARY_SECONDARY
            } else if n.starts_with("Trường THPT") {
                &HIGH_SCHOOL
            } else if n.starts_with("Trường Cao đẳng") {
                &COLLEGE
            } else if n.starts_with("Bệnh viện Đa khoa") {
                &GENERAL_HOSPITAL
            } else if n.starts_with("Bệnh viện") {
                &HOSPITAL
            } else if n.starts_with("Trung tâm Y tế") {
                &HEALTH_CENTRE
            } else if n.starts_with("Ban Quản lý dự án") {
                &PROJECT_BOARD
            } else if n.starts_with("Đài") || n.contains("Truyền thông") {
                &MEDIA
            } else {
                &CENTRE
            }
        }
        UnitKind::Other => {
            if n.starts_with("Công ty") {
                &ENTERPRISE
            } else {
                &GENERIC
            }
        }
    }
}

/// Inclusive headcount span of a unit.
pub(crate) fn size_of(unit: &SampleUnit, profile: &Profile) -> (u32, u32) {
    if is_province_level(unit) {
        profile.size_province
    } else {
        profile.size
    }
}
