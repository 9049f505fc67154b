import { lazy, Suspense, type ReactNode } from "react";
import { BrowserRouter, Navigate, Route, Routes, useLocation } from "react-router";
import { useTranslation } from "react-i18next";
import { Layout } from "./Layout";
import { Loading } from "../components/Loading";
import { ProblemAlert } from "../components/ProblemAlert";
import { useMe, useSession } from "../lib/auth/useAuth";

// One chunk per screen (route-based code splitting).
const LoginPage = lazy(() => import("../features/auth/components/LoginPage"));
const HomePage = lazy(() => import("../features/home/components/HomePage"));
const CitiesPage = lazy(() => import("../features/cities/components/CitiesPage"));
const CityScreen = lazy(() => import("./screens/CityScreen"));
const NewCityPage = lazy(() => import("../features/cities/components/NewCityPage"));
const BodiesPage = lazy(() => import("../features/bodies/components/BodiesPage"));
const BodyScreen = lazy(() => import("./screens/BodyScreen"));
const NewBodyPage = lazy(() => import("../features/bodies/components/NewBodyPage"));
const CountriesPage = lazy(() => import("../features/countries/components/CountriesPage"));
const PlansPage = lazy(() => import("../features/plans/components/PlansPage"));
const PlanPage = lazy(() => import("../features/plans/components/PlanPage"));
const NodeScreen = lazy(() => import("./screens/NodeScreen"));
const RevisionsPage = lazy(() => import("../features/plans/components/RevisionsPage"));
const CoveragePage = lazy(() => import("../features/plans/components/CoveragePage"));
const PlanReportsScreen = lazy(() => import("./screens/PlanReportsScreen"));
const ReportPage = lazy(() => import("../features/monitoring/components/ReportPage"));
const ReviewQueuePage = lazy(() => import("../features/monitoring/components/ReviewQueuePage"));
const UsersPage = lazy(() => import("../features/users/components/UsersPage"));
const UserPage = lazy(() => import("../features/users/components/UserPage"));
const TokensPage = lazy(() => import("../features/tokens/components/TokensPage"));
const AuditPage = lazy(() => import("../features/audit/components/AuditPage"));
const NotificationsPage = lazy(() => import("../features/notifications/components/NotificationsPage"));
const ProfileScreen = lazy(() => import("./screens/ProfileScreen"));
const CitiesMapPage = lazy(() => import("../features/cities/components/CitiesMapPage"));
const PublicLayout = lazy(() => import("../features/public/components/PublicLayout"));
const PublicPlansPage = lazy(() => import("../features/public/components/PublicPlansPage"));
const PublicPlanPage = lazy(() => import("../features/public/components/PublicPlanPage"));
const PublicExecutionPage = lazy(() => import("../features/public/components/PublicExecutionPage"));
const EventsPage = lazy(() => import("../features/events/components/EventsPage"));
const NewEventPage = lazy(() => import("../features/events/components/NewEventPage"));
const EventPage = lazy(() => import("../features/events/components/EventPage"));
const ParticipationPage = lazy(() => import("../features/events/components/ParticipationPage"));
const NotFoundPage = lazy(() => import("./NotFoundPage"));

/** The signed-in screens: once the session and what the user may do (`/auth/me`) are known. */
function RequireAuth({ children }: { children: ReactNode }) {
  const { status, ended } = useSession();
  const me = useMe();
  const location = useLocation();
  const { t } = useTranslation();
  if (status === "loading") return <Loading label={t("auth.restoring")} />;
  if (status !== "authenticated") {
    // After an expired session, come back to the same page; after signing out, start afresh.
    const from = ended === "signed_out" ? undefined : location.pathname + location.search;
    return <Navigate to="/login" replace state={from ? { from } : null} />;
  }
  if (me.isPending) return <Loading label={t("auth.restoring")} />;
  if (me.isError && !me.data) {
    return (
      <ProblemAlert error={me.error}>
        <button type="button" className="button-primary" onClick={() => void me.refetch()}>
          {t("common.reload")}
        </button>
      </ProblemAlert>
    );
  }
  return <>{children}</>;
}

export function AppRoutes() {
  return (
    <Suspense fallback={<Loading />}>
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        {/* The transparency pages: open to anyone, signed in or not. */}
        <Route path="/public" element={<PublicLayout />}>
          <Route index element={<PublicPlansPage />} />
          <Route path="plans/:id" element={<PublicPlanPage />} />
          <Route path="plans/:id/execution" element={<PublicExecutionPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
        <Route
          element={
            <RequireAuth>
              <Layout />
            </RequireAuth>
          }
        >
          <Route index element={<HomePage />} />
          <Route path="cities" element={<CitiesPage />} />
          <Route path="map" element={<CitiesMapPage />} />
          <Route path="cities/new" element={<NewCityPage />} />
          <Route path="cities/:id" element={<CityScreen />} />
          <Route path="bodies" element={<BodiesPage />} />
          <Route path="bodies/new" element={<NewBodyPage />} />
          <Route path="bodies/:id" element={<BodyScreen />} />
          <Route path="countries" element={<CountriesPage />} />
          <Route path="plans" element={<PlansPage />} />
          <Route path="plans/:id" element={<PlanPage />} />
          <Route path="plans/:id/nodes/:nodeId" element={<NodeScreen />} />
          <Route path="plans/:id/revisions" element={<RevisionsPage />} />
          <Route path="plans/:id/coverage" element={<CoveragePage />} />
          <Route path="plans/:id/reports" element={<PlanReportsScreen />} />
          <Route path="events" element={<EventsPage />} />
          <Route path="events/new" element={<NewEventPage />} />
          <Route path="events/participation" element={<ParticipationPage />} />
          <Route path="events/:id" element={<EventPage />} />
          <Route path="reports" element={<ReviewQueuePage />} />
          <Route path="reports/:reportId" element={<ReportPage />} />
          <Route path="users" element={<UsersPage />} />
          <Route path="users/:id" element={<UserPage />} />
          <Route path="api-tokens" element={<TokensPage />} />
          <Route path="audit" element={<AuditPage />} />
          <Route path="notifications" element={<NotificationsPage />} />
          <Route path="profile" element={<ProfileScreen />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </Suspense>
  );
}

export function App() {
  return (
    <BrowserRouter>
      <AppRoutes />
    </BrowserRouter>
  );
}
