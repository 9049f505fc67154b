import { keepPreviousData, useMutation, useQueries, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, ifMatch, unwrap, unwrapWithEtag } from "../../../lib/api/client";
import type { components, paths } from "../../../lib/api/schema";

import type { ActivityStatus } from "../../../lib/plans/activityStatus";

type Schemas = components["schemas"];
export type ReportIn = Schemas["ReportIn"];
/** A city a report names (the form's list): the report's own cities leave out those only an event recorded. */
export type ReportCity = Pick<Schemas["ReportCityOut"], "id" | "name" | "country">;
export type Report = Schemas["ReportOut"];
export type ExecutionRow = Schemas["ExecutionRow"];
export type ExecutionReport = Schemas["ExecutionReport"];
export type ResultsReport = Schemas["ResultsReport"];
/** The plan, its tree and a node, as the monitoring of a plan reads them. */
export type PlanOut = Schemas["PlanOut"];
export type PlanTree = Schemas["PlanTreeOut"];
export type PlanNode = Schemas["PlanNodeOut"];

/** The filters every report of a plan accepts (kept in the URL). */
export type ReportFilters = NonNullable<paths["/api/v1/plans/{id}/execution-report"]["get"]["parameters"]["query"]>;

export const REPORT_FILTERS = ["from", "until", "country", "body", "serves"] as const satisfies readonly (keyof ReportFilters)[];

export const reportKeys = {
  all: ["reports"] as const,
  list: (q: ReportListQuery) => ["reports", "list", q] as const,
  detail: (id: string) => ["reports", "detail", id] as const,
  plan: (planId: string, which: string, f: ReportFilters) => ["reports", "plan", planId, which, f] as const,
};

export type ReportListQuery = NonNullable<paths["/api/v1/reports"]["get"]["parameters"]["query"]>;

export function useReportList(q: ReportListQuery) {
  return useQuery({
    queryKey: reportKeys.list(q),
    placeholderData: keepPreviousData,
    queryFn: async () => {
      return unwrap(await api.GET("/api/v1/reports", { params: { query: q } }));
    },
  });
}

/** One report with its ETag (for If-Match). */
export function useReport(id: string) {
  return useQuery({
    queryKey: reportKeys.detail(id),
    queryFn: async () => {
      return unwrapWithEtag(await api.GET("/api/v1/reports/{id}", { params: { path: { id } } }));
    },
  });
}

function useInvalidateReports() {
  const queryClient = useQueryClient();
  return async () => {
    await queryClient.invalidateQueries({ queryKey: reportKeys.all });
    // What waits for the person (the home page's inbox) changes with any report.
    await queryClient.invalidateQueries({ queryKey: ["inbox"] });
  };
}

/** Writes a draft report; `idempotencyKey` is one per form submission, so a repeat is harmless. */
export function useCreateReport(planId: string, nodeId: string) {
  const invalidate = useInvalidateReports();
  return useMutation({
    mutationFn: async ({ body, idempotencyKey }: { body: ReportIn; idempotencyKey: string }) =>
      unwrap(
        await api.POST("/api/v1/plans/{id}/nodes/{node_id}/reports", {
          params: { path: { id: planId, node_id: nodeId }, header: { "Idempotency-Key": idempotencyKey } },
          body,
        }),
      ),
    onSuccess: invalidate,
  });
}

export function useUpdateReport(id: string) {
  const invalidate = useInvalidateReports();
  return useMutation({
    mutationFn: async ({ body, etag, version }: { body: ReportIn; etag: string; version: number }) =>
      unwrap(
        await api.PUT("/api/v1/reports/{id}", {
          params: { path: { id }, header: { "If-Match": ifMatch(etag, version) } },
          body,
        }),
      ),
    onSuccess: invalidate,
  });
}

export type ReportStep = "submit" | "approve" | "return";

