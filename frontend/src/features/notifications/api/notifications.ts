import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../../lib/api/client";
import type { components } from "../../../lib/api/schema";

export type Notification = components["schemas"]["NotificationOut"];
export type NotificationKind = components["schemas"]["NotificationKind"];
export type EmailPreferences = components["schemas"]["EmailPreferences"];

/** The kinds of notification the server sends, in the order the screens list them. */
export const NOTIFICATION_KINDS: readonly NotificationKind[] = ["report_returned", "report_approved"];

const KEY = ["notifications"] as const;

/** A page of the signed-in person's notifications, newest first (`unread`: only those not read). */
export function useNotifications(query: { page: number; per_page: number; unread: boolean }) {
  return useQuery({
    queryKey: [...KEY, "list", query],
    placeholderData: (previous) => previous,
    queryFn: async () =>
      unwrap(await api.GET("/api/v1/notifications", { params: { query: { ...query, unread: query.unread || undefined } } })),
  });
}

/** How many notifications the person has not read, asked again every minute. */
export function useUnreadCount() {
  return useQuery({
    queryKey: [...KEY, "unread"],
    refetchInterval: 60_000,
    queryFn: async () =>
      unwrap(await api.GET("/api/v1/notifications", { params: { query: { unread: true, per_page: 1 } } })).total,
  });
}

/** Marks one notification read (`id`), or every one (`"all"`); the lists and counts are read again. */
export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => {
      if (id === "all") {
        unwrap(await api.POST("/api/v1/notifications/read"));
      } else {
        unwrap(await api.POST("/api/v1/notifications/{id}/read", { params: { path: { id } } }));
      }
    },
    onSettled: () => Promise.all([queryClient.invalidateQueries({ queryKey: KEY }), queryClient.invalidateQueries({ queryKey: ["inbox"] })]),
  });
}

const PREFERENCES = ["auth", "me", "email-preferences"] as const;

/** Which notifications reach the person by e-mail. */
export function useEmailPreferences() {
  return useQuery({
    queryKey: PREFERENCES,
    queryFn: async () => unwrap(await api.GET("/api/v1/auth/me/email-preferences")),
  });
}

export function useSaveEmailPreferences() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: EmailPreferences) => unwrap(await api.POST("/api/v1/auth/me/email-preferences", { body })),
    onSuccess: (saved) => queryClient.setQueryData(PREFERENCES, saved),
  });
}
