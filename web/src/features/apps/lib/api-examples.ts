// The app's own API reference: one copy-paste curl example per Service API call, filled with
// this app's base URL and input variables.

export interface ApiExample {
  id: string;
  method: "GET" | "POST";
  path: string;
  title: string;
  description: string;
  curl: string;
  response?: string;
}

/** A value as a single-quoted shell word. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

const json = (value: unknown) => JSON.stringify(value, null, 2);

function curl(method: "GET" | "POST", url: string, body?: unknown, stream = false): string {
  const lines = [`curl${stream ? " -N" : ""} -X ${method} ${shellQuote(url)}`, `  -H 'Authorization: Bearer '"$KILN_API_KEY"`];
  if (body !== undefined) {
    lines.push(`  -H 'Content-Type: application/json'`);
    lines.push(`  -d ${shellQuote(json(body))}`);
  }
  return lines.join(" \\\n");
}

export interface ExampleContext {
  baseUrl: string;
  mode: "chat" | "completion";
  /** Agent apps answer in streaming mode only (Dify refuses blocking with 400 invalid_param). */
  streamingOnly?: boolean;
  inputs: Record<string, unknown>;
  user?: string;
}

export function apiExamples({ baseUrl, mode, inputs, user = "user-123", streamingOnly = false }: ExampleContext): ApiExample[] {
  const base = baseUrl.replace(/\/+$/, "");
  const out: ApiExample[] = [];
  if (mode === "chat") {
    const body = { inputs, query: "What can you do?", response_mode: "blocking", conversation_id: "", user };
    out.push(
      {
        id: "chat-blocking",
        method: "POST",
        path: "/chat-messages",
        title: "Send a message (blocking)",
        description:
          "Runs the published app and answers once the whole reply is ready. Pass the conversation_id from the answer to continue the conversation.",
        curl: curl("POST", `${base}/chat-messages`, body),
        response: json({
          event: "message",
          message_id: "…",
          conversation_id: "…",
          mode: "chat",
          answer: "…",
          metadata: { usage: { prompt_tokens: 42, completion_tokens: 128, total_tokens: 170, total_price: "0.0001", latency: 1.2 } },
        }),
      },
      {
        id: "chat-streaming",
        method: "POST",
        path: "/chat-messages",
        title: "Send a message (streaming)",
        description:
          "The same call with response_mode streaming: Server-Sent Events, one `data:` line per piece of the answer, then message_end with the usage. Skip `event: ping` lines.",
        curl: curl("POST", `${base}/chat-messages`, { ...body, response_mode: "streaming" }, true),
        response:
          'data: {"event": "message", "message_id": "…", "conversation_id": "…", "answer": "Hel"}\n\ndata: {"event": "message_end", "message_id": "…", "metadata": {"usage": {…}}}',
      },
      {
        id: "messages",
        method: "GET",
        path: "/messages",
        title: "List a conversation's messages",
        description: "The latest messages of one of the user's conversations, oldest first; pass first_id to page back.",
        curl: curl("GET", `${base}/messages?conversation_id=CONVERSATION_ID&user=${encodeURIComponent(user)}&limit=20`),
      },
      {
        id: "conversations",
        method: "GET",
        path: "/conversations",
        title: "List the user's conversations",
        description: "Conversations of one end user, most recently updated first; pass last_id to page on.",
        curl: curl("GET", `${base}/conversations?user=${encodeURIComponent(user)}&limit=20`),
      },
    );
  } else {
    const body = { inputs, response_mode: "blocking", user };
    out.push(
      {
        id: "completion-blocking",
        method: "POST",
        path: "/completion-messages",
        title: "Generate text (blocking)",
        description: "Runs the published app with the form's inputs and answers once the whole text is ready.",
        curl: curl("POST", `${base}/completion-messages`, body),
        response: json({ event: "message", message_id: "…", mode: "completion", answer: "…", metadata: { usage: { total_tokens: 170 } } }),
      },
      {
        id: "completion-streaming",
        method: "POST",
        path: "/completion-messages",
        title: "Generate text (streaming)",
        description: "Server-Sent Events: one `data:` line per piece of the text, then message_end with the usage.",
        curl: curl("POST", `${base}/completion-messages`, { ...body, response_mode: "streaming" }, true),
      },
    );
  }
  out.push(
    {
      id: "feedback",
      method: "POST",
      path: "/messages/{message_id}/feedbacks",
      title: "Rate an answer",
      description: "Records the end user's like or dislike (rating null withdraws it). Ratings show up in the app's logs.",
      curl: curl("POST", `${base}/messages/MESSAGE_ID/feedbacks`, { rating: "like", user, content: "Helpful" }),
      response: json({ result: "success" }),
    },
    {
      id: "parameters",
      method: "GET",
      path: "/parameters",
      title: "Get the app's parameters",
      description: "The input form, opening statement and suggested questions, to build your own UI.",
      curl: curl("GET", `${base}/parameters`),
    },
    {
      id: "openai",
      method: "POST",
      path: "/chat/completions",
      title: "OpenAI-compatible chat completions",
      description:
        "Call the app like OpenAI's Chat Completions, so OpenAI SDKs work unchanged (base URL above, API key as the key). The app's model answers whatever `model` says; `inputs` fills the app's variables.",
      curl: curl("POST", `${base}/chat/completions`, {
        model: "kiln-app",
        messages: [{ role: "user", content: "What can you do?" }],
        user,
        inputs,
      }),
    },
  );
  return streamingOnly ? out.filter((e) => e.id !== "chat-blocking") : out;
}
