//! The directory: units with their names over time, events, recipient groups, people and their moves,
//! yearly ratings, and the search tokens of people.

use super::id_col;
use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0001_directory"
    }
}

#[derive(DeriveIden)]
enum WriteLock {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Units {
    Table,
    Id,
    Code,
    Name,
    Kind,
    ParentId,
    Active,
    DissolvedOn,
    SuccessorId,
    SearchKey,
    SortKey,
    Version,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum UnitNames {
    Table,
    Id,
    UnitId,
    Name,
    ValidFrom,
    ValidTo,
}

#[derive(DeriveIden)]
enum UnitEvents {
    Table,
    Id,
    UnitId,
    Kind,
    OccurredOn,
    OtherUnitId,
    Note,
    CreatedAt,
}

#[derive(DeriveIden)]
enum RecipientGroups {
    Table,
    Id,
    Code,
    Name,
}

#[derive(DeriveIden)]
enum RecipientGroupUnits {
    Table,
    GroupId,
    UnitId,
}

#[derive(DeriveIden)]
enum People {
    Table,
    Id,
    FullName,
    Gender,
    BirthDate,
    UnitId,
    Position,
    Category,
    StaffLevel,
    UnionMember,
    SearchKey,
    SortKey,
    Version,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum PersonMoves {
    Table,
    Id,
    PersonId,
    UnitId,
    FromDate,
    ToDate,
    Reason,
}

#[derive(DeriveIden)]
enum PersonTokens {
    Table,
    Token,
    PersonId,
}

#[derive(DeriveIden)]
enum Ratings {
    Table,
    Id,
    PersonId,
    Year,
    Rating,
    UnitId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(WriteLock::Table)
                .col(
                    ColumnDef::new(WriteLock::Id)
                        .integer()
                        .not_null()
                        .primary_key(),
                )
                .to_owned(),
        )
        .await?;
        m.get_connection()
            .execute_unprepared("INSERT INTO write_lock (id) VALUES (1)")
            .await?;

