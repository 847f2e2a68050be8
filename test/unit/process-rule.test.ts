import { describe, expect, it } from "vitest";
import { AUTOMATIC_RULE, processRuleSchema, resolveRule, ruleToDify } from "../../src/knowledge/process-rule";

const parse = (input: unknown) => resolveRule(processRuleSchema.parse(input));
const issues = (input: unknown) => {
  const r = processRuleSchema.safeParse(input);
  expect(r.success).toBe(false);
  return r.error!.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
};

const custom = (segmentation: Record<string, unknown>) => ({
  mode: "custom",
  rules: { pre_processing_rules: [{ id: "remove_extra_spaces", enabled: true }], segmentation },
});

describe("process rule", () => {
  it("treats an absent rule, an absent mode and a null mode as Dify's automatic rule", () => {
    const automatic = {
      mode: "automatic",
      removeExtraSpaces: true,
      removeUrlsEmails: false,
      segmentation: { separator: "\n", maxTokens: 500, overlap: 50 },
      parentMode: null,
      subchunk: null,
    };
    expect(resolveRule(null)).toEqual(automatic);
    expect(resolveRule(undefined)).toEqual(automatic);
    expect(parse({})).toEqual(automatic);
    expect(parse({ mode: null })).toEqual(automatic);
    expect(resolveRule(AUTOMATIC_RULE)).toEqual(automatic);
  });

  it("ignores rules in automatic mode, including out-of-range ones", () => {
    const r = parse({
      mode: "automatic",
      rules: {
        pre_processing_rules: [{ id: "remove_urls_emails", enabled: true }],
        segmentation: { separator: "###", max_tokens: 10 },
      },
    });
    expect(r.segmentation).toEqual({ separator: "\n", maxTokens: 500, overlap: 50 });
    expect(r.removeUrlsEmails).toBe(false);
  });

  it("unescapes a separator written as backslash-n or backslash-t", () => {
    expect(parse(custom({ separator: "\\n\\n", max_tokens: 500 })).segmentation.separator).toBe("\n\n");
    expect(parse(custom({ separator: "\\t", max_tokens: 500 })).segmentation.separator).toBe("\t");
    expect(parse(custom({ separator: "\n", max_tokens: 500 })).segmentation.separator).toBe("\n");
    expect(parse(custom({ separator: "###", max_tokens: 500 })).segmentation.separator).toBe("###");
  });

  it("accepts Dify's automatic-rule key `delimiter` for the separator and defaults overlap to 0", () => {
    expect(parse(custom({ delimiter: "\\n\\n", max_tokens: 300 })).segmentation).toEqual({
      separator: "\n\n",
      maxTokens: 300,
      overlap: 0,
    });
    expect(parse(custom({ max_tokens: 300 })).segmentation.separator).toBe("\n");
  });

  it("reads the pre-processing rules: listed and enabled means on, anything else off", () => {
    const r = parse({
      mode: "custom",
      rules: {
        pre_processing_rules: [
          { id: "remove_extra_spaces", enabled: false },
          { id: "remove_urls_emails", enabled: true },
          { id: "remove_stopwords", enabled: true },
        ],
        segmentation: { separator: "\n", max_tokens: 800, chunk_overlap: 20 },
      },
    });
    expect(r).toMatchObject({ mode: "custom", removeExtraSpaces: false, removeUrlsEmails: true });
    expect(r.segmentation).toEqual({ separator: "\n", maxTokens: 800, overlap: 20 });
    expect(parse(custom({ max_tokens: 100 })).removeUrlsEmails).toBe(false);
  });

  it("rejects a custom segment length outside 50..4000 with Dify's message", () => {
    for (const max_tokens of [49, 4001, 0]) {
      expect(issues(custom({ max_tokens }))).toContainEqual({
        path: "rules.segmentation.max_tokens",
        message: "Custom segment length should be between 50 and 4000.",
      });
    }
    expect(parse(custom({ max_tokens: 50 })).segmentation.maxTokens).toBe(50);
    expect(parse(custom({ max_tokens: 4000 })).segmentation.maxTokens).toBe(4000);
  });

  it("rejects an overlap that is negative or not smaller than the segment length", () => {
    expect(issues(custom({ max_tokens: 100, chunk_overlap: 100 })).map((i) => i.path)).toContain(
      "rules.segmentation.chunk_overlap",
    );
    expect(issues(custom({ max_tokens: 100, chunk_overlap: -1 })).map((i) => i.path)).toContain(
      "rules.segmentation.chunk_overlap",
    );
    expect(parse(custom({ max_tokens: 100, chunk_overlap: 99 })).segmentation.overlap).toBe(99);
  });

  it("rejects wrong types and unknown enum values", () => {
    expect(processRuleSchema.safeParse({ mode: "semantic" }).success).toBe(false);
    expect(processRuleSchema.safeParse(custom({ max_tokens: "500" })).success).toBe(false);
    expect(processRuleSchema.safeParse(custom({ max_tokens: 100.5 })).success).toBe(false);
    expect(processRuleSchema.safeParse(custom({ separator: 1, max_tokens: 100 })).success).toBe(false);
    expect(
      processRuleSchema.safeParse({ mode: "hierarchical", rules: { parent_mode: "chapter" } }).success,
    ).toBe(false);
    expect(
      processRuleSchema.safeParse({
        mode: "custom",
        rules: { pre_processing_rules: [{ id: "remove_html", enabled: true }] },
      }).success,
    ).toBe(false);
  });

  it("fills Dify's hierarchical defaults: paragraph parents on blank lines up to 1024, line children up to 512", () => {
    expect(parse({ mode: "hierarchical" })).toEqual({
      mode: "hierarchical",
      removeExtraSpaces: true,
      removeUrlsEmails: false,
      segmentation: { separator: "\n\n", maxTokens: 1024, overlap: 0 },
      parentMode: "paragraph",
      subchunk: { separator: "\n", maxTokens: 512, overlap: 0 },
    });
  });

  it("takes hierarchical rules as given and range-checks the sub-chunk segmentation too", () => {
    const r = parse({
      mode: "hierarchical",
      rules: {
        pre_processing_rules: [{ id: "remove_extra_spaces", enabled: true }],
        segmentation: { separator: "\\n\\n", max_tokens: 2000 },
        parent_mode: "full-doc",
        subchunk_segmentation: { separator: "\\n", max_tokens: 200, chunk_overlap: 10 },
      },
    });
    expect(r.parentMode).toBe("full-doc");
    expect(r.subchunk).toEqual({ separator: "\n", maxTokens: 200, overlap: 10 });
    expect(
      issues({ mode: "hierarchical", rules: { subchunk_segmentation: { max_tokens: 5000 } } }),
    ).toContainEqual({
      path: "rules.subchunk_segmentation.max_tokens",
      message: "Custom segment length should be between 50 and 4000.",
    });
  });

  it("renders the resolved rule in Dify's shape, and that output parses back to the same rule", () => {
    const hierarchical = parse({
      mode: "hierarchical",
      rules: {
        pre_processing_rules: [{ id: "remove_urls_emails", enabled: true }],
        segmentation: { separator: "\\n\\n", max_tokens: 1000 },
        parent_mode: "paragraph",
        subchunk_segmentation: { separator: "\\t", max_tokens: 100, chunk_overlap: 5 },
      },
    });
    const dify = ruleToDify(hierarchical);
    expect(dify).toEqual({
      mode: "hierarchical",
      rules: {
        pre_processing_rules: [
          { id: "remove_extra_spaces", enabled: false },
          { id: "remove_urls_emails", enabled: true },
        ],
        segmentation: { separator: "\\n\\n", max_tokens: 1000, chunk_overlap: 0 },
        parent_mode: "paragraph",
        subchunk_segmentation: { separator: "\\t", max_tokens: 100, chunk_overlap: 5 },
      },
    });
    expect(parse(dify)).toEqual(hierarchical);

    const automatic = ruleToDify(resolveRule(null));
    expect(automatic.rules).not.toHaveProperty("parent_mode");
    expect(automatic.rules.segmentation).toEqual({ separator: "\\n", max_tokens: 500, chunk_overlap: 50 });
    expect(parse(automatic)).toEqual(resolveRule(null));
  });
});
