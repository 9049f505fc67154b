import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, ifMatch, unwrap } from "../../../lib/api/client";
import { ApiError, isProblem } from "../../../lib/api/problem";
import { authorizedFetch } from "../../../lib/auth/session";
import type { components } from "../../../lib/api/schema";

type Schemas = components["schemas"];
export type Indicator = Schemas["IndicatorOut"];
/** An indicator as the server reads it (POST, PUT). */
export type IndicatorData = Schemas["IndicatorData"];
/** How the indicators of one measure add up, with the formula and the weights. */
export type MeasureRollUp = Schemas["RollUp"];

export const indicatorKeys = {
  plan: (planId: string) => ["indicators", planId] as const,
};

/** A plan's indicators and their roll-ups (a node's indicators are filtered from them). */
export function usePlanIndicators(planId: string) {
  return useQuery({
    queryKey: indicatorKeys.plan(planId),
    queryFn: async () =>
      unwrap(await api.GET("/api/v1/plans/{id}/indicators", { params: { path: { id: planId } } })),
  });
}

function useInvalidate(planId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: indicatorKeys.plan(planId) });
}

export function useCreateIndicator(planId: string, nodeId: string) {
  const invalidate = useInvalidate(planId);
  return useMutation({
    mutationFn: async (body: IndicatorData) =>
      unwrap(
        await api.POST("/api/v1/plans/{id}/nodes/{node_id}/indicators", {
          params: { path: { id: planId, node_id: nodeId } },
          body,
        }),
      ),
    onSuccess: invalidate,
  });
}

/** Replaces an indicator; its version stands in for the ETag (the list carries no ETag). */
export function useUpdateIndicator(planId: string, id: string) {
  const invalidate = useInvalidate(planId);
  return useMutation({
    mutationFn: async ({ body, version }: { body: IndicatorData; version: number }) =>
      unwrap(
        await api.PUT("/api/v1/indicators/{id}", {
          params: { path: { id }, header: { "If-Match": ifMatch(undefined, version) } },
          body,
        }),
      ),
    onSuccess: invalidate,
  });
}

export function useDeleteIndicator(planId: string) {
  const invalidate = useInvalidate(planId);
  return useMutation({
    mutationFn: async ({ id, version }: { id: string; version: number }) => {
      unwrap(
        await api.DELETE("/api/v1/indicators/{id}", {
          params: { path: { id }, header: { "If-Match": ifMatch(undefined, version) } },
        }),
      );
    },
    onSuccess: invalidate,
  });
}

/** Reads the plan's annual report (HTML) with the session's token and opens it in a new tab. */
export async function openAnnualReport(planId: string, lang: string): Promise<void> {
  // Opened before the request, so that the browser counts it as the user's click.
  const tab = window.open("", "_blank");
  const url = `/api/v1/plans/${encodeURIComponent(planId)}/annual-report?lang=${encodeURIComponent(lang)}`;
  const res = await authorizedFetch(new Request(url, { headers: { Accept: "text/html" } }));
  if (!res.ok) {
    tab?.close();
    const body: unknown = await res.json().catch(() => null);
    throw new ApiError(res.status, isProblem(body) ? body : null);
  }
  const blob = new Blob([await res.text()], { type: "text/html" });
  const href = URL.createObjectURL(blob);
  if (tab) tab.location.href = href;
  else window.open(href, "_blank");
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
}
