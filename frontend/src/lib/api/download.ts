import { ApiError, isProblem } from "./problem";
import { authorizedFetch } from "../auth/session";

/** Fetches `path` (on the API's origin) as CSV with the access token and saves it as `fileName`. */
export async function downloadCsv(path: string, fileName: string): Promise<void> {
  const request = new Request(`${location.origin}${path}`, { headers: { accept: "text/csv" } });
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
