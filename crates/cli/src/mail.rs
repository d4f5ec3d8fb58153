//! Reminders by e-mail: each unit gets one digest a day listing every notification not yet mailed
//! (a new directive, a reminder), never one mail per item. Sent through SMTP when configured
//! (`--smtp smtp://user:pass@host:587?tls=required` for STARTTLS, `smtps://` for TLS from the start, plain
//! `smtp://host:25` only inside a trusted network; or `THIDUA_SMTP_URL`); without
//! it, the notifications stay in the application only.

use anyhow::{anyhow, Result};
use chrono::NaiveDate;
use lettre::message::{header::ContentType, Mailbox};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use thidua_domain::format::date_vn;
use thidua_store::movements::Digest;
use thidua_store::Store;

/// Where and how mail goes.
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    /// The address of the server's pages, for links in the mail ("https://thidua.laocai.gov.vn").
    base_url: String,
}

/// What a mail run did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct MailRun {
    pub sent: usize,
    pub without_address: usize,
    pub failed: usize,
}

impl Mailer {
    pub fn new(smtp_url: &str, from: &str, base_url: &str) -> Result<Mailer> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(smtp_url)
            .map_err(|e| anyhow!("Địa chỉ máy chủ thư (SMTP) không hợp lệ: {e}"))?
            .build();
        let from: Mailbox = from
            .parse()
            .map_err(|e| anyhow!("Địa chỉ gửi thư không hợp lệ '{from}': {e}"))?;
        Ok(Mailer {
            transport,
            from,
            base_url: base_url.trim_end_matches('/').to_owned(),
        })
    }

    /// Mails the day's digests: one mail per unit to its officers' addresses. Each digest is claimed
    /// first, so that of several server processes only one sends it; a failed send gives it back.
    pub async fn send_digests(&self, store: &Store, day: NaiveDate) -> Result<MailRun> {
        let mut run = MailRun::default();
        for digest in store.digests(day).await.map_err(|e| anyhow!("{e}"))? {
            if digest.emails.is_empty() {
                run.without_address += 1;
                continue;
            }
            let ids: Vec<i64> = digest.items.iter().map(|n| n.id).collect();
            if store
                .claim_for_mail(&ids)
                .await
                .map_err(|e| anyhow!("{e}"))?
                == 0
            {
                continue;
            }
            match self.send(&digest, day).await {
                Ok(()) => run.sent += 1,
                Err(e) => {
                    tracing::warn!(unit = digest.unit_id, "digest not sent: {e}");
                    store.release_mail(&ids).await.map_err(|e| anyhow!("{e}"))?;
                    run.failed += 1;
                }
            }
        }
        Ok(run)
    }

    async fn send(&self, digest: &Digest, day: NaiveDate) -> Result<()> {
        let mut builder = Message::builder().from(self.from.clone()).subject(format!(
            "[thidua] Việc cần làm ngày {} – {}",
            date_vn(day),
            digest.unit_name
        ));
        for to in &digest.emails {
            builder = builder.to(to
                .parse()
                .map_err(|e| anyhow!("địa chỉ thư '{to}' không hợp lệ: {e}"))?);
        }
        let message = builder.header(ContentType::TEXT_PLAIN).body(digest_text(
            digest,
            day,
            &self.base_url,
        ))?;
        self.transport.send(message).await?;
        Ok(())
    }
}

/// The text of one unit's digest.
pub fn digest_text(digest: &Digest, day: NaiveDate, base_url: &str) -> String {
    let mut out = format!(
        "Kính gửi cán bộ thi đua, khen thưởng của {}.\n\nNgày {}, đơn vị có {} việc cần theo dõi:\n\n",
        digest.unit_name,
        date_vn(day),
        digest.items.len()
    );
    for (i, n) in digest.items.iter().enumerate() {
        out.push_str(&format!(
            "{}. {}\n   {}{}\n",
            i + 1,
            n.message,
            base_url,
            n.link
        ));
    }
    out.push_str("\nThư này do thidua gửi tự động, mỗi ngày một thư cho mỗi đơn vị.\n");
    out
}
