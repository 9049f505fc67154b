//! Guards: the permission a handler needs is the type of its guard parameter.
//!
//! `Guard<perm::CityUpdate, OnCity>` authenticates the caller, finds the record the permission
//! is checked on (here the city of the path's `{id}`), asks the domain policy
//! ([`mercociudades_domain::access::can`]) and refuses with 403 before the handler runs. The
//! `#[guarded]` attribute writes the operation's OpenAPI `x-permission` from the same type, so
//! the document and the check cannot disagree. Rules that depend on the record (the author of
//! a report, the owner of a plan, the city of a focal point) are the policy's, over the
//! [`Resource`] a target resolves.

use crate::auth::Auth;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest, web};
use futures_util::future::LocalBoxFuture;
use mercociudades_domain::access::{Action, Actor, Resource, can, holds};
use mercociudades_domain::ids::{
    ApiTokenId, BodyId, CityId, EventId, IndicatorId, NodeId, PlanId, ReportId,
};
use mercociudades_domain::monitoring::{AuthorKind, IndicatorRecord, ReportRecord};
use mercociudades_domain::plan::PlanRecord;
use mercociudades_persistence::StoreError;
use mercociudades_persistence::repositories::ApiTokenRecord;
use std::future::{Ready, ready};
use std::marker::PhantomData;
use uuid::Uuid;

/// What the OpenAPI document names as an operation's permission.
pub trait Guarded {
    const PERMISSION: &'static str;
}

/// An action of the policy, as a type.
pub trait Permission: 'static {
    const ACTION: Action;
}

/// The actions of the policy as types, for guards: `Guard<perm::PlanEdit, OnPlan>`.
pub mod perm {
    use super::Permission;
    use mercociudades_domain::access::Action;

    macro_rules! permissions {
        ($($name:ident),* $(,)?) => {
            $(
                #[doc = concat!("The `", stringify!($name), "` action.")]
                pub struct $name;
                impl Permission for $name {
                    const ACTION: Action = Action::$name;
                }
            )*
            /// Every action that has a type here.
            pub const ALL: &[Action] = &[$(Action::$name),*];
        };
    }

    permissions!(
        RegistryRead,
        CountryWrite,
        CityCreate,
        CityUpdate,
        CityMembership,
        CityDelete,
        BodyCreate,
        BodyUpdate,
        BodyReclassify,
        BodyDelete,
        BodyMembersWrite,
        TermWrite,
        UserRead,
        UserManage,
        AuditRead,
        TokenManage,
        PlanEdit,
        PlanImport,
        PlanApprove,
        ReportWrite,
        ReportReview,
        EventRead,
        EventWrite,
        DelegationWrite,
        DelegationConfirm,
    );
}

/// How a guard finds the records its permissions are checked on; what it found is handed to
/// the handler. Most targets read the path; a target whose records are named in the request's
/// body reads the body too (and hands it to the handler), so that every check happens here.
pub trait Target: Sized + 'static {
    /// Whether the target reads the request's body.
    const READS_BODY: bool = false;

    /// The target, and every (action, record) the request needs: the guard's own action on
    /// the record the path names, and what else the body asks for.
    fn resolve(cx: Cx) -> Resolved<Self>;
}

/// What a target resolves from: the request, its body when the target reads it, the
/// application, the guard's action and the caller.
pub struct Cx {
    pub req: HttpRequest,
    pub payload: Payload,
    pub state: web::Data<AppState>,
    pub action: Action,
    pub actor: Actor,
}

impl Cx {
    /// The guard's action on `resource`: the one check of most targets.
    pub fn on(&self, resource: Resource) -> Checks {
        vec![(self.action, resource)]
    }

    /// Refuses at once unless the caller may do `action` on `resource`: for a check that must
    /// come before the body is validated.
    pub fn ensure(&self, action: Action, resource: &Resource) -> ApiResult<()> {
        allowed(&self.actor, action, resource)
    }

    /// The request's JSON body.
    pub async fn json<T: serde::de::DeserializeOwned>(&mut self) -> ApiResult<T> {
        crate::extract::read_json(self.req.clone(), self.payload.take()).await
    }

    /// A path segment as a UUID; 404 when it is not one.
    pub fn id(&self, name: &str) -> ApiResult<Uuid> {
        self.req
            .match_info()
            .get(name)
            .and_then(|raw| Uuid::parse_str(raw).ok())
            .ok_or_else(ApiError::not_found)
    }
}

/// The permissions a request needs: each action on its record.
pub type Checks = Vec<(Action, Resource)>;

/// A target and the checks it asks for, once found.
pub type Resolved<T> = LocalBoxFuture<'static, ApiResult<(T, Checks)>>;

