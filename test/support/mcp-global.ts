// Starts the MCP test servers once for the workers test project: one with a bearer token, so
// header handling is exercised (`inject("mcpTestUrl")`), and one open to all, as the SSE servers
// Dify's MCP agent strategies name by URL alone are (`inject("mcpOpenUrl")`).
import type { TestProject } from "vitest/node";
import { MCP_TEST_TOKEN, startMcpTestServer } from "./mcp-test-server.mjs";

export default async function setup(project: TestProject) {
  const server = await startMcpTestServer({ token: MCP_TEST_TOKEN });
  const open = await startMcpTestServer({});
  project.provide("mcpTestUrl", server.url);
  project.provide("mcpOpenUrl", open.url);
  return async () => {
    await server.close();
    await open.close();
  };
}
