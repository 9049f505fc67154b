import type { ReactNode } from "react";

/** What just happened, said politely (saved, created, removed, …). */
export function Notice({ children }: { children: ReactNode }) {
  return (
    <div className="alert alert-success" role="status">
      <p>{children}</p>
    </div>
  );
}
