//! The `thidua` command (see `shared/contracts/cli.md`): serve, demo, migrate, export, import, backup,
//! audit verify. Logs go to standard error; a failure is one Vietnamese line on standard error and a
//! non-zero exit.

use anyhow::{anyhow, Context, Result};
use clap::{Parser, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;
use thidua_store::audit_chain::{self, AuditKeyOptions};
use thidua_store::{Checkpoint, CheckpointOutcome, Store, DEFAULT_DATABASE_URL};

mod mail;

// Pages and lists allocate many small strings; mimalloc serves them faster than the system's malloc
// (bench/README.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "thidua",
    version,
    about = "thidua — phần mềm thi đua, khen thưởng"
)]
struct Cli {
    /// Cơ sở dữ liệu: sqlite://ĐƯỜNG_DẪN hoặc postgres://…
    #[arg(long, global = true, env = "THIDUA_DATABASE_URL", default_value = DEFAULT_DATABASE_URL)]
    database: String,
    /// Tệp khóa kiểm toán (mặc định: audit.key cạnh tệp SQLite, thidua-data/audit.key với
    /// PostgreSQL); điểm kiểm tra nằm cạnh nó. Biến THIDUA_AUDIT_KEY (64 chữ số hex) thay cho tệp.
    #[arg(
        long,
        global = true,
        env = "THIDUA_AUDIT_KEY_FILE",
        value_name = "FILE"
    )]
    audit_key: Option<PathBuf>,
    /// Nơi lưu tệp đính kèm: một thư mục, hoặc s3://bucket[/tiền-tố] (khóa truy cập qua biến AWS_*).
    /// Mặc định: thư mục cạnh tệp SQLite; thidua-data/files với PostgreSQL.
    #[arg(long, global = true, env = "THIDUA_FILES", value_name = "DIR|s3://…")]
    files: Option<String>,
    #[command(subcommand)]
    command: Command,
}

/// Where attachments live, as the command line or the environment said (`--files`).
static FILES: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();

/// Mail settings for reminders, shared by `serve` and `remind`.
#[derive(clap::Args, Clone)]
struct MailOptions {
    /// Máy chủ thư để gửi thư nhắc việc hằng ngày: smtp://user:pass@host:587?tls=required (STARTTLS), smtps://… (TLS ngay) hoặc smtp://host:25 (không mã hoá, chỉ trong mạng nội bộ)
    #[arg(long, env = "THIDUA_SMTP_URL", value_name = "URL")]
    smtp: Option<String>,
    /// Địa chỉ người gửi thư nhắc việc.
    #[arg(
        long,
        env = "THIDUA_MAIL_FROM",
        default_value = "thidua <thidua@localhost>"
    )]
    mail_from: String,
    /// Địa chỉ trang web của máy chủ, để đặt liên kết trong thư.
    #[arg(long, env = "THIDUA_BASE_URL", default_value = "http://127.0.0.1:8080")]
    base_url: String,
}

impl MailOptions {
    fn mailer(&self) -> Result<Option<mail::Mailer>> {
        match self.smtp.as_deref().filter(|s| !s.is_empty()) {
            Some(url) => Ok(Some(mail::Mailer::new(
                url,
                &self.mail_from,
                &self.base_url,
            )?)),
            None => Ok(None),
        }
    }
}

