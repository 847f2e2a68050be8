// Knowledge API authentication with a dataset key (`Authorization: Bearer dataset-…`), as Dify's
// validate_dataset_token: the key is workspace-wide, so the request acts for the key's workspace
// with no actor (every dataset of the workspace is visible). A route with a `dataset_id` then
// passes the dataset gate: a foreign or missing dataset is 404, one with its API off is 403.
import { createMiddleware } from "hono/factory";
import { cachedForApp } from "../apps/app-cache";
import { authenticateApiKey, datasetKeysGroup } from "../auth/api-keys";
import { forTenant, type TenantCtx } from "../context";
import type { HonoEnv } from "../hono-env";
import { type DatasetRow, datasetCacheGroup, getDataset } from "../knowledge/datasets";
import { sha256Hex } from "../lib/crypto";
import { KilnError, Unauthorized } from "../lib/errors";
import { limitKey } from "./rate-limit";

export type DatasetEnv = HonoEnv & {
  Variables: {
    /** Set by requireDatasetKey: the key and the workspace it acts for. */
    knowledge: { keyId: string; tctx: TenantCtx };
    /** Set by requireDataset: the dataset named by the path, after the gate. */
    dataset: DatasetRow;
  };
};

/** Dify's three 401s: no usable header, a scheme other than Bearer, an unknown key. */
export function bearerToken(header: string | undefined): string {
  if (!header?.includes(" ")) {
    throw Unauthorized("Authorization header must be provided and start with 'Bearer'");
  }
  const [scheme, ...rest] = header.trim().split(/\s+/);
  if (scheme.toLowerCase() !== "bearer") throw Unauthorized("Authorization scheme must be 'Bearer'");
  const token = rest.join(" ");
  if (!token) throw Unauthorized("Access token is invalid");
  return token;
}

export const requireDatasetKey = createMiddleware<DatasetEnv>(async (c, next) => {
  const token = bearerToken(c.req.header("authorization"));
  const ctx = c.var.ctx;
  // Cached per isolate like app keys: a key deleted here stops working at once, elsewhere within seconds.
  const key = await cachedForApp(`dataset-key:${await sha256Hex(token)}`, ctx, async () => {
    const row = await authenticateApiKey(ctx, token, "dataset");
    return { appId: datasetKeysGroup(row.workspaceId), value: row };
  });
  limitKey(ctx, key.id);
  c.set("knowledge", { keyId: key.id, tctx: forTenant(ctx, key.workspaceId) });
  await next();
});

/** After requireDatasetKey, on routes with a `dataset_id` path parameter. */
export const requireDataset = createMiddleware<DatasetEnv>(async (c, next) => {
  const { tctx } = c.var.knowledge;
  const id = c.req.param("dataset_id") ?? "";
  // Cached per isolate; every write to the row evicts it here, other isolates see it within seconds.
  const dataset = await cachedForApp(`dataset:${tctx.workspace.id}:${id}`, tctx, async () => ({
    appId: datasetCacheGroup(id),
    value: await getDataset(tctx, id),
  }));
  if (!dataset.enableApi) throw new KilnError("forbidden", 403, "Dataset api access is not enabled.");
  c.set("dataset", dataset);
  await next();
});
