export declare const MCP_TEST_TOKEN: string;
export declare function startMcpTestServer(options?: { port?: number; token?: string }): Promise<{
  url: string;
  port: number;
  close: () => Promise<void>;
}>;
