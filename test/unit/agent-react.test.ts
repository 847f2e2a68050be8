import { describe, expect, it } from "vitest";
import { parseReactStep, reactScratchpad, reactSystemPrompt } from "../../src/apps/runners/react";

describe("parseReactStep", () => {
  it("reads a thought and a fenced action blob as a tool call", () => {
    const step = parseReactStep(
      'Thought: I need the current time.\nAction:\n```json\n{\n  "action": "current_time",\n  "action_input": {"timezone": "Europe/Paris"}\n}\n```',
    );
    expect(step).toEqual({
      thought: "I need the current time.",
      action: { name: "current_time", input: { timezone: "Europe/Paris" } },
      finalAnswer: null,
    });
  });

  it("reads an unfenced blob whose strings hold braces", () => {
    const step = parseReactStep('Thought: compute\nAction: {"action": "eval", "action_input": {"expression": "{a} + \\"}\\""}}');
    expect(step.action).toEqual({ name: "eval", input: { expression: '{a} + "}"' } });
    expect(step.thought).toBe("compute");
  });

  it('treats the action "Final Answer" as the answer', () => {
    const step = parseReactStep('Thought: I know it.\nAction:\n```\n{"action": "Final Answer", "action_input": "It is noon."}\n```');
    expect(step).toEqual({ thought: "I know it.", action: null, finalAnswer: "It is noon." });
  });

  it("reads a Final Answer line", () => {
    const step = parseReactStep("Thought: done\nFinal Answer: Paris is the capital.");
    expect(step).toEqual({ thought: "done", action: null, finalAnswer: "Paris is the capital." });
  });

  it("takes text with no action as the answer, so a model that ignores the protocol still answers", () => {
    const echo = 'You said: "what time is it?". This is kiln-echo.';
    expect(parseReactStep(echo)).toEqual({ thought: echo, action: null, finalAnswer: echo });
  });

  it("ignores JSON that is not an action blob, and broken blobs", () => {
    expect(parseReactStep('The data is {"a": 1}.').action).toBeNull();
    expect(parseReactStep('Action: {"action": "x", "action_input": {').action).toBeNull();
    expect(parseReactStep('Action: {"action": "", "action_input": {}}').action).toBeNull();
  });

  it("keeps a string action_input as it is", () => {
    expect(parseReactStep('Action: {"action": "search", "action_input": "kiln"}').action).toEqual({ name: "search", input: "kiln" });
  });

  it("prefers whatever comes first: a Final Answer line before a blob is the answer", () => {
    const step = parseReactStep('Final Answer: use {"action": "x"} like this');
    expect(step.action).toBeNull();
    expect(step.finalAnswer).toBe('use {"action": "x"} like this');
  });
});

describe("the ReAct prompt", () => {
  it("lists each tool with its schema and the valid action names", () => {
    const prompt = reactSystemPrompt("Be brief.", [
      { name: "current_time", description: "The time now", inputSchema: { type: "object", properties: { timezone: { type: "string" } } } },
    ]);
    expect(prompt).toContain("Be brief.");
    expect(prompt).toContain('- current_time: The time now\n  input JSON schema: {"type":"object","properties":{"timezone":{"type":"string"}}}');
    expect(prompt).toContain('Valid "action" values: "Final Answer" or "current_time"');
  });

  it("says so when no tools are left (the last iteration)", () => {
    expect(reactSystemPrompt("", [])).toContain("(no tools:");
  });

  it("writes earlier steps as a scratchpad the parser reads back", () => {
    const pad = reactScratchpad([{ thought: "check", action: { name: "t", input: { a: 1 } }, observation: "42" }]);
    expect(pad).toBe('Thought: check\nAction:\n```\n{"action":"t","action_input":{"a":1}}\n```\nObservation: 42');
    expect(parseReactStep(pad.split("\nObservation:")[0]).action).toEqual({ name: "t", input: { a: 1 } });
  });
});
