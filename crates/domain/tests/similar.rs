//! The similar-initiatives check and the initiatives' search: near-copies found and flagged,
//! unrelated texts not, diacritics ignored, filters applied, and an index kept current by upserts and
//! removals answering as one built from scratch.

use proptest::prelude::*;
use thidua_domain::initiative::{Field, Scope, Status};
use thidua_domain::similar::*;
use thidua_domain::text;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

struct Sample {
    id: i64,
    year: i32,
    unit: i64,
    field: Field,
    status: Status,
    scope: Option<Scope>,
    authors: &'static [i64],
    title: &'static str,
    sections: [&'static str; 4],
}

const SAMPLES: &[Sample] = &[
    Sample {
        id: 1,
        year: 2022,
        unit: 10,
        field: Field::Administration,
        status: Status::Recognised,
        scope: Some(Scope::CoSo),
        authors: &[101, 102],
        title: "Giải pháp số hóa hồ sơ một cửa tại UBND phường Cốc Lếu",
        sections: [
            "Trước đây, hồ sơ thủ tục hành chính tại bộ phận một cửa của phường được lưu trữ bằng giấy, \
             sắp xếp theo năm trong tủ sắt. Khi người dân cần tra cứu lại, cán bộ phải tìm thủ công, \
             mất từ 20 đến 30 phút cho mỗi hồ sơ. Nhiều hồ sơ cũ bị ẩm mốc, rách nát, khó đọc.",
            "Nhóm tác giả đã scan toàn bộ hồ sơ giai đoạn 2015–2021, đặt tên tệp theo mã hồ sơ và số \
             căn cước công dân của người nộp. Các tệp được lưu trên máy chủ của Ủy ban nhân dân phường, \
             có sao lưu hằng tuần ra ổ cứng ngoài. Cán bộ một cửa tra cứu bằng phần mềm tìm kiếm theo \
             tên, số giấy tờ hoặc ngày tiếp nhận.",
            "Lần đầu tiên phường xây dựng kho hồ sơ điện tử đầy đủ cho bộ phận một cửa, gắn mã QR trên \
             bìa hồ sơ giấy để đối chiếu nhanh với bản điện tử.",
            "Thời gian tra cứu giảm từ 25 phút xuống còn dưới 2 phút. Tiết kiệm khoảng 18 triệu đồng \
             tiền giấy, mực in và công sao chụp mỗi năm. Người dân hài lòng hơn khi làm thủ tục liên thông.",
        ],
    },
    Sample {
        id: 2,
        year: 2021,
        unit: 20,
        field: Field::Education,
        status: Status::Recognised,
        scope: Some(Scope::Huyen),
        authors: &[201],
        title: "Sáng kiến ứng dụng bảng tương tác thông minh trong dạy học môn Tiếng Anh lớp 4",
        sections: [
            "Học sinh lớp 4 của trường còn rụt rè khi giao tiếp bằng tiếng Anh, giờ học chủ yếu là giáo \
             viên đọc và học sinh chép bài. Thiết bị dạy học chỉ có đài cát-sét và tranh ảnh in sẵn.",
            "Giáo viên thiết kế các trò chơi ô chữ, ghép tranh và hát theo lời trên bảng tương tác, chia \
             lớp thành các đội thi đua giành điểm. Mỗi bài học có một hoạt động khởi động năm phút và \
             một phiếu tự đánh giá cuối giờ.",
            "Kết hợp trò chơi trên bảng tương tác với phiếu tự đánh giá giúp học sinh tự theo dõi tiến \
             bộ của mình sau từng chủ đề.",
            "Tỷ lệ học sinh đạt mức tốt môn Tiếng Anh tăng từ 42% lên 68% sau một năm học. Học sinh mạnh \
             dạn phát biểu, phụ huynh phản hồi tích cực.",
        ],
    },
    Sample {
        id: 3,
        year: 2022,
        unit: 30,
        field: Field::Health,
        status: Status::UnderReview,
        scope: None,
        authors: &[301, 302],
        title: "Giải pháp giảm thời gian chờ khám bệnh bằng đặt lịch hẹn qua điện thoại tại Trung tâm Y tế",
        sections: [
            "Mỗi buổi sáng khoa khám bệnh tiếp nhận khoảng 400 lượt bệnh nhân, người bệnh phải đến từ 5 \
             giờ sáng để lấy số thứ tự. Hành lang thường xuyên quá tải, dễ lây nhiễm chéo.",
            "Trung tâm triển khai tổng đài đặt lịch hẹn và tin nhắn nhắc lịch, chia khung giờ khám 30 \
             phút. Người bệnh đặt lịch được ưu tiên vào quầy riêng; nhân viên điều phối sắp xếp lại bàn \
             khám theo số lượng đặt trước.",
            "Lần đầu áp dụng khung giờ khám kết hợp nhắn tin nhắc lịch tự động cho người bệnh mạn tính \
             tái khám định kỳ.",
            "Thời gian chờ trung bình giảm từ 2 giờ 15 phút xuống 50 phút. Số người bệnh phải đến trước 6 \
             giờ sáng giảm hơn một nửa.",
        ],
    },
    Sample {
        id: 4,
        year: 2023,
        unit: 40,
        field: Field::Engineering,
        status: Status::Recognised,
        scope: Some(Scope::Tinh),
        authors: &[401],
        title: "Cải tiến bộ hẹn giờ tiết kiệm điện cho hệ thống chiếu sáng công cộng",
        sections: [
            "Hệ thống đèn chiếu sáng các tuyến đường nội thị bật tắt bằng công tắc cơ, công nhân phải đi \
             đóng cắt từng tủ điện. Vào mùa hè đèn thường sáng cả khi trời đã sáng rõ, lãng phí điện năng.",
            "Tổ kỹ thuật lắp bộ hẹn giờ thiên văn cho 56 tủ điện, tự tính giờ mặt trời mọc và lặn theo \
             vĩ độ của thành phố. Sau 23 giờ, bộ điều khiển tắt xen kẽ một nửa số bóng trên các tuyến ít \
             người qua lại.",
            "Sử dụng đồng hồ thiên văn kết hợp chế độ giảm công suất nửa đêm, không cần thay bóng đèn hiện có.",
            "Điện năng tiêu thụ giảm 21%, tương đương tiết kiệm 310 triệu đồng mỗi năm. Công nhân không \
             phải đi đóng cắt thủ công mỗi ngày.",
        ],
    },
    Sample {
        id: 5,
        year: 2023,
        unit: 50,
        field: Field::Agriculture,
        status: Status::Submitted,
        scope: None,
        authors: &[501],
        title: "Mô hình ủ phân hữu cơ từ phụ phẩm nông nghiệp bằng chế phẩm vi sinh tại xã Cam Đường",
        sections: [
            "Rơm rạ sau thu hoạch thường bị đốt ngoài đồng gây khói bụi, trong khi nông dân phải mua phân \
             bón hóa học với giá ngày càng cao.",
            "Hội Nông dân xã hướng dẫn các hộ thu gom rơm rạ, thân ngô, trộn với chế phẩm vi sinh và phân \
             chuồng, ủ trong hố có mái che từ 45 đến 60 ngày. Mỗi thôn chọn hai hộ làm điểm để các hộ \
             khác đến học cách làm.",
            "Tận dụng phụ phẩm sẵn có tại địa phương, quy trình ủ đơn giản, chi phí thấp, phù hợp với \
             đồng bào dân tộc thiểu số.",
            "Mỗi héc-ta lúa giảm 30% lượng phân hóa học, tiết kiệm khoảng 2,5 triệu đồng mỗi vụ. Tình \
             trạng đốt rơm rạ gần như chấm dứt.",
        ],
    },
    Sample {
        id: 6,
        year: 2021,
        unit: 10,
        field: Field::Finance,
        status: Status::NotRecognised,
        scope: None,
        authors: &[102],
        title: "Giải pháp tự động đối chiếu chứng từ kế toán bằng bảng tính tại Phòng Tài chính – Kế hoạch",
        sections: [
            "Việc đối chiếu số liệu giữa sổ kế toán và Kho bạc Nhà nước được làm thủ công hằng tháng, mỗi \
             lần mất ba ngày công và thường sai sót.",
            "Tác giả xây dựng bảng tính có công thức tự động so khớp theo số chứng từ, ngày và số tiền, tô \
             màu các dòng lệch để kế toán viên kiểm tra lại.",
            "Bảng tính dùng công cụ sẵn có, không phải mua phần mềm, có thể áp dụng cho các đơn vị dự toán \
             cấp xã.",
            "Thời gian đối chiếu giảm từ ba ngày xuống nửa ngày mỗi tháng; sai sót phát hiện muộn giảm rõ rệt.",
        ],
    },
];

fn doc(s: &Sample) -> IndexDoc {
    IndexDoc {
        meta: DocMeta {
            id: s.id,
            year: s.year,
            unit_id: s.unit,
            field: s.field,
            scope: s.scope,
            status: s.status,
            authors: s.authors.to_vec(),
        },
        title: s.title.to_owned(),
        sections: s.sections.iter().map(|t| t.to_string()).collect(),
    }
}

fn index() -> SimilarityIndex {
    SimilarityIndex::build(SAMPLES.iter().map(doc))
}

/// Diacritics removed, case kept: how a text typed without Vietnamese input looks.
fn strip(s: &str) -> String {
    s.nfd()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| match c {
            'đ' => 'd',
            'Đ' => 'D',
            c => c,
        })
        .collect()
}

