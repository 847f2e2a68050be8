// The WebApp workflow page's pure parts: CSV reading and writing, checking a batch file against
// the form (problems named by row and column), the results file, and folding run events.
import { describe, expect, it } from "vitest";
import type { FormVariable } from "../../web/src/features/webapp/api/types";
import type { WorkflowStreamEvent } from "../../web/src/features/webapp/api/workflow-types";
import { MAX_BATCH_ROWS, readBatch, resultsCsv, templateCsv } from "../../web/src/features/webapp/lib/batch";
import { CsvError, parseCsv, toCsv } from "../../web/src/features/webapp/lib/csv";
import { webappPath } from "../../web/src/features/webapp/lib/webapp-path";
import { applyEvent, endRun, startingRun } from "../../web/src/features/webapp/lib/workflow-run";

const FORM: FormVariable[] = [
  { kind: "text-input", variable: "topic", label: "Topic", required: true, max_length: 10, options: [] },
  { kind: "number", variable: "count", label: "Count", required: false, options: [] },
  { kind: "select", variable: "tone", label: "Tone", required: false, options: ["plain", "loud"], default: "plain" },
  { kind: "text-input", variable: "secret", label: "Secret", required: false, options: [], hide: true, default: "s3" },
];

describe("csv", () => {
  it("reads quoted fields with commas, doubled quotes and line breaks, CRLF and a byte-order mark", () => {
    const text = '\ufefftopic,count\r\n"Slips, engobes",2\r\n"He said ""hi""\nthen left",\r\n\r\n';
    expect(parseCsv(text)).toEqual([
      ["topic", "count"],
      ["Slips, engobes", "2"],
      ['He said "hi"\nthen left', ""],
    ]);
  });

  it("refuses a quote that is never closed, naming its line", () => {
    expect(() => parseCsv('a,b\n1,"open\n2,3')).toThrow(CsvError);
    expect(() => parseCsv('a,b\n1,"open\n2,3')).toThrow("starts on line 2");
  });

  it("writes what it reads back unchanged", () => {
    const rows = [
      ["a", "b, c"],
      ['say "x"', "line\nbreak"],
      [" padded", ""],
    ];
    expect(parseCsv(toCsv(rows))).toEqual(rows);
  });
});

describe("batch files", () => {
  it("offers a template whose header names the visible inputs, with the defaults as an example", () => {
    expect(parseCsv(templateCsv(FORM))).toEqual([
      ["topic", "count", "tone"],
      ["", "", "plain"],
    ]);
  });

  it("reads valid rows; hidden inputs keep their defaults and a column may be left out", () => {
    const read = readBatch("topic,count\nClay,2\nKilns,\n", FORM);
    expect(read).toEqual({
      ok: true,
      rows: [
        { line: 2, values: { topic: "Clay", count: "2", tone: "", secret: "s3" } },
        { line: 3, values: { topic: "Kilns", count: "", tone: "", secret: "s3" } },
      ],
    });
  });

  it("names the row and column of every problem before anything runs", () => {
    const read = readBatch("topic,count,tone\nClay,2,plain\n,1,plain\nKilns,many,shouty\nThis is far too long,1,loud\na,b,c,d\n", FORM);
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.problems).toEqual([
      'Row 3, column "topic": Topic is required.',
      'Row 4, column "count": Count must be a number.',
      'Row 4, column "tone": Choose one of the options for Tone.',
      'Row 5, column "topic": Topic can be at most 10 characters.',
      "Row 6 has 4 values but the header has 3 columns.",
    ]);
  });

  it("refuses a header with unknown, duplicate or missing required columns, and files with no rows or too many", () => {
    const bad = readBatch("topic,colour,topic\n", FORM);
    expect(bad.ok === false && bad.problems).toEqual([
      'Column 2 "colour" is not an input of this app (expected: topic, count, tone).',
      'Column 3 "topic" appears twice in the header row.',
      "The file has a header row but no rows to run. Add one row per run below it.",
    ]);
    const noTopic = readBatch("count\n1\n", FORM);
    expect(noTopic.ok === false && noTopic.problems).toEqual(['The header row has no "topic" column, and Topic is required.']);
    expect(readBatch("", FORM)).toMatchObject({ ok: false, problems: [expect.stringContaining("The file is empty")] });
    const many = `topic\n${"x\n".repeat(MAX_BATCH_ROWS + 1)}`;
    expect(readBatch(many, FORM)).toMatchObject({ ok: false, problems: [expect.stringContaining(`at most ${MAX_BATCH_ROWS}`)] });
  });

  it("writes results with each row's inputs, status, error and every output", () => {
    const row = (line: number, topic: string) => ({ line, values: { topic, count: "", tone: "", secret: "s3" } });
    const done = { ...startingRun(), status: "succeeded" as const, outputs: { text: "Notes, on clay", meta: { n: 1 } } };
    const failed = { ...startingRun(), status: "failed" as const, error: "boom" };
    const csv = resultsCsv(FORM, [
      { row: row(2, "Clay"), run: done, refused: null },
      { row: row(3, "Kilns"), run: failed, refused: null },
      { row: row(4, "Glaze"), run: null, refused: "Too many requests." },
      { row: row(5, "Slip"), run: null, refused: null },
    ]);
    expect(parseCsv(csv)).toEqual([
      ["topic", "count", "tone", "status", "error", "text", "meta"],
      ["Clay", "", "", "succeeded", "", "Notes, on clay", '{\n  "n": 1\n}'],
      ["Kilns", "", "", "failed", "boom", "", ""],
      ["Glaze", "", "", "refused", "Too many requests.", "", ""],
      ["Slip", "", "", "not run", "", "", ""],
    ]);
  });
});

