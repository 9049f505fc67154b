//! The closed sets of values the API speaks (kinds, statuses, roles, languages), as named
//! OpenAPI string enums. Each lists exactly the values of its domain type, so that generated
//! clients know every value and no document drifts from the code.

use std::borrow::Cow;
use utoipa::openapi::RefOr;
use utoipa::openapi::schema::{ObjectBuilder, Schema, Type};

macro_rules! closed_sets {
    ($($name:ident => $domain:ty: $doc:literal),* $(,)?) => {
        $(
            #[doc = $doc]
            pub struct $name;

            impl utoipa::PartialSchema for $name {
                fn schema() -> RefOr<Schema> {
                    ObjectBuilder::new()
                        .schema_type(Type::String)
                        .description(Some($doc))
                        .enum_values(Some(<$domain>::ALL.iter().map(|v| v.as_str())))
                        .into()
                }
            }

            impl utoipa::ToSchema for $name {
                fn name() -> Cow<'static, str> {
                    Cow::Borrowed(stringify!($name))
                }
            }
        )*

        /// Every closed set with its values.
        #[cfg(test)]
        pub(crate) fn all() -> Vec<(&'static str, Vec<&'static str>)> {
            vec![$((stringify!($name), <$domain>::ALL.iter().map(|v| v.as_str()).collect())),*]
        }
    };
}

use mercociudades_domain::{access, monitoring, plan, registry, text};

closed_sets!(
    MercosurStatus => registry::MercosurStatus: "A country's relation to Mercosur.",
    MembershipStatus => registry::MembershipStatus: "Where a city stands in the network.",
    BodyKind => registry::BodyKind: "The kind of organ of the network.",
    TermRole => registry::TermRole: "The post a city holds in a body during a term.",
    Role => access::Role: "A role a user or an API token acts in.",
    Permission => access::Action: "A permission, as API tokens carry them and operations name them in `x-permission`.",
    NodeKind => plan::NodeKind: "The kind of a node of a work plan.",
    PlanStatus => plan::PlanStatus: "Where a work plan stands.",
    ActivityStatus => plan::ActivityStatus: "Where an activity stands.",
    Execution => monitoring::Execution: "Was the activity carried out (the source's first indicator).",
    ResultKind => monitoring::ResultKind: "The kind of a result (the source's third indicator).",
    ResultStage => monitoring::ResultStage: "The rung a work plan or a project reached on its ladder.",
    ReportStatus => monitoring::ReportStatus: "Where a progress report stands in its review.",
    Measure => monitoring::Measure: "How an indicator is measured.",
    Language => text::Lang: "A language of the platform.",
    ActorKind => mercociudades_persistence::audit::ActorKind: "Who made a change: a signed-in user, an API token, or the platform itself.",
);

/// What a row of the execution report sums up: a node of the plan, the whole plan (`plan`), or
/// the activities of one responsible body (`body`).
pub struct ExecutionRowKind;

impl ExecutionRowKind {
    pub const PLAN: &'static str = "plan";
    pub const BODY: &'static str = "body";
}

impl utoipa::PartialSchema for ExecutionRowKind {
    fn schema() -> RefOr<Schema> {
        let values = plan::NodeKind::ALL
            .iter()
            .map(|k| k.as_str())
            .chain([Self::PLAN, Self::BODY]);
        ObjectBuilder::new()
            .schema_type(Type::String)
            .description(Some(
                "What a row of the execution report sums up: a node of the plan, the whole plan \
                 (`plan`), or the activities of one responsible body (`body`).",
            ))
            .enum_values(Some(values))
            .into()
    }
}

impl utoipa::ToSchema for ExecutionRowKind {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("ExecutionRowKind")
    }
}

#[cfg(test)]
mod tests {
    use utoipa::PartialSchema;

    #[test]
    fn each_set_lists_its_domain_values_and_says_what_it_is() {
        for (name, values) in super::all() {
            assert!(!values.is_empty(), "{name}");
        }
        let schema = serde_json::to_value(super::TermRole::schema()).unwrap_or_default();
        assert_eq!(
            schema["enum"],
            serde_json::json!(["holder", "coordinator", "sub_coordinator"])
        );
        assert_eq!(
            schema["description"],
            "The post a city holds in a body during a term."
        );
    }
}
