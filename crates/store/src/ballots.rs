//! Commendation councils (Hội đồng Thi đua – Khen thưởng): members and voting rules per title,
//! meetings with an agenda built from accepted nominations and automatic recusal of members who are
//! nominees, and ballots.
//!
//! A **secret ballot** keeps two things and nothing else: who has voted (`ballot_voters`: the ballot
//! and the account, no id of its own, no time) and the counters of each item (`ballot_tallies`,
//! updated in place by one statement whose text is the same whatever the choice; the choice travels
//! only as bound values). The audit entry of a vote says only that the actor voted in the ballot.
//! Nothing here logs a vote. Every refusal (a closed ballot, a second vote, a recused member, a
//! choice missing or extra) happens before anything is written, in the one write transaction. The
//! counters are shown only once the ballot is closed, and then to every member. See
//! `docs/commendation.md` for what this protects and what it cannot.

use crate::audit::{Actor, Change};
use crate::commendation::{conflict, invalid};
use crate::entity::{
    award_council_members, award_council_rules, award_councils, award_rounds, ballot_tallies,
    ballot_voters, ballots, council_meetings, meeting_items, meeting_recusals, nominations,
    open_votes, units, users,
};
use crate::initiatives::NewMember;
use crate::{Result, Store, StoreError};
use chrono::{NaiveDate, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, PaginatorTrait,
    QueryFilter, QueryOrder, Set,
};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use thidua_domain::commendation::{
    decide, ApprovalBase, Choice, Fraction, NominationStatus, NominationStep, Tally, VotingRule,
};
use thidua_domain::text;
use thidua_domain::validation::Invalid;
use tracing::instrument::WithSubscriber;

/// A commendation council as entered.
#[derive(Debug, Clone)]
pub struct NewAwardCouncil {
    pub name: String,
    pub unit_id: i64,
    pub members: Vec<NewMember>,
    /// Rules that differ from [`VotingRule::default_for`], per award.
    pub rules: Vec<(String, VotingRule)>,
}

/// A council with its members and its own rules.
#[derive(Debug, Clone, Serialize)]
pub struct AwardCouncilDetail {
    pub council: award_councils::Model,
    pub members: Vec<award_council_members::Model>,
    pub rules: Vec<award_council_rules::Model>,
}

/// A meeting with its agenda, members, recusals and ballots.
#[derive(Debug, Clone, Serialize)]
pub struct MeetingDetail {
    pub meeting: council_meetings::Model,
    pub council_name: String,
    pub items: Vec<crate::commendation::NominationRow>,
    pub members: Vec<award_council_members::Model>,
    pub recusals: Vec<meeting_recusals::Model>,
    pub ballots: Vec<ballots::Model>,
}

/// An item of a ballot as a viewer sees it.
#[derive(Debug, Clone, Serialize)]
pub struct BallotItem {
    pub nomination_id: i64,
    pub subject_name: String,
    pub award: String,
    pub award_name: String,
    /// Members who may vote on it.
    pub eligible: i32,
    /// The counters: only once the ballot is closed.
    pub tally: Option<Tally>,
    pub passed: Option<bool>,
    pub outcome: Option<String>,
    /// The viewer is recused from this item.
    pub recused: bool,
}

/// A ballot as a viewer sees it.
#[derive(Debug, Clone, Serialize)]
pub struct BallotView {
    pub ballot: ballots::Model,
    pub items: Vec<BallotItem>,
    /// How many have voted (who, by name, is in `voter_names`).
    pub voters: u64,
    pub voter_names: Vec<String>,
    /// The viewer is a member of the council.
    pub member: bool,
    /// The viewer has voted.
    pub voted: bool,
}

fn rule_of(row: &award_council_rules::Model) -> VotingRule {
    VotingRule {
        quorum: Fraction::new(row.quorum_num.max(0) as u32, row.quorum_den.max(0) as u32),
        approval: Fraction::new(
            row.approval_num.max(0) as u32,
            row.approval_den.max(0) as u32,
        ),
        base: ApprovalBase::from_code(&row.base).unwrap_or(ApprovalBase::Present),
        secret: row.secret,
    }
}

/// The member row of an account in a council: by account id, or by username.
fn member_of<'m>(
    members: &'m [award_council_members::Model],
    user: &users::Model,
) -> Option<&'m award_council_members::Model> {
    members.iter().find(|m| {
        m.user_id == Some(user.id) || m.username.as_deref() == Some(user.username.as_str())
    })
}

