import { useCallback, useSyncExternalStore } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, ifMatch, unwrap, unwrapWithEtag } from "../api/client";
import { ApiError } from "../api/problem";
import {
  getSessionState,
  logout as endServerSession,
  setSessionUser,
  startSession,
  subscribeSession,
  type User,
} from "./session";
import { can, type Action, type Resource } from "./permissions";
import { changeLanguage } from "../i18n";
import { isLanguage, type Language } from "../i18n/language";

/** The session as React state. */
export function useSession() {
  return useSyncExternalStore(subscribeSession, getSessionState, getSessionState);
}

/** The signed-in user (only under an authenticated route). */
export function useUser(): User {
  const { user } = useSession();
  if (!user) throw new Error("useUser outside an authenticated route");
  return user;
}

/** `can(action, resource)` for the signed-in user. */
export function usePermission() {
  const { user } = useSession();
  return useCallback(
    (action: Action, resource?: Resource) => can(user?.roles, action, resource),
    [user],
  );
}

export const meKey = ["auth", "me"] as const;

/** GET /auth/me with its ETag, for a later profile change. */
export function useMe() {
  const { status } = useSession();
  return useQuery({
    queryKey: meKey,
    enabled: status === "authenticated",
    queryFn: async () => unwrapWithEtag(await api.GET("/api/v1/auth/me")),
  });
}

export function useLogin() {
  return useMutation({
    mutationFn: async (input: { email: string; password: string }) =>
      unwrap(await api.POST("/api/v1/auth/login", { body: input })),
    onSuccess: async (session) => {
      startSession(session);
      if (isLanguage(session.user.language)) await changeLanguage(session.user.language);
    },
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useCallback(async () => {
    await endServerSession();
    queryClient.clear();
  }, [queryClient]);
}

/**
 * Switches the UI language at once and saves it to the user's profile (PUT /auth/me with
 * If-Match). A stale ETag (412) is answered by reading the profile again and retrying once.
 */
export function useChangeLanguage() {
  const queryClient = useQueryClient();
  const { status } = useSession();
  return useMutation({
    mutationFn: async (lang: Language) => {
      await changeLanguage(lang);
      if (status !== "authenticated") return null;
      const save = async (etag: string, version: number) =>
        unwrapWithEtag(
          await api.PUT("/api/v1/auth/me", {
            params: { header: { "If-Match": ifMatch(etag, version) } },
            body: { language: lang },
          }),
        );
      const cached = queryClient.getQueryData<{ data: User; etag: string }>(meKey);
      const me = cached ?? unwrapWithEtag(await api.GET("/api/v1/auth/me"));
      try {
        return await save(me.etag, me.data.version);
      } catch (e) {
        if (!(e instanceof ApiError) || e.status !== 412) throw e;
        const fresh = unwrapWithEtag(await api.GET("/api/v1/auth/me"));
        return await save(fresh.etag, fresh.data.version);
      }
    },
    onSuccess: (saved) => {
      if (!saved) return;
      queryClient.setQueryData(meKey, saved);
      setSessionUser(saved.data);
    },
  });
}
