//! The engine-neutral archive: the whole database as gzip-compressed JSON lines, and back into an empty
//! database. The way to move from SQLite to PostgreSQL; a round trip loses nothing.
//!
//! Line 1 is a header (`format`, `version`, the migrations applied, whether secrets were left out); every
//! other line is `{"table": NAME, "row": {...}}`, tables in dependency order. Derived data (search keys,
//! sort keys, search tokens, the audit chain's hashes) is not written; import computes it again.
//!
//! The audit chain is signed with a key that stays with its database, so an archive carries the audit
//! entries without their hashes, and import signs them again with the target's key, in id order, after
//! the entries already there. Import thereby vouches for what it imports: tampering done to the archive
//! file, or to the source database before export, is not detected (verify the source with
//! `thidua audit verify` before exporting, and keep archives where only administrators can write).

use crate::audit_chain::{self, AuditKey};
use crate::entity::{
    attachments, audit_log, directive_groups, directive_tasks, directive_units, directives,
    document_basis, documents, inspections, movement_basis, movement_links, movement_phases,
    movements, notifications, people, person_moves, posts, ratings, recipient_group_units,
    recipient_groups, registration_people, registrations, rule_tables, settings, task_reports,
    unit_events, unit_names, units, user_roles, users,
};
use crate::entity::{
    award_council_members, award_council_rules, award_councils, award_decisions, award_rounds,
    ballot_tallies, ballot_voters, ballots, council_meetings, decision_lines,
    imported_achievements, meeting_items, meeting_recusals, nomination_history, nominations,
    open_votes, rating_locks, round_awards, round_quotas, unit_ratings,
};
use crate::entity::{
    council_members, councils, initiative_authors, initiative_status_history, initiative_versions,
    initiatives, recognitions, replications, round_initiatives, rubric_criteria, scores,
    scoring_rounds,
};
use crate::entity::{
    decision_publications, exemplary_models, initiative_publications, model_achievements,
    model_initiatives, model_replications,
};
use crate::{Result, Store, StoreError};
use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;
use chrono::SubsecRound;
use flate2::read::GzDecoder;
use flate2::write::GzEncoder;
use flate2::Compression;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, PaginatorTrait,
    PrimaryKeyToColumn, QueryFilter, QueryOrder,
};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::io::{BufRead, BufReader, Read, Write};
use std::sync::Arc;
use thidua_domain::text;

pub const FORMAT: &str = "thidua-archive";
pub const VERSION: u32 = 1;

/// The tables of an archive, parents before children. A new table joins this list in the commit that
/// creates it.
pub const TABLES: &[&str] = &[
    "recipient_groups",
    "units",
    "unit_names",
    "unit_events",
    "recipient_group_units",
    "people",
    "person_moves",
    "ratings",
    "users",
    "user_roles",
    "rule_tables",
    "settings",
    "documents",
    "document_basis",
    "movements",
    "movement_phases",
    "movement_links",
    "movement_basis",
    "directives",
    "directive_tasks",
    "directive_groups",
    "directive_units",
    "task_reports",
    "registrations",
    "registration_people",
    "posts",
    "inspections",
    "notifications",
    "initiatives",
    "initiative_versions",
    "initiative_authors",
    "initiative_status_history",
    "councils",
    "council_members",
    "scoring_rounds",
    "rubric_criteria",
    "round_initiatives",
    "scores",
    "recognitions",
    "replications",
    "unit_ratings",
    "rating_locks",
    "award_rounds",
    "round_awards",
    "round_quotas",
    "nominations",
    "nomination_history",
    "award_councils",
    "award_council_members",
    "award_council_rules",
    "council_meetings",
    "meeting_items",
    "meeting_recusals",
    "ballots",
    "ballot_voters",
    "ballot_tallies",
    "open_votes",
    "award_decisions",
    "decision_lines",
    "imported_achievements",
    "exemplary_models",
    "model_initiatives",
    "model_achievements",
    "model_replications",
    "decision_publications",
    "initiative_publications",
    "attachments",
    "audit_log",
];

/// The pseudo-table of attachments' bytes (base64), after every table.
const BLOBS: &str = "blobs";

