// Publishing answers a failed check with the list of problems in its error body, which the shared
// client's ApiError does not carry; so this call reads the body itself.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ApiError, CONSOLE_API, api, readCookie } from "../../../lib/api";
import { problemsOf } from "../lib/problems";
import { workflowKeys } from "./keys";
import type { Problem } from "./types";

export class PublishRefused extends ApiError {
  constructor(
    code: string,
    status: number,
    message: string,
    readonly problems: Problem[],
  ) {
    super(code, status, message);
    this.name = "PublishRefused";
  }
}

export interface PublishInput {
  marked_name?: string;
  marked_comment?: string;
}

async function publish(appId: string, input: PublishInput): Promise<{ result: string; created_at: number }> {
  const path = `/apps/${appId}/workflows/publish`;
  const csrf = readCookie("csrf_token");
  let res: Response;
  try {
    res = await fetch(`${CONSOLE_API}${path}`, {
      method: "POST",
      credentials: "include",
      headers: { Accept: "application/json", "Content-Type": "application/json", ...(csrf ? { "X-CSRF-Token": csrf } : {}) },
      body: JSON.stringify(input),
    });
  } catch {
    throw new ApiError("network_error", 0, "Can't reach the Kiln server. Check your connection and try again.");
  }
  // An expired session: the shared client knows how to renew it, and nothing was published.
  if (res.status === 401) return api.post(path, input);
  const text = await res.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (res.ok) return body as { result: string; created_at: number };
  const record = (body ?? {}) as { code?: unknown; message?: unknown };
  const code = typeof record.code === "string" ? record.code : "http_error";
  const message = typeof record.message === "string" && record.message ? record.message : `The server answered ${res.status}.`;
  throw new PublishRefused(code, res.status, message, problemsOf(body));
}

export function usePublishWorkflow(appId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: PublishInput) => publish(appId, input),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: workflowKeys.versions(appId) }),
        // Publishing writes the webhooks and schedule plans of the published graph.
        queryClient.invalidateQueries({ queryKey: workflowKeys.triggers(appId) }),
        queryClient.invalidateQueries({ queryKey: ["apps", "detail", appId], exact: true }),
        queryClient.invalidateQueries({ queryKey: ["apps", "list"] }),
      ]),
  });
}
