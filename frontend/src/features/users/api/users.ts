import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, ifMatch, unwrap, unwrapWithEtag } from "../../../lib/api/client";
import type { components } from "../../../lib/api/schema";
import { oneOf } from "../../../lib/api/closed";
import { ROLES } from "../../../lib/auth/permissions";

export type User = components["schemas"]["UserOut"];
export type UserIn = components["schemas"]["UserIn"];
export type RoleGrantData = components["schemas"]["RoleGrantData"];

export interface UserListParams {
  page: number;
  perPage: number;
  q?: string;
  role?: string;
  active?: string;
}

export const userKeys = {
  all: ["users"] as const,
  list: (p: UserListParams) => ["users", "list", p] as const,
  detail: (id: string) => ["users", "detail", id] as const,
};

export function useUsers(p: UserListParams) {
  return useQuery({
    queryKey: userKeys.list(p),
    placeholderData: keepPreviousData,
    queryFn: async () =>
      unwrap(
        await api.GET("/api/v1/users", {
          params: {
            query: {
              page: p.page,
              per_page: p.perPage,
              q: p.q || undefined,
              role: oneOf(ROLES, p.role),
              active: p.active === "true" ? true : p.active === "false" ? false : undefined,
            },
          },
        }),
      ),
  });
}

/** One user with the ETag to send back when saving them. */
export function useUserRecord(id: string) {
  return useQuery({
    queryKey: userKeys.detail(id),
    queryFn: async () => unwrapWithEtag(await api.GET("/api/v1/users/{id}", { params: { path: { id } } })),
  });
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: UserIn) => unwrap(await api.POST("/api/v1/users", { body })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: userKeys.all });
    },
  });
}

export function useUpdateUser(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ body, etag, version }: { body: UserIn; etag: string; version: number }) =>
      unwrapWithEtag(
        await api.PUT("/api/v1/users/{id}", {
          params: { path: { id }, header: { "If-Match": ifMatch(etag, version) } },
          body,
        }),
      ),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: userKeys.all });
    },
  });
}

export function useResetPassword(id: string) {
  return useMutation({
    mutationFn: async (newPassword: string) => {
      const result = await api.POST("/api/v1/users/{id}/password", {
        params: { path: { id } },
        body: { new_password: newPassword },
      });
      unwrap(result);
    },
  });
}

