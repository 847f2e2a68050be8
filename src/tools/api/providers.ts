// Custom API tool providers (tool_providers rows of kind `api`): add, read, update, delete. The
// document is parsed (and every problem listed) before anything is saved; the server URL must be
// fetchable; credentials are sealed with APP_SECRET and only ever shown masked.
import { and, asc, eq } from "drizzle-orm";
import type { TenantCtx, WorkspaceCtx } from "../../context";
import { toolProviders } from "../../db/schema";
import { Conflict, Invalid, NotFound } from "../../lib/errors";
import { assertFetchableUrl } from "../../lib/ssrf";
import type { ToolIcon, ToolProviderView } from "../types";
import { type ApiCredentials, type ApiCredentialsInput, maskCredentials, normalizeCredentials, openCredentials, sealCredentials } from "./credentials";
import { type ApiSchemaType, type ParsedApiSchema, type StoredApiTool, toolView } from "./operation";
import { parseApiSchema } from "./parse-schema";

export type ApiProviderRow = typeof toolProviders.$inferSelect;

const DEFAULT_ICON: ToolIcon = { type: "emoji", content: "🔧", background: "#FEF7C3" };

export interface ApiProviderInput {
  provider: string;
  icon?: Partial<ToolIcon>;
  description?: string;
  credentials: ApiCredentialsInput;
  schema_type?: ApiSchemaType;
  schema: string;
  privacy_policy?: string;
}

export type ApiProviderDetail = ToolProviderView & {
  schema_type: ApiSchemaType;
  schema: string;
  server_url: string;
  credentials: ApiCredentials;
  privacy_policy: string;
};

export const storedTools = (row: ApiProviderRow) => JSON.parse(row.tools) as StoredApiTool[];

function iconOf(icon: Partial<ToolIcon> | undefined): ToolIcon {
  if (!icon) return DEFAULT_ICON;
  return { ...icon, type: icon.type ?? (icon.url && !icon.content ? "image" : "emoji") };
}

export function apiProviderView(row: ApiProviderRow): ToolProviderView {
  return {
    id: row.id,
    name: row.name,
    type: "api",
    label: row.name,
    description: row.description,
    icon: { ...DEFAULT_ICON, ...(JSON.parse(row.icon) as Partial<ToolIcon>) },
    author: "",
    is_team_authorization: true,
    allow_delete: true,
    tools: storedTools(row).map(toolView),
    error: null,
  };
}

const mine = (ctx: TenantCtx) => and(eq(toolProviders.workspaceId, ctx.workspace.id), eq(toolProviders.kind, "api"));

export async function listApiProviderRows(ctx: TenantCtx): Promise<ApiProviderRow[]> {
  return ctx.db.select().from(toolProviders).where(mine(ctx)).orderBy(asc(toolProviders.createdAt)).all();
}

/** A provider of this workspace by id or by name (Dify's API names providers by name). */
export async function findApiProvider(ctx: TenantCtx, idOrName: string): Promise<ApiProviderRow | null> {
  const byId = await ctx.db.select().from(toolProviders).where(and(mine(ctx), eq(toolProviders.id, idOrName))).get();
  return byId ?? (await ctx.db.select().from(toolProviders).where(and(mine(ctx), eq(toolProviders.name, idOrName))).get()) ?? null;
}

async function getByName(ctx: TenantCtx, name: string): Promise<ApiProviderRow> {
  const row = await ctx.db.select().from(toolProviders).where(and(mine(ctx), eq(toolProviders.name, name))).get();
  if (!row) throw NotFound("Tool provider");
  return row;
}

export const apiCredentialsOf = (ctx: TenantCtx, row: ApiProviderRow) => openCredentials(ctx, row.credentials);

/** Parses the schema and checks the server is one Kiln may call; throws listing the problems. */
export function checkedSchema(ctx: TenantCtx, schema: string, schemaType?: ApiSchemaType): ParsedApiSchema {
  const parsed = parseApiSchema(schema, schemaType === "single" ? "single" : undefined);
  for (const url of new Set([parsed.serverUrl, ...parsed.tools.map((t) => t.operation.serverUrl ?? parsed.serverUrl)])) {
    assertFetchableUrl(url, ctx.config.SSRF_ALLOW_HOSTS, "server_url");
  }
  return parsed;
}

function checkName(name: string): string {
  const trimmed = name.trim();
  if (!trimmed || trimmed.length > 60 || /[\p{Cc}/]/u.test(trimmed)) {
    throw Invalid("provider: use 1–60 characters, without '/' or control characters", ["provider"]);
  }
  return trimmed;
}

