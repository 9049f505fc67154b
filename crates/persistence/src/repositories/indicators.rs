//! Measurable indicators on objectives and activities.

use super::{Store, check_version, delete_at_version, now, update_at_version};
use crate::StoreError;
use crate::audit::{self, Change, RecordType, Who};
use crate::entities::{indicators, plan_nodes, work_plans};
use mercociudades_domain::ids::{IndicatorId, NodeId, PlanId};
use mercociudades_domain::monitoring::{IndicatorDoc, IndicatorRecord, Measure};
use mercociudades_domain::plan::{NodeKind, PlanStatus};
use mercociudades_domain::validation::{FieldError, codes};
use sea_orm::{ActiveValue::Set, ColumnTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

fn corrupt(what: &str) -> StoreError {
    StoreError::Database(DbErr::Custom(format!("stored indicator: {what}")))
}

fn to_record(m: indicators::Model) -> Result<IndicatorRecord, StoreError> {
    Ok(IndicatorRecord {
        id: IndicatorId(m.id),
        plan_id: PlanId(m.plan_id),
        node_id: NodeId(m.node_id),
        measure: Measure::parse("measure", &m.measure).map_err(|_| corrupt("measure"))?,
        indicator: serde_json::from_str(&m.content).map_err(|_| corrupt("content"))?,
        version: m.version,
        created_at: m.created_at,
        updated_at: m.updated_at,
    })
}

fn content(indicator: &IndicatorDoc) -> Result<String, StoreError> {
    serde_json::to_string(indicator).map_err(|e| StoreError::Database(DbErr::Custom(e.to_string())))
}

impl Store {
    /// Adds an indicator to an objective or activity of a plan that is not closed.
    pub async fn create_indicator(
        &self,
        who: &Who,
        plan: Uuid,
        node: Uuid,
        measure: Measure,
        indicator: &IndicatorDoc,
    ) -> Result<IndicatorRecord, StoreError> {
        let txn = self.write().await?;
        let plan_row = work_plans::Entity::find_by_id(plan)
            .one(&txn)
            .await?
            .ok_or(StoreError::NotFound)?;
        if plan_row.status == PlanStatus::Closed.as_str() {
            return Err(StoreError::Frozen { status: "closed" });
        }
        let target = plan_nodes::Entity::find_by_id(node)
            .one(&txn)
            .await?
            .filter(|n| n.plan_id == plan)
            .ok_or(StoreError::NotFound)?;
        let kind = NodeKind::parse("kind", &target.kind).map_err(|_| corrupt("node kind"))?;
        if !matches!(
            kind,
            NodeKind::Objective | NodeKind::Activity | NodeKind::SubActivity
        ) {
            return Err(StoreError::Invalid(
                FieldError::new("node_id", codes::NOT_ALLOWED).with("kind", kind),
            ));
        }
        let at = now();
        let row = indicators::Model {
            id: Uuid::now_v7(),
            plan_id: plan,
            node_id: node,
            measure: measure.as_str().to_owned(),
            content: content(indicator)?,
            version: 1,
            created_at: at,
            updated_at: at,
        };
        indicators::Entity::insert(indicators::ActiveModel::from(row.clone()))
            .exec_without_returning(&txn)
            .await?;
        audit::record(
            &txn,
            who,
            Change::Create,
            RecordType::Indicator,
            &row.id.to_string(),
            None::<&()>,
            Some(&row),
        )
        .await?;
        txn.commit().await?;
        to_record(row)
    }

    pub async fn get_indicator(
        &self,
        IndicatorId(id): IndicatorId,
    ) -> Result<IndicatorRecord, StoreError> {
        indicators::Entity::find_by_id(id)
            .one(&self.db)
            .await?
            .ok_or(StoreError::NotFound)
            .and_then(to_record)
    }

    /// The indicators of a plan, in the order they were made.
    pub async fn plan_indicators(
        &self,
        PlanId(plan): PlanId,
    ) -> Result<Vec<IndicatorRecord>, StoreError> {
        indicators::Entity::find()
            .filter(indicators::Column::PlanId.eq(plan))
            .order_by_asc(indicators::Column::CreatedAt)
            .order_by_asc(indicators::Column::Id)
            .all(&self.db)
            .await?
            .into_iter()
            .map(to_record)
            .collect()
    }

    pub async fn update_indicator(
        &self,
        who: &Who,
        id: Uuid,
        expected_version: i32,
        measure: Measure,
        indicator: &IndicatorDoc,
    ) -> Result<IndicatorRecord, StoreError> {
        let txn = self.write().await?;
        let before = indicators::Entity::find_by_id(id)
            .one(&txn)
            .await?
            .ok_or(StoreError::NotFound)?;
        check_version(before.version, expected_version)?;
        let plan_row = work_plans::Entity::find_by_id(before.plan_id)
            .one(&txn)
            .await?
            .ok_or_else(|| corrupt("plan"))?;
        if plan_row.status == PlanStatus::Closed.as_str() {
            return Err(StoreError::Frozen { status: "closed" });
        }
        let after = indicators::Model {
            measure: measure.as_str().to_owned(),
            content: content(indicator)?,
            version: before.version + 1,
            updated_at: now(),
            ..before.clone()
        };
        update_at_version(
            &txn,
            indicators::Entity::update_many()
                .set(indicators::ActiveModel {
                    measure: Set(after.measure.clone()),
                    content: Set(after.content.clone()),
                    version: Set(after.version),
                    updated_at: Set(after.updated_at),
                    ..Default::default()
                })
                .filter(indicators::Column::Id.eq(id)),
            indicators::Column::Version,
            expected_version,
        )
        .await?;
        audit::record(
            &txn,
            who,
            Change::Update,
            RecordType::Indicator,
            &id.to_string(),
            Some(&before),
            Some(&after),
        )
        .await?;
        txn.commit().await?;
        to_record(after)
    }

    pub async fn delete_indicator(
        &self,
        who: &Who,
        id: Uuid,
        expected_version: i32,
    ) -> Result<(), StoreError> {
        let txn = self.write().await?;
        let before = indicators::Entity::find_by_id(id)
            .one(&txn)
            .await?
            .ok_or(StoreError::NotFound)?;
        check_version(before.version, expected_version)?;
        delete_at_version(
            &txn,
            indicators::Entity::delete_many().filter(indicators::Column::Id.eq(id)),
            indicators::Column::Version,
            expected_version,
        )
        .await?;
        audit::record(
            &txn,
            who,
            Change::Delete,
            RecordType::Indicator,
            &id.to_string(),
            Some(&before),
            None::<&()>,
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }
}
