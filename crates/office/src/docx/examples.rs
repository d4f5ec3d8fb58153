//! Example documents (văn bản mẫu): the seed dispatch of Lào Cai 2023, a joint plan of the city
//! committee and the Labour Federation, and an award decision with its list. Tests and the demo
//! use them; the application builds the same types from its database.

use super::award::{AwardDecision, Awardee};
use super::{Block, Issuer, OfficialDocument, PartialDate, Reference, Signer};

/// The body of the seed dispatch, as the seed file has it (item 3 joined across its page break).
const SEED_BODY: [&str; 6] = [
    "Căn cứ Công văn số 1721-CV/TU ngày 30/12/2022 của Thành uỷ Lào Cai về đơn đốc thực hiện một số nhiệm vụ, công việc trong thời gian tới. Theo đó Thành uỷ Lào Cai giao UBND thành phố thực hiện đẩy mạnh việc tổ chức triển khai thực hiện Kế hoạch liên tịch số 205/KH-UBND-LĐLĐ, ngày 28/4/2021 của Ủy ban Nhân dân tỉnh và Liên đoàn Lao động tỉnh về việc “thi đua lao động giỏi, lao động sáng tạo” trong công nhân, viên chức, lao động trên địa bàn tỉnh, giai đoạn 2021 - 2025 trên địa bàn thành phố. Nhằm tiếp tục đẩy mạnh phong trào thi đua “Lao động giỏi, Lao động sáng tạo” năm 2023. UBND thành phố Lào Cai triển khai một số nội dung như sau:",
    "1. Các cơ quan, đơn vị, UBND các xã, phường đẩy mạnh công tác tuyên truyền cho cán bộ, công chức, viên chức, người lao động để hiểu rõ về vai trò, ý nghĩa của phong trào thi đua “Lao động giỏi, Lao động sáng tạo” đối với sự phát triển của cơ quan, đơn vị, địa phương và của cả nền kinh tế. Vận động cán bộ, công chức, viên chức, người lao động tích cực học tập, nâng cao trình độ chuyên môn, nghiệp vụ, chủ động tiếp thu kinh nghiệm mới, cách làm hay, tạo nền tảng cho sáng tạo khoa học và ứng dụng công nghệ thông tin trong quá trình công tác, triển khai thực hiện nhiệm vụ được giao.",
    "2. Tổ chức phát động phong trào thi đua “Lao động giỏi, Lao động sáng tạo” đến cán bộ, công chức, viên chức, người lao động để tạo khí thế sôi nổi, rộng khắp, thiết thực góp phần xây dựng cơ quan, đơn vị, xã phường vững mạnh. Nội dung phong trào thi đua phải bám sát với nhiệm vụ chính trị của từng đơn vị. Có các hình thức thi đua phong phú, có kế hoạch nuôi dưỡng, theo dõi bám sát, kiểm tra đơn đốc, đưa nội dung thực hiện phong trào thi đua và sơ kết tổng kết công tác TĐKT năm 2023, kịp thời biểu dương khen thưởng tập thể, cá nhân có thành tích xuất sắc và nhân rộng điển hình tiên tiến.",
    "3. Gắn phong trào thi đua “Lao động giỏi, Lao động sáng tạo” với việc “Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh”; thường xuyên đổi mới công tác thi đua, khen thưởng trong cán bộ, công chức, viên chức, người lao động và hoạt động của các đơn vị, đặc biệt quan tâm phát hiện nhân tố mới, bồi dưỡng và nhân rộng các ý tưởng, sáng tạo mới.",
    "4. Tiếp tục tổ chức có hiệu quả phong trào thi đua “Lao động giỏi, Lao động sáng tạo” theo Kế hoạch số 211/KH-UBND-LĐLĐ ngày 18/8/2021 của UBND thành phố và Liên đoàn Lao động thành phố về phối hợp, triển khai phong trào thi đua \"Lao động giỏi, lao động sáng tạo\" trong công nhân, viên chức, lao động trên địa bàn thành phố Lào Cai giai đoạn 2021-2025; Công văn số 941/UBND-NV ngày 01/09/2021 về hướng dẫn xét khen thưởng phong trào thi đua “Lao động giỏi, Lao động sáng tạo” trong công nhân, viên chức, lao động trên địa bàn thành phố Lào Cai giai đoạn 2021 - 2025; Công văn số 537/UBND-NV ngày 04/7/2022 về tiếp tục đẩy mạnh thực hiện phong trào thi đua “Lao động giỏi, Lao động sáng tạo” trong cán bộ, công chức, viên chức, người lao động trên địa bàn thành phố Lào Cai.",
    "UBND thành phố Lào Cai kêu gọi toàn thể cán bộ, công chức, viên chức, người lao động tại các cơ quan, đơn vị, xã, phường trên địa bàn thành phố phát huy truyền thống yêu nước, tinh thần đoàn kết, bản lĩnh, trí tuệ, sáng tạo, đồng lòng vượt qua khó khăn, thách thức, ra sức thi đua lập thành tích góp phần thực hiện thắng lợi nhiệm vụ chính trị và phát triển kinh tế - xã hội của thành phố Lào Cai năm 2023./.",
];

