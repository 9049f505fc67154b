/**
 * The names of the people who did something (wrote a report, made a change), for those who may
 * read users (`user:read`): each person is read once (`GET /users/{id}`) and kept a while, however
 * many of their records a page shows.
 */
import { useQueries } from "@tanstack/react-query";
import { api, unwrap } from "../api/client";

export function useUserNames(ids: readonly (string | null | undefined)[], enabled: boolean): Map<string, string> {
  const wanted = [...new Set(ids.filter((id): id is string => !!id))];
  const people = useQueries({
    queries: wanted.map((id) => ({
      queryKey: ["users", "name", id],
      enabled,
      staleTime: 5 * 60_000,
      queryFn: async () => unwrap(await api.GET("/api/v1/users/{id}", { params: { path: { id } } })).display_name,
    })),
  });
  const names = new Map<string, string>();
  wanted.forEach((id, i) => {
    const name = people[i]?.data;
    if (name) names.set(id, name);
  });
  return names;
}