/// Sample 1 submitted again three years later by another ward: reworded a little, typed without
/// diacritics, its paragraphs in another order.
fn near_copy() -> (String, Vec<String>) {
    let title = strip("Giải pháp số hoá hồ sơ một cửa tại UBND phường Kim Tân");
    let sections = [
        "Nhóm tác giả đã scan toàn bộ hồ sơ giai đoạn 2016–2022, đặt tên tệp theo mã hồ sơ và số \
         căn cước công dân của người nộp. Các tệp được lưu trên máy chủ của Ủy ban nhân dân phường, \
         có sao lưu mỗi tuần ra ổ cứng di động. Cán bộ một cửa tra cứu bằng phần mềm tìm kiếm theo \
         tên, số giấy tờ hoặc ngày tiếp nhận.",
        "Trước kia, hồ sơ thủ tục hành chính tại bộ phận một cửa của phường được lưu trữ bằng giấy, \
         sắp xếp theo năm trong tủ sắt. Khi người dân cần tra cứu lại, cán bộ phải tìm thủ công, \
         mất từ 20 đến 30 phút cho mỗi hồ sơ. Nhiều hồ sơ cũ bị ẩm mốc, khó đọc.",
        "Thời gian tra cứu giảm từ 25 phút xuống còn dưới 2 phút. Tiết kiệm khoảng 20 triệu đồng \
         tiền giấy, mực in và công sao chụp mỗi năm. Người dân hài lòng hơn khi làm thủ tục liên thông.",
        "Lần đầu tiên phường xây dựng kho hồ sơ điện tử đầy đủ cho bộ phận một cửa, gắn mã QR trên \
         bìa hồ sơ giấy để đối chiếu nhanh với bản điện tử.",
    ];
    (title, sections.iter().map(|s| strip(s)).collect())
}

