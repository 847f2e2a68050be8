export declare const FAKE_MODELS: string[];
export declare function fakeEmbedding(text: string, dims?: number): number[];
export declare function startFakeOpenAI(options?: { port?: number; ttftMs?: number; tokenDelayMs?: number }): Promise<{
  url: string;
  port: number;
  close: () => Promise<void>;
}>;
