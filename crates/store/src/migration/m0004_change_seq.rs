//! A change sequence for the in-process search index: every write transaction advances
//! `write_lock.seq`; a person's row records the sequence of its last change, so that every server
//! process can bring its index up to date by reading only what changed. The index replaces the table of
//! search words (`person_tokens`), which is dropped.

use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0004_change_seq"
    }
}

#[derive(DeriveIden)]
enum WriteLock {
    Table,
    Seq,
}

#[derive(DeriveIden)]
enum PersonTokens {
    Table,
}

#[derive(DeriveIden)]
enum People {
    Table,
    ChangeSeq,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(WriteLock::Table)
                .add_column(
                    ColumnDef::new(WriteLock::Seq)
                        .big_integer()
                        .not_null()
                        .default(0),
                )
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(People::Table)
                .add_column(
                    ColumnDef::new(People::ChangeSeq)
                        .big_integer()
                        .not_null()
                        .default(0),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_people_change_seq")
                .table(People::Table)
                .col(People::ChangeSeq)
                .to_owned(),
        )
        .await?;
        m.drop_table(Table::drop().table(PersonTokens::Table).to_owned())
            .await
    }

    /// The search words are not brought back: rebuild them with `thidua export` then `import` on the
    /// older version.
    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(
            Index::drop()
                .name("idx_people_change_seq")
                .table(People::Table)
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(People::Table)
                .drop_column(People::ChangeSeq)
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(WriteLock::Table)
                .drop_column(WriteLock::Seq)
                .to_owned(),
        )
        .await
    }
}
