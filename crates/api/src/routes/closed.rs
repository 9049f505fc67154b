//! The closed sets of values the API speaks (kinds, statuses, roles, languages), as named
//! OpenAPI string enums. Each lists exactly the values the server takes or sends, read from
//! the code that parses or writes them, so that generated clients know every value and no
//! document drifts from the code.

use mercociudades_domain::{access, event, monitoring, plan, registry, text};
use mercociudades_persistence::audit;
use mercociudades_persistence::repositories::DELETABLE;
use std::borrow::Cow;
use utoipa::openapi::RefOr;
use utoipa::openapi::schema::{ObjectBuilder, Schema, Type};

/// The wire form of every value of a domain closed set.
macro_rules! all {
    ($domain:ty) => {
        <$domain>::ALL.iter().map(|v| v.as_str()).collect()
    };
}

macro_rules! closed_sets {
    ($($name:ident: $doc:literal => $values:expr),* $(,)?) => {
        $(
            #[doc = $doc]
            pub struct $name;

            impl $name {
                /// The values, in the order the document lists them.
                pub fn values() -> Vec<&'static str> {
                    $values
                }
            }

            impl utoipa::PartialSchema for $name {
                fn schema() -> RefOr<Schema> {
                    ObjectBuilder::new()
                        .schema_type(Type::String)
                        .description(Some($doc))
                        .enum_values(Some(Self::values()))
                        .into()
                }
            }

            impl utoipa::ToSchema for $name {
                fn name() -> Cow<'static, str> {
                    Cow::Borrowed(stringify!($name))
                }
            }
        )*

        /// Every closed set, named, for the document's components: also those that only
        /// parameters refer to, which no response or request body brings in.
        pub fn schemas() -> Vec<(String, RefOr<Schema>)> {
            use utoipa::{PartialSchema, ToSchema};
            vec![$(($name::name().into_owned(), $name::schema())),*]
        }
    };
}

closed_sets!(
    MercosurStatus: "A country's relation to Mercosur." => all!(registry::MercosurStatus),
    MembershipStatus: "Where a city stands in the network." => all!(registry::MembershipStatus),
    BodyKind: "The kind of organ of the network." => all!(registry::BodyKind),
    TermRole: "The post a city holds in a body during a term." => all!(registry::TermRole),
    EventKind: "The kind of an event: a workshop (jornada, taller), a seminar, a meeting (of \
        the Board, of a Thematic Unit), a Summit, a congress, a course." => all!(event::EventKind),
    EventStatus: "Where an event stands: `planned`, then `held` or `cancelled`." =>
        all!(event::EventStatus),
    DelegationStatus: "Where a city's delegation to an event stands: `invited`, \
        `registered` (its delegates named), `confirmed` by the city, then `attended` or \
        `no_show` once the attendance is recorded. Only `attended` counts." =>
        all!(mercociudades_domain::delegation::DelegationStatus),
    Gender: "A delegate's gender, where it is given." =>
        all!(mercociudades_domain::delegation::Gender),
    ParticipantKind: "Who took part besides the member cities: organisations, Mercosur \
        institutions, specific groups." => all!(monitoring::ParticipantKind),
    Role: "A role a user or an API token acts in." => all!(access::Role),
    Permission: "A permission, as operations name it in `x-permission`." => all!(access::Action),
    TokenPermission: "A permission an API token may carry: all but reading and managing \
        users, the audit log and tokens." => access::Action::ALL
        .iter()
        .filter(|a| a.grantable_to_token())
        .map(|a| a.as_str())
        .collect(),
    Reach: "Where a permission applies: `network`, every record; `body`, that body, the \
        activities of its plans and those naming it as responsible, the events it organises; `body_plans`, the plans that \
        body owns; `city`, that \
        city; `secretariat_plans`, the plans of the Executive Secretariat and the STPM. \
        Whatever the reach, a progress report is within the reach of its author." =>
        access::Reach::KINDS.to_vec(),
    TokenInactive: "Why an API token does not act: revoked, expired, or its creator was \
        deactivated or may no longer make it (lost the role)." => [TOKEN_REVOKED, TOKEN_EXPIRED]
        .into_iter()
        .chain(access::TokenLapse::ALL.map(|l| l.as_str()))
        .collect(),
    NodeKind: "The kind of a node of a work plan." => all!(plan::NodeKind),
    PlanStatus: "Where a work plan stands." => all!(plan::PlanStatus),
    ActivityStatus: "Where an activity stands." => all!(plan::ActivityStatus),
    Execution: "Was the activity carried out (the source's first indicator)." =>
        all!(monitoring::Execution),
    ResultKind: "The kind of a result (the source's third indicator)." =>
        all!(monitoring::ResultKind),
    ResultStage: "The rung a work plan or a project reached on its ladder." =>
        all!(monitoring::ResultStage),
    ReportStatus: "Where a progress report stands in its review." =>
        all!(monitoring::ReportStatus),
    Measure: "How an indicator is measured." => all!(monitoring::Measure),
    NotificationKind: "What a notification tells: a report returned, a report approved." =>
        all!(mercociudades_domain::notification::NotificationKind),
    CountryBand: "How many countries took part, in the source's bands." =>
        monitoring::BANDS.to_vec(),
    Language: "A language of the platform." => all!(text::Lang),
    ActorKind: "Who made a change: a signed-in user, an API token, or the platform itself." =>
        all!(audit::ActorKind),
    ChangeKind: "What a change did to its record." => all!(audit::Change),
    RecordType: "A kind of record the audit log holds." => all!(audit::RecordType),
    DeletableRecord: "A kind of record whose deletions the deletions feed reports." =>
        DELETABLE.iter().map(|t| t.as_str()).collect(),
    ExecutionRowKind: "What a row of the execution report sums up: a dimension, policy or \
        axis of the plan, the whole plan (`plan`), or the activities of one responsible body \
        (`body`)." => monitoring::execution::RowKind::all()
        .into_iter()
        .map(monitoring::execution::RowKind::as_str)
        .collect(),
);

/// An API token revoked.
pub const TOKEN_REVOKED: &str = "revoked";
/// An API token past its expiry.
pub const TOKEN_EXPIRED: &str = "expired";

#[cfg(test)]
mod tests {
    use utoipa::PartialSchema;

    #[test]
    fn each_set_lists_the_values_the_server_takes_and_says_what_it_is() {
        let schema = serde_json::to_value(super::TermRole::schema()).unwrap_or_default();
        assert_eq!(
            schema["enum"],
            serde_json::json!(["holder", "coordinator", "sub_coordinator"])
        );
        assert_eq!(
            schema["description"],
            "The post a city holds in a body during a term."
        );
        let token = super::TokenPermission::values();
        assert!(token.contains(&"registry:read"));
        for refused in ["user:read", "user:manage", "audit:read", "token:manage"] {
            assert!(!token.contains(&refused), "{refused}");
            assert!(super::Permission::values().contains(&refused), "{refused}");
        }
        assert_eq!(
            super::ExecutionRowKind::values(),
            ["dimension", "policy", "axis", "plan", "body"]
        );
    }
}
