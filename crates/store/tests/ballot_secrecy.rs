//! THE BALLOT TEST: nothing links a voter to a vote in a secret ballot.
//!
//! Two worlds are built by the same steps; three members vote in the same order, but in world A
//! hoidong1 votes yes and hoidong2 no on the contested item, and in world B the other way round
//! (the totals are the same). If anything kept who voted what (a row, an id or its order, a time,
//! the audit log, a log line), the two worlds would differ there. So after the votes the test dumps
//! every row of every table of both databases and the tracing logs captured during each vote
//! (every level, SQL statements included), and requires them to be the same, once the times that
//! differ between any two runs (wall-clock timestamps, audit hashes, elapsed times) are blanked.
//! It also checks the dump directly: no table but `ballot_voters` (and the accounts' own tables)
//! names the voters' ids together with anything ballot-shaped, and the audit entries of the votes
//! say only who voted in which ballot.
//!
//! The blanked timestamps are not a hole: no table keeps a time per vote (`ballot_voters` has no
//! time column; the tallies have none), and the audit entry's time says when a member voted, which
//! is public anyway (who voted is). One test function, in its own binary, so that the captured
//! logs are this test's only.

mod commendation_world;

use commendation_world::*;
use sea_orm::{ConnectionTrait, Statement};
use std::io::Write;
use std::sync::{Arc, Mutex};
use thidua_domain::commendation::Choice;
use thidua_store::Engine;

#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Vec<u8>>>);

impl Write for Capture {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Capture {
    fn take(&self) -> String {
        String::from_utf8_lossy(&std::mem::take(&mut *self.0.lock().unwrap())).into_owned()
    }
}

/// Every table's rows, each row as its columns' text, tables and rows in a fixed order.
async fn dump(w: &World) -> Vec<(String, Vec<Vec<String>>)> {
    let s = w.store();
    let conn = s.connection();
    let backend = conn.get_database_backend();
    let list_sql = match s.engine() {
        Engine::Sqlite => "SELECT name AS t FROM sqlite_master WHERE type = 'table' ORDER BY name",
        Engine::Postgres => {
            "SELECT table_name AS t FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name"
        }
    };
    let tables: Vec<String> = conn
        .query_all(Statement::from_string(backend, list_sql))
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.try_get::<String>("", "t").unwrap())
        .collect();
    assert!(tables.iter().any(|t| t == "ballot_tallies"), "{tables:?}");
    let mut out = Vec::new();
    for t in tables {
        // Every column as text, so that one query reads any table on either engine.
        let cols_sql = match s.engine() {
            Engine::Sqlite => format!("SELECT name AS c FROM pragma_table_info('{t}') ORDER BY cid"),
            Engine::Postgres => format!(
                "SELECT column_name AS c FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = '{t}' ORDER BY ordinal_position"
            ),
        };
        let cols: Vec<String> = conn
            .query_all(Statement::from_string(backend, cols_sql))
            .await
            .unwrap()
            .into_iter()
            .map(|r| r.try_get::<String>("", "c").unwrap())
            .collect();
        let select = cols
            .iter()
            .enumerate()
            .map(|(i, c)| format!("CAST(\"{c}\" AS TEXT) AS c{i}"))
            .collect::<Vec<_>>()
            .join(", ");
        let rows = conn
            .query_all(Statement::from_string(
                backend,
                format!("SELECT {select} FROM \"{t}\" ORDER BY 1"),
            ))
            .await
            .unwrap();
        let mut table_rows = Vec::new();
        for r in rows {
            let mut row = Vec::new();
            for (i, c) in cols.iter().enumerate() {
                let v: Option<String> = r.try_get("", &format!("c{i}")).unwrap();
                row.push(blank(&t, c, v.unwrap_or_else(|| "NULL".into())));
            }
            table_rows.push(row);
        }
        out.push((t, table_rows));
    }
    out
}