describe("folding a run's events", () => {
  const frame = { task_id: "t1", workflow_run_id: "r1" };
  const nodeEvent = (event: "node_started" | "node_finished", id: string, title: string, extra: Record<string, unknown> = {}) =>
    ({ ...frame, event, data: { id, node_id: id, node_type: "code", title, index: 1, ...extra } }) as WorkflowStreamEvent;

  it("lists top-level steps with their status and keeps the outputs of the finished run", () => {
    const events: WorkflowStreamEvent[] = [
      { ...frame, event: "workflow_started", data: { id: "r1", workflow_id: "w1" } },
      nodeEvent("node_started", "n1", "Start"),
      nodeEvent("node_finished", "n1", "Start", { status: "succeeded", elapsed_time: 0.01 }),
      nodeEvent("node_started", "n2", "Loop body", { iteration_id: "it1" }),
      nodeEvent("node_started", "n3", "Write"),
      { ...frame, event: "text_chunk", data: { text: "Hel" } },
      { ...frame, event: "text_chunk", data: { text: "lo" } },
    ];
    let run = events.reduce(applyEvent, startingRun());
    expect(run).toMatchObject({ status: "running", taskId: "t1", runId: "r1", text: "Hello" });
    expect(run.steps.map((s) => [s.title, s.status])).toEqual([
      ["Start", "succeeded"],
      ["Write", "running"],
    ]);
    run = applyEvent(run, {
      ...frame,
      event: "workflow_finished",
      data: { id: "r1", status: "stopped", outputs: {}, error: null, elapsed_time: 1.5, total_steps: 2 },
    });
    expect(run.status).toBe("stopped");
    expect(run.steps[1].status).toBe("stopped");
    expect(run.elapsed).toBe(1.5);
  });

  it("ends a run whose stream closed early, and turns an error frame into a failure", () => {
    const cut = endRun(applyEvent(startingRun(), nodeEvent("node_started", "n1", "Start")), "failed", "The connection closed.");
    expect(cut).toMatchObject({ status: "failed", error: "The connection closed.", steps: [{ status: "stopped" }] });
    const errored = applyEvent(startingRun(), { event: "error", code: "internal_server_error", message: "Boom", status: 500 });
    expect(errored).toMatchObject({ status: "failed", error: "Boom" });
    expect(endRun(errored, "stopped", null).status).toBe("failed");
  });
});

describe("which page serves an app", () => {
  it("opens workflows on /workflow, text generators on /completion and every chat kind on /chat", () => {
    expect(webappPath("workflow", "abc")).toBe("/workflow/abc");
    expect(webappPath("completion", "abc")).toBe("/completion/abc");
    expect(webappPath("advanced-chat", "abc")).toBe("/chat/abc");
    expect(webappPath("chat", "a/b")).toBe("/chat/a%2Fb");
  });
});
