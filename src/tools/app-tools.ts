// "Apps as tools" (Dify's `workflow` provider type): every published chat, completion, workflow
// and chatflow app of the workspace is a provider with one tool, whose parameters are the app's
// input form (plus `query` for chat apps) and whose call runs the published app, blocking.
import { and, eq, inArray, isNotNull } from "drizzle-orm";
import type { AppRow } from "../apps/apps";
import { endUserFor } from "../apps/end-users";
import type { TenantCtx } from "../context";
import { apps } from "../db/schema";
import { appInputSchema, appToolParameters, loadPublishedApp, type PublishedApp, runAppAsTool, toolNameOf } from "./app-run";
import type { ResolvedTool, ToolProviderSource, ToolProviderView } from "./types";

const TOOL_MODES = ["chat", "completion", "workflow", "advanced-chat"] as const;

/** The end user an app sees when another app of its workspace calls it as a tool. */
const TOOL_CALLER = "kiln-tool-call";

function viewOf(published: PublishedApp): ToolProviderView {
  const { app } = published;
  const name = toolNameOf(app.name);
  const parameters = appToolParameters(published);
  return {
    id: app.id,
    name,
    type: "workflow",
    label: app.name,
    description: app.description,
    icon:
      app.iconType === "image"
        ? { type: "image", url: app.icon ?? "" }
        : { type: "emoji", content: app.icon ?? "🤖", background: app.iconBackground ?? "#FFEAD5" },
    author: "",
    is_team_authorization: true,
    allow_delete: false,
    tools: [{ name, label: app.name, description: app.description || `Runs the app ${app.name}.`, parameters, inputSchema: appInputSchema(published, parameters) }],
    error: null,
  };
}

async function publishedApps(ctx: TenantCtx, where?: ReturnType<typeof eq>): Promise<AppRow[]> {
  return ctx.db
    .select()
    .from(apps)
    .where(and(eq(apps.workspaceId, ctx.workspace.id), isNotNull(apps.publishedConfigId), inArray(apps.mode, [...TOOL_MODES]), where))
    .all();
}

/** Apps whose published version cannot be read (a broken workflow) are left out of the list. */
async function loadAll(ctx: TenantCtx, rows: AppRow[]): Promise<PublishedApp[]> {
  const loaded = await Promise.all(rows.map((app) => loadPublishedApp(ctx, app).catch(() => null)));
  return loaded.filter((p): p is PublishedApp => p !== null);
}

export const appToolSource: ToolProviderSource = {
  type: "workflow",
  list: async (ctx) => (await loadAll(ctx, await publishedApps(ctx))).map(viewOf),
  /** `providerId` is the app's id, or (references from elsewhere) its tool name. */
  resolve: async (ctx, providerId, toolName): Promise<ResolvedTool | null> => {
    const byId = await publishedApps(ctx, eq(apps.id, providerId));
    const rows = byId.length ? byId : (await publishedApps(ctx)).filter((a) => toolNameOf(a.name) === providerId);
    const [published] = await loadAll(ctx, rows.slice(0, 1));
    if (!published) return null;
    const provider = viewOf(published);
    const tool = provider.tools[0];
    if (tool.name !== toolName) return null;
    return {
      provider,
      tool,
      invoke: async (args, { signal }) => {
        const endUser = await endUserFor(published.app.id, "service_api", TOOL_CALLER);
        return runAppAsTool(ctx, published, { args, endUser, signal });
      },
    };
  },
};