const UNRELATED_TITLE: &str =
    "Sáng kiến tổ chức câu lạc bộ đọc sách cho thanh thiếu niên tại Nhà văn hóa phường";
const UNRELATED: &str = "Thư viện phường có hơn ba nghìn đầu sách nhưng ít người đến đọc. Đoàn \
    Thanh niên lập câu lạc bộ đọc sách họp vào chiều thứ Bảy hằng tuần, mỗi buổi một bạn giới thiệu \
    cuốn sách mình yêu thích và cả nhóm thảo luận. Câu lạc bộ quyên góp sách cũ, lập tủ sách lưu động \
    đặt tại các tổ dân phố. Sau một năm có 120 thành viên thường xuyên, lượt mượn sách tăng gấp ba.";

fn part_text<'a>(title: &'a str, sections: &'a [impl AsRef<str>], part: Part) -> &'a str {
    match part {
        Part::Title => title,
        Part::Section(i) => sections[i].as_ref(),
    }
}

#[test]
fn a_near_copy_of_an_earlier_initiative_is_the_top_match_and_flagged() {
    let index = index();
    let (title, sections) = near_copy();
    let probe = Probe {
        title: &title,
        sections: sections.iter().map(String::as_str).collect(),
        year: Some(2025),
        authors: &[901],
        exclude: None,
    };
    let matches = index.query_with(&probe, 5, |_| true);
    assert!(!matches.is_empty());
    let top = &matches[0];
    assert_eq!(top.id, 1, "{matches:#?}");
    assert!(top.score >= RESUBMISSION, "score {}", top.score);
    assert!(top.likely && top.resubmission && !top.same_author);
    assert!(top.containment > 0.8, "containment {}", top.containment);
    for m in &matches[1..] {
        assert!(m.score < LIKELY_SIMILAR, "{} scores {}", m.id, m.score);
        assert!(!m.resubmission);
    }
    // The passages point at the same words in both texts, and cover most of the copy.
    let original = &SAMPLES[0];
    assert!(top.passages.len() >= 4, "{:#?}", top.passages);
    let mut covered = 0;
    for o in &top.passages {
        let q = &part_text(&title, &sections, o.query.part)[o.query.bytes.clone()];
        let c = &part_text(original.title, &original.sections, o.candidate.part)
            [o.candidate.bytes.clone()];
        assert_eq!(text::fold(q), text::fold(c));
        assert_eq!(q.split_whitespace().count(), o.syllables);
        let q_chars: String = part_text(&title, &sections, o.query.part)
            .chars()
            .skip(o.query.chars.start)
            .take(o.query.chars.len())
            .collect();
        assert_eq!(q_chars, q);
        covered += o.syllables;
    }
    let words: usize = sections.iter().map(|s| s.split_whitespace().count()).sum();
    assert!(covered * 10 >= words * 7, "{covered} of {words} words");
    // The paragraph that moved to the front is found in the original's second section.
    assert!(top
        .passages
        .iter()
        .any(|o| o.query.part == Part::Section(0) && o.candidate.part == Part::Section(1)));
}

