import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, ifMatch, sentForCheck, unwrap, unwrapWithEtag } from "../../../lib/api/client";
import { ApiError, isProblem, type FieldProblem } from "../../../lib/api/problem";
import { saveFile } from "../../../lib/api/download";
import type { components } from "../../../lib/api/schema";
import type { ActivityStatus } from "../model/rules";

type Schemas = components["schemas"];
export type Localized = Schemas["Localized"];
export type RevisionOut = Schemas["RevisionOut"];
export type ApprovalIn = Schemas["ApprovalIn"];
/** A work plan without its tree. */
export type Plan = Schemas["PlanOut"];
/** A plan with its strategic plan and its whole tree. */
export type PlanTree = Schemas["PlanTreeOut"];
/** A node of the tree; an activity's fields are flattened into it. */
export type PlanNode = Schemas["PlanNodeOut"];
/** A node as the server reads it (POST children, PUT): the plan document's node, without children. */
export type NodeInput = Schemas["NodeData"];
export type CoverageItem = Schemas["CoverageItem"];
export type NodeSummary = Schemas["NodeSummary"];

export const planKeys = {
  all: ["plans"] as const,
  list: (page: number, perPage: number, ownerBodyId?: string) => ["plans", "list", page, perPage, ownerBodyId ?? "all"] as const,
  detail: (id: string) => ["plans", "detail", id] as const,
  node: (id: string, nodeId: string) => ["plans", "node", id, nodeId] as const,
  revisions: (id: string) => ["plans", "revisions", id] as const,
  diff: (id: string, a: string, b: string) => ["plans", "diff", id, a, b] as const,
  coverage: (id: string) => ["plans", "coverage", id] as const,
};

/** A page of the plans, or of the plans one body owns (`ownerBodyId`). */
export function usePlans(page: number, perPage = 25, ownerBodyId?: string) {
  return useQuery({
    queryKey: planKeys.list(page, perPage, ownerBodyId),
    queryFn: async () => {
      return unwrap(
        await api.GET("/api/v1/plans", { params: { query: { page, per_page: perPage, owner_body_id: ownerBodyId } } }),
      );
    },
  });
}

/** A plan with its whole tree and the ETag to send back with a change of its status. */
export function usePlan(id: string) {
  return useQuery({
    queryKey: planKeys.detail(id),
    queryFn: async () => {
      return unwrapWithEtag(await api.GET("/api/v1/plans/{id}", { params: { path: { id } } }));
    },
  });
}

/** One node with its ETag (for If-Match). */
export function usePlanNode(id: string, nodeId: string) {
  return useQuery({
    queryKey: planKeys.node(id, nodeId),
    queryFn: async () => {
      return unwrapWithEtag(
        await api.GET("/api/v1/plans/{id}/nodes/{node_id}", { params: { path: { id, node_id: nodeId } } }),
      );
    },
  });
}

export function useRevisions(id: string) {
  return useQuery({
    queryKey: planKeys.revisions(id),
    queryFn: async () => unwrap(await api.GET("/api/v1/plans/{id}/revisions", { params: { path: { id } } })),
  });
}

export function useDiff(id: string, a: string, b: string, enabled = true) {
  return useQuery({
    queryKey: planKeys.diff(id, a, b),
    enabled: enabled && !!a && !!b,
    queryFn: async () =>
      unwrap(await api.GET("/api/v1/plans/{id}/revisions/{a}/diff/{b}", { params: { path: { id, a, b } } })),
  });
}

export function useCoverage(id: string) {
  return useQuery({
    queryKey: planKeys.coverage(id),
    queryFn: async () =>
      unwrap(await api.GET("/api/v1/plans/{id}/coverage", { params: { path: { id } } })),
  });
}

function useInvalidatePlan(id: string) {
  const queryClient = useQueryClient();
  return async () => {
    await queryClient.invalidateQueries({ queryKey: planKeys.all });
    await queryClient.invalidateQueries({ queryKey: ["history", "plans", id] });
  };
}

