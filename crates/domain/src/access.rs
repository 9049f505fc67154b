//! Who may do what: one pure function over (actor, action, resource).

use crate::ids::{ApiTokenId, BodyId, CityId, UserId};
use crate::registry::{BodyKind, closed_set};
use crate::validation::{FieldError, codes};
use serde::{Deserialize, Serialize};

closed_set!(
    /// The roles a user can hold.
    Role {
        SecretariatAdmin => "secretariat_admin",
        SecretariatStaff => "secretariat_staff",
        Finance => "finance",
        Coordinator => "coordinator",
        FocalPoint => "focal_point",
        Observer => "observer",
    }
);

/// Where a role applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    Network,
    Body(BodyId),
    City(CityId),
}

/// A role held in a scope. Built only through [`Grant::new`], which refuses a role in the
/// wrong kind of scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Grant {
    role: Role,
    scope: Scope,
}

impl Grant {
    pub fn new(role: Role, scope: Scope) -> Result<Self, FieldError> {
        let fits = match role {
            Role::Coordinator => matches!(scope, Scope::Body(_)),
            Role::FocalPoint => matches!(scope, Scope::City(_)),
            _ => matches!(scope, Scope::Network),
        };
        if fits {
            Ok(Self { role, scope })
        } else {
            let needs = match role {
                Role::Coordinator => "body",
                Role::FocalPoint => "city",
                _ => "network",
            };
            Err(FieldError::new("scope", codes::NOT_ALLOWED)
                .with("role", role)
                .with("needs", needs))
        }
    }

    pub fn role(&self) -> Role {
        self.role
    }
    pub fn scope(&self) -> Scope {
        self.scope
    }
}

/// Who is acting: a person, or a machine client with an API token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Principal {
    User(UserId),
    Token(ApiTokenId),
}

/// An authenticated actor with what it holds. A token acts with the grants of its scope,
/// narrowed to its permissions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub principal: Principal,
    pub grants: Vec<Grant>,
    /// `None` for a person; the permissions of an API token.
    pub permissions: Option<Vec<Action>>,
}

closed_set!(
    /// Everything that the policy decides on.
    Action {
        RegistryRead => "registry:read",
        CountryWrite => "country:write",
        CityCreate => "city:create",
        CityUpdate => "city:update",
        // Changing a city's membership: its status and the day it takes effect, its country
        // and the day it joined. The secretariat's, also on a city whose profile its focal
        // point edits.
        CityMembership => "city:membership",
        CityDelete => "city:delete",
        BodyCreate => "body:create",
        BodyUpdate => "body:update",
        BodyReclassify => "body:reclassify",
        BodyDelete => "body:delete",
        BodyMembersWrite => "body_members:write",
        TermWrite => "term:write",
        UserRead => "user:read",
        UserManage => "user:manage",
        AuditRead => "audit:read",
        TokenManage => "token:manage",
        PlanEdit => "plan:edit",
        PlanImport => "plan:import",
        PlanApprove => "plan:approve",
        ReportWrite => "report:write",
        ReportReview => "report:review",
        EventRead => "event:read",
        EventWrite => "event:write",
        // A city's delegation to an event: its delegates, registered by the event's
        // organisers or by the city.
        DelegationWrite => "delegation:write",
        // The city's confirmation of its delegation.
        DelegationConfirm => "delegation:confirm",
    }
);

impl Action {
    /// Actions an API token may carry: a machine never manages people or tokens.
    pub fn grantable_to_token(self) -> bool {
        !matches!(
            self,
            Action::UserManage | Action::UserRead | Action::TokenManage | Action::AuditRead
        )
    }
}