impl Store {
    /// Stores one file of an archive, checked against its SHA-256.
    async fn import_blob(&self, row: serde_json::Value, line: usize) -> Result<()> {
        let bad = || StoreError::Other(format!("Dòng {line} của tệp lưu trữ: tệp đính kèm hỏng"));
        let sha = row.get("sha256").and_then(|v| v.as_str()).ok_or_else(bad)?;
        let data = row.get("data").and_then(|v| v.as_str()).ok_or_else(bad)?;
        let bytes = BASE64.decode(data).map_err(|_| bad())?;
        let stored = self.files().put(bytes::Bytes::from(bytes)).await?;
        if stored != sha {
            return Err(bad());
        }
        Ok(())
    }
}

#[derive(Debug, Serialize, Deserialize)]
struct Header {
    format: String,
    version: u32,
    without_secrets: bool,
    exported_at: chrono::DateTime<chrono::Utc>,
}

#[derive(Serialize)]
struct LineOut<'a, T> {
    table: &'a str,
    row: &'a T,
}

#[derive(Deserialize)]
struct LineIn {
    table: String,
    row: serde_json::Value,
}

/// How many rows of each table moved.
#[derive(Debug, Default, Clone, Serialize)]
pub struct ArchiveReport {
    pub tables: Vec<(String, u64)>,
}

impl ArchiveReport {
    pub fn rows(&self) -> u64 {
        self.tables.iter().map(|(_, n)| n).sum()
    }
}

async fn dump<E, W>(
    store: &Store,
    name: &str,
    out: &mut W,
    mut fix: impl FnMut(&mut E::Model),
) -> Result<u64>
where
    E: EntityTrait,
    E::Model: Serialize + Sync,
    W: Write,
{
    let mut sel = E::find();
    for pk in <E::PrimaryKey as sea_orm::Iterable>::iter() {
        sel = sel.order_by_asc(pk.into_column());
    }
    let mut pages = sel.paginate(&store.db, 5_000);
    let mut n = 0;
    while let Some(rows) = pages.fetch_and_next().await? {
        for mut row in rows {
            fix(&mut row);
            serde_json::to_writer(
                &mut *out,
                &LineOut {
                    table: name,
                    row: &row,
                },
            )
            .map_err(io_err)?;
            out.write_all(b"\n").map_err(io_err)?;
            n += 1;
        }
    }
    Ok(n)
}

/// Accounts with their password hashes, unless the archive is made without secrets (such accounts
/// cannot log in until an administrator sets a new password). Sessions and tokens never travel.
async fn dump_users<W: Write>(store: &Store, without_secrets: bool, out: &mut W) -> Result<u64> {
    let all = users::Entity::find()
        .order_by_asc(users::Column::Id)
        .all(&store.db)
        .await?;
    for u in &all {
        let mut row = serde_json::to_value(u).map_err(io_err)?;
        let hash = if without_secrets {
            ""
        } else {
            u.password_hash.as_str()
        };
        row["password_hash"] = serde_json::Value::from(hash);
        serde_json::to_writer(
            &mut *out,
            &LineOut {
                table: "users",
                row: &row,
            },
        )
        .map_err(io_err)?;
        out.write_all(b"\n").map_err(io_err)?;
    }
    Ok(all.len() as u64)
}

fn io_err(e: impl std::fmt::Display) -> StoreError {
    StoreError::Other(format!("Lỗi đọc/ghi tệp lưu trữ: {e}"))
}