/** Adds a node under `parentId` (or a dimension at the root when null). */
export function useAddNode(planId: string) {
  const invalidate = useInvalidatePlan(planId);
  return useMutation({
    mutationFn: async ({ parentId, body }: { parentId: string | null; body: NodeInput }) =>
      unwrap(
        parentId
          ? await api.POST("/api/v1/plans/{id}/nodes/{node_id}/children", {
              params: { path: { id: planId, node_id: parentId } },
              body,
            })
          : await api.POST("/api/v1/plans/{id}/nodes", { params: { path: { id: planId } }, body }),
      ),
    onSuccess: invalidate,
  });
}

export function useUpdateNode(planId: string, nodeId: string) {
  const invalidate = useInvalidatePlan(planId);
  return useMutation({
    mutationFn: async ({ body, etag, version }: { body: NodeInput; etag: string; version: number }) =>
      unwrap(
        await api.PUT("/api/v1/plans/{id}/nodes/{node_id}", {
          params: { path: { id: planId, node_id: nodeId }, header: { "If-Match": ifMatch(etag, version) } },
          body,
        }),
      ),
    onSuccess: invalidate,
  });
}

export function useDeleteNode(planId: string, nodeId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ etag, version }: { etag: string; version: number }) => {
      const r = await api.DELETE("/api/v1/plans/{id}/nodes/{node_id}", {
        params: { path: { id: planId, node_id: nodeId }, header: { "If-Match": ifMatch(etag, version) } },
      });
      if (!r.response.ok) throw new ApiError(r.response.status, isProblem(r.error) ? r.error : null);
    },
    onSuccess: async () => {
      queryClient.removeQueries({ queryKey: planKeys.node(planId, nodeId) });
      await queryClient.invalidateQueries({ queryKey: planKeys.detail(planId) });
      await queryClient.invalidateQueries({ queryKey: planKeys.coverage(planId) });
    },
  });
}

export function useSetStatus(planId: string, nodeId: string) {
  const invalidate = useInvalidatePlan(planId);
  return useMutation({
    mutationFn: async ({ status, etag, version }: { status: ActivityStatus; etag: string; version: number }) =>
      unwrap(
        await api.PUT("/api/v1/plans/{id}/nodes/{node_id}/status", {
          params: { path: { id: planId, node_id: nodeId }, header: { "If-Match": ifMatch(etag, version) } },
          body: { status },
        }),
      ),
    onSuccess: invalidate,
  });
}

export type PlanStep = "approve" | "start" | "close" | "revise";

/** Moves the plan through its life: approve (with the meeting), start, close, open a revision. */
export function usePlanStep(planId: string) {
  const invalidate = useInvalidatePlan(planId);
  return useMutation({
    mutationFn: async ({ step, etag, version, approval }: { step: PlanStep; etag: string; version: number; approval?: ApprovalIn }) => {
      const params = { path: { id: planId }, header: { "If-Match": ifMatch(etag, version) } };
      const r =
        step === "approve"
          ? await api.POST("/api/v1/plans/{id}/approve", { params, body: sentForCheck<ApprovalIn>(approval ?? {}) })
          : step === "start"
            ? await api.POST("/api/v1/plans/{id}/start", { params })
            : step === "close"
              ? await api.POST("/api/v1/plans/{id}/close", { params })
              : await api.POST("/api/v1/plans/{id}/revisions", { params });
      return unwrap(r);
    },
    onSuccess: invalidate,
  });
}

// ---------------------------------------------------------------------------------------------
// Plan documents (JSON or YAML) and the activity CSV, in and out

export const DOCUMENT_FORMATS = ["json", "yaml"] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

const DOCUMENT_MEDIA_TYPES: Record<DocumentFormat, string> = { json: "application/json", yaml: "application/yaml" };

/**
 * The format of a plan document file: by its extension, else by its first character (a JSON
 * document is an object), else YAML.
 */
export function documentFormatOf(fileName: string, text: string): DocumentFormat {
  const name = fileName.toLowerCase();
  if (name.endsWith(".json")) return "json";
  if (name.endsWith(".yaml") || name.endsWith(".yml")) return "yaml";
  return text.trimStart().startsWith("{") ? "json" : "yaml";
}