#[derive(Subcommand)]
enum Command {
    /// Chạy máy chủ web và API.
    Serve {
        /// Địa chỉ lắng nghe.
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: String,
        /// Nạp dữ liệu mẫu (thành phố) và tài khoản mẫu nếu cơ sở dữ liệu còn trống.
        #[arg(long)]
        demo: bool,
        /// Cho phép mở máy chủ có tài khoản mẫu (mật khẩu công khai) ra ngoài máy này.
        #[arg(long)]
        demo_accounts_reachable_from_network: bool,
        /// Địa chỉ IP của proxy ngược được tin (lấy địa chỉ người dùng từ X-Forwarded-For); có thể lặp lại.
        #[arg(long = "trusted-proxy")]
        trusted_proxies: Vec<std::net::IpAddr>,
        /// Luôn đặt cờ Secure cho cookie (khi chạy sau HTTPS).
        #[arg(long)]
        secure_cookies: bool,
        /// Seconds between audit checkpoints (for tests; the default is a minute).
        #[arg(long, default_value_t = 60, hide = true)]
        audit_checkpoint_every: u64,
        /// Không tự chạy nhắc việc hằng ngày (khi một tiến trình khác hoặc cron đã chạy `thidua remind`).
        #[arg(long)]
        no_reminders: bool,
        #[command(flatten)]
        mail: MailOptions,
    },
    /// Nhập danh sách từ tệp Excel (.xlsx): kiểm tra mọi dòng trước, ghi tất cả hoặc không ghi dòng nào.
    /// Danh sách đề nghị (nominations) nhận cả văn bản Word (.docx) có bảng danh sách.
    #[command(name = "import-xlsx")]
    ImportXlsx {
        /// Loại danh sách: people (cán bộ, công chức, viên chức, người lao động), ratings (kết quả
        /// xếp loại hằng năm) hoặc nominations (đề nghị khen thưởng của một đơn vị trong một đợt xét).
        kind: String,
        file: PathBuf,
        /// Đợt xét nhận danh sách đề nghị (mã đợt xét; bắt buộc với nominations).
        #[arg(long)]
        round: Option<i64>,
        /// Đơn vị đề nghị (mã số hoặc mã đơn vị; bắt buộc với nominations).
        #[arg(long)]
        unit: Option<String>,
        /// Chỉ kiểm tra và báo cáo, không ghi.
        #[arg(long)]
        dry_run: bool,
        /// Đối tượng cho các dòng không có cột "Đối tượng": can_bo, cong_chuc, vien_chuc, nguoi_lao_dong.
        #[arg(long, default_value = "nguoi_lao_dong")]
        category: String,
        /// Dung lượng tệp lớn nhất được nhận, MB; mặc định: giá trị quản trị viên đặt ở trang Cài đặt
        /// (/quan-tri/cai-dat), nếu chưa đặt thì 20.
        #[arg(long, env = "THIDUA_IMPORT_MAX_MB")]
        max_mb: Option<u64>,
    },
    /// Nhắc việc: báo cho các đơn vị còn nợ báo cáo sắp đến hạn hoặc quá hạn (mỗi đơn vị một thông báo một
    /// ngày) rồi gửi thư tổng hợp nếu có máy chủ thư.
    Remind {
        /// Ngày chạy (dd/mm/yyyy); mặc định hôm nay theo giờ Việt Nam.
        #[arg(long)]
        date: Option<String>,
        #[command(flatten)]
        mail: MailOptions,
    },
    /// Quản lý tài khoản.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Nạp dữ liệu mẫu vào cơ sở dữ liệu trống rồi thoát.
    Demo {
        /// city, province hoặc nation.
        #[arg(long, default_value = "city")]
        scale: String,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Áp dụng các bản nâng cấp cơ sở dữ liệu rồi thoát.
    Migrate,
    /// Xuất toàn bộ cơ sở dữ liệu ra một tệp lưu trữ độc lập với loại CSDL.
    Export {
        file: PathBuf,
        /// Bỏ mật khẩu đã băm và mã phiên khỏi tệp.
        #[arg(long)]
        without_secrets: bool,
    },
    /// Nhập tệp lưu trữ vào một cơ sở dữ liệu trống.
    Import { file: PathBuf },
    /// Sao lưu nhất quán khi máy chủ đang chạy (SQLite).
    Backup { file: PathBuf },
    /// Xét điều kiện danh hiệu, hình thức khen thưởng (bảng quy tắc tích hợp; của cơ sở dữ liệu khi có --database).
    Rules {
        #[command(subcommand)]
        command: RulesCommand,
    },
    /// Nhật ký kiểm toán.
    Audit {
        #[command(subcommand)]
        command: AuditCommand,
    },
}

#[derive(Subcommand)]
enum AuditCommand {
    /// Kiểm tra chuỗi băm và điểm kiểm tra của nhật ký kiểm toán; nêu mục hỏng đầu tiên.
    Verify,
}

#[derive(Subcommand)]
enum UserCommand {
    /// Tạo tài khoản (ví dụ tài khoản quản trị đầu tiên: thidua user add admin --role admin).
    Add {
        username: String,
        /// Vai trò: admin, tdkt_office, unit_officer, council_member, leader, labour_federation, worker; có thể lặp lại.
        #[arg(long = "role", required = true)]
        roles: Vec<String>,
        /// Mã đơn vị (bắt buộc với unit_officer).
        #[arg(long)]
        unit: Option<String>,
        /// Mã hồ sơ người (bắt buộc với worker).
        #[arg(long)]
        person: Option<i64>,
        /// Họ tên hiển thị (mặc định là tên đăng nhập).
        #[arg(long)]
        name: Option<String>,
        /// Đọc mật khẩu từ dòng đầu của đầu vào chuẩn thay vì hỏi.
        #[arg(long)]
        password_stdin: bool,
        /// Địa chỉ thư điện tử nhận thư nhắc việc.
        #[arg(long)]
        email: Option<String>,
    },
    /// Đặt địa chỉ thư điện tử nhận thư nhắc việc của một tài khoản (để trống để xoá).
    Email { username: String, email: String },
    /// Đặt lại mật khẩu của một tài khoản (mọi phiên đăng nhập của nó chấm dứt).
    Password {
        username: String,
        #[arg(long)]
        password_stdin: bool,
    },
    /// Liệt kê tài khoản.
    List,
}

#[derive(Subcommand)]
enum RulesCommand {
    /// Đọc một hồ sơ (JSON theo eligibility.md; '-' là đầu vào chuẩn) và in kết quả xét dạng JSON.
    Check { file: PathBuf },
    /// In danh mục danh hiệu, hình thức với tiêu chí và căn cứ của từng chế độ.
    List {
        /// In dạng JSON thay vì văn bản.
        #[arg(long)]
        json: bool,
    },
}

/// Today in Vietnam.
fn vietnam_today() -> chrono::NaiveDate {
    chrono::Utc::now()
        .with_timezone(&thidua_domain::format::vietnam())
        .date_naive()
}

/// Reminds the units of the day and mails the digests when a mailer is configured.
async fn remind(
    store: &Store,
    day: chrono::NaiveDate,
    mailer: Option<&mail::Mailer>,
) -> Result<(thidua_store::movements::ReminderRun, Option<mail::MailRun>)> {
    let run = store
        .run_reminders(&thidua_store::Actor::system("remind"), day)
        .await
        .map_err(|e| anyhow!("{e}"))?;
    let mailed = match mailer {
        Some(m) => Some(m.send_digests(store, day).await?),
        None => None,
    };
    Ok((run, mailed))
}

/// `serve`'s daily reminders: once a day (Vietnam's day), checked every half hour. Several processes
/// may each run it: the notifications of a day are unique per unit and digests are claimed before mailing.
async fn remind_daily(store: Store, mailer: Option<mail::Mailer>) {
    let mut last = None;
    loop {
        let today = vietnam_today();
        if last != Some(today) {
            match remind(&store, today, mailer.as_ref()).await {
                Ok((run, _)) => {
                    tracing::info!(
                        units = run.units,
                        notifications = run.notifications,
                        "daily reminders"
                    );
                    last = Some(today);
                }
                Err(e) => tracing::warn!("daily reminders failed: {e:#}"),
            }
        }
        tokio::time::sleep(Duration::from_secs(30 * 60)).await;
    }
}

fn main() {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("THIDUA_LOG")
                .unwrap_or_else(|_| "info,sqlx=warn,sea_orm=warn,tower_http=warn".into()),
        )
        .init();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("Lỗi: không khởi động được bộ chạy bất đồng bộ: {e}");
            std::process::exit(1);
        }
    };
    if let Err(e) = runtime.block_on(run(cli)) {
        // One line: the message and its causes.
        let line = format!("{e:#}").replace('\n', " ");
        eprintln!("Lỗi: {line}");
        std::process::exit(1);
    }
}

