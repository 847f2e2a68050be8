// Easy-UI prompt assembly, as Dify's SimplePromptTransform builds it for chat models and
// completion-mode models.
import { describe, expect, it } from "vitest";
import { modelConfigSchema } from "../../src/apps/model-config";
import { assemblePrompt } from "../../src/apps/prompt";

const config = (extra: Record<string, unknown> = {}) =>
  modelConfigSchema.parse({ pre_prompt: "You translate into {{lang}}.", user_input_form: [{ "text-input": { variable: "lang", label: "Language" } }], ...extra });

describe("assemblePrompt", () => {
  it("sends a completion app's prompt as the system message and the query as the user's, as Dify does for chat models", () => {
    expect(assemblePrompt("completion", config(), { lang: "Java" }, "print(1)", [])).toEqual([
      { role: "system", content: "You translate into Java." },
      { role: "user", content: "print(1)" },
    ]);
  });

  it("sends a completion app's prompt alone as the user's message when there is no query", () => {
    expect(assemblePrompt("completion", config(), { lang: "Go" }, "", [])).toEqual([{ role: "user", content: "You translate into Go." }]);
  });

  it("gives a completion-mode model one text, the query after the prompt", () => {
    const c = config({ model: { provider: "offline", name: "kiln-echo", mode: "completion", completion_params: {} } });
    expect(assemblePrompt("completion", c, { lang: "C" }, "x = 1", [])).toEqual([{ role: "user", content: "You translate into C.\nx = 1" }]);
  });

  it("puts retrieved context before the prompt in both modes, unless the prompt places {{#context#}} itself", () => {
    const [chatSystem] = assemblePrompt("chat", config(), { lang: "Go" }, "hi", [], "Go has goroutines.");
    expect(chatSystem.role).toBe("system");
    expect(chatSystem.content).toMatch(/^Use the following context[\s\S]*<context>\nGo has goroutines\.\n<\/context>\n\nYou translate into Go\.$/);
    const [completionSystem] = assemblePrompt("completion", config(), { lang: "Go" }, "hi", [], "Go has goroutines.");
    expect(completionSystem.content).toBe(chatSystem.content);
    const placed = config({ pre_prompt: "Facts: {{#context#}}. Answer in {{lang}}." });
    expect(assemblePrompt("completion", placed, { lang: "Go" }, "", [], "Go has goroutines.")).toEqual([
      { role: "user", content: "Facts: Go has goroutines.. Answer in Go." },
    ]);
  });

  it("keeps a chat app's history window between the prompt and the query", () => {
    const c = config({ memory: { window: { enabled: true, size: 1 } } });
    const history = [
      { query: "old", answer: "older" },
      { query: "q1", answer: "a1" },
    ];
    expect(assemblePrompt("chat", c, { lang: "R" }, "q2", history)).toEqual([
      { role: "system", content: "You translate into R." },
      { role: "user", content: "q1" },
      { role: "assistant", content: "a1" },
      { role: "user", content: "q2" },
    ]);
  });
});