/** A plan document as a file name: `plan-SE-2011-2012.yaml`. */
export function documentFileName(plan: Pick<Plan, "owner" | "starts_on" | "ends_on">, format: DocumentFormat): string {
  const owner = (plan.owner.acronym ?? "plan").replace(/[^A-Za-z0-9-]+/g, "-");
  return `plan-${owner}-${plan.starts_on.slice(0, 4)}-${plan.ends_on.slice(0, 4)}.${format}`;
}

/** Downloads the plan document (GET /plans/{id}/document) in the format asked for with Accept. */
export async function downloadPlanDocument(planId: string, format: DocumentFormat, fileName: string): Promise<void> {
  const r = await api.GET("/api/v1/plans/{id}/document", {
    params: { path: { id: planId } },
    headers: { Accept: DOCUMENT_MEDIA_TYPES[format] },
    parseAs: "blob",
  });
  saveFile(unwrap(r), fileName);
}

/**
 * Imports a plan document (POST /plans/import) as it is written, so that the server's messages
 * (a line and column, or the path of a field) point into the user's own file.
 */
export function useImportPlan() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ text, format }: { text: string; format: DocumentFormat }) => {
      const r = await api.POST("/api/v1/plans/import", {
        body: text,
        bodySerializer: (body: unknown) => body as string,
        headers: { "Content-Type": DOCUMENT_MEDIA_TYPES[format] },
      });
      return unwrap(r);
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: planKeys.all });
    },
  });
}

export type ActivityImport = Schemas["ActivityImportOut"];

/** Imports the activity CSV into a draft (POST /plans/{id}/activities/import); nothing changes unless every row is right. */
export function useImportActivities(planId: string) {
  const invalidate = useInvalidatePlan(planId);
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (csv: string) =>
      unwrap(
        await api.POST("/api/v1/plans/{id}/activities/import", {
          params: { path: { id: planId } },
          body: csv,
          bodySerializer: (body: unknown) => body as string,
          headers: { "Content-Type": "text/csv" },
        }),
      ),
    onSuccess: async () => {
      await invalidate();
      // The plan's reports and indicators name its activities too.
      void queryClient.invalidateQueries({ queryKey: ["reports", "plan", planId] });
      void queryClient.invalidateQueries({ queryKey: ["indicators", planId] });
    },
  });
}

/** One cell the activity import refused: `rows[<line>].<column>` read back. */
export interface RowProblem {
  line: number;
  column: string;
  message: string;
}

/**
 * Splits the import's problems into cells (by line, then in the server's order) and the rest
 * (the header, the file as a whole). `rows[4].responsible_bodies[1]` is line 4, column
 * `responsible_bodies`.
 */
export function rowProblems(errors: readonly FieldProblem[]): {
  rows: RowProblem[];
  others: { field: string; message: string }[];
} {
  const rows: RowProblem[] = [];
  const others: { field: string; message: string }[] = [];
  for (const e of errors) {
    const m = /^rows\[(\d+)\](?:\.([A-Za-z_]+))?/.exec(e.field);
    if (m) rows.push({ line: Number(m[1]), column: m[2] ?? "", message: e.message || e.code });
    else others.push({ field: e.field, message: e.message || e.code });
  }
  rows.sort((a, b) => a.line - b.line);
  return { rows, others };
}

/** The bodies an activity may name as responsible (by acronym), each with its name: read once, kept a while. */
export function useBodyChoices() {
  return useQuery({
    queryKey: ["plans", "body-choices"],
    staleTime: 5 * 60_000,
    queryFn: async () => unwrap(await api.GET("/api/v1/bodies", { params: { query: { per_page: 200 } } })).items,
  });
}

/** The member cities an activity may name as responsible (`Name (CC)`): read once, kept a while. */
export function useCityChoices() {
  return useQuery({
    queryKey: ["plans", "city-choices"],
    staleTime: 5 * 60_000,
    queryFn: async () => unwrap(await api.GET("/api/v1/cities", { params: { query: { per_page: 200, sort: "name" } } })).items,
  });
}