async fn open(url: &str) -> Result<Store> {
    let mut store = Store::open(url).await.map_err(|e| anyhow!("{e}"))?;
    let setting = FILES.get().cloned().flatten().or_else(|| {
        (store.engine() == thidua_store::Engine::Postgres).then(|| "thidua-data/files".to_owned())
    });
    if let Some(setting) = setting {
        store.set_file_store(
            thidua_store::files::FileStore::from_setting(&setting).map_err(|e| anyhow!("{e}"))?,
        );
    }
    store
        .migrate()
        .await
        .map_err(|e| anyhow!("Không nâng cấp được cơ sở dữ liệu: {e}"))?;
    Ok(store)
}

/// Opens and migrates, with the audit key (created beside the database at the first start), for a
/// command that writes; signs entries written before the audit chain existed. Such a command ends with
/// [`audit_checkpoint`].
async fn open_audited(url: &str, key_file: Option<PathBuf>) -> Result<Store> {
    let mut store = open(url).await?;
    let info = store
        .load_audit_key(AuditKeyOptions {
            key_file,
            key_hex: audit_key_from_env(),
            create: true,
        })
        .await
        .map_err(|e| anyhow!("{e}"))?;
    if info.created {
        tracing::info!(file = %info.key_file.display(), "audit key created; keep it safe and back it up apart from the database");
    }
    match store.audit_seal().await {
        Ok(0) => {}
        Ok(_) => audit_checkpoint(&store).await?,
        // The log is readable and the command may go on; verification names what is wrong.
        Err(e) => tracing::warn!("{e}"),
    }
    Ok(store)
}

/// `THIDUA_AUDIT_KEY`, the key itself, when set.
fn audit_key_from_env() -> Option<String> {
    std::env::var(audit_chain::KEY_ENV)
        .ok()
        .filter(|k| !k.trim().is_empty())
}

/// Writes the audit checkpoint beside the key. Every command that wrote audit entries calls this at
/// its end (and `serve` every minute and when it stops), so that `thidua audit verify` also finds the
/// deletion of the last entries.
async fn audit_checkpoint(store: &Store) -> Result<()> {
    match store
        .write_audit_checkpoint()
        .await
        .map_err(|e| anyhow!("Đã lưu thay đổi nhưng chưa ghi được điểm kiểm tra: {e}"))?
    {
        CheckpointOutcome::Written(c) => {
            tracing::debug!(entries = c.count, last = c.last_id, "audit checkpoint written")
        }
        CheckpointOutcome::Unchanged => {}
        CheckpointOutcome::Refused(problem) => tracing::warn!(
            "Không ghi đè điểm kiểm tra của nhật ký kiểm toán vì cơ sở dữ liệu không còn khớp với nó ({problem}); \
             chạy `thidua audit verify`. Nếu cơ sở dữ liệu được tạo lại có chủ ý, hãy chuyển tệp {} đi chỗ khác.",
            store
                .audit_checkpoint_file()
                .map(|p| p.display().to_string())
                .unwrap_or_default()
        ),
    }
    Ok(())
}

