// Starts the fake OpenAI server once for the workers test project; tests read its URL with
// `inject("fakeOpenAIUrl")`.
import type { TestProject } from "vitest/node";
import { startFakeOpenAI } from "./fake-openai.mjs";

export default async function setup(project: TestProject) {
  const server = await startFakeOpenAI();
  project.provide("fakeOpenAIUrl", server.url);
  return () => server.close();
}