#[test]
fn the_same_author_lowers_the_bar_and_a_later_year_is_not_a_resubmission() {
    let index = index();
    let (title, sections) = near_copy();
    let sections: Vec<&str> = sections.iter().map(String::as_str).collect();
    let probe = |year, authors| Probe {
        title: &title,
        sections: sections.clone(),
        year: Some(year),
        authors,
        exclude: None,
    };
    let m = &index.query_with(&probe(2025, &[102]), 1, |_| true)[0];
    assert!(m.same_author && m.resubmission);
    // The "copy" written before the original is not a re-submission of it.
    let m = &index.query_with(&probe(2021, &[]), 1, |_| true)[0];
    assert_eq!(m.id, 1);
    assert!(m.likely && !m.resubmission);
    // An initiative already stored is compared with the others, never with itself.
    let own = index.similar_to(1, 5, |_| true);
    assert!(own.iter().all(|m| m.id != 1));
}

#[test]
fn an_unrelated_initiative_is_not_flagged() {
    let index = index();
    let matches = index.query(UNRELATED_TITLE, UNRELATED, 5);
    for m in &matches {
        assert!(m.score < LIKELY_SIMILAR, "{} scores {}", m.id, m.score);
        assert!(!m.likely && !m.resubmission);
    }
    // Every stored initiative against the others: none is likely similar.
    for s in SAMPLES {
        for m in index.similar_to(s.id, 5, |_| true) {
            assert!(m.score < LIKELY_SIMILAR, "{} ~ {}: {}", s.id, m.id, m.score);
        }
    }
    assert!(index.query("", "", 5).is_empty());
    assert!(index.query("một", "", 5).is_empty());
}

#[test]
fn a_text_typed_so_far_finds_the_initiative_it_comes_from() {
    let index = index();
    let typed = "tổ kỹ thuật lắp bộ hẹn giờ thiên văn cho các tủ điện";
    let m = index.query("", typed, 3);
    assert_eq!(m[0].id, 4, "{m:#?}");
    assert!(m[0].contained, "{}", m[0].containment);
    assert!(
        !m[0].likely,
        "a part of a text is not a likely copy of the whole"
    );
}

fn ids(page: &SearchPage) -> Vec<i64> {
    page.hits.iter().map(|h| h.id).collect()
}