/// What an action is done to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resource {
    /// The network as a whole (lists, creation of new records, reference data).
    Network,
    City(CityId),
    Body(BodyId),
    /// A work plan, by its owner; `secretariat` when the owner is the Executive Secretariat or
    /// the STPM.
    Plan {
        owner: BodyId,
        secretariat: bool,
    },
    /// An activity of a plan: the plan's owner and the bodies the activity names as
    /// responsible.
    Activity {
        plan_owner: BodyId,
        responsible: Vec<BodyId>,
    },
    /// A progress report, by who wrote it.
    Report {
        author: Option<Principal>,
    },
    /// An event, by the bodies that organise it.
    Event {
        organizers: Vec<BodyId>,
    },
    /// A city's delegation to an event: the city, and the bodies that organise the event.
    Delegation {
        city: CityId,
        organizers: Vec<BodyId>,
    },
}

impl Resource {
    /// A work plan owned by a body of `kind`: the secretariats' plans are the network's.
    pub fn plan(owner: BodyId, kind: BodyKind) -> Self {
        let secretariat = matches!(
            kind,
            BodyKind::ExecutiveSecretariat | BodyKind::TechnicalSecretariat
        );
        Resource::Plan { owner, secretariat }
    }

    /// The record a role's scope stands for: its city, its body, or the network.
    pub fn of_scope(scope: Scope) -> Self {
        match scope {
            Scope::Network => Resource::Network,
            Scope::City(c) => Resource::City(c),
            Scope::Body(b) => Resource::Body(b),
        }
    }
}

/// Where a permission applies: the records an action may be done to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Reach {
    /// Every record.
    Network,
    /// The body; the activities of its plans and those naming it as responsible.
    Body(BodyId),
    /// The plans the body owns.
    BodyPlans(BodyId),
    /// The city.
    City(CityId),
    /// The plans owned by the Executive Secretariat or the STPM.
    SecretariatPlans,
}

impl Reach {
    /// The kinds of reach, as the API names them.
    pub const KINDS: [&'static str; 5] =
        ["network", "body", "body_plans", "city", "secretariat_plans"];

    /// The kind of this reach, as the API names it.
    pub fn kind(self) -> &'static str {
        match self {
            Reach::Network => Self::KINDS[0],
            Reach::Body(_) => Self::KINDS[1],
            Reach::BodyPlans(_) => Self::KINDS[2],
            Reach::City(_) => Self::KINDS[3],
            Reach::SecretariatPlans => Self::KINDS[4],
        }
    }

    /// The record a body or city reach is bound to.
    pub fn record(self) -> Option<uuid::Uuid> {
        match self {
            Reach::Body(b) | Reach::BodyPlans(b) => Some(b.0),
            Reach::City(c) => Some(c.0),
            Reach::Network | Reach::SecretariatPlans => None,
        }
    }

    /// Whether this reach takes in `resource`. Whatever the reach, a progress report is in
    /// the reach of its own author.
    pub fn covers(self, resource: &Resource, actor: Principal) -> bool {
        match (self, resource) {
            (Reach::Network, _) => true,
            (_, Resource::Report { author }) => *author == Some(actor),
            (Reach::Body(b), Resource::Body(x)) => b == *x,
            (Reach::BodyPlans(b), Resource::Plan { owner, .. }) => b == *owner,
            (
                Reach::Body(b),
                Resource::Activity {
                    plan_owner,
                    responsible,
                },
            ) => b == *plan_owner || responsible.contains(&b),
            (
                Reach::Body(b),
                Resource::Event { organizers } | Resource::Delegation { organizers, .. },
            ) => organizers.contains(&b),
            (Reach::City(c), Resource::Delegation { city, .. }) => c == *city,
            (Reach::City(c), Resource::City(x)) => c == *x,
            (Reach::SecretariatPlans, Resource::Plan { secretariat, .. }) => *secretariat,
            _ => false,
        }
    }
}

/// One permission an actor holds: an action, and where it applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Permission {
    pub action: Action,
    pub reach: Reach,
}

/// Everything `actor` may do, and where: the policy itself, which [`can`] consults.
pub fn permissions(actor: &Actor) -> Vec<Permission> {
    let mut held: Vec<Permission> = Vec::new();
    for grant in &actor.grants {
        for &action in Action::ALL {
            if actor
                .permissions
                .as_ref()
                .is_some_and(|allowed| !allowed.contains(&action))
            {
                continue;
            }
            if let Some(reach) = reach_of(grant, action) {
                let permission = Permission { action, reach };
                if !held.contains(&permission) {
                    held.push(permission);
                }
            }
        }
    }
    held
}