impl Store {
    /// Writes the whole database to `out`. With `without_secrets`, password hashes and tokens are left out.
    pub async fn export<W: Write>(&self, out: W, without_secrets: bool) -> Result<ArchiveReport> {
        let mut gz = GzEncoder::new(out, Compression::fast());
        let header = Header {
            format: FORMAT.into(),
            version: VERSION,
            without_secrets,
            exported_at: chrono::Utc::now(),
        };
        serde_json::to_writer(&mut gz, &header).map_err(io_err)?;
        gz.write_all(b"\n").map_err(io_err)?;
        let mut report = ArchiveReport::default();
        for table in TABLES {
            let n = match *table {
                "recipient_groups" => {
                    dump::<recipient_groups::Entity, _>(self, table, &mut gz, |_| {}).await?
                }
                "units" => dump::<units::Entity, _>(self, table, &mut gz, |_| {}).await?,
                "unit_names" => dump::<unit_names::Entity, _>(self, table, &mut gz, |_| {}).await?,
                "unit_events" => {
                    dump::<unit_events::Entity, _>(self, table, &mut gz, |_| {}).await?
                }
                "recipient_group_units" => {
                    dump::<recipient_group_units::Entity, _>(self, table, &mut gz, |_| {}).await?
                }
                "people" => dump::<people::Entity, _>(self, table, &mut gz, |_| {}).await?,
                "person_moves" => {
                    dump::<person_moves::Entity, _>(self, table, &mut gz, |_| {}).await?
                }
                "ratings" => dump::<ratings::Entity, _>(self, table, &mut gz, |_| {}).await?,
                "audit_log" => {
                    dump::<audit_log::Entity, _>(self, table, &mut gz, |e| e.hash = None).await?
                }
                "users" => dump_users(self, without_secrets, &mut gz).await?,
                "user_roles" => dump::<user_roles::Entity, _>(self, table, &mut gz, |_| {}).await?,
                "rule_tables" => {
                    dump::<rule_tables::Entity, _>(self, table, &mut gz, |_| {}).await?
                }
                "settings" => dump::<settings::Entity, _>(self, table, &mut gz, |_| {}).await?,
                "documents" => dump::<documents::Entity, _>(self, table, &mut gz, |_| {}).await?,
                "document_basis" => {
                    dump::<document_basis::Entity, _>(self, table, &mut gz, |_| {}).await?
                }
                "movements" => dump::<movements::Entity, _>(self, table, &mut gz, |_| {}).await?,
                "movement_phases" => {
                    dump::<movement_phases::Entity, _>(self, table, &mut gz, |_| {}).await?
                }
                "movement_links" => {
                    dump::<movement_links::Entity, _>(self, table, &mut gz, |_| {}).await?
                }
                "movement_basis" => {
                    dump::<movement_basis::Entity, _>(self, table, &mut gz, |_| {}).await?
                }
                "directives" => dump::<directives::Entity, _>(self, table, &mut gz, |_| {}).await?,
                "directive_tasks" => {
                    dump::<directive_tasks::Entity, _>(self, table, &mut gz, |_| {}).await?
                }
                "directive_groups" => {
                    dump::<directive_groups::Entity, _>(self, table, &mut gz, |_| {}).await?
                }
                "directive_units" => {
                    dump::<directive_units::Entity, _>(self, table, &mut gz, |_| {}).await?
                }
                "task_reports" => {
                    dump::<task_reports::Entity, _>(self, table, &mut gz, |_| {}).await?
                }
                "registrations" => {
                    dump::<registrations::Entity, _>(self, table, &mut gz, |_| {}).await?
                }
                "registration_people" => {
                    dump::<registration_people::Entity, _>(self, table, &mut gz, |_| {}).await?
                }
                "posts" => dump::<posts::Entity, _>(self, table, &mut gz, |_| {}).await?,
                "inspections" => {
                    dump::<inspections::Entity, _>(self, table, &mut gz, |_| {}).await?
                }
                "notifications" => {
                    dump::<notifications::Entity, _>(self, table, &mut gz, |_| {}).await?
                }
                "attachments" => {
                    dump::<attachments::Entity, _>(self, table, &mut gz, |_| {}).await?
                }
                "initiatives" => {
                    dump::<initiatives::Entity, _>(self, table, &mut gz, |_| {}).await?
                }
                "initiative_versions" => {
                    dump::<initiative_versions::Entity, _>(self, table, &mut gz, |_| {}).await?
                }
                "initiative_authors" => {
                    dump::<initiative_authors::Entity, _>(self, table, &mut gz, |_| {}).await?
                }
                "initiative_status_history" => {
                    dump::<initiative_status_history::Entity, _>(self, table, &mut gz, |_| {})
                        .await?
                }
                "councils" => dump::<councils::Entity, _>(self, table, &mut gz, |_| {}).await?,
                "council_members" => {
                    dump::<council_members::Entity, _>(self, table, &mut gz, |_| {}).await?
                }
                "scoring_rounds" => {
                    dump::<scoring_rounds::Entity, _>(self, table, &mut gz, |_| {}).await?
                }
                "rubric_criteria" => {
                    dump::<rubric_criteria::Entity, _>(self, table, &mut gz, |_| {}).await?
                }
                "round_initiatives" => {
                    dump::<round_initiatives::Entity, _>(self, table, &mut gz, |_| {}).await?
                }
                "scores" => dump::<scores::Entity, _>(self, table, &mut gz, |_| {}).await?,
                "recognitions" => {
                    dump::<recognitions::Entity, _>(self, table, &mut gz, |_| {}).await?
                }
                "replications" => {
                    dump::<replications::Entity, _>(self, table, &mut gz, |_| {}).await?
                }
                "unit_ratings" => {
                    dump::<unit_ratings::Entity, _>(self, table, &mut gz, |_| {}).await?
                }
                "rating_locks" => {
                    dump::<rating_locks::Entity, _>(self, table, &mut gz, |_| {}).await?
                }
                "award_rounds" => {
                    dump::<award_rounds::Entity, _>(self, table, &mut gz, |_| {}).await?
                }
                "round_awards" => {
                    dump::<round_awards::Entity, _>(self, table, &mut gz, |_| {}).await?
                }
                "round_quotas" => {
                    dump::<round_quotas::Entity, _>(self, table, &mut gz, |_| {}).await?
                }
                "nominations" => {
                    dump::<nominations::Entity, _>(self, table, &mut gz, |_| {}).await?
                }
                "nomination_history" => {
                    dump::<nomination_history::Entity, _>(self, table, &mut gz, |_| {}).await?
                }
                "award_councils" => {
                    dump::<award_councils::Entity, _>(self, table, &mut gz, |_| {}).await?
                }
                "award_council_members" => {
                    dump::<award_council_members::Entity, _>(self, table, &mut gz, |_| {}).await?
                }
                "award_council_rules" => {
                    dump::<award_council_rules::Entity, _>(self, table, &mut gz, |_| {}).await?
                }
                "council_meetings" => {
                    dump::<council_meetings::Entity, _>(self, table, &mut gz, |_| {}).await?
                }
                "meeting_items" => {
                    dump::<meeting_items::Entity, _>(self, table, &mut gz, |_| {}).await?
                }
                "meeting_recusals" => {
                    dump::<meeting_recusals::Entity, _>(self, table, &mut gz, |_| {}).await?
                }
                "ballots" => dump::<ballots::Entity, _>(self, table, &mut gz, |_| {}).await?,
                "ballot_voters" => {
                    dump::<ballot_voters::Entity, _>(self, table, &mut gz, |_| {}).await?
                }
                "ballot_tallies" => {
                    dump::<ballot_tallies::Entity, _>(self, table, &mut gz, |_| {}).await?
                }
                "open_votes" => dump::<open_votes::Entity, _>(self, table, &mut gz, |_| {}).await?,
                "award_decisions" => {
                    dump::<award_decisions::Entity, _>(self, table, &mut gz, |_| {}).await?
                }
                "decision_lines" => {
                    dump::<decision_lines::Entity, _>(self, table, &mut gz, |_| {}).await?
                }
                "imported_achievements" => {
                    dump::<imported_achievements::Entity, _>(self, table, &mut gz, |_| {}).await?
                }
                "exemplary_models" => {
                    dump::<exemplary_models::Entity, _>(self, table, &mut gz, |_| {}).await?
                }
                "model_initiatives" => {
                    dump::<model_initiatives::Entity, _>(self, table, &mut gz, |_| {}).await?
                }
                "model_achievements" => {
                    dump::<model_achievements::Entity, _>(self, table, &mut gz, |_| {}).await?
                }
                "model_replications" => {
                    dump::<model_replications::Entity, _>(self, table, &mut gz, |_| {}).await?
                }
                "decision_publications" => {
                    dump::<decision_publications::Entity, _>(self, table, &mut gz, |_| {}).await?
                }
                "initiative_publications" => {
                    dump::<initiative_publications::Entity, _>(self, table, &mut gz, |_| {}).await?
                }
                other => return Err(StoreError::Other(format!("Bảng {other} chưa có cách xuất"))),
            };
            report.tables.push((table.to_string(), n));
        }
        // The attachments' bytes, once per content, after the rows that name them.
        let shas: std::collections::BTreeSet<String> = attachments::Entity::find()
            .all(&self.db)
            .await?
            .into_iter()
            .map(|a| a.sha256)
            .collect();
        for sha in &shas {
            let data = self.files().get(sha).await?;
            let row = serde_json::json!({"sha256": sha, "data": BASE64.encode(&data)});
            serde_json::to_writer(
                &mut gz,
                &LineOut {
                    table: BLOBS,
                    row: &row,
                },
            )
            .map_err(io_err)?;
            gz.write_all(b"\n").map_err(io_err)?;
        }
        report.tables.push((BLOBS.to_string(), shas.len() as u64));
        gz.finish().map_err(io_err)?.flush().map_err(io_err)?;
        Ok(report)
    }

