// A GitHub repository as a data source: its `push` webhook keeps the dataset in step with the
// Markdown files of the default branch. Added and modified files are fetched raw at the pushed
// commit (external_id = the file's path); removed files are deleted.
import { z } from "zod";
import type { WebhookDocument } from "./source-sync";

export const GITHUB_RAW_BASE_URL = "https://raw.githubusercontent.com";

export const pushSchema = z.object({
  ref: z.string(),
  after: z.string().regex(/^[0-9a-f]{7,64}$/i),
  deleted: z.boolean().optional(),
  repository: z.object({
    full_name: z.string().regex(/^[\w.-]+\/[\w.-]+$/),
    default_branch: z.string().optional(),
  }),
  commits: z
    .array(
      z.object({
        added: z.array(z.string()).default([]),
        modified: z.array(z.string()).default([]),
        removed: z.array(z.string()).default([]),
      }),
    )
    .default([]),
});

export type GithubPush = z.infer<typeof pushSchema>;

const isMarkdown = (path: string) => /\.(md|markdown)$/i.test(path);
const fileName = (path: string) => path.slice(path.lastIndexOf("/") + 1);
const rawPath = (path: string) => path.split("/").map(encodeURIComponent).join("/");

/**
 * The documents a push changes, or why it changes none. Commits are applied in order, so a file
 * added and then removed within one push ends up deleted.
 */
export function documentsOfPush(push: GithubPush, rawBaseUrl: string): { documents: WebhookDocument[] } | { ignored: string } {
  const branch = push.repository.default_branch;
  if (push.deleted || /^0+$/.test(push.after)) return { ignored: "branch deleted" };
  // Pushes to other branches would put unmerged work into the knowledge base.
  if (branch && push.ref !== `refs/heads/${branch}`) return { ignored: `not the default branch (${branch})` };
  const last = new Map<string, "upsert" | "delete">();
  for (const commit of push.commits) {
    for (const path of [...commit.added, ...commit.modified]) last.set(path, "upsert");
    for (const path of commit.removed) last.set(path, "delete");
  }
  const base = rawBaseUrl.replace(/\/+$/, "");
  const documents: WebhookDocument[] = [];
  for (const [path, action] of last) {
    if (!isMarkdown(path)) continue;
    documents.push(
      action === "delete"
        ? { external_id: path, deleted: true }
        : { external_id: path, title: fileName(path), url: `${base}/${push.repository.full_name}/${push.after}/${rawPath(path)}` },
    );
  }
  return { documents };
}
