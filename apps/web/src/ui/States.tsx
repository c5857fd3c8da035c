import type { ReactNode } from "react";

/** A region still loading (announced to screen readers). */
export function Loading({ what = "Loading" }: { what?: string }) {
  return (
    <p className="muted loading" role="status" aria-live="polite">
      {what}…
    </p>
  );
}

/** Nothing to show yet, and what to do about it. */
export function Empty({ children }: { children: ReactNode }) {
  return <div className="empty">{children}</div>;
}

/** A read that failed, in words. */
export function ErrorNote({ error }: { error: unknown }) {
  const message = (error as { shortMessage?: string; message?: string })?.shortMessage ?? (error as Error)?.message;
  return (
    <p className="error" role="alert">
      {message ?? String(error)}
    </p>
  );
}
