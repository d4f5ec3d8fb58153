//! The `thidua` command (see `shared/contracts/cli.md`): serve, demo, migrate, export, import, backup.
//! Logs go to standard error; a failure is one Vietnamese line on standard error and a non-zero exit.

use anyhow::{anyhow, Context, Result};
use clap::{Parser, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;
use std::net::SocketAddr;
use std::path::PathBuf;
use thidua_store::{Store, DEFAULT_DATABASE_URL};

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
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Chạy máy chủ web và API.
    Serve {
        /// Địa chỉ lắng nghe.
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: String,
        /// Nạp dữ liệu mẫu (thành phố) nếu cơ sở dữ liệu còn trống.
        #[arg(long)]
        demo: bool,
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
    /// Xét điều kiện danh hiệu, hình thức khen thưởng (không cần cơ sở dữ liệu).
    Rules {
        #[command(subcommand)]
        command: RulesCommand,
    },
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
    store
        .migrate()
        .await
        .map_err(|e| anyhow!("Không nâng cấp được cơ sở dữ liệu: {e}"))?;
    // The audit key, created beside the database at the first start; entries from before the chain
    // existed are signed.
    store
        .load_audit_key(thidua_store::audit_chain::AuditKeyOptions {
            key_hex: std::env::var(thidua_store::audit_chain::KEY_ENV).ok(),
            create: true,
            ..Default::default()
        })
        .await
        .map_err(|e| anyhow!("{e}"))?;
    if let Err(e) = store.audit_seal().await {
        tracing::warn!("{e}");
    }
    Ok(store)
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

fn rules(command: RulesCommand) -> Result<()> {
    use thidua_domain::rules;
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
            let verdict = rules::check_json(&input).map_err(|e| anyhow!("{e}"))?;
            println!("{}", serde_json::to_string_pretty(&verdict)?);
        }
        RulesCommand::List { json } => {
            let entries = rules::catalogue(rules::RuleTables::builtin());
            if json {
                println!("{}", serde_json::to_string_pretty(&entries)?);
            } else {
                print!("{}", rules::catalogue_markdown(&entries));
            }
        }
    }
    Ok(())
}

async fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Rules { command } => rules(command)?,
        Command::Migrate => {
            open(&cli.database).await?;
            println!("Cơ sở dữ liệu đã được nâng cấp lên phiên bản mới nhất.");
        }
        Command::Demo { scale, seed } => {
            let scale: thidua_sample::Scale = scale.parse().map_err(|e| anyhow!("{e}"))?;
            let store = open(&cli.database).await?;
            let r = load_demo(&store, scale, seed).await?;
            println!(
                "Đã nạp dữ liệu mẫu: {} đơn vị, {} người, {} lượt xếp loại.",
                r.units, r.people, r.ratings
            );
        }
        Command::Serve { addr, demo } => {
            let addr: SocketAddr = addr.parse().map_err(|_| {
                anyhow!("Địa chỉ lắng nghe không hợp lệ: '{addr}' (ví dụ 127.0.0.1:8080)")
            })?;
            let store = open(&cli.database).await?;
            if demo && store.is_empty().await.map_err(|e| anyhow!("{e}"))? {
                load_demo(&store, thidua_sample::Scale::City, 1).await?;
            }
            // Build the search index before the first visitor waits for it.
            store
                .warm_search_index()
                .await
                .map_err(|e| anyhow!("{e}"))?;
            let state = thidua_web::AppState::new(store)
                .await
                .map_err(|e| anyhow!("{e}"))?;
            let listener = tokio::net::TcpListener::bind(addr)
                .await
                .with_context(|| format!("Không mở được cổng {addr}"))?;
            let local = listener.local_addr()?;
            println!("thidua đang chạy tại http://{local}/");
            if demo {
                println!("Dữ liệu mẫu: thành phố Lào Cai (không phải số liệu thật).");
            }
            tracing::info!(%local, "listening");
            thidua_web::serve(state, listener, shutdown_signal())
                .await
                .context("Máy chủ dừng vì lỗi")?;
            tracing::info!("stopped");
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
            let store = open(&cli.database).await?;
            let input = std::fs::File::open(&file)
                .with_context(|| format!("Không mở được tệp {}", file.display()))?;
            let report = store
                .import(std::io::BufReader::new(input))
                .await
                .map_err(|e| anyhow!("{e}"))?;
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

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
    tracing::info!("shutting down");
}