#[test]
fn search_ignores_diacritics_and_case() {
    let index = index();
    let all = |_: &DocMeta| true;
    for q in ["số hóa hồ sơ", "so hoa ho so ", "SỐ HOÁ HỒ SƠ", "So Hoa"] {
        // The folded syllables are common ("hóa học", "hố"): the words side by side rank first.
        let page = index.search(q, all, PageRequest::default());
        assert_eq!(ids(&page)[0], 1, "{q}");
        assert!(
            page.hits[1..]
                .iter()
                .all(|h| h.score < page.hits[0].score * 0.7),
            "{q}"
        );
    }
    let page = index.search("tiết kiệm", all, PageRequest::default());
    assert_eq!(page.total, 3);
    // Highlights fold to the query's words, and the segments are the text as it is.
    let hit = &index.search("so hoa", all, PageRequest::default()).hits[0];
    let title: String = hit.title.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(title, SAMPLES[0].title);
    let marked: Vec<String> = hit
        .title
        .iter()
        .filter(|s| s.highlighted)
        .map(|s| text::fold(&s.text))
        .collect();
    // "sơ" of "hồ sơ" folds to "so" as well.
    assert_eq!(marked, ["so", "hoa", "so"]);
    let hit = &index.search("thien van", all, PageRequest::default()).hits[0];
    assert_eq!(hit.id, 4);
    let snippet: String = hit.snippet.iter().map(|s| s.text.as_str()).collect();
    let section = SAMPLES[3].sections[hit.snippet_part.unwrap()];
    assert!(
        section.contains(snippet.trim_matches('…')),
        "{snippet:?} not in {section:?}"
    );
    assert!(hit
        .snippet
        .iter()
        .any(|s| s.highlighted && text::fold(&s.text) == "thien"));
    // Every query word must occur.
    assert_eq!(
        index
            .search("rơm rạ tiếng anh", all, PageRequest::default())
            .total,
        0
    );
    assert_eq!(index.search("xyzzy", all, PageRequest::default()).total, 0);
}

#[test]
fn the_last_word_is_a_prefix_while_typing() {
    let index = index();
    let all = |_: &DocMeta| true;
    assert_eq!(
        ids(&index.search("bảng tươ", all, PageRequest::default()))[0],
        2
    );
    assert_eq!(
        index.search("bang tuo ", all, PageRequest::default()).total,
        0
    );
    assert_eq!(
        ids(&index.search("chiếu sán", all, PageRequest::default()))[0],
        4
    );
    // "đối chiếu số liệu" (6) has the words side by side, as "chiếu sáng" (4) has.
    assert_eq!(
        ids(&index.search("chiếu s", all, PageRequest::default()))[..2],
        [6, 4]
    );
}

#[test]
fn search_ranks_titles_and_tones_first() {
    let index = index();
    let all = |_: &DocMeta| true;
    // "đối chiếu" is in the title of 6 and once in the text of 1.
    let page = index.search("đối chiếu", all, PageRequest::default());
    assert_eq!(ids(&page), [6, 1]);
    assert!(page.hits[0].score > page.hits[1].score);
}

#[test]
fn filters_and_pages_apply() {
    let index = index();
    let page = |q: &str, f: &Filter| index.search(q, |m| f.matches(m), PageRequest::default());
    let by_year = Filter {
        year: Some(2021),
        ..Default::default()
    };
    assert_eq!(page("", &by_year).total, 2);
    let mut got = ids(&page("", &by_year));
    got.sort();
    assert_eq!(got, [2, 6]);
    let unit = Filter {
        unit_ids: Some(vec![10]),
        ..Default::default()
    };
    assert_eq!(ids(&page("giải pháp", &unit)).len(), 2);
    let field = Filter {
        field: Some(Field::Health),
        ..Default::default()
    };
    assert_eq!(ids(&page("giảm", &field)), [3]);
    let scope = Filter {
        scope: Some(Scope::Tinh),
        ..Default::default()
    };
    assert_eq!(ids(&page("", &scope)), [4]);
    let status = Filter {
        status: Some(Status::Recognised),
        year: Some(2022),
        ..Default::default()
    };
    assert_eq!(ids(&page("", &status)), [1]);
    // An empty query lists newest year first; pages split it.
    let all = index.search("", |_| true, PageRequest::default());
    assert_eq!(all.total, 6);
    assert_eq!(all.hits[0].id, 5);
    let second = index.search(
        "",
        |_| true,
        PageRequest {
            page: 2,
            per_page: 4,
        },
    );
    assert_eq!(second.total, 6);
    assert_eq!(ids(&second), [6, 2]);
    // The similar check takes filters too.
    let m = index.query_with(
        &Probe {
            title: SAMPLES[0].title,
            sections: SAMPLES[0].sections.to_vec(),
            ..Default::default()
        },
        3,
        |m| m.unit_id != 10,
    );
    assert!(m.iter().all(|m| m.id != 1 && m.id != 6));
}

