// A Human Input answer's files are listed (a chatflow message's extra_contents) with links signed
// when they are read, as Dify signs a file's link each time it serializes it: a link stored with
// the answer would have expired five minutes later.
import { describe, expect, it } from "vitest";
import { FILE_URL_TTL_SECONDS, signedFileUrl, verifyFileUrl } from "../../src/apps/file-urls";
import { freshFileLinks } from "../../src/workflow/human-input-files";
import type { FormInput } from "../../src/workflow/nodes/human-input";

const SECRET = "unit-secret-unit-secret-unit-secret-0000";
const inputs = [
  { type: "paragraph", output_variable_name: "note" },
  { type: "file", output_variable_name: "doc", allowed_file_types: ["document"], allowed_file_extensions: [], allowed_file_upload_methods: ["local_file"] },
  { type: "file-list", output_variable_name: "more", number_limits: 3, allowed_file_types: ["document"], allowed_file_extensions: [], allowed_file_upload_methods: ["local_file", "remote_url"] },
] as unknown as FormInput[];

const query = (url: string) => Object.fromEntries(new URL(url, "https://kiln.test").searchParams) as { timestamp: string; nonce: string; sign: string };

describe("freshFileLinks", () => {
  it("signs each uploaded file's link again at read time, and leaves remote files and other answers as they are", async () => {
    const answeredAt = Date.now() - 60 * 60 * 1000;
    const stale = await signedFileUrl(SECRET, "up1", answeredAt);
    const now = Date.now();
    expect(await verifyFileUrl(SECRET, "up1", query(stale), now)).toBe(false);
    const remote = { type: "document", transfer_method: "remote_url", remote_url: "https://example.com/a.pdf", url: "https://example.com/a.pdf" };
    const stored = {
      note: "see attached",
      doc: { type: "document", transfer_method: "local_file", upload_file_id: "up1", url: stale },
      more: [{ type: "document", transfer_method: "local_file", upload_file_id: "up2", url: await signedFileUrl(SECRET, "up2", answeredAt) }, remote],
    };
    const listed = await freshFileLinks(SECRET, inputs, stored, now);
    const doc = listed.doc as { url: string; upload_file_id: string };
    expect(doc.upload_file_id).toBe("up1");
    expect(await verifyFileUrl(SECRET, "up1", query(doc.url), now)).toBe(true);
    // It lasts as Dify's does, from the time it was read.
    expect(await verifyFileUrl(SECRET, "up1", query(doc.url), now + (FILE_URL_TTL_SECONDS + 1) * 1000)).toBe(false);
    const [second, third] = listed.more as { url: string }[];
    expect(await verifyFileUrl(SECRET, "up2", query(second.url), now)).toBe(true);
    expect(third).toEqual(remote);
    expect(listed.note).toBe("see attached");
    // The stored answer is not changed.
    expect(stored.doc.url).toBe(stale);
  });

  it("passes an answer left empty through", async () => {
    expect(await freshFileLinks(SECRET, inputs, { note: "", doc: null, more: [] }, Date.now())).toEqual({ note: "", doc: null, more: [] });
  });
});