/// `thidua audit verify`: the chain from the first entry, then the checkpoint.
async fn audit_verify(url: &str, key_file: Option<PathBuf>) -> Result<()> {
    let mut store = open(url).await?;
    let loaded = store
        .load_audit_key(AuditKeyOptions {
            key_file,
            key_hex: audit_key_from_env(),
            create: false,
        })
        .await;
    let info = match loaded {
        Ok(info) => info,
        Err(e) => {
            let empty = store
                .audit_list(&Default::default())
                .await
                .map_err(|e| anyhow!("{e}"))?
                .total
                == 0;
            if empty {
                println!("Nhật ký kiểm toán trống: chưa có mục nào.");
                return Ok(());
            }
            return Err(anyhow!("{e}"));
        }
    };
    let checkpoint = Checkpoint::read(&info.checkpoint_file).map_err(|e| anyhow!("{e}"))?;
    let key = store.audit_key().map_err(|e| anyhow!("{e}"))?;
    let report = store
        .audit_verify(&key, checkpoint.as_ref())
        .await
        .map_err(|e| anyhow!("{e}"))?;
    if let Some(problem) = &report.problem {
        return Err(anyhow!("Nhật ký kiểm toán không toàn vẹn: {problem}"));
    }
    let mut line = format!("Nhật ký kiểm toán toàn vẹn: {} mục", report.entries);
    match &report.checkpoint {
        Some(c) => line.push_str(&format!(
            ", điểm kiểm tra lúc {} ({} mục)",
            audit_chain::show_time(&c.at),
            c.count
        )),
        None => line.push_str(", chưa có điểm kiểm tra"),
    }
    if report.uncovered > 0 {
        line.push_str(&format!(
            "; {} mục mới hơn chưa được điểm kiểm tra xác nhận",
            report.uncovered
        ));
    }
    println!("{line}.");
    Ok(())
}

fn progress_bar(len: u64, what: &str) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let pb = ProgressBar::new(len);
    pb.set_style(
        ProgressStyle::with_template("{msg} [{bar:40}] {pos}/{len} ({eta})")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    pb.set_message(what.to_owned());
    pb
}

async fn load_demo(
    store: &Store,
    scale: thidua_sample::Scale,
    seed: u64,
) -> Result<thidua_store::sample::LoadReport> {
    let total = thidua_store::sample::planned_people(scale, seed);
    let pb = progress_bar(total, "Nạp dữ liệu mẫu");
    let started = std::time::Instant::now();
    let report = store
        .load_sample(scale, seed, &|done, _| pb.set_position(done))
        .await
        .map_err(|e| anyhow!("{e}"))?;
    pb.finish_and_clear();
    tracing::info!(
        units = report.units,
        people = report.people,
        ratings = report.ratings,
        seconds = started.elapsed().as_secs_f64(),
        "sample loaded"
    );
    Ok(report)
}

/// True when the command line or the environment names a database (the rules commands then use that
/// database's tables; otherwise the ones built in, without touching any database).
fn database_named() -> bool {
    std::env::var_os("THIDUA_DATABASE_URL").is_some()
        || std::env::args_os().any(|a| {
            let a = a.to_string_lossy();
            a == "--database" || a.starts_with("--database=")
        })
}

async fn rules(command: RulesCommand, database: &str) -> Result<()> {
    use thidua_domain::rules;
    let tables = if database_named() {
        let store = open(database).await?;
        (*store.rule_tables().await.map_err(|e| anyhow!("{e}"))?).clone()
    } else {
        rules::RuleTables::builtin().clone()
    };
    match command {
        RulesCommand::Check { file } => {
            let input = if file.as_os_str() == "-" {
                let mut s = String::new();
                std::io::Read::read_to_string(&mut std::io::stdin(), &mut s)
                    .context("Không đọc được đầu vào chuẩn")?;
                s
            } else {
                std::fs::read_to_string(&file)
                    .with_context(|| format!("Không đọc được tệp {}", file.display()))?
            };
            let verdict =
                rules::check_json_with(&input, &tables, &[]).map_err(|e| anyhow!("{e}"))?;
            println!("{}", serde_json::to_string_pretty(&verdict)?);
        }
        RulesCommand::List { json } => {
            let entries = rules::catalogue(&tables);
            if json {
                println!("{}", serde_json::to_string_pretty(&entries)?);
            } else {
                print!("{}", rules::catalogue_markdown(&entries));
            }
        }
    }
    Ok(())
}