/// A permission checked before the handler runs: `A` is the action, `T` the record it is
/// checked on.
pub struct Guard<A: Permission, T: Target = Network> {
    pub auth: Auth,
    pub target: T,
    action: PhantomData<A>,
}

impl<A: Permission, T: Target> Guarded for Guard<A, T> {
    const PERMISSION: &'static str = A::ACTION.as_str();
}

/// The guard stands for the caller it let through.
impl<A: Permission, T: Target> std::ops::Deref for Guard<A, T> {
    type Target = Auth;

    fn deref(&self) -> &Auth {
        &self.auth
    }
}

fn allowed(actor: &Actor, action: Action, resource: &Resource) -> ApiResult<()> {
    if can(actor, action, resource) {
        Ok(())
    } else {
        Err(ApiError::forbidden_to(action))
    }
}

impl<A: Permission, T: Target> FromRequest for Guard<A, T> {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, ApiResult<Self>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let auth = Auth::from_request(req, payload);
        let req = req.clone();
        let payload = if T::READS_BODY {
            payload.take()
        } else {
            Payload::None
        };
        Box::pin(async move {
            let auth = auth.await?;
            let action = A::ACTION;
            // Who holds the action nowhere learns nothing about the record.
            if !holds(&auth.actor, action) {
                return Err(ApiError::forbidden_to(action));
            }
            let cx = Cx {
                state: app_state(&req)?,
                req,
                payload,
                action,
                actor: auth.actor.clone(),
            };
            let (target, checks) = T::resolve(cx).await?;
            for (action, resource) in &checks {
                allowed(&auth.actor, *action, resource)?;
            }
            Ok(Guard {
                auth,
                target,
                action: PhantomData,
            })
        })
    }
}

/// Any signed-in caller, whatever their roles.
pub struct Authenticated(pub Auth);

impl std::ops::Deref for Authenticated {
    type Target = Auth;

    fn deref(&self) -> &Auth {
        &self.0
    }
}

impl Guarded for Authenticated {
    const PERMISSION: &'static str = "authenticated";
}

impl FromRequest for Authenticated {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, ApiResult<Self>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let auth = Auth::from_request(req, payload);
        Box::pin(async move { auth.await.map(Authenticated) })
    }
}

/// An operation open to anyone, without credentials.
pub struct Public;

impl Guarded for Public {
    const PERMISSION: &'static str = "public";
}

impl FromRequest for Public {
    type Error = ApiError;
    type Future = Ready<ApiResult<Self>>;

    fn from_request(_: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(Ok(Public))
    }
}

fn app_state(req: &HttpRequest) -> ApiResult<web::Data<AppState>> {
    req.app_data::<web::Data<AppState>>()
        .cloned()
        .ok_or_else(|| ApiError::internal(anyhow::anyhow!("application state missing")))
}

fn resolved<T: 'static>(value: ApiResult<(T, Checks)>) -> Resolved<T> {
    Box::pin(ready(value))
}

/// The network as a whole: lists, new records, reference data.
pub struct Network;

impl Target for Network {
    fn resolve(cx: Cx) -> Resolved<Self> {
        resolved(Ok((Network, cx.on(Resource::Network))))
    }
}

/// The city of the path's `{id}`.
pub struct OnCity(pub CityId);

impl Target for OnCity {
    fn resolve(cx: Cx) -> Resolved<Self> {
        resolved(
            cx.id("id")
                .map(|id| (OnCity(CityId(id)), cx.on(Resource::City(CityId(id))))),
        )
    }
}

/// The body of the path's `{id}`.
pub struct OnBody(pub BodyId);

impl Target for OnBody {
    fn resolve(cx: Cx) -> Resolved<Self> {
        resolved(
            cx.id("id")
                .map(|id| (OnBody(BodyId(id)), cx.on(Resource::Body(BodyId(id))))),
        )
    }
}

/// The plan of the path's `{id}`, read.
pub struct OnPlan(pub PlanRecord);

impl Target for OnPlan {
    fn resolve(cx: Cx) -> Resolved<Self> {
        Box::pin(async move {
            let plan = cx.state.store.get_plan(PlanId(cx.id("id")?)).await?;
            let resource = Resource::plan(plan.owner, plan.owner_kind);
            Ok((OnPlan(plan), cx.on(resource)))
        })
    }
}

/// The activity `{node_id}` of the plan `{id}`: the plan's owner and the bodies the activity
/// names as responsible.
pub struct OnActivity {
    pub plan: Uuid,
    pub node: Uuid,
}