fn city_committee() -> Issuer {
    Issuer {
        parent: None,
        name: "ỦY BAN NHÂN DÂN THÀNH PHỐ LÀO CAI".into(),
    }
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

/// Splits "1. text" into an item with its label; other paragraphs stay paragraphs.
fn block(text: &str) -> Block {
    match text.split_once(". ") {
        Some((n, rest)) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => Block::Item {
            label: format!("{n}."),
            text: rest.to_string(),
        },
        _ => Block::Paragraph(text.to_string()),
    }
}

/// The seed dispatch: Công văn "V/v đẩy mạnh thực hiện phong trào thi đua “Lao động giỏi, Lao
/// động sáng tạo” …" of the city committee of Lào Cai, a draft of March 2023.
pub fn seed_dispatch() -> OfficialDocument {
    OfficialDocument {
        issuers: vec![city_committee()],
        reference: Reference::Draft {
            symbol: "UBND-NV".into(),
        },
        place: "TP. Lào Cai".into(),
        date: PartialDate::month_of(2023, 3),
        kind_title: None,
        summary: "V/v đẩy mạnh thực hiện phong trào thi đua “Lao động giỏi, Lao động sáng tạo” \
                  trong cán bộ, công chức, viên chức, người lao động trên địa bàn thành phố Lào Cai năm 2023"
            .into(),
        addressees: strings(&[
            "Các Ban đảng Thành uỷ;",
            "Ủy ban MTTQVN và các đoàn thể thành phố;",
            "Các Phòng chuyên môn, Đơn vị sự nghiệp thành phố;",
            "UBND các xã, phường.",
        ]),
        body: SEED_BODY.iter().map(|t| block(t)).collect(),
        signers: vec![Signer {
            authority: Some("TM. ỦY BAN NHÂN DÂN".into()),
            title: "CHỦ TỊCH".into(),
            name: "Hoàng Đăng Khoa".into(),
        }],
        recipients: strings(&["Như trên;", "TT Thành ủy;", "Lãnh đạo UBND TP;", "Lưu: VT, NV."]),
        appendix: None,
    }
}

/// A joint plan (kế hoạch liên tịch, 211/KH-UBND-LĐLĐ of 18/8/2021 as the seed cites it): two
/// issuers side by side, two signatures, the lead body (the committee) signing at the right.
pub fn joint_plan() -> OfficialDocument {
    let date = PartialDate {
        year: 2021,
        month: Some(8),
        day: Some(18),
    };
    OfficialDocument {
        issuers: vec![
            city_committee(),
            Issuer {
                parent: Some("LĐLĐ TỈNH LÀO CAI".into()),
                name: "LIÊN ĐOÀN LAO ĐỘNG THÀNH PHỐ LÀO CAI".into(),
            },
        ],
        reference: Reference::Issued("211/KH-UBND-LĐLĐ".into()),
        place: "TP. Lào Cai".into(),
        date,
        kind_title: Some("KẾ HOẠCH".into()),
        summary: "Phối hợp triển khai phong trào thi đua “Lao động giỏi, Lao động sáng tạo” trong \
                  công nhân, viên chức, lao động trên địa bàn thành phố Lào Cai giai đoạn 2021 - 2025"
            .into(),
        addressees: Vec::new(),
        body: vec![
            Block::Heading("I. MỤC ĐÍCH, YÊU CẦU".into()),
            Block::Item {
                label: "1.".into(),
                text: "Đẩy mạnh phong trào thi đua “Lao động giỏi, Lao động sáng tạo” trong cán bộ, \
                       công chức, viên chức, người lao động, gắn với nhiệm vụ chính trị của từng cơ quan, đơn vị."
                    .into(),
            },
            Block::Item {
                label: "2.".into(),
                text: "Phát hiện, bồi dưỡng và nhân rộng các điển hình tiên tiến, các sáng kiến, \
                       giải pháp được áp dụng có hiệu quả."
                    .into(),
            },
            Block::Heading("II. NỘI DUNG".into()),
            Block::Paragraph(
                "Hằng năm, Ủy ban nhân dân thành phố và Liên đoàn Lao động thành phố phối hợp phát động, \
                 theo dõi, sơ kết và khen thưởng kịp thời các tập thể, cá nhân có thành tích xuất sắc./."
                    .into(),
            ),
        ],
        signers: vec![
            Signer {
                authority: Some("TM. BAN THƯỜNG VỤ".into()),
                title: "CHỦ TỊCH".into(),
                name: "Nguyễn Thị Lan".into(),
            },
            Signer {
                authority: Some("TM. ỦY BAN NHÂN DÂN".into()),
                title: "CHỦ TỊCH".into(),
                name: "Hoàng Đăng Khoa".into(),
            },
        ],
        recipients: strings(&[
            "UBND tỉnh, LĐLĐ tỉnh (b/c);",
            "TT Thành ủy, TT HĐND thành phố;",
            "Các cơ quan, đơn vị, UBND các xã, phường;",
            "Lưu: VT, NV, LĐLĐ.",
        ]),
        appendix: None,
    }
}

/// The people of the example decision: three awardees, 5,400,000 đ in all.
pub fn example_awardees() -> Vec<Awardee> {
    let one = |name: &str, position_unit: &str, amount| Awardee {
        name: name.into(),
        position_unit: position_unit.into(),
        form: "Giấy khen".into(),
        amount,
    };
    vec![
        one("Nguyễn Thị Hoà", "Chuyên viên Phòng Nội vụ", 1_800_000),
        one("Trần Văn Dũng", "Kế toán Trường THCS Lê Quý Đôn", 1_800_000),
        one(
            "Lò Thị Mai",
            "Công chức Văn hóa - Xã hội UBND phường Cốc Lếu",
            1_800_000,
        ),
    ]
}

/// An award decision (Quyết định khen thưởng) of the city chairman for the 2023 phase of the
/// movement, with `awardees` in its list.
pub fn award_decision(awardees: Vec<Awardee>) -> AwardDecision {
    AwardDecision {
        issuer: city_committee(),
        reference: Reference::Issued("1234/QĐ-UBND".into()),
        place: "TP. Lào Cai".into(),
        date: PartialDate {
            year: 2023,
            month: Some(12),
            day: Some(5),
        },
        subject: "khen thưởng thành tích trong phong trào thi đua “Lao động giỏi, Lao động sáng tạo” năm 2023"
            .into(),
        authority: "CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ LÀO CAI".into(),
        bases: strings(&[
            "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015; Luật sửa đổi, bổ sung một số \
             điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22/11/2019;",
            "Căn cứ Luật Thi đua, Khen thưởng ngày 26/11/2003; Luật sửa đổi, bổ sung một số điều của \
             Luật Thi đua, Khen thưởng ngày 16/11/2013;",
            "Căn cứ Nghị định số 91/2017/NĐ-CP ngày 31/7/2017 của Chính phủ quy định chi tiết thi hành \
             một số điều của Luật Thi đua, Khen thưởng;",
            "Theo đề nghị của Trưởng phòng Nội vụ thành phố.",
        ]),
        award_phrase: "Tặng Giấy khen của Chủ tịch Ủy ban nhân dân thành phố cho".into(),
        achievement: "đã có thành tích xuất sắc trong phong trào thi đua “Lao động giỏi, Lao động sáng tạo” năm 2023"
            .into(),
        funding: "nguồn kinh phí thi đua, khen thưởng của thành phố năm 2023".into(),
        executors: "Chánh Văn phòng HĐND và UBND thành phố, Trưởng phòng Nội vụ, Trưởng phòng Tài chính - Kế hoạch, \
                    Thủ trưởng các cơ quan, đơn vị có liên quan"
            .into(),
        awardees,
        signer: Signer {
            authority: Some("KT. CHỦ TỊCH".into()),
            title: "PHÓ CHỦ TỊCH".into(),
            name: "Nguyễn Văn Bình".into(),
        },
        recipients: strings(&[
            "Như Điều 3;",
            "TT Thành ủy, TT HĐND thành phố;",
            "Lãnh đạo UBND thành phố;",
            "Lưu: VT, NV.",
        ]),
        signed_by_phrase: "Chủ tịch UBND thành phố Lào Cai".into(),
    }
}