        m.create_table(
            Table::create()
                .table(Units::Table)
                .col(id_col(Units::Id))
                .col(
                    ColumnDef::new(Units::Code)
                        .string_len(40)
                        .not_null()
                        .unique_key(),
                )
                .col(ColumnDef::new(Units::Name).string_len(300).not_null())
                .col(ColumnDef::new(Units::Kind).string_len(40).not_null())
                .col(ColumnDef::new(Units::ParentId).big_integer().null())
                .col(
                    ColumnDef::new(Units::Active)
                        .boolean()
                        .not_null()
                        .default(true),
                )
                .col(ColumnDef::new(Units::DissolvedOn).date().null())
                .col(ColumnDef::new(Units::SuccessorId).big_integer().null())
                .col(ColumnDef::new(Units::SearchKey).string_len(300).not_null())
                .col(ColumnDef::new(Units::SortKey).binary().not_null())
                .col(
                    ColumnDef::new(Units::Version)
                        .integer()
                        .not_null()
                        .default(1),
                )
                .col(
                    ColumnDef::new(Units::CreatedAt)
                        .timestamp_with_time_zone()
                        .not_null(),
                )
                .col(
                    ColumnDef::new(Units::UpdatedAt)
                        .timestamp_with_time_zone()
                        .not_null(),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(Units::Table, Units::ParentId)
                        .to(Units::Table, Units::Id),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(Units::Table, Units::SuccessorId)
                        .to(Units::Table, Units::Id),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_units_parent")
                .table(Units::Table)
                .col(Units::ParentId)
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_units_sort")
                .table(Units::Table)
                .col(Units::SortKey)
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(UnitNames::Table)
                .col(id_col(UnitNames::Id))
                .col(ColumnDef::new(UnitNames::UnitId).big_integer().not_null())
                .col(ColumnDef::new(UnitNames::Name).string_len(300).not_null())
                .col(ColumnDef::new(UnitNames::ValidFrom).date().null())
                .col(ColumnDef::new(UnitNames::ValidTo).date().null())
                .foreign_key(
                    ForeignKey::create()
                        .from(UnitNames::Table, UnitNames::UnitId)
                        .to(Units::Table, Units::Id),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_unit_names_unit")
                .table(UnitNames::Table)
                .col(UnitNames::UnitId)
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(UnitEvents::Table)
                .col(id_col(UnitEvents::Id))
                .col(ColumnDef::new(UnitEvents::UnitId).big_integer().not_null())
                .col(ColumnDef::new(UnitEvents::Kind).string_len(40).not_null())
                .col(ColumnDef::new(UnitEvents::OccurredOn).date().not_null())
                .col(ColumnDef::new(UnitEvents::OtherUnitId).big_integer().null())
                .col(ColumnDef::new(UnitEvents::Note).text().not_null())
                .col(
                    ColumnDef::new(UnitEvents::CreatedAt)
                        .timestamp_with_time_zone()
                        .not_null(),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(UnitEvents::Table, UnitEvents::UnitId)
                        .to(Units::Table, Units::Id),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(UnitEvents::Table, UnitEvents::OtherUnitId)
                        .to(Units::Table, Units::Id),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_unit_events_unit")
                .table(UnitEvents::Table)
                .col(UnitEvents::UnitId)
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(RecipientGroups::Table)
                .col(id_col(RecipientGroups::Id))
                .col(
                    ColumnDef::new(RecipientGroups::Code)
                        .string_len(40)
                        .not_null()
                        .unique_key(),
                )
                .col(
                    ColumnDef::new(RecipientGroups::Name)
                        .string_len(300)
                        .not_null(),
                )
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(RecipientGroupUnits::Table)
                .col(
                    ColumnDef::new(RecipientGroupUnits::GroupId)
                        .big_integer()
                        .not_null(),
                )
                .col(
                    ColumnDef::new(RecipientGroupUnits::UnitId)
                        .big_integer()
                        .not_null(),
                )
                .primary_key(
                    Index::create()
                        .col(RecipientGroupUnits::GroupId)
                        .col(RecipientGroupUnits::UnitId),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(RecipientGroupUnits::Table, RecipientGroupUnits::GroupId)
                        .to(RecipientGroups::Table, RecipientGroups::Id),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(RecipientGroupUnits::Table, RecipientGroupUnits::UnitId)
                        .to(Units::Table, Units::Id),
                )
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(People::Table)
                .col(id_col(People::Id))
                .col(ColumnDef::new(People::FullName).string_len(120).not_null())
                .col(ColumnDef::new(People::Gender).string_len(10).null())
                .col(ColumnDef::new(People::BirthDate).date().null())
                .col(ColumnDef::new(People::UnitId).big_integer().not_null())
                .col(ColumnDef::new(People::Position).string_len(200).not_null())
                .col(ColumnDef::new(People::Category).string_len(20).not_null())
                .col(ColumnDef::new(People::StaffLevel).string_len(20).not_null())
                .col(ColumnDef::new(People::UnionMember).boolean().not_null())
                .col(ColumnDef::new(People::SearchKey).string_len(120).not_null())
                .col(ColumnDef::new(People::SortKey).binary().not_null())
                .col(
                    ColumnDef::new(People::Version)
                        .integer()
                        .not_null()
                        .default(1),
                )
                .col(
                    ColumnDef::new(People::CreatedAt)
                        .timestamp_with_time_zone()
                        .not_null(),
                )
                .col(
                    ColumnDef::new(People::UpdatedAt)
                        .timestamp_with_time_zone()
                        .not_null(),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(People::Table, People::UnitId)
                        .to(Units::Table, Units::Id),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_people_unit_sort")
                .table(People::Table)
                .col(People::UnitId)
                .col(People::SortKey)
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_people_sort")
                .table(People::Table)
                .col(People::SortKey)
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(PersonMoves::Table)
                .col(id_col(PersonMoves::Id))
                .col(
                    ColumnDef::new(PersonMoves::PersonId)
                        .big_integer()
                        .not_null(),
                )
                .col(ColumnDef::new(PersonMoves::UnitId).big_integer().not_null())
                .col(ColumnDef::new(PersonMoves::FromDate).date().null())
                .col(ColumnDef::new(PersonMoves::ToDate).date().null())
                .col(ColumnDef::new(PersonMoves::Reason).text().not_null())
                .foreign_key(
                    ForeignKey::create()
                        .from(PersonMoves::Table, PersonMoves::PersonId)
                        .to(People::Table, People::Id),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(PersonMoves::Table, PersonMoves::UnitId)
                        .to(Units::Table, Units::Id),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_person_moves_person")
                .table(PersonMoves::Table)
                .col(PersonMoves::PersonId)
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(PersonTokens::Table)
                .col(
                    ColumnDef::new(PersonTokens::Token)
                        .string_len(60)
                        .not_null(),
                )
                .col(
                    ColumnDef::new(PersonTokens::PersonId)
                        .big_integer()
                        .not_null(),
                )
                .primary_key(
                    Index::create()
                        .col(PersonTokens::Token)
                        .col(PersonTokens::PersonId),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(PersonTokens::Table, PersonTokens::PersonId)
                        .to(People::Table, People::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_person_tokens_person")
                .table(PersonTokens::Table)
                .col(PersonTokens::PersonId)
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Ratings::Table)
                .col(id_col(Ratings::Id))
                .col(ColumnDef::new(Ratings::PersonId).big_integer().not_null())
                .col(ColumnDef::new(Ratings::Year).integer().not_null())
                .col(ColumnDef::new(Ratings::Rating).string_len(30).not_null())
                .col(ColumnDef::new(Ratings::UnitId).big_integer().not_null())
                .foreign_key(
                    ForeignKey::create()
                        .from(Ratings::Table, Ratings::PersonId)
                        .to(People::Table, People::Id),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(Ratings::Table, Ratings::UnitId)
                        .to(Units::Table, Units::Id),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_ratings_person_year")
                .table(Ratings::Table)
                .col(Ratings::PersonId)
                .col(Ratings::Year)
                .unique()
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            Ratings::Table.into_iden(),
            PersonTokens::Table.into_iden(),
            PersonMoves::Table.into_iden(),
            People::Table.into_iden(),
            RecipientGroupUnits::Table.into_iden(),
            RecipientGroups::Table.into_iden(),
            UnitEvents::Table.into_iden(),
            UnitNames::Table.into_iden(),
            Units::Table.into_iden(),
            WriteLock::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