/// Blanks what differs between any two runs: wall-clock times, the audit chain's hashes (they
/// cover the times), password hashes and session secrets (random salts).
fn blank(table: &str, column: &str, value: String) -> String {
    let timeish = [
        "at",
        "created_at",
        "updated_at",
        "opened_at",
        "closed_at",
        "locked_at",
        "saved_at",
        "finalised_at",
        "expires_at",
        "last_seen_at",
        "revoked_at",
        "exported_at",
        "added_at",
        "submitted_at",
        "read_at",
    ];
    if timeish.contains(&column)
        || column == "hash"
        || (table == "users" && column == "password_hash")
        || table == "sessions"
        || table == "seaql_migrations"
    {
        "·".into()
    } else {
        blank_times(&value)
    }
}

/// Replaces every RFC 3339 time inside a text ("2025-01-14T08:30:00.123456Z", as audit snapshots
/// of records carry them) by "·". Dates alone (no "T") are kept: they are data, the same each run.
fn blank_times(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    let digits =
        |from: usize, n: usize| (from..from + n).all(|k| b.get(k).is_some_and(u8::is_ascii_digit));
    while i < b.len() {
        if digits(i, 4)
            && b.get(i + 4) == Some(&b'-')
            && digits(i + 5, 2)
            && b.get(i + 7) == Some(&b'-')
            && digits(i + 8, 2)
            && matches!(b.get(i + 10), Some(b'T') | Some(b' '))
            && digits(i + 11, 2)
            && b.get(i + 13) == Some(&b':')
        {
            let mut j = i + 11;
            while j < b.len()
                && (b[j].is_ascii_digit() || matches!(b[j], b':' | b'.' | b'Z' | b'+' | b'-'))
            {
                j += 1;
            }
            out.push('·');
            i = j;
        } else {
            let ch = s[i..].chars().next().unwrap_or(' ');
            out.push(ch);
            i += ch.len_utf8();
        }
    }
    out
}

/// Blanks the times of log lines (timestamps at the start, elapsed durations).
fn blank_log(log: &str) -> Vec<String> {
    log.lines()
        .map(|l| {
            let mut out = String::new();
            // tracing-subscriber's line starts with an RFC 3339 time, then the level.
            let rest = l.split_once(' ').map(|(_, r)| r.trim_start()).unwrap_or(l);
            let mut chars = rest.chars().peekable();
            while let Some(c) = chars.next() {
                out.push(c);
                if out.ends_with("elapsed=") || out.ends_with("elapsed_secs=") {
                    while chars.peek().is_some_and(|c| !c.is_whitespace()) {
                        chars.next();
                    }
                    out.push('·');
                }
            }
            blank_hex(&blank_times(&out))
        })
        .collect()
}

/// Replaces runs of 64 hex digits (the audit chain's hashes, which cover the times) by "·".
fn blank_hex(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut run = String::new();
    for c in s.chars() {
        if c.is_ascii_hexdigit() {
            run.push(c);
            continue;
        }
        out.push_str(if run.len() == 64 { "·" } else { &run });
        run.clear();
        out.push(c);
    }
    out.push_str(if run.len() == 64 { "·" } else { &run });
    out
}

struct Run {
    dump: Vec<(String, Vec<Vec<String>>)>,
    logs: Vec<Vec<String>>,
    tally: Vec<(u32, u32, u32)>,
}

async fn run(capture: &Capture, swap: bool) -> Run {
    let w = world().await;
    let s = w.store();
    let round = round_2024(&w).await;
    let a = accepted(&w, &round, w.people[0], "chien_si_thi_dua_co_so").await;
    let b = accepted(&w, &round, w.people[1], "lao_dong_tien_tien").await;
    let meeting = s
        .create_meeting(
            &actor(),
            w.council,
            round.round.id,
            d(2025, 1, 14),
            "Phòng họp 1",
        )
        .await
        .unwrap();
    let ballot = s.open_ballot(&actor(), meeting.meeting.id).await.unwrap();
    assert!(ballot.secret);
    // World B swaps the papers of hoidong1 and hoidong2: same order of voters, same totals.
    let mut papers = [
        vec![(a, Choice::Yes), (b, Choice::Yes)],
        vec![(a, Choice::No), (b, Choice::Abstain)],
        vec![(a, Choice::Yes), (b, Choice::Yes)],
    ];
    if swap {
        papers.swap(0, 1);
    }
    let mut logs = Vec::new();
    capture.take();
    for (i, paper) in papers.iter().enumerate() {
        s.cast_vote(
            &as_user(&format!("hoidong{}", i + 1)),
            ballot.id,
            w.members[i],
            paper,
        )
        .await
        .unwrap();
        logs.push(blank_log(&capture.take()));
    }
    let dump = dump(&w).await;
    s.close_ballot(&actor(), ballot.id).await.unwrap();
    let view = s
        .ballot_view(ballot.id, Some(w.members[0]))
        .await
        .unwrap()
        .unwrap();
    let tally = view
        .items
        .iter()
        .map(|i| {
            let t = i.tally.unwrap();
            (t.yes, t.no, t.abstain)
        })
        .collect();
    Run { dump, logs, tally }
}