    /// Reads an archive into this database, which must be empty. All or nothing: a broken archive
    /// changes nothing.
    pub async fn import<R: Read>(&self, input: R) -> Result<ArchiveReport> {
        if !self.is_empty().await? {
            return Err(StoreError::Other(
                "Cơ sở dữ liệu đích đã có dữ liệu; chỉ nhập vào cơ sở dữ liệu trống".into(),
            ));
        }
        let mut lines = BufReader::new(GzDecoder::new(input)).lines();
        let first = lines
            .next()
            .ok_or_else(|| StoreError::Other("Tệp lưu trữ trống".into()))?
            .map_err(|e| {
                StoreError::Other(format!(
                    "Không đọc được tệp lưu trữ (không phải tệp thidua hoặc bị hỏng): {e}"
                ))
            })?;
        let header: Header = serde_json::from_str(&first)
            .map_err(|_| StoreError::Other("Tệp không phải tệp lưu trữ của thidua".into()))?;
        if header.format != FORMAT || header.version > VERSION {
            return Err(StoreError::Other(format!(
                "Định dạng tệp lưu trữ không được hỗ trợ: {} phiên bản {}",
                header.format, header.version
            )));
        }
        let key = self.audit_key()?;
        let txn = self.write_txn().await?;
        let (next_id, prev) = audit_chain::next_link(&txn).await?;
        let mut importer = Importer {
            seq: self.change_seq(&txn).await?,
            chain: Some(Chain { key, prev, next_id }),
            ..Default::default()
        };
        // Attachments' bytes, counted like the export counts them.
        let mut blobs = 0u64;
        for (n, line) in lines.enumerate() {
            let line = line.map_err(|e| {
                StoreError::Other(format!("Tệp lưu trữ bị hỏng ở dòng {}: {e}", n + 2))
            })?;
            if line.trim().is_empty() {
                continue;
            }
            let parsed: LineIn = serde_json::from_str(&line).map_err(|e| {
                StoreError::Other(format!("Dòng {} của tệp lưu trữ không hợp lệ: {e}", n + 2))
            })?;
            if parsed.table == BLOBS {
                self.import_blob(parsed.row, n + 2).await?;
                blobs += 1;
                continue;
            }
            importer.row(&txn, parsed, n + 2).await?;
        }
        importer.finish(&txn).await?;
        importer.report.tables.push((BLOBS.to_string(), blobs));
        self.reset_sequences(
            &txn,
            &[
                "recipient_groups",
                "units",
                "unit_names",
                "unit_events",
                "people",
                "person_moves",
                "ratings",
                "users",
                "rule_tables",
                "settings",
                "documents",
                "movements",
                "movement_phases",
                "directives",
                "directive_tasks",
                "task_reports",
                "registrations",
                "posts",
                "inspections",
                "notifications",
                "initiatives",
                "initiative_versions",
                "initiative_authors",
                "initiative_status_history",
                "councils",
                "council_members",
                "scoring_rounds",
                "rubric_criteria",
                "scores",
                "recognitions",
                "replications",
                "unit_ratings",
                "rating_locks",
                "award_rounds",
                "round_awards",
                "round_quotas",
                "nominations",
                "nomination_history",
                "award_councils",
                "award_council_members",
                "award_council_rules",
                "council_meetings",
                "meeting_items",
                "meeting_recusals",
                "ballots",
                "open_votes",
                "award_decisions",
                "decision_lines",
                "imported_achievements",
                "attachments",
                "audit_log",
            ],
        )
        .await?;
        txn.commit().await?;
        Ok(importer.report)
    }
}

