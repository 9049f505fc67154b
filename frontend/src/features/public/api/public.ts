import { useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../../lib/api/client";
import type { components } from "../../../lib/api/schema";

type Schemas = components["schemas"];
/** An approved plan as the public list gives it (without its tree). */
export type PublicPlan = Schemas["PlanOut"];
/**
 * An approved plan's document (`format: mercociudades-plan`): the work plan with its tree of
 * nodes, and the strategic plan it serves.
 */
export type PlanDocument = Schemas["PlanDocument"];
export type PlanNode = Schemas["NodeData"];
export type ExecutionReport = Schemas["ExecutionReport"];
export type ExecutionRow = Schemas["ExecutionRow"];

export const publicKeys = {
  plans: ["public", "plans"] as const,
  plan: (id: string) => ["public", "plans", id] as const,
  execution: (id: string) => ["public", "plans", id, "execution"] as const,
};

/** The network's approved plans (approved, in execution or closed), newest first. */
export function usePublicPlans() {
  return useQuery({
    queryKey: publicKeys.plans,
    queryFn: async () => unwrap(await api.GET("/api/v1/public/plans")),
  });
}

/** An approved plan's document; a plan under revision shows the document that was approved. */
export function usePublicPlan(id: string) {
  return useQuery({
    queryKey: publicKeys.plan(id),
    queryFn: async () => unwrap(await api.GET("/api/v1/public/plans/{id}", { params: { path: { id } } })),
  });
}

/** The execution of an approved plan: per dimension, policy and axis, per responsible body, and in total. */
export function usePublicExecution(id: string) {
  return useQuery({
    queryKey: publicKeys.execution(id),
    queryFn: async () =>
      unwrap(await api.GET("/api/v1/public/plans/{id}/execution-report", { params: { path: { id } } })),
  });
}
