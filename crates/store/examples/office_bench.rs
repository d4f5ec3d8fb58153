//! Office files (issue 8, "Speed"), measured in one run, for `bench/office.sh`:
//! - importing a 100,000-row people file (read, check every row against the directory, write all in
//!   one transaction) against calamine alone reading the same file (target: at most 2×);
//! - a decision with 2,000 awardees rendered to DOCX (target < 2 s) and its 2,000 certificates to one
//!   PDF (target < 10 s), each against writing the same rows as CSV (the floor of any list output).
//!
//! Usage: office_bench [ROWS] (a fresh SQLite database in a temporary folder, with the city sample).
//! `BENCH_DROP_INDEXES=idx_a,idx_b` drops those indexes before the import is measured: an experiment
//! on what the directory's indexes cost the write (see bench/README.md); never a figure of a target.

use calamine::{DataType, Reader, Xlsx};
use sea_orm::{ConnectionTrait, Statement, TransactionTrait};
use std::io::Cursor;
use std::time::Instant;
use thidua_office::csv::{write_csv, Cell};
use thidua_office::xlsx::{Limits, ListSheet};
use thidua_store::testing::TestDb;
use thidua_store::Actor;

// The allocator of the `thidua` binary, which runs the imports (`import-xlsx`, the import pages).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let rows: usize = std::env::args()
        .nth(1)
        .and_then(|r| r.parse().ok())
        .unwrap_or(100_000);
    let db = TestDb::new().await;
    db.store
        .load_sample(thidua_sample::Scale::City, 1, &|_, _| {})
        .await
        .expect("the city sample loads");
    let units: Vec<String> = db
        .store
        .units_all()
        .await
        .expect("units")
        .into_iter()
        .filter(|u| u.active)
        .map(|u| u.name)
        .collect();

    // The file: rows as an office types them, spread over the sample's units.
    let mut sheet = ListSheet::new(
        "Danh sách",
        &[
            "STT",
            "Họ và tên",
            "Ngày sinh",
            "Giới tính",
            "Chức vụ",
            "Đơn vị",
        ],
    );
    let family = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi"];
    let middle = ["Văn", "Thị", "Đức", "Minh", "Thu", "Quang"];
    let given = [
        "An", "Bình", "Hoà", "Lan", "Nam", "Hương", "Dũng", "Mai", "Tùng", "Yến",
    ];
    for i in 0..rows {
        sheet.push(vec![
            Cell::Int(i as i64 + 1),
            // Five parts repeat every 48,000 rows and the dates every 840, so no two rows are the
            // same person (name, date of birth and unit) below 336,000 rows: the import refuses
            // duplicates within a file.
            Cell::Text(format!(
                "{} {} {} {} {}",
                family[i % 8],
                middle[(i / 8) % 6],
                given[(i / 48) % 10],
                given[(i / 480) % 10],
                given[(i / 4800) % 10]
            )),
            Cell::Date(
                chrono::NaiveDate::from_ymd_opt(
                    1960 + (i % 40) as i32,
                    1 + (i % 12) as u32,
                    1 + (i % 28) as u32,
                )
                .expect("a date"),
            ),
            Cell::Text(if i % 2 == 0 { "Nam" } else { "Nữ" }.into()),
            Cell::Text("Chuyên viên".into()),
            Cell::Text(units[i % units.len()].clone()),
        ]);
    }
    let bytes = sheet.to_xlsx().expect("the file is written");
    println!("import_rows {rows}");
    println!("import_file_kb {}", bytes.len() / 1024);

    let t = Instant::now();
    let mut workbook: Xlsx<_> =
        calamine::open_workbook_from_rs(Cursor::new(&bytes)).expect("calamine opens it");
    let name = workbook.sheet_names()[0].clone();
    let range = workbook.worksheet_range(&name).expect("the sheet");
    let mut cells = 0usize;
    for row in range.rows() {
        cells += row.iter().filter(|c| !c.is_empty()).count();
    }
    let calamine = t.elapsed();
    println!("calamine_cells {cells}");
    println!("calamine_ms {:.0}", calamine.as_secs_f64() * 1000.0);

    let limits = Limits {
        max_rows: rows + 10,
        ..Limits::default()
    };
    // Where the check's time goes: the streaming read alone, then the read and the row-by-row
    // preview of the layout (no directory look-ups).
    let t = Instant::now();
    let table = thidua_office::xlsx::read_table(&bytes, &limits, None).expect("read_table");
    println!("import_read_ms {:.0}", t.elapsed().as_secs_f64() * 1000.0);
    let t = Instant::now();
    let preview = table
        .preview(&thidua_office::xlsx::PEOPLE, None)
        .expect("preview");
    println!(
        "import_preview_ms {:.0}",
        t.elapsed().as_secs_f64() * 1000.0
    );
    drop((table, preview));

    let dropped = std::env::var("BENCH_DROP_INDEXES").unwrap_or_default();
    for index in dropped.split(',').map(str::trim).filter(|x| !x.is_empty()) {
        db.store
            .connection()
            .execute_unprepared(&format!("DROP INDEX {index}"))
            .await
            .expect("the index is dropped");
    }
    println!(
        "dropped_indexes {}",
        if dropped.is_empty() { "none" } else { &dropped }
    );
    let max_id = |conn: &sea_orm::DatabaseConnection| {
        let conn = conn.clone();
        async move {
            let row = conn
                .query_one(Statement::from_string(
                    conn.get_database_backend(),
                    "SELECT COALESCE(MAX(id), 0) AS m FROM people",
                ))
                .await
                .expect("max id")
                .expect("a row");
            row.try_get::<i64>("", "m").expect("an id")
        }
    };
    let before = max_id(db.store.connection()).await;

    let t = Instant::now();
    let checked = db
        .store
        .check_people_file(
            &bytes,
            None,
            "cong_chuc",
            &limits,
            chrono::Utc::now().date_naive(),
        )
        .await
        .expect("the file is read");
    let check = t.elapsed();
    assert!(
        checked.is_clean(),
        "{:?}",
        checked
            .problem_lines()
            .into_iter()
            .take(5)
            .collect::<Vec<_>>()
    );
    db.store
        .import_people(&Actor::system("bench"), &checked, "bench.xlsx", &|_, _| {})
        .await
        .expect("the rows are written");
    let import = t.elapsed();
    println!("import_check_ms {:.0}", check.as_secs_f64() * 1000.0);
    println!(
        "import_write_ms {:.0}",
        (import - check).as_secs_f64() * 1000.0
    );
    println!("import_total_ms {:.0}", import.as_secs_f64() * 1000.0);
    println!(
        "import_ratio {:.2}",
        import.as_secs_f64() / calamine.as_secs_f64()
    );

    // The engine's own floor for the write: the database copies the rows just imported (the same
    // people and history rows, the same indexes, in the same order) with no program in between.
    let after = max_id(db.store.connection()).await;
    let columns = "full_name, gender, birth_date, unit_id, position, category, staff_level, \
                   union_member, search_key, sort_key, version, change_seq, created_at, updated_at";
    let t = Instant::now();
    let txn = db.store.connection().begin().await.expect("a transaction");
    for sql in [
        format!(
            "INSERT INTO people ({columns}) SELECT {columns} FROM people \
             WHERE id > {before} ORDER BY id"
        ),
        format!(
            "INSERT INTO person_moves (person_id, unit_id, from_date, to_date, reason) \
             SELECT id, unit_id, NULL, NULL, 'copy' FROM people WHERE id > {after}"
        ),
    ] {
        txn.execute_unprepared(&sql).await.expect("the copy");
    }
    txn.commit().await.expect("the copy commits");
    let copy = t.elapsed();
    println!("engine_copy_ms {:.0}", copy.as_secs_f64() * 1000.0);
    println!(
        "engine_copy_ratio {:.2}",
        copy.as_secs_f64() / calamine.as_secs_f64()
    );

    // A decision of 2,000 awardees.
    let awardees: Vec<thidua_office::docx::Awardee> = (0..2000)
        .map(|i| thidua_office::docx::Awardee {
            name: format!(
                "{} {} {}",
                family[i % 8],
                middle[(i / 8) % 6],
                given[(i / 48) % 10]
            ),
            position_unit: format!("Chuyên viên {}", units[i % units.len()]),
            form: "Giấy khen".into(),
            amount: 1_800_000,
        })
        .collect();
    let t = Instant::now();
    let csv = write_csv(
        &[
            "STT",
            "Họ và tên",
            "Chức vụ, đơn vị",
            "Hình thức",
            "Số tiền",
        ],
        awardees.iter().enumerate().map(|(i, a)| {
            vec![
                Cell::Int(i as i64 + 1),
                Cell::Text(a.name.clone()),
                Cell::Text(a.position_unit.clone()),
                Cell::Text(a.form.clone()),
                Cell::Money(a.amount),
            ]
        }),
    );
    let csv_time = t.elapsed();
    let decision = thidua_office::docx::examples::award_decision(awardees.clone());
    let t = Instant::now();
    let docx = thidua_office::docx::render(&decision.to_document().expect("a document"))
        .expect("the decision renders");
    let docx_time = t.elapsed();
    let certificates: Vec<thidua_office::pdf::Certificate> = awardees
        .iter()
        .map(|a| {
            let mut c = thidua_office::pdf::example_certificate();
            c.recipient = a.name.clone();
            c.recipient_detail = Some(a.position_unit.clone());
            c
        })
        .collect();
    let t = Instant::now();
    let pdf = thidua_office::pdf::certificates_pdf(&certificates).expect("the certificates render");
    let pdf_time = t.elapsed();
    println!(
        "csv_2000_ms {:.1} ({} kB)",
        csv_time.as_secs_f64() * 1000.0,
        csv.len() / 1024
    );
    println!(
        "docx_2000_ms {:.0} ({} kB)",
        docx_time.as_secs_f64() * 1000.0,
        docx.len() / 1024
    );
    println!(
        "pdf_2000_ms {:.0} ({} kB)",
        pdf_time.as_secs_f64() * 1000.0,
        pdf.len() / 1024
    );
    println!(
        "docx_ratio_to_csv {:.0}",
        docx_time.as_secs_f64() / csv_time.as_secs_f64()
    );
    println!(
        "pdf_ratio_to_csv {:.0}",
        pdf_time.as_secs_f64() / csv_time.as_secs_f64()
    );
}