/// Inserts archive rows table by table, in batches.
#[derive(Default)]
struct Importer {
    report: ArchiveReport,
    pending: Vec<serde_json::Value>,
    table: Option<String>,
    unit_links: Vec<(i64, Option<i64>, Option<i64>)>,
    /// The change sequence of the import's transaction, stamped on every person.
    seq: i64,
    /// Where imported audit entries join this database's chain.
    chain: Option<Chain>,
}

/// The audit chain as import extends it.
struct Chain {
    key: Arc<AuditKey>,
    /// The hash of the last entry so far.
    prev: String,
    /// The smallest id the next entry may take.
    next_id: i64,
}

impl Chain {
    /// Signs an imported entry; entries must come in increasing id order, after those already there.
    fn link(&mut self, e: &mut audit_log::Model) -> Result<()> {
        if e.id < self.next_id {
            return Err(StoreError::Other(format!(
                "Mục nhật ký kiểm toán #{} của tệp lưu trữ không theo thứ tự tăng dần hoặc trùng với mục đã có",
                e.id
            )));
        }
        // Stored as PostgreSQL keeps it, so that the hash survives the round trip.
        e.at = e.at.trunc_subsecs(6);
        let hash = audit_chain::entry_hash(&self.key, &self.prev, e);
        e.hash = Some(hash.clone());
        self.prev = hash;
        self.next_id = e.id + 1;
        Ok(())
    }
}

