//! The real `thidua` binary, as scripts and officers use it (`shared/contracts/cli.md`).

use std::io::Write;
use std::process::{Command, Output, Stdio};
use thidua_store::testing::TestDb;

fn thidua(args: &[&str]) -> Output {
    command(args).output().expect("thidua runs")
}

fn command(args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_thidua"));
    c.args(args)
        .env_remove("THIDUA_DATABASE_URL")
        .env_remove("THIDUA_AUDIT_KEY")
        .env_remove("THIDUA_AUDIT_KEY_FILE");
    c
}

/// `thidua --database URL --audit-key FILE ARGS…` on a test database. On SQLite the key file is the
/// one beside the database, which the binary finds by itself; PostgreSQL needs it named.
fn thidua_on(db: &TestDb, args: &[&str]) -> Output {
    let (url, key) = (db.url_for_process(), db.audit_key_file());
    let mut all = vec!["--database", &url, "--audit-key", key.to_str().unwrap()];
    all.extend_from_slice(args);
    thidua(&all)
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

const CASE: &str = r#"{"subject": "individual", "title": "lao_dong_tien_tien", "year": 2023, "decision_date": "2023-12-31",
  "history": [{"year": 2023, "rating": "hoan_thanh_tot", "titles": []}], "discipline_pending": false, "disciplined": null}"#;

#[test]
fn rules_check_reads_a_case_and_prints_the_verdict() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("case.json");
    std::fs::write(&file, CASE).unwrap();
    let out = thidua(&["rules", "check", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["regime"], "nd-91-2017");
    assert_eq!(
        v["award_vnd"], 540_000,
        "0.3 × 1,800,000 đ in force on 31/12/2023"
    );

    // From standard input, and a malformed case: non-zero, one line naming the field.
    let out = thidua_with_stdin(
        &["rules", "check", "-"],
        &CASE.replace("hoan_thanh_tot", "gioi"),
    );
    assert!(!out.status.success());
    assert!(out.stdout.is_empty());
    let err = stderr(&out);
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(err.contains("rating"), "{err}");
}