#[test]
fn upsert_replaces_and_remove_forgets() {
    let mut index = index();
    let mut changed = doc(&SAMPLES[3]);
    changed.title = "Cải tiến hệ thống tưới nhỏ giọt cho vườn ươm".into();
    changed.sections = vec!["Lắp ống tưới nhỏ giọt hẹn giờ cho vườn ươm cây giống.".into()];
    index.upsert(changed);
    assert_eq!(index.len(), 6);
    assert_eq!(
        index
            .search("thiên văn", |_| true, PageRequest::default())
            .total,
        0
    );
    assert_eq!(
        ids(&index.search("nhỏ giọt", |_| true, PageRequest::default())),
        [4]
    );
    assert!(index.remove(4));
    assert!(!index.remove(4));
    assert!(!index.contains(4));
    assert_eq!(
        index
            .search("nhỏ giọt", |_| true, PageRequest::default())
            .total,
        0
    );
    assert!(index
        .query(SAMPLES[3].title, SAMPLES[3].sections[1], 5)
        .iter()
        .all(|m| m.id != 4));
}

// ---------------------------------------------------------------------------------------------
// Incremental upkeep equals a fresh build

/// A document made of some samples' sections under an id and a year.
fn variant(id: i64, pick: usize, year: i32) -> IndexDoc {
    let a = &SAMPLES[pick % SAMPLES.len()];
    let b = &SAMPLES[(pick / SAMPLES.len()) % SAMPLES.len()];
    let mut d = doc(a);
    d.meta.id = id;
    d.meta.year = year;
    d.sections[2] = b.sections[1].to_owned();
    if pick % 3 == 1 {
        d.sections.reverse();
    }
    d
}

#[derive(Debug, Clone)]
enum Op {
    Upsert { id: i64, pick: usize, year: i32 },
    Remove { id: i64 },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (1i64..12, 0usize..36, 2019i32..2026).prop_map(|(id, pick, year)| Op::Upsert { id, pick, year }),
        1 => (1i64..12).prop_map(|id| Op::Remove { id }),
    ]
}

fn answers(index: &SimilarityIndex) -> Vec<String> {
    let mut out = Vec::new();
    for s in SAMPLES {
        let probe = Probe {
            title: s.title,
            sections: s.sections.to_vec(),
            year: Some(2024),
            authors: s.authors,
            exclude: None,
        };
        out.push(format!("{:?}", index.query_with(&probe, 4, |_| true)));
    }
    for q in [
        "hồ sơ",
        "giảm thời gian",
        "so hoa ho s",
        "",
        "tiết kiệm điện",
    ] {
        let page = index.search(
            q,
            |m| m.year >= 2020,
            PageRequest {
                page: 1,
                per_page: 50,
            },
        );
        out.push(format!("{page:?}"));
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn an_index_kept_current_answers_as_one_built_from_scratch(ops in prop::collection::vec(op(), 1..40)) {
        let mut kept = SimilarityIndex::new();
        let mut current: std::collections::BTreeMap<i64, IndexDoc> = Default::default();
        for o in &ops {
            match *o {
                Op::Upsert { id, pick, year } => {
                    let d = variant(id, pick, year);
                    current.insert(id, d.clone());
                    kept.upsert(d);
                }
                Op::Remove { id } => {
                    prop_assert_eq!(kept.remove(id), current.remove(&id).is_some());
                }
            }
        }
        let fresh = SimilarityIndex::build(current.values().cloned());
        prop_assert_eq!(kept.len(), current.len());
        prop_assert_eq!(answers(&kept), answers(&fresh));
    }
}