impl Importer {
    async fn row<C: ConnectionTrait>(
        &mut self,
        conn: &C,
        line: LineIn,
        line_no: usize,
    ) -> Result<()> {
        if !TABLES.contains(&line.table.as_str()) {
            return Err(StoreError::Other(format!(
                "Dòng {line_no}: bảng không biết '{}'",
                line.table
            )));
        }
        if self.table.as_deref() != Some(line.table.as_str()) {
            self.flush(conn).await?;
            self.table = Some(line.table.clone());
            self.report.tables.push((line.table, 0));
        }
        self.pending.push(line.row);
        if self.pending.len() >= 1_000 {
            self.flush(conn).await?;
        }
        Ok(())
    }

    async fn flush<C: ConnectionTrait>(&mut self, conn: &C) -> Result<()> {
        let Some(table) = self.table.clone() else {
            return Ok(());
        };
        let rows = std::mem::take(&mut self.pending);
        if rows.is_empty() {
            return Ok(());
        }
        let n = rows.len() as u64;
        let chain = &mut self.chain;
        match table.as_str() {
            "recipient_groups" => {
                insert::<recipient_groups::Entity, _>(conn, rows, |_| Ok(())).await?
            }
            "units" => {
                let links = &mut self.unit_links;
                insert::<units::Entity, _>(conn, rows, |u| {
                    links.push((u.id, u.parent_id.take(), u.successor_id.take()));
                    u.search_key = text::fold(&u.name);
                    u.sort_key = text::sort_key(&u.name);
                    Ok(())
                })
                .await?
            }
            "unit_names" => insert::<unit_names::Entity, _>(conn, rows, |_| Ok(())).await?,
            "unit_events" => insert::<unit_events::Entity, _>(conn, rows, |_| Ok(())).await?,
            "recipient_group_units" => {
                insert::<recipient_group_units::Entity, _>(conn, rows, |_| Ok(())).await?
            }
            "people" => {
                let seq = self.seq;
                insert::<people::Entity, _>(conn, rows, |p| {
                    p.change_seq = seq;
                    p.full_name = text::clean(&p.full_name);
                    p.search_key = text::fold(&p.full_name);
                    p.sort_key = text::person_sort_key(&p.full_name);
                    Ok(())
                })
                .await?;
            }
            "person_moves" => insert::<person_moves::Entity, _>(conn, rows, |_| Ok(())).await?,
            "ratings" => insert::<ratings::Entity, _>(conn, rows, |_| Ok(())).await?,
            "users" => {
                // The hash travels beside the row (the entity never serialises it).
                let mut hashes = rows
                    .iter()
                    .map(|r| {
                        r.get("password_hash")
                            .and_then(|h| h.as_str())
                            .unwrap_or_default()
                            .to_owned()
                    })
                    .collect::<Vec<_>>()
                    .into_iter();
                insert::<users::Entity, _>(conn, rows, |u| {
                    u.password_hash = hashes.next().unwrap_or_default();
                    Ok(())
                })
                .await?
            }
            "user_roles" => insert::<user_roles::Entity, _>(conn, rows, |_| Ok(())).await?,
            "rule_tables" => insert::<rule_tables::Entity, _>(conn, rows, |_| Ok(())).await?,
            "settings" => insert::<settings::Entity, _>(conn, rows, |_| Ok(())).await?,
            "audit_log" => {
                let chain = chain
                    .as_mut()
                    .ok_or_else(|| StoreError::Other("Chưa có khóa kiểm toán".into()))?;
                insert::<audit_log::Entity, _>(conn, rows, |e| chain.link(e)).await?
            }
            "documents" => insert::<documents::Entity, _>(conn, rows, |_| Ok(())).await?,
            "document_basis" => insert::<document_basis::Entity, _>(conn, rows, |_| Ok(())).await?,
            "movements" => insert::<movements::Entity, _>(conn, rows, |_| Ok(())).await?,
            "movement_phases" => {
                insert::<movement_phases::Entity, _>(conn, rows, |_| Ok(())).await?
            }
            "movement_links" => insert::<movement_links::Entity, _>(conn, rows, |_| Ok(())).await?,
            "movement_basis" => insert::<movement_basis::Entity, _>(conn, rows, |_| Ok(())).await?,
            "directives" => insert::<directives::Entity, _>(conn, rows, |_| Ok(())).await?,
            "directive_tasks" => {
                insert::<directive_tasks::Entity, _>(conn, rows, |_| Ok(())).await?
            }
            "directive_groups" => {
                insert::<directive_groups::Entity, _>(conn, rows, |_| Ok(())).await?
            }
            "directive_units" => {
                insert::<directive_units::Entity, _>(conn, rows, |_| Ok(())).await?
            }
            "task_reports" => insert::<task_reports::Entity, _>(conn, rows, |_| Ok(())).await?,
            "registrations" => insert::<registrations::Entity, _>(conn, rows, |_| Ok(())).await?,
            "registration_people" => {
                insert::<registration_people::Entity, _>(conn, rows, |_| Ok(())).await?
            }
            "posts" => insert::<posts::Entity, _>(conn, rows, |_| Ok(())).await?,
            "inspections" => insert::<inspections::Entity, _>(conn, rows, |_| Ok(())).await?,
            "notifications" => insert::<notifications::Entity, _>(conn, rows, |_| Ok(())).await?,
            "attachments" => insert::<attachments::Entity, _>(conn, rows, |_| Ok(())).await?,
            "initiatives" => {
                // Stamped with the import's change sequence, so that every process's index reads them.
                let seq = self.seq;
                insert::<initiatives::Entity, _>(conn, rows, |i| {
                    i.change_seq = seq;
                    Ok(())
                })
                .await?
            }
            "initiative_versions" => {
                insert::<initiative_versions::Entity, _>(conn, rows, |_| Ok(())).await?
            }
            "initiative_authors" => {
                insert::<initiative_authors::Entity, _>(conn, rows, |_| Ok(())).await?
            }
            "initiative_status_history" => {
                insert::<initiative_status_history::Entity, _>(conn, rows, |_| Ok(())).await?
            }
            "councils" => insert::<councils::Entity, _>(conn, rows, |_| Ok(())).await?,
            "council_members" => {
                insert::<council_members::Entity, _>(conn, rows, |_| Ok(())).await?
            }
            "scoring_rounds" => insert::<scoring_rounds::Entity, _>(conn, rows, |_| Ok(())).await?,
            "rubric_criteria" => {
                insert::<rubric_criteria::Entity, _>(conn, rows, |_| Ok(())).await?
            }
            "round_initiatives" => {
                insert::<round_initiatives::Entity, _>(conn, rows, |_| Ok(())).await?
            }
            "scores" => insert::<scores::Entity, _>(conn, rows, |_| Ok(())).await?,
            "recognitions" => insert::<recognitions::Entity, _>(conn, rows, |_| Ok(())).await?,
            "replications" => insert::<replications::Entity, _>(conn, rows, |_| Ok(())).await?,
            "unit_ratings" => insert::<unit_ratings::Entity, _>(conn, rows, |_| Ok(())).await?,
            "rating_locks" => insert::<rating_locks::Entity, _>(conn, rows, |_| Ok(())).await?,
            "award_rounds" => insert::<award_rounds::Entity, _>(conn, rows, |_| Ok(())).await?,
            "round_awards" => insert::<round_awards::Entity, _>(conn, rows, |_| Ok(())).await?,
            "round_quotas" => insert::<round_quotas::Entity, _>(conn, rows, |_| Ok(())).await?,
            "nominations" => insert::<nominations::Entity, _>(conn, rows, |_| Ok(())).await?,
            "nomination_history" => {
                insert::<nomination_history::Entity, _>(conn, rows, |_| Ok(())).await?
            }
            "award_councils" => insert::<award_councils::Entity, _>(conn, rows, |_| Ok(())).await?,
            "award_council_members" => {
                insert::<award_council_members::Entity, _>(conn, rows, |_| Ok(())).await?
            }
            "award_council_rules" => {
                insert::<award_council_rules::Entity, _>(conn, rows, |_| Ok(())).await?
            }
            "council_meetings" => {
                insert::<council_meetings::Entity, _>(conn, rows, |_| Ok(())).await?
            }
            "meeting_items" => insert::<meeting_items::Entity, _>(conn, rows, |_| Ok(())).await?,
            "meeting_recusals" => {
                insert::<meeting_recusals::Entity, _>(conn, rows, |_| Ok(())).await?
            }
            "ballots" => insert::<ballots::Entity, _>(conn, rows, |_| Ok(())).await?,
            "ballot_voters" => insert::<ballot_voters::Entity, _>(conn, rows, |_| Ok(())).await?,
            "ballot_tallies" => insert::<ballot_tallies::Entity, _>(conn, rows, |_| Ok(())).await?,
            "open_votes" => insert::<open_votes::Entity, _>(conn, rows, |_| Ok(())).await?,
            "award_decisions" => {
                insert::<award_decisions::Entity, _>(conn, rows, |_| Ok(())).await?
            }
            "decision_lines" => insert::<decision_lines::Entity, _>(conn, rows, |_| Ok(())).await?,
            "imported_achievements" => {
                insert::<imported_achievements::Entity, _>(conn, rows, |_| Ok(())).await?
            }
            "exemplary_models" => {
                insert::<exemplary_models::Entity, _>(conn, rows, |_| Ok(())).await?
            }
            "model_initiatives" => {
                insert::<model_initiatives::Entity, _>(conn, rows, |_| Ok(())).await?
            }
            "model_achievements" => {
                insert::<model_achievements::Entity, _>(conn, rows, |_| Ok(())).await?
            }
            "model_replications" => {
                insert::<model_replications::Entity, _>(conn, rows, |_| Ok(())).await?
            }
            "decision_publications" => {
                insert::<decision_publications::Entity, _>(conn, rows, |_| Ok(())).await?
            }
            "initiative_publications" => {
                insert::<initiative_publications::Entity, _>(conn, rows, |_| Ok(())).await?
            }
            other => return Err(StoreError::Other(format!("Bảng {other} chưa có cách nhập"))),
        }
        if let Some(last) = self.report.tables.last_mut() {
            last.1 += n;
        }
        Ok(())
    }

