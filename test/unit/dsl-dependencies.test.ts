// A DSL file's plugin dependencies: which entries are kept from an import, and which an export
// writes back (those of plugins the app still names).
import { describe, expect, it } from "vitest";
import { dslDependencies, pluginIdOf, usedDependencies } from "../../src/apps/dsl-dependencies";

const marketplace = (id: string) => ({ type: "marketplace" as const, value: { marketplace_plugin_unique_identifier: `${id}:1.0.0@${"f".repeat(64)}` }, current_identifier: null });
const github = { type: "github" as const, value: { repo: "a/b", release: "v1", packages: "b.difypkg", github_plugin_unique_identifier: `acme/search:0.1.0@${"0".repeat(64)}` } };
const pkg = { type: "package" as const, value: { plugin_unique_identifier: `acme/local_tool:0.0.1@${"1".repeat(64)}` } };

describe("DSL plugin dependencies", () => {
  it("keeps the well-formed entries of each kind and drops the rest", () => {
    expect(dslDependencies([marketplace("langgenius/openai"), github, pkg, { type: "marketplace", value: {} }, { type: "other", value: {} }, 3, null])).toEqual([
      marketplace("langgenius/openai"),
      github,
      pkg,
    ]);
    expect(dslDependencies(undefined)).toEqual([]);
    expect(dslDependencies({ not: "a list" })).toEqual([]);
    expect(pluginIdOf(github)).toBe("acme/search");
    expect(pluginIdOf({ type: "package", value: { plugin_unique_identifier: "no-author:1.0" } })).toBeUndefined();
  });

  it("writes back the plugins the app still names, by plugin id or by a Dify provider's short name", () => {
    const deps = [marketplace("langgenius/openai"), marketplace("langgenius/tongyi"), github, pkg];
    const graph = {
      nodes: [
        { data: { type: "llm", model: { provider: "openai", name: "gpt-4o" } } },
        { data: { type: "tool", provider_id: "acme/search/search", tool_name: "web" } },
      ],
    };
    expect(usedDependencies(deps, graph)).toEqual([marketplace("langgenius/openai"), github]);
    // A short name matches Dify's own plugins only: "search" is not acme/search.
    expect(usedDependencies([github], { provider: "search" })).toEqual([]);
    expect(usedDependencies(deps, {})).toEqual([]);
  });
});
