// A real MCP server on 127.0.0.1 for tests, built with the SDK's McpServer: Streamable HTTP
// (stateless) at /mcp and the legacy SSE transport at /sse + /messages. Tools:
// - add(a, b) → the sum as text (and structuredContent {sum}, checked against its outputSchema)
// - echo(text) → the text
// - slow(ms) → sleeps, then "done" (for time limits)
// - fail(message?) → an isError result
// Started with a token, every MCP path requires `Authorization: Bearer <token>` (401 otherwise).
// /html answers any request with a plain HTML page (a URL that is not an MCP server).
import { createServer } from "node:http";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { SSEServerTransport } from "@modelcontextprotocol/sdk/server/sse.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { z } from "zod";

export const MCP_TEST_TOKEN = "test-mcp-token";

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function newMcpServer() {
  const server = new McpServer({ name: "kiln-test-mcp", version: "1.0.0" });
  server.registerTool(
    "add",
    {
      description: "Adds two numbers.",
      inputSchema: { a: z.number().describe("first addend"), b: z.number().describe("second addend") },
      outputSchema: { sum: z.number() },
    },
    async ({ a, b }) => ({ content: [{ type: "text", text: String(a + b) }], structuredContent: { sum: a + b } }),
  );
  server.registerTool(
    "echo",
    { description: "Echoes the text back.", inputSchema: { text: z.string().describe("what to echo") } },
    async ({ text }) => ({ content: [{ type: "text", text }] }),
  );
  server.registerTool(
    "slow",
    { description: "Sleeps, then answers.", inputSchema: { ms: z.number().int().min(0).max(60_000).default(5_000) } },
    async ({ ms }) => {
      await sleep(ms);
      return { content: [{ type: "text", text: "done" }] };
    },
  );
  server.registerTool(
    "fail",
    { description: "Always fails.", inputSchema: { message: z.string().optional() } },
    async ({ message }) => ({ content: [{ type: "text", text: message ?? "the tool failed on purpose" }], isError: true }),
  );
  return server;
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/**
 * @param {{ port?: number, token?: string }} [options]
 * @returns {Promise<{ url: string, port: number, close: () => Promise<void> }>}
 */
export async function startMcpTestServer(options = {}) {
  const sseSessions = new Map();
  const http = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      if (url.pathname === "/html") {
        res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
        res.end("<!doctype html><html><body><h1>Welcome</h1><p>This is a web page, not an MCP server.</p></body></html>");
        return;
      }
      if (options.token && req.headers.authorization !== `Bearer ${options.token}`) {
        res.writeHead(401, { "content-type": "application/json" });
        res.end(JSON.stringify({ jsonrpc: "2.0", error: { code: -32001, message: "Unauthorized" }, id: null }));
        return;
      }
      if (url.pathname === "/mcp") {
        // Stateless: a server and transport per request, as the SDK's stateless example does.
        const server = newMcpServer();
        const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
        res.on("close", () => {
          transport.close();
          server.close();
        });
        await server.connect(transport);
        const raw = req.method === "POST" ? await readBody(req) : undefined;
        await transport.handleRequest(req, res, raw ? JSON.parse(raw) : undefined);
        return;
      }
      if (url.pathname === "/sse" && req.method === "GET") {
        const server = newMcpServer();
        const transport = new SSEServerTransport("/messages", res);
        sseSessions.set(transport.sessionId, transport);
        res.on("close", () => {
          sseSessions.delete(transport.sessionId);
          server.close();
        });
        await server.connect(transport);
        return;
      }
      if (url.pathname === "/messages" && req.method === "POST") {
        const transport = sseSessions.get(url.searchParams.get("sessionId") ?? "");
        if (!transport) {
          res.writeHead(404).end("unknown session");
          return;
        }
        await transport.handlePostMessage(req, res);
        return;
      }
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
    } catch (err) {
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end(String(err));
    }
  });
  await new Promise((resolve) => http.listen(options.port ?? 0, "127.0.0.1", resolve));
  const port = http.address().port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise((resolve) => {
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  };
}

// `node test/support/mcp-test-server.mjs [port]` runs it on its own (for the bench or by hand).
if (import.meta.url === `file://${process.argv[1]}`) {
  const server = await startMcpTestServer({ port: Number(process.argv[2] ?? 0), token: process.env.MCP_TEST_TOKEN });
  console.log(`MCP test server at ${server.url}/mcp and ${server.url}/sse`);
}