impl Store {
    /// Creates a commendation council with its members and its own rules.
    pub async fn create_award_council(
        &self,
        actor: &Actor,
        c: NewAwardCouncil,
    ) -> Result<AwardCouncilDetail> {
        let mut e = Invalid::new();
        let name = text::clean(&c.name);
        if name.is_empty() {
            e.add("name", "Tên hội đồng không được để trống");
        }
        if c.members.is_empty() {
            e.add("members", "Hội đồng phải có ít nhất một thành viên");
        }
        for (i, m) in c.members.iter().enumerate() {
            if m.user_id.is_none() && m.username.is_none() {
                e.add(
                    &format!("members[{i}]"),
                    "Thành viên phải gắn với một tài khoản",
                );
            }
        }
        let tables = self.rule_tables().await?;
        for (i, (award, rule)) in c.rules.iter().enumerate() {
            if tables.item(award).is_none() {
                e.add(
                    &format!("rules[{i}].award"),
                    format!("Danh hiệu không có trong danh mục: \"{award}\""),
                );
            }
            if let Err(x) = rule.validate() {
                for (k, v) in x.fields {
                    e.add(&format!("rules[{i}].{k}"), v);
                }
            }
        }
        if !e.is_empty() {
            return Err(e.into());
        }
        let txn = self.write_txn().await?;
        if units::Entity::find_by_id(c.unit_id)
            .one(&txn)
            .await?
            .is_none()
        {
            return Err(invalid("unit_id", "Không có đơn vị này"));
        }
        let council = award_councils::ActiveModel {
            name: Set(name),
            unit_id: Set(c.unit_id),
            created_at: Set(Utc::now()),
            created_by: Set(actor.name.clone()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        for (i, m) in c.members.iter().enumerate() {
            award_council_members::ActiveModel {
                council_id: Set(council.id),
                position: Set(i as i32 + 1),
                user_id: Set(m.user_id),
                username: Set(m.username.clone()),
                person_id: Set(m.person_id),
                name: Set(text::clean(&m.name)),
                role: Set(m.role.clone()),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
        }
        for (award, rule) in &c.rules {
            Self::write_rule(&txn, council.id, award, rule).await?;
        }
        let detail = Self::council_in(&txn, council.id).await?;
        self.record_audit(
            &txn,
            actor,
            Change::created("award_council", council.id, Some(c.unit_id), &detail),
        )
        .await?;
        txn.commit().await?;
        Ok(detail)
    }

    async fn write_rule<C: ConnectionTrait>(
        conn: &C,
        council_id: i64,
        award: &str,
        rule: &VotingRule,
    ) -> Result<()> {
        award_council_rules::Entity::delete_many()
            .filter(award_council_rules::Column::CouncilId.eq(council_id))
            .filter(award_council_rules::Column::Award.eq(award))
            .exec(conn)
            .await?;
        award_council_rules::ActiveModel {
            council_id: Set(council_id),
            award: Set(award.to_owned()),
            quorum_num: Set(rule.quorum.num as i32),
            quorum_den: Set(rule.quorum.den as i32),
            approval_num: Set(rule.approval.num as i32),
            approval_den: Set(rule.approval.den as i32),
            base: Set(rule.base.code().into()),
            secret: Set(rule.secret),
            ..Default::default()
        }
        .insert(conn)
        .await?;
        Ok(())
    }

    /// Sets a council's rule for one award (quorum, threshold, base, secret ballot).
    pub async fn set_council_rule(
        &self,
        actor: &Actor,
        council_id: i64,
        award: &str,
        rule: VotingRule,
    ) -> Result<()> {
        rule.validate()?;
        if self.rule_tables().await?.item(award).is_none() {
            return Err(invalid(
                "award",
                format!("Danh hiệu không có trong danh mục: \"{award}\""),
            ));
        }
        let txn = self.write_txn().await?;
        let before = Self::council_in(&txn, council_id).await?;
        Self::write_rule(&txn, council_id, award, &rule).await?;
        let after = Self::council_in(&txn, council_id).await?;
        self.record_audit(
            &txn,
            actor,
            Change::updated(
                "award_council",
                council_id,
                None,
                &before.rules,
                &after.rules,
            ),
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    async fn council_in<C: ConnectionTrait>(conn: &C, id: i64) -> Result<AwardCouncilDetail> {
        let council = award_councils::Entity::find_by_id(id)
            .one(conn)
            .await?
            .ok_or(StoreError::NotFound("hội đồng"))?;
        Ok(AwardCouncilDetail {
            members: award_council_members::Entity::find()
                .filter(award_council_members::Column::CouncilId.eq(id))
                .order_by_asc(award_council_members::Column::Position)
                .all(conn)
                .await?,
            rules: award_council_rules::Entity::find()
                .filter(award_council_rules::Column::CouncilId.eq(id))
                .order_by_asc(award_council_rules::Column::Award)
                .all(conn)
                .await?,
            council,
        })
    }

    /// One council.
    pub async fn award_council(&self, id: i64) -> Result<Option<AwardCouncilDetail>> {
        match Self::council_in(&self.db, id).await {
            Ok(c) => Ok(Some(c)),
            Err(StoreError::NotFound(_)) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Every council.
    pub async fn award_councils(&self) -> Result<Vec<award_councils::Model>> {
        Ok(award_councils::Entity::find()
            .order_by_asc(award_councils::Column::Id)
            .all(&self.db)
            .await?)
    }

    /// The rule a council applies to an award: its own, or the default.
    pub async fn council_rule(&self, council_id: i64, award: &str) -> Result<VotingRule> {
        Self::rule_in(&self.db, council_id, award).await
    }

    async fn rule_in<C: ConnectionTrait>(
        conn: &C,
        council_id: i64,
        award: &str,
    ) -> Result<VotingRule> {
        Ok(award_council_rules::Entity::find()
            .filter(award_council_rules::Column::CouncilId.eq(council_id))
            .filter(award_council_rules::Column::Award.eq(award))
            .one(conn)
            .await?
            .map(|r| rule_of(&r))
            .unwrap_or_else(|| VotingRule::default_for(award)))
    }

    /// The person an account of a member stands for (for recusal): the member's own person, or the
    /// account's.
    async fn member_people<C: ConnectionTrait>(
        conn: &C,
        members: &[award_council_members::Model],
    ) -> Result<HashMap<i64, i64>> {
        let mut out = HashMap::new();
        for m in members {
            let person = match m.person_id {
                Some(p) => Some(p),
                None => {
                    let user = match (m.user_id, &m.username) {
                        (Some(u), _) => users::Entity::find_by_id(u).one(conn).await?,
                        (None, Some(name)) => {
                            users::Entity::find()
                                .filter(users::Column::Username.eq(name.clone()))
                                .one(conn)
                                .await?
                        }
                        _ => None,
                    };
                    user.and_then(|u| u.person_id)
                }
            };
            if let Some(p) = person {
                out.insert(m.id, p);
            }
        }
        Ok(out)
    }

    /// Creates a meeting of a council on a round, with the round's accepted nominations as its
    /// agenda; a member who is a nominee is recused from that item automatically.
    pub async fn create_meeting(
        &self,
        actor: &Actor,
        council_id: i64,
        round_id: i64,
        held_on: NaiveDate,
        place: &str,
    ) -> Result<MeetingDetail> {
        let txn = self.write_txn().await?;
        let council = Self::council_in(&txn, council_id).await?;
        if award_rounds::Entity::find_by_id(round_id)
            .one(&txn)
            .await?
            .is_none()
        {
            return Err(invalid("round_id", "Không có đợt xét này"));
        }
        let agenda = nominations::Entity::find()
            .filter(nominations::Column::RoundId.eq(round_id))
            .filter(nominations::Column::Status.eq(NominationStatus::Accepted.code()))
            .order_by_asc(nominations::Column::Id)
            .all(&txn)
            .await?;
        if agenda.is_empty() {
            return Err(invalid(
                "round_id",
                "Đợt xét chưa có đề nghị nào được tiếp nhận để đưa ra hội đồng",
            ));
        }
        let meeting = council_meetings::ActiveModel {
            council_id: Set(council_id),
            round_id: Set(round_id),
            held_on: Set(held_on),
            place: Set(text::clean(place)),
            status: Set("open".into()),
            created_at: Set(Utc::now()),
            created_by: Set(actor.name.clone()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        let people = Self::member_people(&txn, &council.members).await?;
        for (i, n) in agenda.iter().enumerate() {
            meeting_items::ActiveModel {
                meeting_id: Set(meeting.id),
                position: Set(i as i32 + 1),
                nomination_id: Set(n.id),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
            for m in &council.members {
                if n.person_id.is_some() && people.get(&m.id).copied() == n.person_id {
                    meeting_recusals::ActiveModel {
                        meeting_id: Set(meeting.id),
                        member_id: Set(m.id),
                        nomination_id: Set(n.id),
                        reason: Set("Thành viên là người được đề nghị".into()),
                        ..Default::default()
                    }
                    .insert(&txn)
                    .await?;
                }
            }
        }
        self.record_audit(
            &txn,
            actor,
            Change::created("council_meeting", meeting.id, None, &meeting),
        )
        .await?;
        txn.commit().await?;
        self.meeting(meeting.id)
            .await?
            .ok_or(StoreError::NotFound("phiên họp"))
    }

    /// Records that a member does not vote on an item (declared conflict of interest). Refused while
    /// a ballot of the meeting is open.
    pub async fn recuse(
        &self,
        actor: &Actor,
        meeting_id: i64,
        member_id: i64,
        nomination_id: i64,
        reason: &str,
    ) -> Result<()> {
        let reason = text::clean(reason);
        if reason.is_empty() {
            return Err(invalid(
                "reason",
                "Nêu lý do thành viên không tham gia biểu quyết",
            ));
        }
        if reason.chars().count() > 300 {
            return Err(invalid("reason", "Lý do dài quá 300 ký tự"));
        }
        let txn = self.write_txn().await?;
        let meeting = council_meetings::Entity::find_by_id(meeting_id)
            .one(&txn)
            .await?
            .ok_or(StoreError::NotFound("phiên họp"))?;
        if ballots::Entity::find()
            .filter(ballots::Column::MeetingId.eq(meeting_id))
            .filter(ballots::Column::Status.eq("open"))
            .count(&txn)
            .await?
            > 0
        {
            return Err(conflict(
                "member_id",
                "Đang bỏ phiếu; không đổi người biểu quyết được",
            ));
        }
        let member = award_council_members::Entity::find_by_id(member_id)
            .one(&txn)
            .await?
            .filter(|m| m.council_id == meeting.council_id)
            .ok_or_else(|| invalid("member_id", "Không phải thành viên của hội đồng này"))?;
        if meeting_items::Entity::find()
            .filter(meeting_items::Column::MeetingId.eq(meeting_id))
            .filter(meeting_items::Column::NominationId.eq(nomination_id))
            .one(&txn)
            .await?
            .is_none()
        {
            return Err(invalid(
                "nomination_id",
                "Đề nghị không có trong chương trình phiên họp",
            ));
        }
        if meeting_recusals::Entity::find()
            .filter(meeting_recusals::Column::MeetingId.eq(meeting_id))
            .filter(meeting_recusals::Column::MemberId.eq(member.id))
            .filter(meeting_recusals::Column::NominationId.eq(nomination_id))
            .count(&txn)
            .await?
            > 0
        {
            return Err(conflict(
                "member_id",
                format!(
                    "{} đã không biểu quyết đề nghị này (đã ghi trước đó)",
                    member.name
                ),
            ));
        }
        let row = meeting_recusals::ActiveModel {
            meeting_id: Set(meeting_id),
            member_id: Set(member.id),
            nomination_id: Set(nomination_id),
            reason: Set(reason),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        self.record_audit(
            &txn,
            actor,
            Change::created("meeting_recusal", row.id, None, &row),
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    /// One meeting.
    pub async fn meeting(&self, id: i64) -> Result<Option<MeetingDetail>> {
        let Some(meeting) = council_meetings::Entity::find_by_id(id)
            .one(&self.db)
            .await?
        else {
            return Ok(None);
        };
        let council = Self::council_in(&self.db, meeting.council_id).await?;
        let item_ids: Vec<i64> = meeting_items::Entity::find()
            .filter(meeting_items::Column::MeetingId.eq(id))
            .order_by_asc(meeting_items::Column::Position)
            .all(&self.db)
            .await?
            .into_iter()
            .map(|i| i.nomination_id)
            .collect();
        let mut noms: HashMap<i64, nominations::Model> = nominations::Entity::find()
            .filter(nominations::Column::Id.is_in(item_ids.clone()))
            .all(&self.db)
            .await?
            .into_iter()
            .map(|n| (n.id, n))
            .collect();
        let ordered: Vec<nominations::Model> =
            item_ids.iter().filter_map(|i| noms.remove(i)).collect();
        Ok(Some(MeetingDetail {
            items: self.nomination_rows(ordered).await?,
            recusals: meeting_recusals::Entity::find()
                .filter(meeting_recusals::Column::MeetingId.eq(id))
                .order_by_asc(meeting_recusals::Column::Id)
                .all(&self.db)
                .await?,
            ballots: ballots::Entity::find()
                .filter(ballots::Column::MeetingId.eq(id))
                .order_by_asc(ballots::Column::Id)
                .all(&self.db)
                .await?,
            council_name: council.council.name,
            members: council.members,
            meeting,
        }))
    }

    /// Opens a ballot on the meeting's agenda items still waiting for a vote (accepted). It is secret
    /// when the council's rule for any of their awards asks for a secret ballot. Every item's counters
    /// start at zero, with the number of members who may vote on it.
    pub async fn open_ballot(&self, actor: &Actor, meeting_id: i64) -> Result<ballots::Model> {
        let txn = self.write_txn().await?;
        let meeting = council_meetings::Entity::find_by_id(meeting_id)
            .one(&txn)
            .await?
            .ok_or(StoreError::NotFound("phiên họp"))?;
        if ballots::Entity::find()
            .filter(ballots::Column::MeetingId.eq(meeting_id))
            .filter(ballots::Column::Status.eq("open"))
            .count(&txn)
            .await?
            > 0
        {
            return Err(conflict(
                "meeting_id",
                "Phiên họp đang có một lượt bỏ phiếu chưa đóng",
            ));
        }
        let council = Self::council_in(&txn, meeting.council_id).await?;
        let item_ids: Vec<i64> = meeting_items::Entity::find()
            .filter(meeting_items::Column::MeetingId.eq(meeting_id))
            .all(&txn)
            .await?
            .into_iter()
            .map(|i| i.nomination_id)
            .collect();
        let items: Vec<nominations::Model> = nominations::Entity::find()
            .filter(nominations::Column::Id.is_in(item_ids))
            .filter(nominations::Column::Status.eq(NominationStatus::Accepted.code()))
            .order_by_asc(nominations::Column::Id)
            .all(&txn)
            .await?;
        if items.is_empty() {
            return Err(conflict(
                "meeting_id",
                "Không còn đề nghị nào chờ biểu quyết",
            ));
        }
        let recusals = meeting_recusals::Entity::find()
            .filter(meeting_recusals::Column::MeetingId.eq(meeting_id))
            .all(&txn)
            .await?;
        let mut secret = false;
        for n in &items {
            secret |= Self::rule_in(&txn, council.council.id, &n.award)
                .await?
                .secret;
        }
        let ballot = ballots::ActiveModel {
            meeting_id: Set(meeting_id),
            secret: Set(secret),
            status: Set("open".into()),
            opened_at: Set(Utc::now()),
            closed_at: Set(None),
            opened_by: Set(actor.name.clone()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        let members = council.members.len() as i32;
        for n in &items {
            let recused = recusals.iter().filter(|r| r.nomination_id == n.id).count() as i32;
            ballot_tallies::ActiveModel {
                ballot_id: Set(ballot.id),
                nomination_id: Set(n.id),
                yes_count: Set(0),
                no_count: Set(0),
                abstain_count: Set(0),
                eligible: Set(members - recused),
                passed: Set(None),
                outcome: Set(None),
            }
            .insert(&txn)
            .await?;
        }
        self.record_audit(
            &txn,
            actor,
            Change {
                action: "open",
                ..Change::created(
                    "ballot",
                    ballot.id,
                    None,
                    &(&ballot, items.iter().map(|n| n.id).collect::<Vec<_>>()),
                )
            },
        )
        .await?;
        txn.commit().await?;
        Ok(ballot)
    }

    /// Casts one member's ballot paper: a choice for every item they may vote on, at once. Refused,
    /// with nothing written: a ballot that is not open, an account that is not a member, a second
    /// vote, a choice on an item the member is recused from, a missing or unknown item.
    ///
    /// A secret ballot writes exactly: the (ballot, account) pair, one in-place update of the
    /// counters per item (the same statement for every choice), and an audit entry that names the
    /// voter and the ballot only.
    pub async fn cast_vote(
        &self,
        actor: &Actor,
        ballot_id: i64,
        user_id: i64,
        choices: &[(i64, Choice)],
    ) -> Result<()> {
        let txn = self.write_txn().await?;
        let ballot = ballots::Entity::find_by_id(ballot_id)
            .one(&txn)
            .await?
            .ok_or(StoreError::NotFound("lượt bỏ phiếu"))?;
        if ballot.status != "open" {
            return Err(conflict(
                "ballot",
                "Lượt bỏ phiếu đã đóng; không nhận thêm phiếu",
            ));
        }
        let meeting = council_meetings::Entity::find_by_id(ballot.meeting_id)
            .one(&txn)
            .await?
            .ok_or(StoreError::NotFound("phiên họp"))?;
        let user = users::Entity::find_by_id(user_id)
            .one(&txn)
            .await?
            .ok_or(StoreError::NotFound("tài khoản"))?;
        let members = award_council_members::Entity::find()
            .filter(award_council_members::Column::CouncilId.eq(meeting.council_id))
            .all(&txn)
            .await?;
        let Some(member) = member_of(&members, &user) else {
            return Err(invalid(
                "ballot",
                "Tài khoản này không phải thành viên hội đồng",
            ));
        };
        if ballot_voters::Entity::find_by_id((ballot_id, user_id))
            .one(&txn)
            .await?
            .is_some()
        {
            return Err(conflict(
                "ballot",
                "Thành viên đã bỏ phiếu trong lượt này; mỗi người chỉ bỏ một phiếu",
            ));
        }
        let recused: BTreeSet<i64> = meeting_recusals::Entity::find()
            .filter(meeting_recusals::Column::MeetingId.eq(meeting.id))
            .filter(meeting_recusals::Column::MemberId.eq(member.id))
            .all(&txn)
            .await?
            .into_iter()
            .map(|r| r.nomination_id)
            .collect();
        let items: BTreeSet<i64> = ballot_tallies::Entity::find()
            .filter(ballot_tallies::Column::BallotId.eq(ballot_id))
            .all(&txn)
            .await?
            .into_iter()
            .map(|t| t.nomination_id)
            .collect();
        let mut paper: BTreeMap<i64, Choice> = BTreeMap::new();
        for (i, (nomination, choice)) in choices.iter().enumerate() {
            if !items.contains(nomination) {
                return Err(invalid(
                    &format!("choices[{i}].nomination_id"),
                    "Đề nghị này không có trong lượt bỏ phiếu",
                ));
            }
            if recused.contains(nomination) {
                return Err(conflict(
                    &format!("choices[{i}].nomination_id"),
                    "Thành viên không biểu quyết đề nghị này (đã rút vì liên quan)",
                ));
            }
            if paper.insert(*nomination, *choice).is_some() {
                return Err(invalid(
                    &format!("choices[{i}].nomination_id"),
                    "Mỗi đề nghị chỉ có một lựa chọn",
                ));
            }
        }
        let owed: BTreeSet<i64> = items.difference(&recused).copied().collect();
        if owed.is_empty() {
            return Err(conflict(
                "ballot",
                "Thành viên không biểu quyết đề nghị nào của lượt này (đã rút vì liên quan)",
            ));
        }
        if paper.len() != owed.len() {
            return Err(invalid(
                "choices",
                format!(
                    "Phiếu phải có lựa chọn cho đủ {} đề nghị được biểu quyết",
                    owed.len()
                ),
            ));
        }
        ballot_voters::Entity::insert(ballot_voters::ActiveModel {
            ballot_id: Set(ballot_id),
            user_id: Set(user_id),
        })
        .exec_without_returning(&txn)
        .await?;
        // The counters move by bound values that are the choice itself, and the database layer
        // records a statement's values in its trace spans: so these statements run with tracing
        // switched off, whatever the log level (the ballot test checks the logs).
        let secret = ballot.secret;
        let txn_ref = &txn;
        async move {
            for (nomination, choice) in &paper {
                let [yes, no, abstain] = choice.increments();
                ballot_tallies::Entity::update_many()
                    .col_expr(
                        ballot_tallies::Column::YesCount,
                        Expr::col(ballot_tallies::Column::YesCount).add(yes),
                    )
                    .col_expr(
                        ballot_tallies::Column::NoCount,
                        Expr::col(ballot_tallies::Column::NoCount).add(no),
                    )
                    .col_expr(
                        ballot_tallies::Column::AbstainCount,
                        Expr::col(ballot_tallies::Column::AbstainCount).add(abstain),
                    )
                    .filter(ballot_tallies::Column::BallotId.eq(ballot_id))
                    .filter(ballot_tallies::Column::NominationId.eq(*nomination))
                    .exec(txn_ref)
                    .await?;
                if !secret {
                    open_votes::ActiveModel {
                        ballot_id: Set(ballot_id),
                        nomination_id: Set(*nomination),
                        user_id: Set(user_id),
                        choice: Set(choice.code().into()),
                        ..Default::default()
                    }
                    .insert(txn_ref)
                    .await?;
                }
            }
            Ok::<(), StoreError>(())
        }
        .with_subscriber(tracing::subscriber::NoSubscriber::default())
        .await?;
        self.record_audit(
            &txn,
            actor,
            Change {
                action: "vote",
                entity: "ballot",
                entity_id: Some(ballot_id),
                unit_id: None,
                before: None,
                after: None,
            },
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    /// Closes a ballot: each item's outcome by the council's rule for its award; accepted
    /// nominations become passed or failed, with the outcome in their history.
    pub async fn close_ballot(&self, actor: &Actor, ballot_id: i64) -> Result<()> {
        let txn = self.write_txn().await?;
        let before = ballots::Entity::find_by_id(ballot_id)
            .one(&txn)
            .await?
            .ok_or(StoreError::NotFound("lượt bỏ phiếu"))?;
        if before.status != "open" {
            return Err(conflict("ballot", "Lượt bỏ phiếu đã đóng"));
        }
        let meeting = council_meetings::Entity::find_by_id(before.meeting_id)
            .one(&txn)
            .await?
            .ok_or(StoreError::NotFound("phiên họp"))?;
        let tallies = ballot_tallies::Entity::find()
            .filter(ballot_tallies::Column::BallotId.eq(ballot_id))
            .order_by_asc(ballot_tallies::Column::NominationId)
            .all(&txn)
            .await?;
        let mut results = Vec::new();
        for t in tallies {
            let n = nominations::Entity::find_by_id(t.nomination_id)
                .one(&txn)
                .await?
                .ok_or(StoreError::NotFound("đề nghị"))?;
            let rule = Self::rule_in(&txn, meeting.council_id, &n.award).await?;
            let tally = Tally {
                yes: t.yes_count.max(0) as u32,
                no: t.no_count.max(0) as u32,
                abstain: t.abstain_count.max(0) as u32,
            };
            let outcome = decide(&rule, t.eligible.max(0) as u32, tally);
            let mut am = t.clone().into_active_model();
            am.passed = Set(Some(outcome.passed));
            am.outcome = Set(Some(outcome.text.clone()));
            am.update(&txn).await?;
            if let Some(from) = NominationStatus::from_code(&n.status) {
                let step = if outcome.passed {
                    NominationStep::Pass
                } else {
                    NominationStep::Fail
                };
                if let Ok(to) = from.after(step, "") {
                    let mut nm = n.clone().into_active_model();
                    nm.status = Set(to.code().into());
                    nm.updated_at = Set(Utc::now());
                    nm.version = Set(n.version + 1);
                    nm.update(&txn).await?;
                    Self::write_history(&txn, actor, n.id, Some(from), to, &outcome.text).await?;
                }
            }
            results.push((t.nomination_id, tally, outcome));
        }
        let mut am = before.clone().into_active_model();
        am.status = Set("closed".into());
        am.closed_at = Set(Some(Utc::now()));
        let after = am.update(&txn).await?;
        self.record_audit(
            &txn,
            actor,
            Change {
                action: "close",
                ..Change::updated("ballot", ballot_id, None, &before, &(&after, &results))
            },
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    /// A ballot as the account `user_id` sees it: the items, whether they have voted, how many have;
    /// the counters and outcomes only once it is closed.
    pub async fn ballot_view(
        &self,
        ballot_id: i64,
        user_id: Option<i64>,
    ) -> Result<Option<BallotView>> {
        let Some(ballot) = ballots::Entity::find_by_id(ballot_id).one(&self.db).await? else {
            return Ok(None);
        };
        let meeting = council_meetings::Entity::find_by_id(ballot.meeting_id)
            .one(&self.db)
            .await?
            .ok_or(StoreError::NotFound("phiên họp"))?;
        let members = award_council_members::Entity::find()
            .filter(award_council_members::Column::CouncilId.eq(meeting.council_id))
            .all(&self.db)
            .await?;
        let user = match user_id {
            Some(u) => users::Entity::find_by_id(u).one(&self.db).await?,
            None => None,
        };
        let me = user.as_ref().and_then(|u| member_of(&members, u));
        let recused: BTreeSet<i64> = match me {
            Some(m) => meeting_recusals::Entity::find()
                .filter(meeting_recusals::Column::MeetingId.eq(meeting.id))
                .filter(meeting_recusals::Column::MemberId.eq(m.id))
                .all(&self.db)
                .await?
                .into_iter()
                .map(|r| r.nomination_id)
                .collect(),
            None => BTreeSet::new(),
        };
        let voters = ballot_voters::Entity::find()
            .filter(ballot_voters::Column::BallotId.eq(ballot_id))
            .all(&self.db)
            .await?;
        let voter_ids: Vec<i64> = voters.iter().map(|v| v.user_id).collect();
        let mut voter_names: Vec<String> = users::Entity::find()
            .filter(users::Column::Id.is_in(voter_ids.clone()))
            .all(&self.db)
            .await?
            .into_iter()
            .map(|u| u.display_name)
            .collect();
        voter_names.sort();
        let tallies = ballot_tallies::Entity::find()
            .filter(ballot_tallies::Column::BallotId.eq(ballot_id))
            .order_by_asc(ballot_tallies::Column::NominationId)
            .all(&self.db)
            .await?;
        let noms = nominations::Entity::find()
            .filter(
                nominations::Column::Id
                    .is_in(tallies.iter().map(|t| t.nomination_id).collect::<Vec<_>>()),
            )
            .order_by_asc(nominations::Column::Id)
            .all(&self.db)
            .await?;
        let rows: HashMap<i64, crate::commendation::NominationRow> = self
            .nomination_rows(noms)
            .await?
            .into_iter()
            .map(|r| (r.nomination.id, r))
            .collect();
        let closed = ballot.status == "closed";
        let items = tallies
            .into_iter()
            .map(|t| {
                let row = rows.get(&t.nomination_id);
                BallotItem {
                    nomination_id: t.nomination_id,
                    subject_name: row.map(|r| r.subject_name.clone()).unwrap_or_default(),
                    award: row.map(|r| r.nomination.award.clone()).unwrap_or_default(),
                    award_name: row.map(|r| r.award_name.clone()).unwrap_or_default(),
                    eligible: t.eligible,
                    tally: closed.then_some(Tally {
                        yes: t.yes_count.max(0) as u32,
                        no: t.no_count.max(0) as u32,
                        abstain: t.abstain_count.max(0) as u32,
                    }),
                    passed: if closed { t.passed } else { None },
                    outcome: if closed { t.outcome } else { None },
                    recused: recused.contains(&t.nomination_id),
                }
            })
            .collect();
        Ok(Some(BallotView {
            voted: user_id.is_some_and(|u| voter_ids.contains(&u)),
            member: me.is_some(),
            voters: voter_ids.len() as u64,
            voter_names,
            items,
            ballot,
        }))
    }

    /// The meetings of a council (every council: `None`), newest first.
    pub async fn award_meetings(
        &self,
        council_id: Option<i64>,
    ) -> Result<Vec<council_meetings::Model>> {
        let mut q = council_meetings::Entity::find();
        if let Some(c) = council_id {
            q = q.filter(council_meetings::Column::CouncilId.eq(c));
        }
        Ok(q.order_by_desc(council_meetings::Column::HeldOn)
            .order_by_desc(council_meetings::Column::Id)
            .all(&self.db)
            .await?)
    }

    /// The open ballots whose council the account belongs to (a member's "to vote" list).
    pub async fn open_ballots_for(&self, user_id: i64) -> Result<Vec<ballots::Model>> {
        let Some(user) = users::Entity::find_by_id(user_id).one(&self.db).await? else {
            return Ok(Vec::new());
        };
        let councils: BTreeSet<i64> = award_council_members::Entity::find()
            .all(&self.db)
            .await?
            .into_iter()
            .filter(|m| {
                m.user_id == Some(user.id) || m.username.as_deref() == Some(user.username.as_str())
            })
            .map(|m| m.council_id)
            .collect();
        let meetings: Vec<i64> = council_meetings::Entity::find()
            .filter(council_meetings::Column::CouncilId.is_in(councils))
            .all(&self.db)
            .await?
            .into_iter()
            .map(|m| m.id)
            .collect();
        Ok(ballots::Entity::find()
            .filter(ballots::Column::MeetingId.is_in(meetings))
            .filter(ballots::Column::Status.eq("open"))
            .order_by_asc(ballots::Column::Id)
            .all(&self.db)
            .await?)
    }
}

impl Store {
    /// Enters the counters of a ballot held on paper in the meeting (the secretary counts the papers
    /// and enters the result): only while it is open and before anyone voted online, each item's
    /// counters within the members who may vote on it. Then [`Store::close_ballot`] decides.
    pub async fn record_paper_tally(
        &self,
        actor: &Actor,
        ballot_id: i64,
        counts: &[(i64, Tally)],
    ) -> Result<()> {
        let txn = self.write_txn().await?;
        let ballot = ballots::Entity::find_by_id(ballot_id)
            .one(&txn)
            .await?
            .ok_or(StoreError::NotFound("lượt bỏ phiếu"))?;
        if ballot.status != "open" {
            return Err(conflict("ballot", "Lượt bỏ phiếu đã đóng"));
        }
        if ballot_voters::Entity::find()
            .filter(ballot_voters::Column::BallotId.eq(ballot_id))
            .count(&txn)
            .await?
            > 0
        {
            return Err(conflict(
                "ballot",
                "Đã có thành viên bỏ phiếu trực tuyến; không nhập kết quả phiếu giấy được",
            ));
        }
        for (i, (nomination, tally)) in counts.iter().enumerate() {
            let t = ballot_tallies::Entity::find_by_id((ballot_id, *nomination))
                .one(&txn)
                .await?
                .ok_or_else(|| {
                    invalid(
                        &format!("counts[{i}].nomination_id"),
                        "Đề nghị này không có trong lượt bỏ phiếu",
                    )
                })?;
            if tally.cast() > t.eligible.max(0) as u32 {
                return Err(invalid(
                    &format!("counts[{i}]"),
                    format!(
                        "Số phiếu vượt số thành viên được biểu quyết ({})",
                        t.eligible
                    ),
                ));
            }
            let mut am = t.into_active_model();
            am.yes_count = Set(tally.yes as i32);
            am.no_count = Set(tally.no as i32);
            am.abstain_count = Set(tally.abstain as i32);
            am.update(&txn).await?;
        }
        self.record_audit(
            &txn,
            actor,
            Change {
                action: "paper_tally",
                entity: "ballot",
                entity_id: Some(ballot_id),
                unit_id: None,
                before: None,
                after: crate::audit::snapshot(&counts),
            },
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }
}