    /// Links units to their parents and successors once every unit exists.
    async fn finish<C: ConnectionTrait>(&mut self, conn: &C) -> Result<()> {
        self.flush(conn).await?;
        for (id, parent, successor) in std::mem::take(&mut self.unit_links) {
            if parent.is_none() && successor.is_none() {
                continue;
            }
            units::Entity::update_many()
                .col_expr(units::Column::ParentId, Expr::value(parent))
                .col_expr(units::Column::SuccessorId, Expr::value(successor))
                .filter(units::Column::Id.eq(id))
                .exec(conn)
                .await?;
        }
        Ok(())
    }
}

async fn insert<E, C>(
    conn: &C,
    rows: Vec<serde_json::Value>,
    mut fix: impl FnMut(&mut E::Model) -> Result<()>,
) -> Result<()>
where
    E: EntityTrait,
    E::Model: DeserializeOwned + IntoActiveModel<E::ActiveModel>,
    E::ActiveModel: ActiveModelTrait<Entity = E> + Send,
    C: ConnectionTrait,
{
    let mut models = Vec::with_capacity(rows.len());
    for row in rows {
        let mut m: E::Model = serde_json::from_value(row).map_err(|e| {
            StoreError::Other(format!(
                "Bản ghi của bảng {} không hợp lệ: {e}",
                E::default().table_name()
            ))
        })?;
        fix(&mut m)?;
        models.push(m.into_active_model().reset_all());
    }
    E::insert_many(models).exec_without_returning(conn).await?;
    Ok(())
}
