// The Tools page's test form (web/src/features/tools/lib/param-values.ts): text fields become the
// values a tool takes; a file parameter takes a URL (or Dify's file object as JSON).
import { describe, expect, it } from "vitest";
import { toToolArgs, uploadedFileName, uploadedFileValue } from "../../web/src/features/tools/lib/param-values";
import type { ToolParameter } from "../../web/src/features/tools/api/types";

const p = (name: string, type: ToolParameter["type"], required = true) => ({ name, label: name, description: "", type, form: "llm", required }) as ToolParameter;

describe("toToolArgs", () => {
  it("turns a file's URL into Dify's remote file object, typed by its extension", () => {
    const r = toToolArgs([p("audio_file", "file"), p("n", "number", false)], { audio_file: " https://example.com/talks/Kiln%20intro.MP3 ", n: "" });
    expect(r).toEqual({
      ok: true,
      args: {
        audio_file: {
          type: "audio",
          transfer_method: "remote_url",
          url: "https://example.com/talks/Kiln%20intro.MP3",
          remote_url: "https://example.com/talks/Kiln%20intro.MP3",
          filename: "Kiln intro.MP3",
          extension: ".mp3",
        },
      },
    });
    expect(toToolArgs([p("f", "file")], { f: "https://example.com/report.pdf" })).toMatchObject({ ok: true, args: { f: { type: "document" } } });
    expect(toToolArgs([p("f", "file")], { f: "https://example.com/blob" })).toMatchObject({ ok: true, args: { f: { type: "custom", extension: "" } } });
  });

  it("takes a file object as JSON, and names what is wrong otherwise", () => {
    expect(toToolArgs([p("f", "file")], { f: '{"type": "image", "transfer_method": "local_file", "upload_file_id": "u1"}' })).toEqual({
      ok: true,
      args: { f: { type: "image", transfer_method: "local_file", upload_file_id: "u1" } },
    });
    expect(toToolArgs([p("f", "file")], { f: "not a url" })).toEqual({ ok: false, errors: { f: "Enter the file's URL (https://…) or its file object as JSON." } });
    expect(toToolArgs([p("f", "file")], { f: "" })).toEqual({ ok: false, errors: { f: "f is required." } });
  });

  it("sends a file uploaded from the form as Dify's local file object, and shows its name", () => {
    const value = uploadedFileValue("up-1", "Minutes.DOCX");
    expect(uploadedFileName(value)).toBe("Minutes.DOCX");
    expect(toToolArgs([p("t", "file")], { t: value })).toEqual({
      ok: true,
      args: { t: { type: "document", extension: ".docx", transfer_method: "local_file", upload_file_id: "up-1", filename: "Minutes.DOCX" } },
    });
    expect(uploadedFileName("https://example.com/a.docx")).toBeNull();
    expect(uploadedFileName('{"transfer_method": "remote_url", "filename": "a"}')).toBeNull();
    expect(uploadedFileName("{not json")).toBeNull();
  });
});
