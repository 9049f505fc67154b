import { ApiError, isProblem } from "./problem";
import { authorizedFetch } from "../auth/session";

/** The formats a table of the API (a plan's activities, its reports) is also offered in. */
export const TABLE_FORMATS = {
  csv: "text/csv",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
} as const;
export type TableFormat = keyof typeof TABLE_FORMATS;

/**
 * Fetches `path` (on the API's origin) in `format` (its `Accept`) with the access token, and saves
 * it as `baseName` with the format's extension.
 */
export async function downloadTable(path: string, baseName: string, format: TableFormat): Promise<void> {
  await downloadFile(path, `${baseName}.${format}`, TABLE_FORMATS[format]);
}

/**
 * Fetches `path` (on the API's origin) asking for `accept`, with the access token (a plain link
 * would carry none), and saves it as `fileName`; a refusal throws the server's problem.
 */
export async function downloadFile(path: string, fileName: string, accept: string): Promise<void> {
  const request = new Request(`${location.origin}${path}`, { headers: { accept } });
  const response = await authorizedFetch(request);
  if (!response.ok) {
    let problem: unknown = null;
    try {
      problem = await response.json();
    } catch {
      // not a problem document
    }
    throw new ApiError(response.status, isProblem(problem) ? problem : null);
  }
  saveFile(await response.blob(), fileName);
}

/** Hands a file fetched with the access token to the browser, which saves it as `fileName`. */
export function saveFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