const duplicateName = (name: string) => Conflict(`A tool provider named "${name}" already exists.`);
const isUniqueViolation = (e: unknown) => /UNIQUE/.test(`${(e as Error)?.message} ${(e as { cause?: unknown })?.cause}`);

async function assertNameFree(ctx: TenantCtx, name: string, exceptId?: string) {
  // The name is unique across API and MCP providers alike (one index), so look at every kind.
  const taken = await ctx.db
    .select({ id: toolProviders.id })
    .from(toolProviders)
    .where(and(eq(toolProviders.workspaceId, ctx.workspace.id), eq(toolProviders.name, name)))
    .get();
  if (taken && taken.id !== exceptId) throw duplicateName(name);
}

// D1 refuses rows over 2 MB; the document and its parsed tools share one row.
const MAX_STORED_BYTES = 1_900_000;

async function rowFields(ctx: WorkspaceCtx, input: ApiProviderInput, stored: ApiCredentials | null) {
  const parsed = checkedSchema(ctx, input.schema, input.schema_type);
  const credentials = normalizeCredentials(input.credentials, stored);
  const tools = JSON.stringify(parsed.tools);
  const size = new TextEncoder().encode(input.schema).byteLength + new TextEncoder().encode(tools).byteLength;
  if (size > MAX_STORED_BYTES) {
    throw Invalid(`schema: the document and its tools take ${Math.ceil(size / 1024)} KB; at most ${Math.floor(MAX_STORED_BYTES / 1024)} KB can be saved`, ["schema"]);
  }
  return {
    name: checkName(input.provider),
    description: input.description ?? "",
    icon: JSON.stringify(iconOf(input.icon)),
    schemaType: parsed.schemaType,
    schema: input.schema,
    tools,
    serverUrl: parsed.serverUrl,
    credentials: await sealCredentials(ctx, credentials),
    privacyPolicy: input.privacy_policy ?? "",
    updatedAt: ctx.now(),
  };
}

export async function addApiProvider(ctx: WorkspaceCtx, input: ApiProviderInput): Promise<ToolProviderView> {
  const fields = await rowFields(ctx, input, null);
  await assertNameFree(ctx, fields.name);
  const row: ApiProviderRow = {
    id: ctx.newId(),
    workspaceId: ctx.workspace.id,
    kind: "api",
    transport: null,
    lastError: null,
    refreshedAt: null,
    createdBy: ctx.actor.accountId,
    createdAt: fields.updatedAt,
    ...fields,
  };
  try {
    await ctx.db.insert(toolProviders).values(row);
  } catch (e) {
    if (isUniqueViolation(e)) throw duplicateName(fields.name);
    throw e;
  }
  return apiProviderView(row);
}

/** Replaces a provider's settings; secrets sent as "[__HIDDEN__]" keep their stored values. */
export async function updateApiProvider(ctx: WorkspaceCtx, originalName: string, input: ApiProviderInput): Promise<ToolProviderView> {
  const row = await getByName(ctx, originalName);
  const fields = await rowFields(ctx, input, await apiCredentialsOf(ctx, row));
  if (fields.name !== row.name) await assertNameFree(ctx, fields.name, row.id);
  try {
    await ctx.db.update(toolProviders).set(fields).where(eq(toolProviders.id, row.id));
  } catch (e) {
    if (isUniqueViolation(e)) throw duplicateName(fields.name);
    throw e;
  }
  return apiProviderView({ ...row, ...fields });
}

export async function deleteApiProvider(ctx: WorkspaceCtx, name: string): Promise<void> {
  const row = await getByName(ctx, name);
  await ctx.db.delete(toolProviders).where(eq(toolProviders.id, row.id));
}

export async function apiProviderTools(ctx: TenantCtx, name: string) {
  return storedTools(await getByName(ctx, name)).map(toolView);
}

export async function apiProviderDetail(ctx: TenantCtx, name: string): Promise<ApiProviderDetail> {
  const row = await getByName(ctx, name);
  return {
    ...apiProviderView(row),
    schema_type: (row.schemaType ?? "openapi") as ApiSchemaType,
    schema: row.schema ?? "",
    server_url: row.serverUrl ?? "",
    credentials: maskCredentials(await apiCredentialsOf(ctx, row)),
    privacy_policy: row.privacyPolicy,
  };
}
