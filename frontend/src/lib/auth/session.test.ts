import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  REFRESH_TOKEN_KEY,
  authorizedFetch,
  endSession,
  getAccessToken,
  getRefreshToken,
  getSessionState,
  restoreSession,
  startSession,
  type SessionOut,
} from "./session";

const user: SessionOut["user"] = {
  id: "u1",
  email: "a@b.c",
  display_name: "Ana",
  language: "es",
  active: true,
  roles: [{ role: "observer" }],
  version: 1,
  created_at: "2026-01-01T00:00:00Z",
  updated_at: "2026-01-01T00:00:00Z",
};

function session(n: number): SessionOut {
  return { access_token: `access-${n}`, refresh_token: `refresh-${n}`, token_type: "Bearer", expires_in: 900, user };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

describe("session", () => {
  let fetchMock: ReturnType<typeof vi.fn>;
  beforeEach(() => {
    fetchMock = vi.fn();
    vi.stubGlobal("fetch", fetchMock);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    endSession();
  });

  it("keeps the access token in memory and the refresh token in localStorage", () => {
    startSession(session(1));
    expect(getAccessToken()).toBe("access-1");
    expect(localStorage.getItem(REFRESH_TOKEN_KEY)).toBe("refresh-1");
    expect(Object.values(localStorage).join()).not.toContain("access-1");
  });

  it("sends the bearer token and the language", async () => {
    startSession(session(1));
    fetchMock.mockResolvedValueOnce(json(200, {}));
    await authorizedFetch(new Request("http://localhost/api/v1/cities"));
    const sent = fetchMock.mock.calls[0][0] as Request;
    expect(sent.headers.get("authorization")).toBe("Bearer access-1");
    expect(sent.headers.get("accept-language")).toBe("es");
  });

  it("on a 401 refreshes once and repeats the request with the new token", async () => {
    startSession(session(1));
    fetchMock
      .mockResolvedValueOnce(json(401, { status: 401, title: "x" }))
      .mockResolvedValueOnce(json(200, session(2)))
      .mockResolvedValueOnce(json(200, { ok: true }));
    const res = await authorizedFetch(
      new Request("http://localhost/api/v1/cities/1", { method: "PUT", body: JSON.stringify({ name: "X" }) }),
    );
    expect(res.status).toBe(200);
    expect(fetchMock).toHaveBeenCalledTimes(3);
    const refresh = fetchMock.mock.calls[1];
    expect(refresh[0]).toBe("/api/v1/auth/refresh");
    expect(JSON.parse(refresh[1].body)).toEqual({ refresh_token: "refresh-1" });
    const retried = fetchMock.mock.calls[2][0] as Request;
    expect(retried.headers.get("authorization")).toBe("Bearer access-2");
    expect(await retried.text()).toBe(JSON.stringify({ name: "X" }));
    expect(getRefreshToken()).toBe("refresh-2");
  });

  it("shares one refresh between concurrent 401s (a rotated token must not be spent twice)", async () => {
    startSession(session(1));
    fetchMock.mockImplementation(async (input: RequestInfo) => {
      const url = typeof input === "string" ? input : input.url;
      if (url.endsWith("/auth/refresh")) return json(200, session(2));
      const auth = (input as Request).headers.get("authorization");
      return auth === "Bearer access-2" ? json(200, {}) : json(401, { status: 401, title: "x" });
    });
    const results = await Promise.all([
      authorizedFetch(new Request("http://localhost/api/v1/a")),
      authorizedFetch(new Request("http://localhost/api/v1/b")),
    ]);
    expect(results.map((r) => r.status)).toEqual([200, 200]);
    const refreshes = fetchMock.mock.calls.filter((c) => String(c[0]).endsWith("/auth/refresh"));
    expect(refreshes).toHaveLength(1);
  });

  it("ends the session as expired when the refresh token is refused", async () => {
    startSession(session(1));
    fetchMock
      .mockResolvedValueOnce(json(401, { status: 401, title: "x" }))
      .mockResolvedValueOnce(json(401, { status: 401, title: "x" }));
    const res = await authorizedFetch(new Request("http://localhost/api/v1/cities"));
    expect(res.status).toBe(401);
    expect(getSessionState()).toMatchObject({ status: "anonymous", ended: "expired" });
    expect(getRefreshToken()).toBeNull();
  });

  it("does not refresh on a failed login", async () => {
    localStorage.setItem(REFRESH_TOKEN_KEY, "old");
    fetchMock.mockResolvedValueOnce(json(401, { status: 401, title: "x" }));
    const res = await authorizedFetch(new Request("http://localhost/api/v1/auth/login", { method: "POST", body: "{}" }));
    expect(res.status).toBe(401);
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it("restores a session from the stored refresh token (a reload keeps the user in)", async () => {
    localStorage.setItem(REFRESH_TOKEN_KEY, "refresh-9");
    fetchMock.mockResolvedValueOnce(json(200, session(10)));
    await restoreSession();
    expect(getSessionState()).toMatchObject({ status: "authenticated", user: { display_name: "Ana" } });
    expect(getAccessToken()).toBe("access-10");
  });
});
