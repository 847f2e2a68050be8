// A DSL file's `dependencies`: the Dify plugins (model providers, tools, agent strategies) the app
// needs, each pinned to a version ("author/name:1.2.0@<checksum>"). Kiln runs its own providers and
// tools, so it installs nothing; it keeps the list an import brings and writes it back on export,
// so a Kiln export imported into Dify still offers to install the plugins the app uses.
import { z } from "zod";

/** Dify's PluginDependency: marketplace, github or package, with the plugin's unique identifier in `value`. */
const dependencySchema = z
  .object({
    type: z.enum(["marketplace", "github", "package"]),
    value: z.record(z.string(), z.unknown()),
    current_identifier: z.string().nullable().optional(),
  })
  .loose();

export type PluginDependency = z.infer<typeof dependencySchema>;

/** The most a file may list (Dify's own exports list one entry per plugin in use). */
const MAX_DEPENDENCIES = 200;

/** The well-formed entries of a DSL file's `dependencies` (anything else is not a list of them, and is dropped). */
export function dslDependencies(raw: unknown): PluginDependency[] {
  if (!Array.isArray(raw)) return [];
  const kept: PluginDependency[] = [];
  for (const entry of raw.slice(0, MAX_DEPENDENCIES)) {
    const parsed = dependencySchema.safeParse(entry);
    if (parsed.success && pluginIdOf(parsed.data)) kept.push(parsed.data);
  }
  return kept;
}

/** "author/name" of a dependency, from the unique identifier its type carries. */
export function pluginIdOf(dependency: PluginDependency): string | undefined {
  const v = dependency.value;
  const identifier = v.marketplace_plugin_unique_identifier ?? v.github_plugin_unique_identifier ?? v.plugin_unique_identifier;
  if (typeof identifier !== "string") return undefined;
  const id = identifier.split(/[:@]/)[0];
  return /^[^/\s]+\/[^/\s]+$/.test(id) ? id : undefined;
}

function collectStrings(value: unknown, into: Set<string>, depth = 0): void {
  if (depth > 64) return;
  if (typeof value === "string") into.add(value);
  else if (Array.isArray(value)) for (const v of value) collectStrings(v, into, depth + 1);
  else if (value && typeof value === "object") for (const v of Object.values(value)) collectStrings(v, into, depth + 1);
}

/**
 * The dependencies the app still uses: a plugin is used while its id prefixes a provider the app
 * names ("langgenius/openai/openai", "bowenliang123/md_exporter/md_exporter"), or, for Dify's own
 * plugins, while a node names the provider by its short name ("openai"), as older exports do. A
 * dependency whose nodes were deleted in Kiln is not exported.
 */
export function usedDependencies(dependencies: readonly PluginDependency[], appContent: unknown): PluginDependency[] {
  if (!dependencies.length) return [];
  const strings = new Set<string>();
  collectStrings(appContent, strings);
  const named = (id: string) => {
    if (strings.has(id)) return true;
    for (const s of strings) if (s.startsWith(`${id}/`)) return true;
    const [author, name] = id.split("/");
    return author === "langgenius" && strings.has(name);
  };
  return dependencies.filter((d) => {
    const id = pluginIdOf(d);
    return id !== undefined && named(id);
  });
}
