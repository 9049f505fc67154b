import { useCallback, useSyncExternalStore } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, ifMatch, unwrap, unwrapWithEtag } from "../api/client";
import { ApiError } from "../api/problem";
import type { components } from "../api/schema";
import {
  getSessionState,
  logout as endServerSession,
  setSessionUser,
  startSession,
  subscribeSession,
  type User,
} from "./session";
import { can, type Action, type Held, type Resource } from "./permissions";
import { changeLanguage } from "../i18n";
import { isLanguage, type Language } from "../i18n/language";

type Me = { data: components["schemas"]["MeOut"]; etag: string };

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

export const meKey = ["auth", "me"] as const;

/**
 * GET /auth/me with its ETag: the signed-in user with what they may do where (for `can`), and
 * the version a later profile change sends back. Read again after five minutes, when the window
 * comes back to the fore.
 */
export function useMe() {
  const { status } = useSession();
  return useQuery({
    queryKey: meKey,
    enabled: status === "authenticated",
    staleTime: 5 * 60_000,
    queryFn: async () => unwrapWithEtag(await api.GET("/api/v1/auth/me")),
  });
}

/** The permissions the signed-in user holds, as the server lists them (none until they are read). */
export function useHeld(): readonly Held[] {
  return useMe().data?.data.permissions ?? NONE;
}
const NONE: readonly Held[] = [];

/** `can(action, resource)` for the signed-in user. */
export function usePermission() {
  const held = useHeld();
  return useCallback((action: Action, resource?: Resource) => can(held, action, resource), [held]);
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: { email: string; password: string }) =>
      unwrap(await api.POST("/api/v1/auth/login", { body: input })),
    onSuccess: async (session) => {
      // What another user (an expired session) may do is not this one's.
      queryClient.removeQueries({ queryKey: meKey });
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
      // The profile's answer holds the user alone: the permissions read before stay.
      queryClient.setQueryData<Me>(meKey, (old) => ({
        data: { ...saved.data, permissions: old?.data.permissions ?? [] },
        etag: saved.etag,
      }));
      setSessionUser(saved.data);
    },
  });
}
