//! Search checks every word after the first per candidate person: an index on (person_id, token)
//! answers that probe without reading the person's other words.

use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0003_token_probe"
    }
}

#[derive(DeriveIden)]
enum PersonTokens {
    Table,
    PersonId,
    Token,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(
            Index::drop()
                .name("idx_person_tokens_person")
                .table(PersonTokens::Table)
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_person_tokens_person_token")
                .table(PersonTokens::Table)
                .col(PersonTokens::PersonId)
                .col(PersonTokens::Token)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(
            Index::drop()
                .name("idx_person_tokens_person_token")
                .table(PersonTokens::Table)
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
        .await
    }
}
