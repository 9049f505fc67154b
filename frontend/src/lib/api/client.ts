import createClient from "openapi-fetch";
import type { paths } from "./schema";
import { ApiError, isProblem } from "./problem";
import { authorizedFetch } from "../auth/session";

/**
 * The typed API client. Every request carries the access token and the UI language. Its answers
 * are typed as JSON: where an operation also offers CSV, YAML or HTML (reports, the activity list,
 * the plan document), the SPA reads those apart, with `parseAs` or a plain fetch.
 */
export const api = createClient<paths, `${string}/json`>({
  baseUrl: typeof location !== "undefined" ? location.origin : "",
  fetch: (request: Request) => authorizedFetch(request),
});

type Result = { data?: unknown; error?: unknown; response: Response };
type Data<R extends Result> = Exclude<R["data"], undefined>;

/** Returns the data of a successful call, or throws an {@link ApiError} with its problem. */
export function unwrap<R extends Result>(result: R): Data<R> {
  const { data, error, response } = result;
  if (response.ok) return data as Data<R>;
  throw new ApiError(response.status, isProblem(error) ? error : null);
}

/** Like {@link unwrap}, and also returns the ETag of the response (for a later `If-Match`). */
export function unwrapWithEtag<R extends Result>(result: R): { data: Data<R>; etag: string } {
  const data = unwrap(result);
  return { data, etag: result.response.headers.get("etag") ?? "" };
}

/** The `If-Match` value for a record: its ETag, or one made from its version. */
export function ifMatch(etag: string | undefined, version: number): string {
  return etag && etag.length > 0 ? etag : `"${version}"`;
}

/**
 * A form's body as the SPA sends it: a required field the user left empty goes as null (or not at
 * all), and the server answers 422 naming that field, so that its message stands beside it. The
 * contract types required fields as present; this says, in one place, that the forms may send
 * them missing on purpose.
 */
export type Unchecked<T> = { [K in keyof T]?: T[K] | null };

/** A form's {@link Unchecked} body, typed as the operation's body. */
export function sentForCheck<T>(body: Unchecked<T>): T {
  return body as T;
}