impl Target for OnActivity {
    fn resolve(cx: Cx) -> Resolved<Self> {
        Box::pin(async move {
            let (plan, node) = (cx.id("id")?, cx.id("node_id")?);
            let tree = cx.state.store.plan_outline(PlanId(plan)).await?;
            let activity = tree
                .nodes
                .iter()
                .find(|n| n.id == NodeId(node))
                .ok_or_else(ApiError::not_found)?;
            let responsible = cx
                .state
                .store
                .bodies_by_acronym(&activity.details.responsible_bodies)
                .await?
                .into_values()
                .map(|body| body.id)
                .collect();
            let resource = Resource::Activity {
                plan_owner: tree.plan.owner,
                responsible,
            };
            Ok((OnActivity { plan, node }, cx.on(resource)))
        })
    }
}

/// The event of the path's `{id}`, checked on the bodies that organise it.
pub struct OnEvent(pub EventId);

impl Target for OnEvent {
    fn resolve(cx: Cx) -> Resolved<Self> {
        Box::pin(async move {
            let id = EventId(cx.id("id")?);
            let event = cx.state.store.get_event(id).await?;
            let resource = Resource::Event {
                organizers: event.event.value.organizers,
            };
            Ok((OnEvent(id), cx.on(resource)))
        })
    }
}

/// The progress report of the path's `{id}`, read; its author may act on it.
pub struct OnReport(pub ReportRecord);

impl Target for OnReport {
    fn resolve(cx: Cx) -> Resolved<Self> {
        Box::pin(async move {
            let report = cx.state.store.get_report(ReportId(cx.id("id")?)).await?;
            let author = report
                .author_id
                .map(|id| report_author(report.author_kind, id));
            Ok((OnReport(report), cx.on(Resource::Report { author })))
        })
    }
}

fn report_author(kind: AuthorKind, id: Uuid) -> mercociudades_domain::access::Principal {
    use mercociudades_domain::access::Principal;
    use mercociudades_domain::ids::UserId;
    if kind == AuthorKind::Token {
        Principal::Token(ApiTokenId(id))
    } else {
        Principal::User(UserId(id))
    }
}

/// The indicator of the path's `{id}` and the plan it belongs to, read.
pub struct OnIndicator {
    pub indicator: IndicatorRecord,
    pub plan: PlanRecord,
}

impl Target for OnIndicator {
    fn resolve(cx: Cx) -> Resolved<Self> {
        Box::pin(async move {
            let indicator = cx
                .state
                .store
                .get_indicator(IndicatorId(cx.id("id")?))
                .await?;
            let plan = cx.state.store.get_plan(indicator.plan_id).await?;
            let resource = Resource::plan(plan.owner, plan.owner_kind);
            Ok((OnIndicator { indicator, plan }, cx.on(resource)))
        })
    }
}

/// The API token of the path's `{id}`, read, checked on its scope. Only who may act on every
/// token learns that an id does not exist.
pub struct OnToken(pub ApiTokenRecord);

impl Target for OnToken {
    fn resolve(cx: Cx) -> Resolved<Self> {
        let action = cx.action;
        let sees_all = can(&cx.actor, action, &Resource::Network);
        Box::pin(async move {
            let unknown = |e: StoreError| {
                if sees_all {
                    ApiError::from(e)
                } else {
                    ApiError::forbidden_to(action)
                }
            };
            let id = cx.id("id").map_err(|_| unknown(StoreError::NotFound))?;
            let token = cx
                .state
                .store
                .get_api_token(ApiTokenId(id))
                .await
                .map_err(unknown)?;
            let resource = Resource::of_scope(token.grant.scope());
            Ok((OnToken(token), cx.on(resource)))
        })
    }
}

/// The city named by the query's `city_id`, or the network when none is named (a malformed
/// one is reported by the handler's own parsing).
pub struct OnQueryCity(pub Option<CityId>);

impl Target for OnQueryCity {
    fn resolve(cx: Cx) -> Resolved<Self> {
        let city = web::Query::<Vec<(String, String)>>::from_query(cx.req.query_string())
            .ok()
            .and_then(|q| {
                q.iter()
                    .find(|(k, _)| k == "city_id")
                    .and_then(|(_, v)| Uuid::parse_str(v.trim()).ok())
            })
            .map(CityId);
        let resource = city.map_or(Resource::Network, Resource::City);
        resolved(Ok((OnQueryCity(city), cx.on(resource))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_has_a_type() {
        assert_eq!(perm::ALL, Action::ALL);
    }

    #[test]
    fn the_documented_permission_is_the_action() {
        assert_eq!(
            <Guard<perm::CityUpdate, OnCity> as Guarded>::PERMISSION,
            "city:update"
        );
        assert_eq!(
            <Guard<perm::RegistryRead> as Guarded>::PERMISSION,
            "registry:read"
        );
        assert_eq!(<Authenticated as Guarded>::PERMISSION, "authenticated");
        assert_eq!(<Public as Guarded>::PERMISSION, "public");
    }
}