/// Refuses a checked file that has problems: every problem on stderr, one line each.
fn refuse_problems<T>(checked: &thidua_store::imports::Checked<T>, file: &Path) -> Result<()> {
    if checked.is_clean() {
        return Ok(());
    }
    for line in checked.problem_lines() {
        eprintln!("{line}");
    }
    Err(anyhow!(
        "tệp {} có lỗi ở {} chỗ; chưa ghi dòng nào",
        file.display(),
        checked.preview.problems.len() + checked.preview.missing.len()
    ))
}

/// `thidua import-xlsx KIND FILE`: the same checks as the import pages, then every row in one
/// transaction (or none), with a progress bar on stderr. Nominations (`--round`, `--unit`) may come
/// from a Word file's table too.
#[allow(clippy::too_many_arguments)] // the command's options, one each
async fn import_xlsx(
    database: &str,
    audit_key: Option<PathBuf>,
    kind: &str,
    file: &Path,
    dry_run: bool,
    category: &str,
    max_mb: Option<u64>,
    nominated: (Option<i64>, Option<String>),
) -> Result<()> {
    if !matches!(kind, "people" | "ratings" | "nominations") {
        return Err(anyhow!(
            "Loại danh sách '{kind}' chưa được hỗ trợ; hiện nhập được: people, ratings, nominations (xem docs/office-files.md)"
        ));
    }
    let bytes =
        std::fs::read(file).with_context(|| format!("Không đọc được tệp {}", file.display()))?;
    let store = open_audited(database, audit_key).await?;
    // The flag (or THIDUA_IMPORT_MAX_MB) wins; otherwise the administrator's setting, as the pages.
    let max_mb = match max_mb {
        Some(mb) => mb,
        None => store
            .import_max_mb()
            .await
            .map_err(|e| anyhow!("{e}"))?
            .unwrap_or(thidua_office::xlsx::Limits::default().max_file_bytes / (1024 * 1024)),
    };
    let limits = thidua_office::xlsx::Limits {
        max_file_bytes: max_mb.saturating_mul(1024 * 1024),
        ..thidua_office::xlsx::Limits::default()
    };
    let name = file
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default();
    let actor = thidua_store::Actor::system("import-xlsx");
    let (n, what) = match kind {
        "people" => {
            let checked = store
                .check_people_file(&bytes, None, category, &limits, vietnam_today())
                .await
                .map_err(|e| anyhow!("{e}"))?;
            refuse_problems(&checked, file)?;
            let n = checked.items.len();
            if !dry_run {
                let pb = progress_bar(n as u64, "Nhập danh sách");
                store
                    .import_people(&actor, &checked, &name, &|done, _| pb.set_position(done))
                    .await
                    .map_err(|e| anyhow!("{e}"))?;
                pb.finish_and_clear();
            }
            (n, "người")
        }
        "nominations" => {
            let (round, unit) = nominated;
            let round = round.ok_or_else(|| {
                anyhow!("Thiếu --round: đợt xét nhận danh sách đề nghị (mã đợt xét)")
            })?;
            let unit =
                unit.ok_or_else(|| anyhow!("Thiếu --unit: đơn vị đề nghị (mã số hoặc mã đơn vị)"))?;
            let unit_id = match unit.trim().parse::<i64>() {
                Ok(id) => id,
                Err(_) => {
                    store
                        .unit_by_code(unit.trim())
                        .await
                        .map_err(|e| anyhow!("{e}"))?
                        .ok_or_else(|| anyhow!("Không có đơn vị mã '{unit}'"))?
                        .id
                }
            };
            let today = vietnam_today();
            let checked = store
                .check_nominations_file(&bytes, None, round, unit_id, &limits, today)
                .await
                .map_err(|e| anyhow!("{e}"))?;
            refuse_problems(&checked, file)?;
            let n = checked.items.len();
            for (row, r) in &checked.items {
                if !r.eligible {
                    eprintln!(
                        "Dòng {row}: {} — {}: chưa đủ điều kiện: {}",
                        r.subject_name,
                        r.award_name,
                        r.reasons.join("; ")
                    );
                }
            }
            if !dry_run {
                store
                    .import_nominations(&actor, &checked, &name, today)
                    .await
                    .map_err(|e| anyhow!("{e}"))?;
            }
            (n, "đề nghị (dự thảo)")
        }
        _ => {
            let checked = store
                .check_ratings_file(&bytes, None, &limits)
                .await
                .map_err(|e| anyhow!("{e}"))?;
            refuse_problems(&checked, file)?;
            let n = checked.items.len();
            if !dry_run {
                let pb = progress_bar(n as u64, "Nhập xếp loại");
                store
                    .import_ratings(&actor, &checked, &name, &|done, _| pb.set_position(done))
                    .await
                    .map_err(|e| anyhow!("{e}"))?;
                pb.finish_and_clear();
            }
            (n, "kết quả xếp loại")
        }
    };
    if dry_run {
        println!("Tệp hợp lệ: {n} {what} sẽ được nhập (chạy thử, chưa ghi).");
    } else {
        audit_checkpoint(&store).await?;
        println!("Đã nhập {n} {what} từ {}.", file.display());
    }
    Ok(())
}

