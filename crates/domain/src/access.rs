//! Who may do what: one pure function over (actor, action, resource).

use crate::ids::{ApiTokenId, BodyId, CityId, UserId};
use crate::registry::closed_set;
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
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
}

/// Whether `actor` may do `action` on `resource`.
pub fn can(actor: &Actor, action: Action, resource: Resource) -> bool {
    if let Some(permissions) = &actor.permissions
        && !permissions.contains(&action)
    {
        return false;
    }
    actor
        .grants
        .iter()
        .any(|grant| grant_allows(grant, action, resource))
}

fn grant_allows(grant: &Grant, action: Action, resource: Resource) -> bool {
    use Action::*;
    match grant.role {
        Role::SecretariatAdmin => true,
        Role::SecretariatStaff => match action {
            RegistryRead | CountryWrite | CityCreate | CityUpdate | CityDelete
            | BodyMembersWrite | TermWrite | UserRead | AuditRead => true,
            PlanEdit => matches!(
                resource,
                Resource::Plan {
                    secretariat: true,
                    ..
                }
            ),
            ReportWrite | ReportReview | PlanImport => true,
            _ => false,
        },
        Role::Finance | Role::Observer => matches!(action, RegistryRead),
        Role::Coordinator => match action {
            // Whose plan a document is becomes known once it is read; `plan:edit` on its
            // owner decides then.
            RegistryRead | PlanImport => true,
            BodyUpdate | BodyMembersWrite => {
                matches!((grant.scope, resource), (Scope::Body(own), Resource::Body(b)) if own == b)
            }
            PlanEdit => {
                matches!((grant.scope, resource), (Scope::Body(own), Resource::Plan { owner, .. }) if own == owner)
            }
            ReportWrite => {
                matches!((grant.scope, resource), (Scope::Body(own), Resource::Body(b)) if own == b)
            }
            _ => false,
        },
        Role::FocalPoint => match action {
            RegistryRead => true,
            CityUpdate | TokenManage => {
                matches!((grant.scope, resource), (Scope::City(own), Resource::City(c)) if own == c)
            }
            _ => false,
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
            (PlanImport, "network", &["admin", "staff", "coordinator"]),
            (PlanApprove, "se_plan", &["admin"]),
            (PlanApprove, "own_plan", &["admin"]),
            (ReportWrite, "own_body", &["admin", "staff", "coordinator"]),
            (ReportWrite, "other_body", &["admin", "staff"]),
            (ReportReview, "own_body", &["admin", "staff"]),
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
                .map(|(_, r)| *r);
            let resource = resource.unwrap_or_else(|| panic!("unknown resource {resource_name}"));
            for (name, actor) in &actors {
                assert_eq!(
                    can(actor, *action, resource),
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
        assert!(can(&token, RegistryRead, Resource::Network));
        assert!(!can(&token, CityUpdate, Resource::City(city)));
        token.permissions = Some(vec![RegistryRead, CityUpdate]);
        assert!(can(&token, CityUpdate, Resource::City(city)));
        assert!(!can(&token, CityUpdate, Resource::City(CityId::new())));
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
            assert!(!can(&nobody, *action, Resource::Network));
        }
    }
}
