/**
 * The session: the access token lives in memory only, the refresh token in localStorage so a
 * reload can start a new access token. Refresh tokens rotate on every use and a reused one
 * revokes its family, so refreshes are serialized (one at a time in this tab, and across tabs
 * with the Web Locks API where the browser has it).
 */
import type { components } from "../api/schema";
import { currentLanguage } from "../i18n/language";

export type SessionOut = components["schemas"]["SessionOut"];
export type User = components["schemas"]["UserOut"];

export const REFRESH_TOKEN_KEY = "mc.refresh_token";
const REFRESH_PATH = "/api/v1/auth/refresh";
const AUTH_PATHS = ["/api/v1/auth/login", REFRESH_PATH, "/api/v1/auth/logout"];

export type EndReason = "expired" | "signed_out";
export type SessionStatus = "loading" | "anonymous" | "authenticated";
export interface SessionState {
  status: SessionStatus;
  user: User | null;
  /** Why the last session ended: the server refused to renew it, or the user signed out. */
  ended: EndReason | null;
}

let accessToken: string | null = null;
let state: SessionState = { status: "anonymous", user: null, ended: null };
const listeners = new Set<() => void>();
let refreshing: Promise<SessionOut | null> | null = null;

function setState(next: Partial<SessionState>) {
  state = { ...state, ...next };
  for (const l of listeners) l();
}

export function getSessionState(): SessionState {
  return state;
}

export function subscribeSession(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function storage(): Storage | null {
  try {
    return typeof localStorage === "undefined" ? null : localStorage;
  } catch {
    return null;
  }
}

export function getRefreshToken(): string | null {
  return storage()?.getItem(REFRESH_TOKEN_KEY) ?? null;
}

export function getAccessToken(): string | null {
  return accessToken;
}

/** Keeps a new session (from login or refresh). */
export function startSession(session: SessionOut) {
  accessToken = session.access_token;
  storage()?.setItem(REFRESH_TOKEN_KEY, session.refresh_token);
  setState({ status: "authenticated", user: session.user, ended: null });
}

/** Updates the signed-in user (after a profile change). */
export function setSessionUser(user: User) {
  if (state.status === "authenticated") setState({ user });
}

/** Forgets the session in this tab. */
export function endSession(reason: EndReason | null = null) {
  accessToken = null;
  storage()?.removeItem(REFRESH_TOKEN_KEY);
  setState({ status: "anonymous", user: null, ended: reason });
}

async function withRefreshLock<T>(fn: () => Promise<T>): Promise<T> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (locks?.request) return locks.request("mc-refresh-token", fn) as Promise<T>;
  return fn();
}

/**
 * Spends the refresh token for a new session. Concurrent callers share one request. Returns
 * null (and ends the session) when the server refuses the token.
 */
export function refreshSession(): Promise<SessionOut | null> {
  refreshing ??= withRefreshLock(async () => {
    // Read inside the lock: another tab may have rotated the token meanwhile.
    const token = getRefreshToken();
    if (!token) return null;
    let response: Response;
    try {
      response = await fetch(REFRESH_PATH, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "accept-language": currentLanguage(),
        },
        body: JSON.stringify({ refresh_token: token }),
      });
    } catch {
      return null; // network failure: keep the refresh token for a later try
    }
    if (!response.ok) {
      if (response.status === 400 || response.status === 401) endSession("expired");
      return null;
    }
    const session = (await response.json()) as SessionOut;
    startSession(session);
    return session;
  }).finally(() => {
    refreshing = null;
  });
  return refreshing;
}

/** At start-up: turns a stored refresh token into a session, so a reload keeps the user in. */
export async function restoreSession(): Promise<void> {
  if (!getRefreshToken()) {
    setState({ status: "anonymous" });
    return;
  }
  setState({ status: "loading" });
  const session = await refreshSession();
  if (!session && state.status === "loading") setState({ status: "anonymous" });
}

function isAuthPath(url: string): boolean {
  const path = new URL(url, "http://x").pathname;
  return AUTH_PATHS.includes(path);
}

function prepare(request: Request): Request {
  const headers = new Headers(request.headers);
  headers.set("accept-language", currentLanguage());
  if (accessToken && !isAuthPath(request.url)) headers.set("authorization", `Bearer ${accessToken}`);
  return new Request(request, { headers });
}

/**
 * fetch for the API client: adds the access token and the language; on a 401 refreshes the
 * session once and repeats the request once.
 */
export async function authorizedFetch(request: Request): Promise<Response> {
  const retry = request.clone();
  const response = await fetch(prepare(request));
  if (response.status !== 401 || isAuthPath(request.url) || !getRefreshToken()) {
    return response;
  }
  const session = await refreshSession();
  if (!session) return response;
  return fetch(prepare(retry));
}

/** Signs out: revokes the refresh token on the server (best effort) and forgets the session. */
export async function logout(): Promise<void> {
  const token = getRefreshToken();
  endSession("signed_out");
  if (!token) return;
  try {
    await fetch("/api/v1/auth/logout", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ refresh_token: token }),
    });
  } catch {
    // The token expires on its own.
  }
}

/** Another tab signed out (removed the refresh token): sign out here too. */
if (typeof window !== "undefined") {
  window.addEventListener("storage", (event) => {
    if (event.key === REFRESH_TOKEN_KEY && event.newValue === null && state.status === "authenticated") {
      accessToken = null;
      setState({ status: "anonymous", user: null, ended: null });
    }
  });
}