async fn run(cli: Cli) -> Result<()> {
    let _ = FILES.set(cli.files.clone());
    match cli.command {
        Command::ImportXlsx {
            kind,
            file,
            dry_run,
            category,
            max_mb,
            round,
            unit,
        } => {
            import_xlsx(
                &cli.database,
                cli.audit_key.clone(),
                &kind,
                &file,
                dry_run,
                &category,
                max_mb,
                (round, unit),
            )
            .await?
        }
        Command::Remind { date, mail } => {
            let day = match date {
                Some(d) => thidua_domain::format::parse_date(&d)
                    .ok_or_else(|| anyhow!("Ngày không hợp lệ '{d}' (viết dd/mm/yyyy)"))?,
                None => vietnam_today(),
            };
            let store = open_audited(&cli.database, cli.audit_key).await?;
            let (run, mailed) = remind(&store, day, mail.mailer()?.as_ref()).await?;
            audit_checkpoint(&store).await?;
            println!(
                "Ngày {}: đã nhắc {} đơn vị ({} thông báo mới).",
                thidua_domain::format::date_vn(day),
                run.units,
                run.notifications
            );
            match mailed {
                Some(m) => println!(
                    "Thư tổng hợp: đã gửi {}, {} đơn vị chưa có địa chỉ thư, {} lỗi gửi.",
                    m.sent, m.without_address, m.failed
                ),
                None => println!(
                    "Chưa cấu hình máy chủ thư (--smtp): thông báo chỉ hiện trong phần mềm."
                ),
            }
        }
        Command::Rules { command } => rules(command, &cli.database).await?,
        Command::Audit {
            command: AuditCommand::Verify,
        } => audit_verify(&cli.database, cli.audit_key).await?,
        Command::Migrate => {
            open_audited(&cli.database, cli.audit_key).await?;
            println!("Cơ sở dữ liệu đã được nâng cấp lên phiên bản mới nhất.");
        }
        Command::Demo { scale, seed } => {
            let scale: thidua_sample::Scale = scale.parse().map_err(|e| anyhow!("{e}"))?;
            let store = open_audited(&cli.database, cli.audit_key).await?;
            let r = load_demo(&store, scale, seed).await?;
            store
                .create_demo_accounts()
                .await
                .map_err(|e| anyhow!("{e}"))?;
            audit_checkpoint(&store).await?;
            println!(
                "Đã nạp dữ liệu mẫu: {} đơn vị, {} người, {} lượt xếp loại, {} văn bản chỉ đạo với {} báo cáo.",
                r.units, r.people, r.ratings, r.movements.directives, r.movements.reports
            );
            print_demo_accounts();
        }
        Command::Serve {
            addr,
            demo,
            demo_accounts_reachable_from_network,
            trusted_proxies,
            secure_cookies,
            audit_checkpoint_every,
            no_reminders,
            mail,
        } => {
            let mailer = mail.mailer()?;
            let addr: SocketAddr = addr.parse().map_err(|_| {
                anyhow!("Địa chỉ lắng nghe không hợp lệ: '{addr}' (ví dụ 127.0.0.1:8080)")
            })?;
            let store = open_audited(&cli.database, cli.audit_key).await?;
            if demo && store.is_empty().await.map_err(|e| anyhow!("{e}"))? {
                load_demo(&store, thidua_sample::Scale::City, 1).await?;
                audit_checkpoint(&store).await?;
            }
            let sample = store.holds_sample().await.map_err(|e| anyhow!("{e}"))?;
            if demo && sample {
                store
                    .create_demo_accounts()
                    .await
                    .map_err(|e| anyhow!("{e}"))?;
            }
            // The demo accounts' password is public: they stay on this machine unless asked otherwise.
            if (demo || sample) && !addr.ip().is_loopback() && !demo_accounts_reachable_from_network
            {
                return Err(anyhow!(
                    "Cơ sở dữ liệu có dữ liệu và tài khoản mẫu (mật khẩu công khai) nên máy chủ chỉ lắng nghe trên 127.0.0.1; \
                     nếu thật sự muốn mở ra mạng, thêm --demo-accounts-reachable-from-network"
                ));
            }
            if store.users_count().await.map_err(|e| anyhow!("{e}"))? == 0 {
                eprintln!(
                    "Chưa có tài khoản nào. Tạo tài khoản quản trị đầu tiên bằng lệnh: \
                     thidua user add admin --role admin --name \"Quản trị hệ thống\""
                );
            }
            // Build the search index before the first visitor waits for it.
            store
                .warm_search_index()
                .await
                .map_err(|e| anyhow!("{e}"))?;
            let config = thidua_web::WebConfig {
                trusted_proxies,
                secure_cookies,
                ..Default::default()
            };
            let state = thidua_web::AppState::with_config(store.clone(), config)
                .await
                .map_err(|e| anyhow!("{e}"))?;
            let shutdown = shutdown_signal();
            let listener = tokio::net::TcpListener::bind(addr)
                .await
                .with_context(|| format!("Không mở được cổng {addr}"))?;
            let local = listener.local_addr()?;
            println!("thidua đang chạy tại http://{local}/");
            if demo {
                println!("Dữ liệu mẫu: thành phố Lào Cai (không phải số liệu thật).");
                print_demo_accounts();
            }
            tracing::info!(%local, "listening");
            let checkpoints = tokio::spawn(checkpoint_every(
                store.clone(),
                Duration::from_secs(audit_checkpoint_every.max(1)),
            ));
            let reminders =
                (!no_reminders).then(|| tokio::spawn(remind_daily(store.clone(), mailer)));
            // The initiatives' index is built in the background (seconds on a province): requests
            // that need it before then wait for the same build rather than start another.
            let warm = store.clone();
            tokio::spawn(async move {
                match warm.warm_initiative_index().await {
                    Ok(n) => tracing::info!(initiatives = n, "initiative index ready"),
                    Err(e) => tracing::warn!(error = %e, "initiative index not built"),
                }
            });
            let served = thidua_web::serve(state, listener, shutdown).await;
            checkpoints.abort();
            if let Some(r) = reminders {
                r.abort();
            }
            audit_checkpoint(&store).await?;
            served.context("Máy chủ dừng vì lỗi")?;
            tracing::info!("stopped");
        }
        Command::User { command } => {
            let store = open_audited(&cli.database, cli.audit_key).await?;
            user(&store, command).await?;
            audit_checkpoint(&store).await?;
        }
        Command::Export {
            file,
            without_secrets,
        } => {
            let store = open(&cli.database).await?;
            if file.exists() {
                return Err(anyhow!("Tệp {} đã tồn tại; chọn tên khác", file.display()));
            }
            let tmp = file.with_extension("partial");
            let out = std::fs::File::create(&tmp)
                .with_context(|| format!("Không tạo được tệp {}", tmp.display()))?;
            let report = store
                .export(std::io::BufWriter::new(out), without_secrets)
                .await;
            let report = match report {
                Ok(r) => r,
                Err(e) => {
                    let _ = std::fs::remove_file(&tmp);
                    return Err(anyhow!("{e}"));
                }
            };
            std::fs::rename(&tmp, &file)
                .with_context(|| format!("Không ghi được tệp {}", file.display()))?;
            eprintln!("Lưu ý: tệp lưu trữ chứa dữ liệu cá nhân; hãy bảo quản cẩn thận.");
            println!("Đã xuất {} bản ghi vào {}.", report.rows(), file.display());
        }
        Command::Import { file } => {
            let store = open_audited(&cli.database, cli.audit_key).await?;
            let input = std::fs::File::open(&file)
                .with_context(|| format!("Không mở được tệp {}", file.display()))?;
            let report = store
                .import(std::io::BufReader::new(input))
                .await
                .map_err(|e| anyhow!("{e}"))?;
            audit_checkpoint(&store).await?;
            println!("Đã nhập {} bản ghi từ {}.", report.rows(), file.display());
        }
        Command::Backup { file } => {
            let store = open(&cli.database).await?;
            store.backup_to(&file).await.map_err(|e| anyhow!("{e}"))?;
            println!("Đã sao lưu vào {}.", file.display());
        }
    }
    Ok(())
}