#[test]
fn rules_list_prints_the_catalogue() {
    let out = thidua(&["rules", "list"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("chien_si_thi_dua_co_so") && text.contains("Điều"));
}

#[test]
fn a_database_that_cannot_be_opened_is_one_line() {
    for url in ["mysql://x", "postgres://nobody@127.0.0.1:1/none"] {
        let out = thidua(&["--database", url, "migrate"]);
        assert!(!out.status.success());
        let err = stderr(&out);
        assert_eq!(err.trim_end().lines().count(), 1, "{err}");
        assert!(err.starts_with("Lỗi: "), "{err}");
    }
}

#[tokio::test]
async fn demo_export_import_and_backup_move_a_database_without_loss() {
    let source = TestDb::new().await;
    let src = source.url_for_process();
    let out = thidua_on(&source, &["demo"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = thidua_on(&source, &["audit", "verify"]);
    assert!(out.status.success(), "{}", stderr(&out));
    // Only into an empty database.
    assert!(!thidua(&["--database", &src, "demo"]).status.success());

    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("thidua.archive");
    let out = thidua(&["--database", &src, "export", archive.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("dữ liệu cá nhân"),
        "the command warns about personal data"
    );
    // It never overwrites a file.
    assert!(
        !thidua(&["--database", &src, "export", archive.to_str().unwrap()])
            .status
            .success()
    );

    // Into the other engine when the suite runs on PostgreSQL, into SQLite otherwise.
    let target = TestDb::new().await;
    let out = thidua_on(&target, &["import", archive.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    // The imported audit log is signed with the target's own key.
    let out = thidua_on(&target, &["audit", "verify"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let again = dir.path().join("again.archive");
    assert!(thidua(&[
        "--database",
        &target.url_for_process(),
        "export",
        again.to_str().unwrap()
    ])
    .status
    .success());
    assert_eq!(rows(&archive), rows(&again), "a round trip loses nothing");
    // Import into a non-empty database is refused.
    let out = thidua_on(&target, &["import", archive.to_str().unwrap()]);
    assert!(!out.status.success());

    // A second hop: SQLite ⇄ the suite's engine, whichever way this run goes.
    let sqlite_dir = tempfile::tempdir().unwrap();
    let sqlite = format!("sqlite://{}", sqlite_dir.path().join("copy.db").display());
    assert!(
        thidua(&["--database", &sqlite, "import", again.to_str().unwrap()])
            .status
            .success()
    );
    // Its key was made beside the new database, with the checkpoint.
    assert!(sqlite_dir.path().join("audit.key").exists());
    assert!(sqlite_dir.path().join("audit.checkpoint").exists());
    let out = thidua(&["--database", &sqlite, "audit", "verify"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let third = dir.path().join("third.archive");
    assert!(
        thidua(&["--database", &sqlite, "export", third.to_str().unwrap()])
            .status
            .success()
    );
    assert_eq!(rows(&archive), rows(&third));

    // Backup of the SQLite copy opens as a database with the same rows.
    let backup = sqlite_dir.path().join("backup.db");
    let out = thidua(&["--database", &sqlite, "backup", backup.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let fourth = dir.path().join("fourth.archive");
    let b = format!("sqlite://{}", backup.display());
    assert!(
        thidua(&["--database", &b, "export", fourth.to_str().unwrap()])
            .status
            .success()
    );
    assert_eq!(rows(&archive), rows(&fourth));
}

/// The rows of an archive, without its header (which carries the time of export).
fn rows(path: &std::path::Path) -> Vec<String> {
    use std::io::BufRead;
    let f = std::fs::File::open(path).unwrap();
    std::io::BufReader::new(flate2::read::GzDecoder::new(f))
        .lines()
        .skip(1)
        .map(|l| l.unwrap())
        .collect()
}

fn thidua_with_stdin(args: &[&str], input: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_thidua"))
        .args(args)
        .env_remove("THIDUA_DATABASE_URL")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

#[tokio::test]
async fn user_add_makes_the_first_administrator_and_refuses_bad_input() {
    let db = TestDb::new().await;
    let url = db.url_for_process();
    let key = db.audit_key_file();
    let key = key.to_str().unwrap();
    let add = |args: &[&str], pw: &str| {
        let mut all = vec!["--database", &url, "--audit-key", key, "user", "add"];
        all.extend_from_slice(args);
        all.push("--password-stdin");
        thidua_with_stdin(&all, &format!("{pw}\n"))
    };
    let out = add(
        &["quantri", "--role", "admin", "--name", "Quản trị"],
        "ngan",
    );
    assert!(!out.status.success());
    assert_eq!(
        stderr(&out).trim_end().lines().count(),
        1,
        "{}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("ít nhất 10 ký tự"),
        "{}",
        stderr(&out)
    );
    let out = add(&["quantri", "--role", "sep"], "mat-khau-dai-2024");
    assert!(!out.status.success());
    assert!(stderr(&out).contains("Vai trò không biết"));
    let out = add(
        &["donvi", "--role", "unit_officer", "--unit", "KHONG-CO"],
        "mat-khau-dai-2024",
    );
    assert!(stderr(&out).contains("Không có đơn vị"), "{}", stderr(&out));

    let out = add(
        &["quantri", "--role", "admin", "--name", "Quản trị"],
        "mat-khau-dai-2024",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let again = add(&["quantri", "--role", "admin"], "mat-khau-dai-2024");
    assert!(!again.status.success(), "the name is taken");

    // The account logs in with the password given, and is in the list.
    let user = db.store.user_by_name("quantri").await.unwrap().unwrap();
    assert_eq!(user.roles, vec![thidua_domain::access::Role::Admin]);
    let login = db
        .store
        .login("quantri", "mat-khau-dai-2024", "127.0.0.1", "api", None)
        .await
        .unwrap();
    assert!(login.is_ok());
    let list = thidua_on(&db, &["user", "list"]);
    // The command wrote its entries into the audit chain and a checkpoint after them.
    let verify = thidua_on(&db, &["audit", "verify"]);
    assert!(verify.status.success(), "{}", stderr(&verify));
    assert!(String::from_utf8_lossy(&list.stdout).contains("quantri\tQuản trị\tadmin"));
}

#[tokio::test]
async fn demo_accounts_stay_on_this_machine_unless_asked() {
    let db = TestDb::new().await;
    let out = thidua_on(&db, &["demo"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("donvi1"));
    let out = thidua_on(&db, &["serve", "--addr", "0.0.0.0:0"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("--demo-accounts-reachable-from-network"),
        "{}",
        stderr(&out)
    );
    // Every demo account of the contract logs in with the demo password.
    for name in [
        "admin", "noivu", "donvi1", "donvi2", "hoidong1", "hoidong2", "hoidong3", "ldld", "nld1",
        "lanhdao",
    ] {
        let ok = db
            .store
            .login(name, "thidua-demo", "127.0.0.1", "api", None)
            .await
            .unwrap();
        assert!(ok.is_ok(), "{name}");
    }
}

/// A small history written through the store, as an archive file that `thidua import` reads.
async fn small_archive(dir: &std::path::Path) -> std::path::PathBuf {
    let source = TestDb::new().await;
    for (code, name) in [
        ("P-KT", "Phường Kim Tân"),
        ("P-BC", "Phường Bắc Cường"),
        ("X-CT", "Xã Cam Đường"),
        ("P-DP", "Phường Duyên Hải"),
    ] {
        let input = thidua_domain::directory::UnitInput {
            code: code.into(),
            name: name.into(),
            kind: "ward_commune".into(),
            parent_id: None,
        };
        source
            .store
            .create_unit(
                &thidua_store::Actor::system("test"),
                input.validate().unwrap(),
            )
            .await
            .unwrap();
    }
    let path = dir.join("small.archive");
    let file = std::fs::File::create(&path).unwrap();
    source.store.export(file, false).await.unwrap();
    path
}

/// Runs SQL on the database directly, as someone who can write to it but has no key.
async fn tamper(db: &TestDb, sql: &str) {
    use sea_orm::ConnectionTrait;
    db.store.connection().execute_unprepared(sql).await.unwrap();
}

#[tokio::test]
async fn audit_verify_finds_entries_edited_or_deleted_in_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let archive = small_archive(dir.path()).await;
    let db = TestDb::new().await;
    let out = thidua_on(&db, &["import", archive.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        db.audit_checkpoint_file().exists(),
        "import wrote a checkpoint"
    );

    let out = thidua_on(&db, &["audit", "verify"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.starts_with("Nhật ký kiểm toán toàn vẹn: 4 mục, điểm kiểm tra lúc "),
        "{text}"
    );

    // An entry edited in the database: non-zero, one line naming it.
    let original = db
        .store
        .audit_list(&thidua_store::audit::AuditQuery {
            page: 1,
            per_page: 50,
            ..Default::default()
        })
        .await
        .unwrap();
    let second = original.items.iter().find(|e| e.id == 2).unwrap();
    tamper(
        &db,
        r#"UPDATE audit_log SET after = '{"name":"Phường khác"}' WHERE id = 2"#,
    )
    .await;
    let out = thidua_on(&db, &["audit", "verify"]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(
        err.starts_with("Lỗi: Nhật ký kiểm toán không toàn vẹn: mục #2 "),
        "{err}"
    );

    // Put back, it verifies again; then the last two entries are deleted.
    let after = second.after.clone().unwrap().replace('\'', "''");
    tamper(
        &db,
        &format!("UPDATE audit_log SET after = '{after}' WHERE id = 2"),
    )
    .await;
    assert!(thidua_on(&db, &["audit", "verify"]).status.success());
    tamper(&db, "DELETE FROM audit_log WHERE id > 2").await;
    let out = thidua_on(&db, &["audit", "verify"]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(err.contains("#3 đến #4"), "{err}");

    // Without its key, verification is refused rather than passed.
    let elsewhere = dir.path().join("none.key");
    let out = thidua(&[
        "--database",
        &db.url_for_process(),
        "--audit-key",
        elsewhere.to_str().unwrap(),
        "audit",
        "verify",
    ]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("khóa kiểm toán"), "{}", stderr(&out));
    assert!(!elsewhere.exists(), "verify never makes a key");
}

#[tokio::test]
async fn serve_writes_checkpoints_while_running_and_when_stopped() {
    use std::io::BufRead;
    let db = TestDb::new().await;
    let start = |every: &str| {
        let (url, key) = (db.url_for_process(), db.audit_key_file());
        let mut child = command(&[
            "--database",
            &url,
            "--audit-key",
            key.to_str().unwrap(),
            "serve",
            "--addr",
            "127.0.0.1:0",
            "--audit-checkpoint-every",
            every,
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
        let mut line = String::new();
        std::io::BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        assert!(line.contains("http://127.0.0.1:"), "{line}");
        child
    };
    let add_unit = |code: &'static str| {
        let input = thidua_domain::directory::UnitInput {
            code: code.into(),
            name: "Phường Kim Tân".into(),
            kind: "ward_commune".into(),
            parent_id: None,
        };
        let store = db.store.clone();
        async move {
            store
                .create_unit(
                    &thidua_store::Actor::system("test"),
                    input.validate().unwrap(),
                )
                .await
        }
    };
    let checkpointed = || {
        thidua_store::Checkpoint::read(&db.audit_checkpoint_file())
            .unwrap()
            .map_or(0, |c| c.count)
    };
    let stop = |child: &mut std::process::Child| {
        let pid = child.id().to_string();
        assert!(Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .unwrap()
            .success());
        assert!(child.wait().unwrap().success(), "a graceful stop");
    };

    // Every period while it serves (a second here; a minute by default).
    let mut child = start("1");
    add_unit("P-1").await.unwrap();
    let waited = std::time::Instant::now();
    while checkpointed() < 1 && waited.elapsed() < std::time::Duration::from_secs(20) {
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(checkpointed(), 1);
    stop(&mut child);

    // And when it stops, before the minute is up.
    let mut child = start("60");
    add_unit("P-2").await.unwrap();
    assert_eq!(checkpointed(), 1);
    stop(&mut child);
    assert_eq!(checkpointed(), 2);
    let out = thidua_on(&db, &["audit", "verify"]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[tokio::test]
async fn rules_check_uses_a_databases_tables_when_one_is_named() {
    let db = TestDb::new().await;
    let mut tables = serde_json::to_value(thidua_domain::rules::RuleTables::builtin()).unwrap();
    tables["version"] = serde_json::json!(tables["version"].as_u64().unwrap() + 1);
    tables["base_salaries"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({"from": "2026-07-01", "amount_vnd": 3000000, "source": "Nghị định giả định"}));
    db.store
        .add_rule_tables(&thidua_store::Actor::system("test"), &tables.to_string())
        .await
        .unwrap();
    let case = r#"{"subject": "individual", "title": "lao_dong_tien_tien", "year": 2025, "decision_date": "2026-08-01",
      "history": [{"year": 2025, "rating": "hoan_thanh_tot"}], "discipline_pending": false, "disciplined": null}"#;
    let award = |out: &Output| -> i64 {
        assert!(out.status.success(), "{}", stderr(out));
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()["award_vnd"]
            .as_i64()
            .unwrap()
    };
    // Without a database: the tables built in.
    assert_eq!(
        award(&thidua_with_stdin(&["rules", "check", "-"], case)),
        710_000
    );
    // With one: its newest tables.
    let url = db.url_for_process();
    let out = thidua_with_stdin(&["--database", &url, "rules", "check", "-"], case);
    assert_eq!(award(&out), 900_000);
}

/// A minimal SMTP server on a free port: answers every command and keeps each message's recipients.
fn fake_smtp() -> (u16, std::sync::Arc<std::sync::Mutex<Vec<Vec<String>>>>) {
    use std::io::{BufRead, BufReader, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let mails = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let kept = mails.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut out) = stream else { return };
            let mut lines = BufReader::new(out.try_clone().unwrap());
            let _ = out.write_all(b"220 fake ESMTP\r\n");
            let mut rcpt = Vec::new();
            let mut in_data = false;
            let mut line = String::new();
            while lines.read_line(&mut line).unwrap_or(0) > 0 {
                let l = line.trim_end().to_owned();
                line.clear();
                let reply: &[u8] = if in_data {
                    if l == "." {
                        in_data = false;
                        kept.lock().unwrap().push(std::mem::take(&mut rcpt));
                        b"250 queued\r\n"
                    } else {
                        continue;
                    }
                } else if l.starts_with("EHLO") || l.starts_with("HELO") {
                    b"250 fake\r\n"
                } else if let Some(to) = l.strip_prefix("RCPT TO:") {
                    rcpt.push(to.trim_matches(['<', '>', ' ']).to_owned());
                    b"250 ok\r\n"
                } else if l == "DATA" {
                    in_data = true;
                    b"354 go on\r\n"
                } else if l == "QUIT" {
                    let _ = out.write_all(b"221 bye\r\n");
                    break;
                } else {
                    b"250 ok\r\n"
                };
                if out.write_all(reply).is_err() {
                    break;
                }
            }
        }
    });
    (port, mails)
}

#[tokio::test]
async fn remind_mails_one_digest_per_unit_and_never_twice() {
    let db = TestDb::unmigrated().await;
    let out = thidua_on(&db, &["demo"]);
    assert!(out.status.success(), "{}", stderr(&out));
    for (user, mail) in [
        ("donvi1", "donvi1@example.vn"),
        ("donvi2", "donvi2@example.vn"),
    ] {
        let out = thidua_on(&db, &["user", "email", user, mail]);
        assert!(out.status.success(), "{}", stderr(&out));
    }
    let out = thidua_on(&db, &["user", "email", "donvi1", "không phải thư"]);
    assert!(!out.status.success());
    let (port, mails) = fake_smtp();
    let smtp = format!("smtp://127.0.0.1:{port}");
    let out = thidua_on(&db, &["remind", "--smtp", &smtp]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(text.contains("đã gửi 2"), "{text}");
    {
        let mails = mails.lock().unwrap();
        assert_eq!(
            mails.len(),
            2,
            "one digest for each of the two units with an address"
        );
        let mut to: Vec<&str> = mails.iter().flatten().map(String::as_str).collect();
        to.sort();
        assert_eq!(to, ["donvi1@example.vn", "donvi2@example.vn"]);
    }
    let again = thidua_on(&db, &["remind", "--smtp", &smtp]);
    assert!(again.status.success(), "{}", stderr(&again));
    assert_eq!(mails.lock().unwrap().len(), 2, "nothing is mailed twice");
    let without = thidua_on(&db, &["remind", "--date", "01/01/2030"]);
    assert!(String::from_utf8_lossy(&without.stdout).contains("Chưa cấu hình máy chủ thư"));
}

fn people_file(rows: &[[&str; 4]]) -> Vec<u8> {
    use thidua_office::xlsx::{Cell, ListSheet};
    let mut sheet = ListSheet::new(
        "Danh sách",
        &["STT", "Họ và tên", "Ngày sinh", "Chức vụ", "Đơn vị"],
    );
    for (i, r) in rows.iter().enumerate() {
        sheet.push(vec![
            Cell::Int(i as i64 + 1),
            Cell::Text(r[0].into()),
            Cell::Text(r[1].into()),
            Cell::Text(r[2].into()),
            Cell::Text(r[3].into()),
        ]);
    }
    sheet.to_xlsx().unwrap()
}

async fn people_count(db: &TestDb) -> i64 {
    use sea_orm::{EntityTrait, PaginatorTrait};
    let store = db.reopen().await;
    thidua_store::entity::people::Entity::find()
        .count(store.connection())
        .await
        .unwrap() as i64
}

#[tokio::test]
async fn import_xlsx_writes_all_rows_or_none_and_names_each_problem() {
    let db = TestDb::unmigrated().await;
    let out = thidua_on(&db, &["demo"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let before = people_count(&db).await;
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("sai.xlsx");
    std::fs::write(
        &bad,
        people_file(&[
            [
                "Nguyễn Thị Hoà",
                "12/05/1990",
                "Chuyên viên",
                "Phường Kim Tân",
            ],
            ["Trần Văn Nam", "31/02/2024", "Cán bộ", "Phường Kim Tân"],
            ["Lê Thị Lan", "01/01/1985", "Kế toán", "Phường Cốc Lếuu"],
        ]),
    )
    .unwrap();
    let out = thidua_on(&db, &["import-xlsx", "people", bad.to_str().unwrap()]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("Dòng 3, cột C (Ngày sinh)"), "{err}");
    assert!(
        err.contains("Phường Cốc Lếu"),
        "the closest unit is suggested: {err}"
    );
    assert!(err.contains("chưa ghi dòng nào"), "{err}");
    assert_eq!(people_count(&db).await, before, "nothing was written");

    let good = dir.path().join("dung.xlsx");
    std::fs::write(
        &good,
        people_file(&[
            [
                "Nguyễn Thị Hoà",
                "12/05/1990",
                "Chuyên viên",
                "Phường Kim Tân",
            ],
            ["Lê Thị Lan", "01/01/1985", "Kế toán", "phuong coc leu"],
        ]),
    )
    .unwrap();
    let out = thidua_on(
        &db,
        &["import-xlsx", "people", good.to_str().unwrap(), "--dry-run"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(people_count(&db).await, before, "a dry run writes nothing");
    let out = thidua_on(&db, &["import-xlsx", "people", good.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("Đã nhập 2 người"));
    assert_eq!(people_count(&db).await, before + 2);
    let out = thidua_on(&db, &["import-xlsx", "ratings", good.to_str().unwrap()]);
    assert!(
        stderr(&out).contains("Thiếu cột bắt buộc"),
        "{}",
        stderr(&out)
    );
}

#[tokio::test]
async fn import_xlsx_reads_ratings_with_the_checks_of_the_page_and_a_size_limit() {
    use sea_orm::{EntityTrait, PaginatorTrait};
    use thidua_office::xlsx::{Cell, ListSheet};
    let db = TestDb::unmigrated().await;
    let out = thidua_on(&db, &["demo"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let store = db.reopen().await;
    let person = thidua_store::entity::people::Entity::find()
        .one(store.connection())
        .await
        .unwrap()
        .unwrap();
    let unit = thidua_store::entity::units::Entity::find_by_id(person.unit_id)
        .one(store.connection())
        .await
        .unwrap()
        .unwrap();
    let count = || async {
        thidua_store::entity::ratings::Entity::find()
            .count(db.reopen().await.connection())
            .await
            .unwrap()
    };
    let before = count().await;
    // "Mã cán bộ" names the person even where two people of a unit share a name.
    let file = |unit_name: &str| {
        ListSheet::new(
            "Xếp loại",
            &["STT", "Mã cán bộ", "Họ và tên", "Đơn vị", "Năm", "Xếp loại"],
        )
        .with_rows(vec![vec![
            Cell::Int(1),
            Cell::Int(person.id),
            Cell::Text(person.full_name.clone()),
            Cell::Text(unit_name.to_owned()),
            Cell::Int(2099),
            Cell::text("HTXSNV"),
        ]])
        .to_xlsx()
        .unwrap()
    };
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("sai.xlsx");
    std::fs::write(&bad, file(&format!("{}x", unit.name))).unwrap();
    let out = thidua_on(&db, &["import-xlsx", "ratings", bad.to_str().unwrap()]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("Dòng 2, cột D (Đơn vị)"), "{err}");
    assert!(err.contains(&format!("có phải: {}", unit.name)), "{err}");
    assert_eq!(count().await, before, "nothing was written");

    let good = dir.path().join("dung.xlsx");
    std::fs::write(&good, file(&unit.code)).unwrap();
    let out = thidua_on(
        &db,
        &[
            "import-xlsx",
            "ratings",
            good.to_str().unwrap(),
            "--max-mb",
            "0",
        ],
    );
    assert!(!out.status.success());
    assert!(stderr(&out).contains("Tệp quá lớn"), "{}", stderr(&out));
    // Without --max-mb the administrator's setting (/quan-tri/cai-dat) is the limit; the flag wins.
    db.reopen()
        .await
        .set_import_max_mb(&thidua_store::Actor::system("test"), 1)
        .await
        .unwrap();
    let big = dir.path().join("lon.xlsx");
    std::fs::write(&big, vec![b'x'; 2 * 1024 * 1024]).unwrap();
    let out = thidua_on(&db, &["import-xlsx", "ratings", big.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("chỉ nhận tệp đến 1 MB"),
        "{}",
        stderr(&out)
    );
    let out = thidua_on(
        &db,
        &[
            "import-xlsx",
            "ratings",
            big.to_str().unwrap(),
            "--max-mb",
            "20",
        ],
    );
    assert!(!out.status.success(), "not a workbook");
    assert!(!stderr(&out).contains("Tệp quá lớn"), "{}", stderr(&out));
    let out = thidua_on(&db, &["import-xlsx", "ratings", good.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("Đã nhập 1 kết quả xếp loại"));
    assert_eq!(count().await, before + 1);
}