/// Whether `actor` holds `action` anywhere at all: when not, no record needs to be looked up
/// to refuse.
pub fn holds(actor: &Actor, action: Action) -> bool {
    permissions(actor).iter().any(|p| p.action == action)
}

/// Whether `actor` may do `action` on `resource`.
pub fn can(actor: &Actor, action: Action, resource: &Resource) -> bool {
    permissions(actor)
        .iter()
        .any(|p| p.action == action && p.reach.covers(resource, actor.principal))
}

/// Why an API token no longer acts, though neither revoked nor expired.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenLapse {
    /// The user who created it was deactivated.
    CreatorDeactivated,
    /// The user who created it may no longer manage tokens of its scope (they lost the role).
    CreatorLostRole,
}

impl TokenLapse {
    pub const ALL: [TokenLapse; 2] = [TokenLapse::CreatorDeactivated, TokenLapse::CreatorLostRole];

    pub fn as_str(self) -> &'static str {
        match self {
            TokenLapse::CreatorDeactivated => "creator_deactivated",
            TokenLapse::CreatorLostRole => "creator_lost_role",
        }
    }
}

/// Whether a token acting as `token_grant` still stands by its creator: they are active and
/// may still manage tokens of that scope.
pub fn token_lapse(
    creator: UserId,
    creator_active: bool,
    creator_grants: &[Grant],
    token_grant: &Grant,
) -> Option<TokenLapse> {
    if !creator_active {
        return Some(TokenLapse::CreatorDeactivated);
    }
    let actor = Actor {
        principal: Principal::User(creator),
        grants: creator_grants.to_vec(),
        permissions: None,
    };
    let scope = Resource::of_scope(token_grant.scope());
    (!can(&actor, Action::TokenManage, &scope)).then_some(TokenLapse::CreatorLostRole)
}

/// Whether an API token that `creator` makes to act as `grant` may carry `action`: a
/// machine may hold the action, and the grant's role may do it on its own record or on the
/// network.
pub fn token_may_carry(creator: UserId, grant: &Grant, action: Action) -> bool {
    let holder = Actor {
        principal: Principal::User(creator),
        grants: vec![*grant],
        permissions: None,
    };
    action.grantable_to_token()
        && (can(&holder, action, &Resource::of_scope(grant.scope()))
            || can(&holder, action, &Resource::Network))
}

