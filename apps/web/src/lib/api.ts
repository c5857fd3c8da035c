import { type UseQueryOptions, useQuery } from "@tanstack/react-query";

/** An error the server answered with: its status, code and message (the server's errors are typed). */
export class ServerError extends Error {
  readonly status: number;
  readonly code: string | undefined;
  constructor(status: number, message: string, code?: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

async function answer<T>(response: Response, path: string): Promise<T> {
  const text = await response.text();
  const json = text ? (JSON.parse(text) as unknown) : undefined;
  if (!response.ok) {
    // The gateway and indexer answer { error: { code, message } }; the hub, Snapshot's { error, error_description, code }.
    const e = (json ?? {}) as {
      error?: string | { code?: string; message?: string };
      error_description?: string;
      message?: string;
      code?: string;
    };
    const error = typeof e.error === "object" ? e.error : undefined;
    const message = error?.message ?? e.error_description ?? e.message ?? `${response.status} on ${path}`;
    throw new ServerError(response.status, message, error?.code ?? e.code);
  }
  return json as T;
}

/** GETs JSON from the server that serves the app. */
export async function getJson<T>(path: string): Promise<T> {
  return answer<T>(await fetch(path, { headers: { accept: "application/json" } }), path);
}

/** POSTs JSON to the server. */
export async function postJson<T>(path: string, body: unknown): Promise<T> {
  const response = await fetch(path, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify(body),
  });
  return answer<T>(response, path);
}

/** A server read as a query (refreshed with everything else after a transaction). */
export function useServer<T>(path: string | null, options: Partial<UseQueryOptions<T>> = {}) {
  return useQuery<T>({
    queryKey: ["server", path],
    queryFn: () => getJson<T>(path as string),
    enabled: path !== null,
    ...options,
  });
}
