// The WebApp workflow page's file inputs, their pure parts: which of Dify's file types a picked
// file is for an input (or refused), the picker's accept list, the checks before a run and the
// file objects the run is sent.
import { describe, expect, it } from "vitest";
import {
  acceptFor,
  type FileVariable,
  fileInputs,
  fileLimit,
  fileTypeFor,
  fileUploadSetting,
  linkedFile,
  messageFileRefs,
  messageFilesInput,
  validateFiles,
  withFileUpload,
} from "../../web/src/lib/file-inputs";

const report: FileVariable = { kind: "file", variable: "report", label: "Report", required: true, allowed_file_types: ["document", "image"], allowed_file_extensions: [] };
const scripts: FileVariable = {
  kind: "file-list",
  variable: "scripts",
  label: "Scripts",
  required: false,
  max_length: 2,
  allowed_file_types: ["custom"],
  allowed_file_extensions: [".py", "SQL"],
};
const anything: FileVariable = { kind: "file-list", variable: "any", label: "Any", required: false };

describe("file inputs", () => {
  it("types a file by the input's allowed types, as Dify's page does", () => {
    expect(fileTypeFor(report, "notes.PDF")).toBe("document");
    expect(fileTypeFor(report, "photo.png")).toBe("image");
    expect(fileTypeFor(report, "song.mp3")).toBeNull();
    expect(fileTypeFor(report, "job.py")).toBeNull();
    expect(fileTypeFor(scripts, "job.py")).toBe("custom");
    expect(fileTypeFor(scripts, "query.sql")).toBe("custom");
    expect(fileTypeFor(scripts, "notes.md")).toBeNull();
    // An input that names no types takes anything: known types by extension, others as custom.
    expect(fileTypeFor(anything, "clip.mp4")).toBe("video");
    expect(fileTypeFor(anything, "data.bin")).toBe("custom");
  });

  it("offers the extensions the input takes, or any file", () => {
    expect(acceptFor(scripts)).toBe(".py,.sql");
    expect(acceptFor(report)?.split(",")).toEqual(expect.arrayContaining([".pdf", ".docx", ".png", ".jpg"]));
    expect(acceptFor(anything)).toBeUndefined();
    expect(acceptFor({ ...scripts, allowed_file_extensions: [] })).toBeUndefined();
    expect([fileLimit(report), fileLimit(scripts), fileLimit(anything)]).toEqual([1, 2, 5]);
  });

  it("checks required inputs and unfinished uploads, and sends stored files only", () => {
    const done = (name: string, id: string) => ({ key: id, name, size: 1, status: "done" as const, id });
    expect(validateFiles([report, scripts], {})).toEqual({ report: "Report is required." });
    expect(validateFiles([report], { report: [{ key: "k", name: "a.pdf", size: 1, status: "error", error: "no" }] })).toEqual({ report: "Report is required." });
    expect(validateFiles([report, scripts], { report: [done("a.pdf", "f1")], scripts: [{ key: "u", name: "b.py", size: 1, status: "uploading" }] })).toEqual({
      scripts: "Wait for Scripts to finish uploading.",
    });
    const inputs = fileInputs([report, scripts], {
      report: [done("a.pdf", "f1")],
      scripts: [done("b.py", "f2"), { key: "x", name: "c.py", size: 1, status: "error", error: "too big" }, done("d.sql", "f3")],
    });
    expect(inputs).toEqual({
      report: { type: "document", transfer_method: "local_file", upload_file_id: "f1" },
      scripts: [
        { type: "custom", transfer_method: "local_file", upload_file_id: "f2" },
        { type: "custom", transfer_method: "local_file", upload_file_id: "f3" },
      ],
    });
    expect(fileInputs([scripts], { scripts: [] })).toEqual({});
  });

  it("reads an app's file upload setting, new and old shapes, into the files a message takes", () => {
    expect(messageFilesInput(undefined)).toBeNull();
    expect(messageFilesInput({ enabled: false, image: { enabled: false } })).toBeNull();
    const modern = messageFilesInput({ enabled: true, allowed_file_types: ["image", "document"], number_limits: 4 }, "Files");
    expect(modern).toMatchObject({ kind: "file-list", label: "Files", max_length: 4, allowed_file_types: ["image", "document"] });
    expect(messageFilesInput({ image: { enabled: true, number_limits: 2 } })).toMatchObject({ max_length: 2, allowed_file_types: ["image"] });
    // Enabled with no types named: images, Dify's default.
    expect(messageFilesInput({ enabled: true })?.allowed_file_types).toEqual(["image"]);
    const refs = messageFileRefs(modern!, [
      { key: "a", name: "shot.png", size: 1, status: "done", id: "f1" },
      { key: "b", name: "spec.pdf", size: 1, status: "done", id: "f2" },
      { key: "c", name: "late.png", size: 1, status: "uploading" },
    ]);
    expect(refs).toEqual([
      { type: "image", transfer_method: "local_file", upload_file_id: "f1" },
      { type: "document", transfer_method: "local_file", upload_file_id: "f2" },
    ]);
  });

  it("edits a file upload setting in Dify's current shape, keeping the image block older clients read", () => {
    // Absent, or the old image block: filled in with Dify's defaults.
    expect(fileUploadSetting(undefined)).toEqual({ enabled: false, allowed_file_types: ["image"], allowed_file_upload_methods: ["local_file", "remote_url"], number_limits: 3 });
    expect(fileUploadSetting({ image: { enabled: true, number_limits: 2 } })).toMatchObject({ enabled: true, number_limits: 2 });
    const saved = withFileUpload(
      { enabled: true, allowed_file_types: ["image"], allowed_file_extensions: [".JPG"], number_limits: 3, fileUploadConfig: { file_size_limit: 15 } },
      { allowed_file_types: ["document"], allowed_file_upload_methods: ["local_file"], number_limits: 5 },
    );
    expect(saved).toEqual({
      enabled: true,
      allowed_file_types: ["document"],
      allowed_file_extensions: [".JPG"],
      allowed_file_upload_methods: ["local_file"],
      number_limits: 5,
      fileUploadConfig: { file_size_limit: 15 },
      // No images taken: the old block is off, and follows the methods and the limit.
      image: { enabled: false, number_limits: 5, detail: "high", transfer_methods: ["local_file"] },
    });
    expect(withFileUpload(saved, { enabled: false }).image?.enabled).toBe(false);
    expect(withFileUpload(saved, { allowed_file_types: ["image", "document"] }).image?.enabled).toBe(true);
  });

  it("takes a file by its link where the input allows links, named and typed by the link's path", () => {
    const docs: FileVariable = { ...report, allowed_file_upload_methods: ["remote_url"] };
    const pdf = linkedFile(docs, " https://example.com/specs/Glaze%20notes.PDF?v=2 ");
    expect(pdf).toMatchObject({ name: "Glaze notes.PDF", status: "done", url: "https://example.com/specs/Glaze%20notes.PDF?v=2" });
    expect(linkedFile(docs, "ftp://example.com/a.pdf")).toMatchObject({ status: "error", error: "Enter a link that starts with https:// or http://." });
    expect(linkedFile(docs, "not a link")).toMatchObject({ status: "error" });
    expect(linkedFile(docs, "https://example.com/song.mp3")).toMatchObject({ status: "error", error: "Report doesn't take this kind of file." });
    // Sent as Dify's remote file object, beside uploads.
    const upload = { key: "u", name: "shot.png", size: 3, status: "done" as const, id: "f1" };
    expect(fileInputs([{ ...docs, kind: "file-list" }], { report: [pdf, upload] })).toEqual({
      report: [
        { type: "document", transfer_method: "remote_url", url: "https://example.com/specs/Glaze%20notes.PDF?v=2" },
        { type: "image", transfer_method: "local_file", upload_file_id: "f1" },
      ],
    });
    const message = messageFilesInput({ enabled: true, allowed_file_types: ["document"], allowed_file_upload_methods: ["remote_url"] })!;
    expect(messageFileRefs(message, [pdf])).toEqual([{ type: "document", transfer_method: "remote_url", url: pdf.url }]);
    // A setting that takes neither method offers nothing.
    expect(messageFilesInput({ enabled: true, allowed_file_upload_methods: ["tool_file"] })).toBeNull();
  });
});