fn print_demo_accounts() {
    println!(
        "Tài khoản mẫu (mật khẩu: {}): admin, noivu, donvi1, donvi2, hoidong1, hoidong2, hoidong3, ldld, nld1, lanhdao.",
        thidua_store::accounts::DEMO_PASSWORD
    );
}

/// A password from the first line of standard input, or asked on the terminal without echo.
fn read_password(from_stdin: bool) -> Result<String> {
    if from_stdin || !std::io::stdin().is_terminal() {
        let mut line = String::new();
        std::io::stdin()
            .read_line(&mut line)
            .context("Không đọc được mật khẩu từ đầu vào chuẩn")?;
        return Ok(line.trim_end_matches(['\r', '\n']).to_owned());
    }
    let first = rpassword::prompt_password("Mật khẩu: ").context("Không đọc được mật khẩu")?;
    let again = rpassword::prompt_password("Nhập lại: ").context("Không đọc được mật khẩu")?;
    if first != again {
        return Err(anyhow!("Hai lần nhập mật khẩu không khớp"));
    }
    Ok(first)
}

async fn user(store: &Store, command: UserCommand) -> Result<()> {
    use thidua_domain::access::Role;
    let actor = thidua_store::Actor::system("user");
    match command {
        UserCommand::Add {
            username,
            roles,
            unit,
            person,
            name,
            password_stdin,
            email,
        } => {
            let roles = roles
                .iter()
                .map(|r| {
                    Role::from_code(r).ok_or_else(|| {
                        anyhow!("Vai trò không biết: '{r}' (admin, tdkt_office, unit_officer, council_member, leader, labour_federation, worker)")
                    })
                })
                .collect::<Result<Vec<_>>>()?;
            let unit_id = match unit {
                Some(code) => Some(
                    store
                        .unit_by_code(&code)
                        .await
                        .map_err(|e| anyhow!("{e}"))?
                        .ok_or_else(|| anyhow!("Không có đơn vị mã '{code}'"))?
                        .id,
                ),
                None => None,
            };
            let password = read_password(password_stdin)?;
            let info = store
                .create_user(
                    &actor,
                    thidua_store::accounts::NewUser {
                        display_name: name.unwrap_or_else(|| username.clone()),
                        username,
                        password,
                        roles,
                        unit_id,
                        person_id: person,
                    },
                )
                .await
                .map_err(|e| anyhow!("{}", store_message(e)))?;
            if let Some(email) = email {
                store
                    .set_user_email(&actor, info.user.id, &email)
                    .await
                    .map_err(|e| anyhow!("{}", store_message(e)))?;
            }
            println!("Đã tạo tài khoản {}.", info.user.username);
        }
        UserCommand::Email { username, email } => {
            let info = store
                .user_by_name(&username)
                .await
                .map_err(|e| anyhow!("{e}"))?
                .ok_or_else(|| anyhow!("Không có tài khoản '{username}'"))?;
            store
                .set_user_email(&actor, info.user.id, &email)
                .await
                .map_err(|e| anyhow!("{}", store_message(e)))?;
            println!("Đã đặt địa chỉ thư của {username}.");
        }
        UserCommand::Password {
            username,
            password_stdin,
        } => {
            let info = store
                .user_by_name(&username)
                .await
                .map_err(|e| anyhow!("{e}"))?
                .ok_or_else(|| anyhow!("Không có tài khoản '{username}'"))?;
            let password = read_password(password_stdin)?;
            store
                .set_password(&actor, info.user.id, None, &password, None)
                .await
                .map_err(|e| anyhow!("{}", store_message(e)))?;
            println!("Đã đặt lại mật khẩu của {username}; mọi phiên đăng nhập của tài khoản này đã chấm dứt.");
        }
        UserCommand::List => {
            let page = store
                .users_list(None, 1, 500)
                .await
                .map_err(|e| anyhow!("{e}"))?;
            for u in page.items {
                let roles: Vec<&str> = u.roles.iter().map(|r| r.code()).collect();
                println!(
                    "{}\t{}\t{}\t{}{}",
                    u.user.username,
                    u.user.display_name,
                    roles.join(","),
                    u.unit_name.unwrap_or_default(),
                    if u.user.locked { "\t(đã khoá)" } else { "" }
                );
            }
        }
    }
    Ok(())
}