#[tokio::test]
async fn nothing_links_a_voter_to_a_vote() {
    let capture = Capture::default();
    let writer = capture.clone();
    tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .try_init()
        .ok();

    let a = run(&capture, false).await;
    let b = run(&capture, true).await;
    // The worlds differ in who voted what, not in the totals.
    assert_eq!(a.tally, b.tally);
    assert_eq!(a.tally, vec![(2, 1, 0), (2, 0, 1)]);

    // 1. The databases are the same, table by table, row by row.
    assert_eq!(a.dump.len(), b.dump.len());
    for ((ta, ra), (tb, rb)) in a.dump.iter().zip(&b.dump) {
        assert_eq!(ta, tb);
        assert_eq!(ra.len(), rb.len(), "table {ta}: row counts differ");
        for (x, y) in ra.iter().zip(rb) {
            assert_eq!(
                x, y,
                "table {ta} differs between two ballots that differ only in who voted what"
            );
        }
    }
    // 2. The logs of each vote are the same, and they did capture the statements.
    for (i, (la, lb)) in a.logs.iter().zip(&b.logs).enumerate() {
        assert_eq!(
            la.len(),
            lb.len(),
            "the logs of vote {} differ in length",
            i + 1
        );
        for (x, y) in la.iter().zip(lb) {
            assert_eq!(x, y, "the logs of vote {} differ", i + 1);
        }
    }
    assert!(
        a.logs
            .iter()
            .all(|l| l.iter().any(|line| line.contains("ballot_tallies"))),
        "the capture must see the statements, or it proves nothing: {:?}",
        a.logs
    );
    for l in a.logs.iter().flatten() {
        for word in ["\"yes\"", "\"no\"", "abstain\"", "Đồng ý", "Không đồng ý"] {
            assert!(!l.contains(word), "a log line names a choice: {l}");
        }
    }
    // 3. The tables themselves: the voters are only in ballot_voters (and the accounts' tables); the
    // audit entries of the votes carry nothing but the voter and the ballot.
    for (t, rows) in &a.dump {
        if t == "ballot_tallies" {
            // The ballot, the item, three counters, the eligible count, the outcome (not yet set):
            // no id of its own, no time, no voter.
            assert_eq!(rows.len(), 2);
            assert_eq!(rows[0].len(), 8);
        }
        if t == "ballot_voters" {
            assert_eq!(rows.len(), 3);
            assert_eq!(
                rows[0].len(),
                2,
                "ballot_voters holds the ballot and the account only"
            );
        }
        if t == "open_votes" {
            assert!(rows.is_empty(), "a secret ballot keeps no per-member vote");
        }
        if t == "audit_log" {
            let votes: Vec<&Vec<String>> = rows
                .iter()
                .filter(|r| r.contains(&"vote".to_string()))
                .collect();
            assert_eq!(votes.len(), 3);
            for r in votes {
                // before and after are empty: the entry says "X voted in ballot B".
                assert!(
                    r.iter().filter(|c| c.as_str() == "NULL").count() >= 3,
                    "{r:?}"
                );
                assert!(
                    !r.iter().any(|c| c.contains("yes") || c.contains("abstain")),
                    "{r:?}"
                );
            }
        }
    }
}
