//! Measurable indicators on objectives and activities.

use super::Store;
use super::versioned::{self, Versioned};
use crate::StoreError;
use crate::audit::{RecordType, Who};
use crate::entities::{indicators, plan_nodes, work_plans};
use crate::repositories::versioned::Expected;
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

fn columns(
    measure: Measure,
    indicator: &IndicatorDoc,
) -> Result<indicators::ActiveModel, StoreError> {
    Ok(indicators::ActiveModel {
        measure: Set(measure.as_str().to_owned()),
        content: Set(content(indicator)?),
        ..Default::default()
    })
}

impl Versioned for indicators::Entity {
    const RECORD: RecordType = RecordType::Indicator;
    const VERSION: indicators::Column = indicators::Column::Version;
    const CREATED_AT: indicators::Column = indicators::Column::CreatedAt;
    const UPDATED_AT: Option<indicators::Column> = Some(indicators::Column::UpdatedAt);
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
        super::plans::open_plan(&txn, plan).await?;
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
        let columns = indicators::ActiveModel {
            plan_id: Set(plan),
            node_id: Set(node),
            ..columns(measure, indicator)?
        };
        let row =
            versioned::insert::<indicators::Entity>(&txn, who, Uuid::now_v7(), columns).await?;
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
        expected_version: impl Into<Expected>,
        measure: Measure,
        indicator: &IndicatorDoc,
    ) -> Result<IndicatorRecord, StoreError> {
        let write = self
            .versioned::<indicators::Entity>(id, expected_version)
            .await?;
        let plan_row = work_plans::Entity::find_by_id(write.before().plan_id)
            .one(write.txn())
            .await?
            .ok_or_else(|| corrupt("plan"))?;
        if plan_row.status == PlanStatus::Closed.as_str() {
            return Err(StoreError::Frozen { status: "closed" });
        }
        to_record(write.update(who, columns(measure, indicator)?).await?)
    }

    pub async fn delete_indicator(
        &self,
        who: &Who,
        id: Uuid,
        expected_version: impl Into<Expected>,
    ) -> Result<(), StoreError> {
        self.versioned::<indicators::Entity>(id, expected_version)
            .await?
            .delete(who)
            .await
    }
}