/** Moves a report through its review: submit, approve, or return with a reason. */
export function useReportStep(id: string) {
  const invalidate = useInvalidateReports();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({
      step,
      etag,
      version,
      reason,
      activityStatus,
    }: {
      step: ReportStep;
      etag: string;
      version: number;
      reason?: string;
      /** With an approval: the status the report's activity moves to (none: it stays as it is). */
      activityStatus?: ActivityStatus;
    }) => {
      const params = { path: { id }, header: { "If-Match": ifMatch(etag, version) } };
      const r =
        step === "submit"
          ? await api.POST("/api/v1/reports/{id}/submit", { params })
          : step === "approve"
            ? await api.POST("/api/v1/reports/{id}/approve", { params, body: activityStatus ? { activity_status: activityStatus } : undefined })
            : await api.POST("/api/v1/reports/{id}/return", { params, body: { reason: reason ?? "" } });
      return unwrap(r);
    },
    onSuccess: async (_, { activityStatus }) => {
      await invalidate();
      // The activity moved on with the approval: the plan's screens read it again.
      if (activityStatus) await queryClient.invalidateQueries({ queryKey: ["plans"] });
    },
  });
}

/** Cities whose name matches `q`, for the participant picker. */
export function useCitySearch(q: string) {
  const term = q.trim();
  return useQuery({
    queryKey: ["cities", "search", term],
    enabled: term.length >= 2,
    placeholderData: keepPreviousData,
    queryFn: async () =>
      unwrap(await api.GET("/api/v1/cities", { params: { query: { q: term, per_page: 10 } } })),
  });
}

const clean = (f: ReportFilters) => Object.fromEntries(Object.entries(f).filter(([, v]) => v)) as ReportFilters;

export function useExecutionReport(planId: string, filters: ReportFilters) {
  return useQuery({
    queryKey: reportKeys.plan(planId, "execution", filters),
    placeholderData: keepPreviousData,
    queryFn: async () =>
      unwrap(
        await api.GET("/api/v1/plans/{id}/execution-report", { params: { path: { id: planId }, query: clean(filters) } }),
      ),
  });
}

export function useParticipationReport(planId: string, filters: ReportFilters) {
  return useQuery({
    queryKey: reportKeys.plan(planId, "participation", filters),
    placeholderData: keepPreviousData,
    queryFn: async () =>
      unwrap(
        await api.GET("/api/v1/plans/{id}/participation-report", { params: { path: { id: planId }, query: clean(filters) } }),
      ),
  });
}

export function useResultsReport(planId: string, filters: ReportFilters) {
  return useQuery({
    queryKey: reportKeys.plan(planId, "results", filters),
    placeholderData: keepPreviousData,
    queryFn: async () =>
      unwrap(
        await api.GET("/api/v1/plans/{id}/results-report", { params: { path: { id: planId }, query: clean(filters) } }),
      ),
  });
}

/** The path of a plan's report with the filters, for the CSV download. */
export function reportPath(planId: string, which: "execution" | "participation" | "results", filters: ReportFilters): string {
  const q = new URLSearchParams(Object.entries(clean(filters)) as [string, string][]).toString();
  return `/api/v1/plans/${encodeURIComponent(planId)}/${which}-report${q ? `?${q}` : ""}`;
}

/**
 * The bodies of the network (id, acronym and name): for a coordinator's permission on an activity
 * (plans name bodies by acronym), and to name the bodies a plan's reports filter by.
 */
export function useBodyAcronyms(enabled = true) {
  return useQuery({
    queryKey: ["bodies", "acronyms"],
    enabled,
    staleTime: 5 * 60_000,
    queryFn: async () => {
      const data = unwrap(await api.GET("/api/v1/bodies", { params: { query: { page: 1, per_page: 200 } } }));
      return data.items.map((b) => ({ id: b.id, acronym: b.acronym ?? null, name: b.name }));
    },
  });
}

/**
 * The plans of some reports, each with its tree (its title, its activities' titles), read once per
 * plan however many of its reports a page shows: a report names its plan and activity by id and code only.
 */
export function usePlanTrees(planIds: readonly string[]): Map<string, PlanTree> {
  const wanted = [...new Set(planIds)];
  const plans = useQueries({
    queries: wanted.map((id) => ({
      queryKey: ["reports", "plan-tree", id],
      staleTime: 5 * 60_000,
      queryFn: async () => unwrap(await api.GET("/api/v1/plans/{id}", { params: { path: { id } } })),
    })),
  });
  const trees = new Map<string, PlanTree>();
  wanted.forEach((id, i) => {
    const tree = plans[i]?.data;
    if (tree) trees.set(id, tree);
  });
  return trees;
}
