// Starts the MCP test server once for the workers test project (with a bearer token, so header
// handling is exercised); tests read its origin with `inject("mcpTestUrl")`.
import type { TestProject } from "vitest/node";
import { MCP_TEST_TOKEN, startMcpTestServer } from "./mcp-test-server.mjs";

export default async function setup(project: TestProject) {
  const server = await startMcpTestServer({ token: MCP_TEST_TOKEN });
  project.provide("mcpTestUrl", server.url);
  return () => server.close();
}
