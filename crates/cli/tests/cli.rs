//! The real `thidua` binary, as scripts and officers use it (`shared/contracts/cli.md`).

use std::io::Write;
use std::process::{Command, Output, Stdio};
use thidua_store::testing::TestDb;

fn thidua(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_thidua"))
        .args(args)
        .env_remove("THIDUA_DATABASE_URL")
        .output()
        .expect("thidua runs")
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
    let mut child = Command::new(env!("CARGO_BIN_EXE_thidua"))
        .args(["rules", "check", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(CASE.replace("hoan_thanh_tot", "gioi").as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
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
    let out = thidua(&["demo", "--database", &src]);
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
    let out = thidua(&[
        "--database",
        &target.url_for_process(),
        "import",
        archive.to_str().unwrap(),
    ]);
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
    let out = thidua(&[
        "--database",
        &target.url_for_process(),
        "import",
        archive.to_str().unwrap(),
    ]);
    assert!(!out.status.success());

    // A second hop: SQLite ⇄ the suite's engine, whichever way this run goes.
    let sqlite_dir = tempfile::tempdir().unwrap();
    let sqlite = format!("sqlite://{}", sqlite_dir.path().join("copy.db").display());
    assert!(
        thidua(&["--database", &sqlite, "import", again.to_str().unwrap()])
            .status
            .success()
    );
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
    let add = |args: &[&str], pw: &str| {
        let mut all = vec!["--database", &url, "user", "add"];
        all.extend_from_slice(args);
        all.push("--password-stdin");
        thidua_with_stdin(&all, &format!("{pw}\n"))
    };
    let out = add(&["quantri", "--role", "admin", "--name", "Quản trị"], "ngan");
    assert!(!out.status.success());
    assert_eq!(stderr(&out).trim_end().lines().count(), 1, "{}", stderr(&out));
    assert!(stderr(&out).contains("ít nhất 10 ký tự"), "{}", stderr(&out));
    let out = add(&["quantri", "--role", "sep"], "mat-khau-dai-2024");
    assert!(!out.status.success());
    assert!(stderr(&out).contains("Vai trò không biết"));
    let out = add(&["donvi", "--role", "unit_officer", "--unit", "KHONG-CO"], "mat-khau-dai-2024");
    assert!(stderr(&out).contains("Không có đơn vị"), "{}", stderr(&out));

    let out = add(&["quantri", "--role", "admin", "--name", "Quản trị"], "mat-khau-dai-2024");
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
    let list = thidua(&["--database", &url, "user", "list"]);
    assert!(String::from_utf8_lossy(&list.stdout).contains("quantri\tQuản trị\tadmin"));
}

#[tokio::test]
async fn demo_accounts_stay_on_this_machine_unless_asked() {
    let db = TestDb::new().await;
    let url = db.url_for_process();
    let out = thidua(&["--database", &url, "demo"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("donvi1"));
    let out = thidua(&["--database", &url, "serve", "--addr", "0.0.0.0:0"]);
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
