// Batch import from a CSV file (Dify's batch-import): all or nothing. The file is read and every
// row checked first (a 400 names the rows at fault); then, while reply is enabled, every question
// is embedded; only then are the rows written, in one D1 batch, and their vectors stored.
import { inArray } from "drizzle-orm";
import type { TenantCtx } from "../context";
import { messageAnnotations } from "../db/schema";
import { Invalid, KilnError } from "../lib/errors";
import { newAnnotationRow } from "./annotations";
import { MAX_IMPORT_BYTES, readAnnotationCsv } from "./csv";
import { runJob } from "./jobs";
import { embeddingRefOf, loadSetting } from "./settings";
import { embedAnnotations, storeAnnotationVectors } from "./vectors";

// 11 bound values a row; D1 allows 100 per statement.
const ROWS_PER_INSERT = 9;

export async function importAnnotations(ctx: TenantCtx, appId: string, file: File, accountId: string) {
  if (!file.name.toLowerCase().endsWith(".csv")) throw Invalid("Invalid file type. Only CSV files are allowed", ["file"]);
  if (file.size > MAX_IMPORT_BYTES) {
    const mb = (file.size / 1024 / 1024).toFixed(1);
    throw new KilnError("file_too_large", 400, `The file is ${mb} MB; an annotation import is at most ${MAX_IMPORT_BYTES / 1024 / 1024} MB. Split it.`, {
      params: ["file"],
    });
  }
  const items = readAnnotationCsv(await file.text());
  const rows = items.map((item) => newAnnotationRow(ctx, appId, item, accountId));
  const started = await runJob(ctx, appId, "import", async () => {
    const setting = await loadSetting(ctx, appId);
    const vectors = setting ? await embedAnnotations(ctx, embeddingRefOf(setting), rows) : null;
    const inserts = [];
    for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) inserts.push(ctx.db.insert(messageAnnotations).values(rows.slice(i, i + ROWS_PER_INSERT)));
    // One batch is one transaction: every row lands or none does.
    await ctx.db.batch(inserts as [(typeof inserts)[number], ...(typeof inserts)[number][]]);
    if (!vectors) return;
    try {
      await storeAnnotationVectors(ctx, appId, rows, vectors);
    } catch (err) {
      const ids = rows.map((r) => r.id);
      for (let i = 0; i < ids.length; i += 90) await ctx.db.delete(messageAnnotations).where(inArray(messageAnnotations.id, ids.slice(i, i + 90)));
      throw err;
    }
  });
  return { ...started, record_count: rows.length };
}
