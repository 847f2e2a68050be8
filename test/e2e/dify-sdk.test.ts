// Dify's own JavaScript SDK (dify-client), unchanged, against a live Kiln under wrangler dev:
// the Service API must be a drop-in for existing Dify clients.
import { ChatClient } from "dify-client";
import { describe, expect, inject, it } from "vitest";
import { seedDemoApp } from "../../scripts/lib/platform.mjs";

describe("Dify's JavaScript SDK", () => {
  it("chats, continues, streams, lists, rates, renames and deletes through a Kiln app", async () => {
    const url = inject("kilnUrl");
    const demo = await seedDemoApp(url, inject("kilnAdmin"));
    // A fresh key every run: the seeded one is only shown on creation.
    const login = await (
      await fetch(`${url}/console/api/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: inject("kilnAdmin").email, password: inject("kilnAdmin").password }),
      })
    ).json();
    const key = await (
      await fetch(`${url}/console/api/apps/${demo!.id}/api-keys`, {
        method: "POST",
        headers: { authorization: `Bearer ${login.data.access_token}` },
      })
    ).json();
    const client = new ChatClient(key.token, `${url}/v1`);
    const user = `sdk-${Date.now()}`;

    const params = await client.getApplicationParameters(user);
    expect(params.data.opening_statement).toContain("demo assistant");

    const first = await client.createChatMessage({ name: "Ada" }, "Hello from the Dify SDK", user);
    expect(first.data).toMatchObject({ event: "message", mode: "chat", answer: expect.stringContaining("Hello from the Dify SDK") });
    expect(Number(first.data.metadata.usage.total_tokens)).toBeGreaterThan(0);

    const second = await client.createChatMessage({}, "And a follow-up", user, false, first.data.conversation_id);
    expect(second.data.conversation_id).toBe(first.data.conversation_id);

    const stream = await client.createChatMessage({}, "Stream please", user, true, first.data.conversation_id);
    let text = "";
    for await (const chunk of stream.data) text += chunk.toString();
    const events = text
      .split("\n")
      .filter((l) => l.startsWith("data: "))
      .map((l) => JSON.parse(l.slice(6)).event);
    expect(events[0]).toBe("message");
    expect(events.at(-1)).toBe("message_end");

    const conversations = await client.getConversations(user);
    expect(conversations.data.data.map((c: { id: string }) => c.id)).toContain(first.data.conversation_id);
    const messages = await client.getConversationMessages(user, first.data.conversation_id);
    expect(messages.data.data.map((m: { query: string }) => m.query)).toEqual(["Hello from the Dify SDK", "And a follow-up", "Stream please"]);

    expect((await client.messageFeedback(first.data.message_id, "like", user)).data.result).toBe("success");
    expect((await client.renameConversation(first.data.conversation_id, "Renamed", user, false)).data.name).toBe("Renamed");
    expect((await client.deleteConversation(first.data.conversation_id, user)).status).toBe(204);

    const refused = await client.createChatMessage({}, "", user).catch((e: { response: { status: number; data: { code: string } } }) => e.response);
    expect(refused.status).toBe(400);
    expect(refused.data.code).toBe("invalid_param");
  });
});