/// Where a grant lets its holder do `action`, if anywhere.
fn reach_of(grant: &Grant, action: Action) -> Option<Reach> {
    use Action::*;
    let own = match grant.scope {
        Scope::Network => Reach::Network,
        Scope::Body(b) => Reach::Body(b),
        Scope::City(c) => Reach::City(c),
    };
    match grant.role {
        Role::SecretariatAdmin => Some(Reach::Network),
        Role::SecretariatStaff => match action {
            RegistryRead | CountryWrite | CityCreate | CityUpdate | CityMembership | CityDelete
            | BodyMembersWrite | TermWrite | UserRead | AuditRead | ReportWrite | ReportReview
            | PlanImport | EventRead | EventWrite | DelegationWrite => Some(Reach::Network),
            PlanEdit => Some(Reach::SecretariatPlans),
            _ => None,
        },
        Role::Finance | Role::Observer => {
            matches!(action, RegistryRead | EventRead).then_some(Reach::Network)
        }
        Role::Coordinator => match action {
            // Whose plan a document is becomes known once it is read; `plan:edit` on its
            // owner decides then.
            RegistryRead | PlanImport | EventRead => Some(Reach::Network),
            // The events one of their bodies organises.
            BodyUpdate | BodyMembersWrite | ReportWrite | EventWrite | DelegationWrite => Some(own),
            PlanEdit => match grant.scope {
                Scope::Body(b) => Some(Reach::BodyPlans(b)),
                _ => None,
            },
            _ => None,
        },
        Role::FocalPoint => match action {
            RegistryRead | EventRead => Some(Reach::Network),
            CityUpdate | TokenManage | DelegationWrite | DelegationConfirm => Some(own),
            _ => None,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Action::*;

    fn user(role: Role, scope: Scope) -> Actor {
        let grant = Grant::new(role, scope).unwrap_or_else(|e| panic!("{e}"));
        Actor {
            principal: Principal::User(UserId::new()),
            grants: vec![grant],
            permissions: None,
        }
    }

    /// Every role against every action, on its own record, on another's, and on the network.
    #[test]
    fn policy_table() {
        let own_city = CityId::new();
        let other_city = CityId::new();
        let own_body = BodyId::new();
        let other_body = BodyId::new();
        let actors = [
            ("admin", user(Role::SecretariatAdmin, Scope::Network)),
            ("staff", user(Role::SecretariatStaff, Scope::Network)),
            ("finance", user(Role::Finance, Scope::Network)),
            ("observer", user(Role::Observer, Scope::Network)),
            (
                "coordinator",
                user(Role::Coordinator, Scope::Body(own_body)),
            ),
            ("focal", user(Role::FocalPoint, Scope::City(own_city))),
        ];
        let resources = [
            ("network", Resource::Network),
            (
                "se_plan",
                Resource::Plan {
                    owner: BodyId::new(),
                    secretariat: true,
                },
            ),
            (
                "own_plan",
                Resource::Plan {
                    owner: own_body,
                    secretariat: false,
                },
            ),
            (
                "other_plan",
                Resource::Plan {
                    owner: other_body,
                    secretariat: false,
                },
            ),
            ("own_city", Resource::City(own_city)),
            ("other_city", Resource::City(other_city)),
            ("own_body", Resource::Body(own_body)),
            ("other_body", Resource::Body(other_body)),
            (
                "activity_of_own_plan",
                Resource::Activity {
                    plan_owner: own_body,
                    responsible: vec![],
                },
            ),
            (
                "activity_own_body_responsible",
                Resource::Activity {
                    plan_owner: other_body,
                    responsible: vec![other_body, own_body],
                },
            ),
            (
                "other_activity",
                Resource::Activity {
                    plan_owner: other_body,
                    responsible: vec![other_body],
                },
            ),
            ("others_report", Resource::Report { author: None }),
            (
                "event_of_own_body",
                Resource::Event {
                    organizers: vec![other_body, own_body],
                },
            ),
            (
                "others_event",
                Resource::Event {
                    organizers: vec![other_body],
                },
            ),
            (
                "own_city_at_own_event",
                Resource::Delegation {
                    city: own_city,
                    organizers: vec![own_body],
                },
            ),
            (
                "other_city_at_others_event",
                Resource::Delegation {
                    city: other_city,
                    organizers: vec![other_body],
                },
            ),
        ];
        // (action, resource, the actors allowed)
        let expected: &[(Action, &str, &[&str])] = &[
            (
                RegistryRead,
                "network",
                &[
                    "admin",
                    "staff",
                    "finance",
                    "observer",
                    "coordinator",
                    "focal",
                ],
            ),
            (CountryWrite, "network", &["admin", "staff"]),
            (CityCreate, "network", &["admin", "staff"]),
            (CityUpdate, "own_city", &["admin", "staff", "focal"]),
            (CityUpdate, "other_city", &["admin", "staff"]),
            // A focal point edits their city's profile, not its membership.
            (CityMembership, "own_city", &["admin", "staff"]),
            (CityMembership, "other_city", &["admin", "staff"]),
            (CityDelete, "own_city", &["admin", "staff"]),
            (BodyCreate, "network", &["admin"]),
            (BodyUpdate, "own_body", &["admin", "coordinator"]),
            (BodyUpdate, "other_body", &["admin"]),
            // A body's kind decides how the policy sees its plans: only admins change it.
            (BodyReclassify, "own_body", &["admin"]),
            (BodyDelete, "own_body", &["admin"]),
            (
                BodyMembersWrite,
                "own_body",
                &["admin", "staff", "coordinator"],
            ),
            (BodyMembersWrite, "other_body", &["admin", "staff"]),
            (TermWrite, "network", &["admin", "staff"]),
            (UserRead, "network", &["admin", "staff"]),
            (UserManage, "network", &["admin"]),
            (AuditRead, "network", &["admin", "staff"]),
            (TokenManage, "network", &["admin"]),
            (TokenManage, "own_city", &["admin", "focal"]),
            (TokenManage, "other_city", &["admin"]),
            (PlanEdit, "se_plan", &["admin", "staff"]),
            (PlanEdit, "own_plan", &["admin", "coordinator"]),
            (PlanEdit, "other_plan", &["admin"]),
            // Editing a body's plans is not editing the body.
            (PlanEdit, "own_body", &["admin"]),
            (PlanImport, "network", &["admin", "staff", "coordinator"]),
            (PlanApprove, "se_plan", &["admin"]),
            (PlanApprove, "own_plan", &["admin"]),
            (ReportWrite, "own_body", &["admin", "staff", "coordinator"]),
            (ReportWrite, "other_body", &["admin", "staff"]),
            (ReportReview, "own_body", &["admin", "staff"]),
            (
                ReportWrite,
                "activity_of_own_plan",
                &["admin", "staff", "coordinator"],
            ),
            (
                ReportWrite,
                "activity_own_body_responsible",
                &["admin", "staff", "coordinator"],
            ),
            (ReportWrite, "other_activity", &["admin", "staff"]),
            (ReportWrite, "others_report", &["admin", "staff"]),
            (ReportReview, "others_report", &["admin", "staff"]),
            (
                EventRead,
                "network",
                &[
                    "admin",
                    "staff",
                    "finance",
                    "observer",
                    "coordinator",
                    "focal",
                ],
            ),
            (
                EventWrite,
                "event_of_own_body",
                &["admin", "staff", "coordinator"],
            ),
            (EventWrite, "others_event", &["admin", "staff"]),
            (EventWrite, "network", &["admin", "staff"]),
            (
                DelegationWrite,
                "own_city_at_own_event",
                &["admin", "staff", "coordinator", "focal"],
            ),
            (
                DelegationWrite,
                "other_city_at_others_event",
                &["admin", "staff"],
            ),
            (
                DelegationConfirm,
                "own_city_at_own_event",
                &["admin", "focal"],
            ),
            (DelegationConfirm, "other_city_at_others_event", &["admin"]),
        ];
        for action in Action::ALL {
            assert!(
                expected.iter().any(|(a, _, _)| a == action),
                "{action} has no row in the table"
            );
        }
        for (action, resource_name, allowed) in expected {
            let resource = resources
                .iter()
                .find(|(n, _)| n == resource_name)
                .map(|(_, r)| r.clone());
            let resource = resource.unwrap_or_else(|| panic!("unknown resource {resource_name}"));
            for (name, actor) in &actors {
                assert_eq!(
                    can(actor, *action, &resource),
                    allowed.contains(name),
                    "{name} {action} on {resource_name}"
                );
            }
        }
    }

    #[test]
    fn tokens_are_narrowed_to_their_permissions() {
        let city = CityId::new();
        let mut token = user(Role::FocalPoint, Scope::City(city));
        token.principal = Principal::Token(ApiTokenId::new());
        token.permissions = Some(vec![RegistryRead]);
        assert!(can(&token, RegistryRead, &Resource::Network));
        assert!(!can(&token, CityUpdate, &Resource::City(city)));
        token.permissions = Some(vec![RegistryRead, CityUpdate]);
        assert!(can(&token, CityUpdate, &Resource::City(city)));
        assert!(!can(&token, CityUpdate, &Resource::City(CityId::new())));
    }

    /// The author of a report may write it while holding `report:write` anywhere; nobody
    /// else but the secretariat may.
    #[test]
    fn authors_write_their_own_reports() {
        let body = BodyId::new();
        let coordinator = user(Role::Coordinator, Scope::Body(body));
        let own = Resource::Report {
            author: Some(coordinator.principal),
        };
        assert!(can(&coordinator, ReportWrite, &own));
        assert!(!can(&coordinator, ReportReview, &own));
        let focal = user(Role::FocalPoint, Scope::City(CityId::new()));
        let focal_own = Resource::Report {
            author: Some(focal.principal),
        };
        assert!(!can(&focal, ReportWrite, &focal_own));
        let mut token = user(Role::Coordinator, Scope::Body(body));
        token.principal = Principal::Token(ApiTokenId::new());
        token.permissions = Some(vec![RegistryRead]);
        let token_own = Resource::Report {
            author: Some(token.principal),
        };
        assert!(!can(&token, ReportWrite, &token_own));
    }

    #[test]
    fn permissions_list_what_each_role_holds_and_where() {
        let body = BodyId::new();
        let city = CityId::new();
        let coordinator = user(Role::Coordinator, Scope::Body(body));
        let held = permissions(&coordinator);
        assert!(held.contains(&Permission {
            action: PlanEdit,
            reach: Reach::BodyPlans(body)
        }));
        assert!(held.contains(&Permission {
            action: RegistryRead,
            reach: Reach::Network
        }));
        assert!(!held.iter().any(|p| p.action == ReportReview));
        let staff = permissions(&user(Role::SecretariatStaff, Scope::Network));
        assert!(staff.contains(&Permission {
            action: PlanEdit,
            reach: Reach::SecretariatPlans
        }));
        let focal = permissions(&user(Role::FocalPoint, Scope::City(city)));
        assert_eq!(
            focal,
            vec![
                Permission {
                    action: RegistryRead,
                    reach: Reach::Network
                },
                Permission {
                    action: CityUpdate,
                    reach: Reach::City(city)
                },
                Permission {
                    action: TokenManage,
                    reach: Reach::City(city)
                },
                Permission {
                    action: EventRead,
                    reach: Reach::Network
                },
                Permission {
                    action: DelegationWrite,
                    reach: Reach::City(city)
                },
                Permission {
                    action: DelegationConfirm,
                    reach: Reach::City(city)
                },
            ]
        );
        let admin = permissions(&user(Role::SecretariatAdmin, Scope::Network));
        assert_eq!(admin.len(), Action::ALL.len());
    }

    #[test]
    fn a_token_stands_while_its_creator_may_make_it() {
        let city = CityId::new();
        let creator = UserId::new();
        let focal =
            Grant::new(Role::FocalPoint, Scope::City(city)).unwrap_or_else(|e| panic!("{e}"));
        let observer = Grant::new(Role::Observer, Scope::Network).unwrap_or_else(|e| panic!("{e}"));
        let admin =
            Grant::new(Role::SecretariatAdmin, Scope::Network).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(token_lapse(creator, true, &[focal], &focal), None);
        assert_eq!(
            token_lapse(creator, false, &[focal], &focal),
            Some(TokenLapse::CreatorDeactivated)
        );
        assert_eq!(
            token_lapse(creator, true, &[observer], &focal),
            Some(TokenLapse::CreatorLostRole)
        );
        assert_eq!(token_lapse(creator, true, &[admin], &focal), None);
    }

    #[test]
    fn roles_need_their_kind_of_scope() {
        assert!(Grant::new(Role::FocalPoint, Scope::Network).is_err());
        assert!(Grant::new(Role::Coordinator, Scope::City(CityId::new())).is_err());
        assert!(Grant::new(Role::SecretariatAdmin, Scope::Body(BodyId::new())).is_err());
        assert!(Grant::new(Role::Observer, Scope::Network).is_ok());
    }

    #[test]
    fn nobody_without_grants() {
        let nobody = Actor {
            principal: Principal::User(UserId::new()),
            grants: vec![],
            permissions: None,
        };
        for action in Action::ALL {
            assert!(!can(&nobody, *action, &Resource::Network));
        }
    }
}