/// A store error in one line, with the fields of a validation error spelled out.
fn store_message(e: thidua_store::StoreError) -> String {
    match e {
        thidua_store::StoreError::Invalid(inv) => {
            inv.fields.values().cloned().collect::<Vec<_>>().join("; ")
        }
        other => other.to_string(),
    }
}

/// While serving: an audit checkpoint every `period` (only written when entries were added).
async fn checkpoint_every(store: Store, period: Duration) {
    let mut ticks = tokio::time::interval(period);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    ticks.tick().await;
    loop {
        ticks.tick().await;
        if let Err(e) = audit_checkpoint(&store).await {
            tracing::warn!("{e:#}");
        }
    }
}

/// Completes at Ctrl-C (SIGINT) or SIGTERM. The handlers are installed when this is called, not when
/// it is first awaited, so that a signal sent right after the "running" line is never missed.
fn shutdown_signal() -> impl std::future::Future<Output = ()> {
    #[cfg(unix)]
    let mut streams = {
        use tokio::signal::unix::{signal, SignalKind};
        (
            signal(SignalKind::interrupt()).ok(),
            signal(SignalKind::terminate()).ok(),
        )
    };
    async move {
        #[cfg(unix)]
        {
            let int = async {
                match streams.0.as_mut() {
                    Some(s) => {
                        s.recv().await;
                    }
                    None => std::future::pending::<()>().await,
                }
            };
            let term = async {
                match streams.1.as_mut() {
                    Some(s) => {
                        s.recv().await;
                    }
                    None => std::future::pending::<()>().await,
                }
            };
            tokio::select! {
                _ = int => {},
                _ = term => {},
            }
        }
        #[cfg(not(unix))]
        {
            let _ = tokio::signal::ctrl_c().await;
        }
        tracing::info!("shutting down");
    }
}
