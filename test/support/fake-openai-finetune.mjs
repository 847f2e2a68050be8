// The fake OpenAI server's files and fine-tuning endpoints (OpenAI's shapes). A job's status is a
// pure function of time: validating_files → queued → running (one metrics event per step) →
// succeeded | failed, each phase `fine_tune_step_ms` long. Per-key scripts (POST /__control):
// - fine_tune_step_ms (default 1000), fine_tune_steps (default 3);
// - fine_tune_fail: "reason" → the job ends `failed` with that message;
// - fine_tune_reject: "reason" → POST /fine_tuning/jobs answers 400 with that message.
// A fine-tuned model `ft:<base>:kiln:<suffix>:<id>` is served by /chat/completions and listed by
// /models for the key that trained it, once its job has succeeded.

export const FINE_TUNABLE = ["gpt-4o-mini", "gpt-4o", "fake-chat"];
const ROLES = new Set(["system", "user", "assistant"]);

let counter = 0;
const shortId = () => `${Date.now().toString(36)}${(++counter).toString(36).padStart(3, "0")}`;

/** Problems of a chat fine-tuning JSONL file, as OpenAI words them; null when it is valid. */
function checkJsonl(text) {
  const lines = text.split("\n").filter((l) => l.trim() !== "");
  if (lines.length === 0) return { error: "The file is empty." };
  let tokens = 0;
  for (let i = 0; i < lines.length; i++) {
    let row;
    try {
      row = JSON.parse(lines[i]);
    } catch {
      return { error: `Invalid file format. Line ${i + 1} is not valid JSON.` };
    }
    const messages = row?.messages;
    if (!Array.isArray(messages) || messages.length === 0) return { error: `Invalid file format. Line ${i + 1}: missing "messages".` };
    for (const m of messages) {
      if (!ROLES.has(m?.role) || typeof m.content !== "string") {
        return { error: `Invalid file format. Line ${i + 1}: every message needs a role (system, user, assistant) and string content.` };
      }
      tokens += Math.max(1, Math.ceil(m.content.length / 4));
    }
    if (!messages.some((m) => m.role === "assistant")) return { error: `Invalid file format. Line ${i + 1}: no assistant message.` };
  }
  return { lines: lines.length, tokens };
}

export function createFineTuning() {
  const files = new Map();
  const jobs = new Map();
  const idempotent = new Map();

  function phase(job, now = Date.now()) {
    const step = job.stepMs;
    const end = job.createdAt + (2 + job.steps) * step;
    const cut = job.cancelledAt && job.cancelledAt < end ? job.cancelledAt : null;
    const t = (cut ?? now) - job.createdAt;
    const stepsDone = Math.max(0, Math.min(job.steps, Math.floor(t / step) - 2));
    if (cut) return { status: "cancelled", stepsDone, finishedAt: cut };
    if (now >= end) return { status: job.fail ? "failed" : "succeeded", stepsDone: job.steps, finishedAt: end };
    return { status: t < step ? "validating_files" : t < 2 * step ? "queued" : "running", stepsDone, finishedAt: null };
  }

  const sec = (ms) => (ms == null ? null : Math.floor(ms / 1000));

  function view(job) {
    const p = phase(job);
    const ok = p.status === "succeeded";
    return {
      object: "fine_tuning.job",
      id: job.id,
      model: job.model,
      created_at: sec(job.createdAt),
      finished_at: sec(p.finishedAt),
      fine_tuned_model: ok ? job.fineTunedModel : null,
      organization_id: "org-fake",
      result_files: ok ? [`file-result-${job.id}`] : [],
      status: p.status,
      validation_file: job.validationFile,
      training_file: job.trainingFile,
      hyperparameters: { n_epochs: job.nEpochs, batch_size: 1, learning_rate_multiplier: 1.8 },
      trained_tokens: ok ? job.tokens * job.nEpochs : null,
      error: p.status === "failed" ? { code: "training_failed", message: job.fail, param: null } : null,
      seed: 42,
      estimated_finish: null,
      integrations: [],
      metadata: job.metadata,
      suffix: job.suffix,
    };
  }

  /** Every event up to now, newest first (OpenAI's order). */
  function events(job) {
    const p = phase(job);
    const at = (n) => job.createdAt + n * job.stepMs;
    const reached = (ms) => ms <= (p.finishedAt ?? Date.now());
    const list = [{ n: 0, at: at(0), message: `Validating training file: ${job.trainingFile}` }];
    if (reached(at(1))) list.push({ n: 1, at: at(1), message: "Files validated, moving job to queued state" });
    if (reached(at(2))) list.push({ n: 2, at: at(2), message: "Fine-tuning job started" });
    for (let i = 1; i <= p.stepsDone; i++) {
      const loss = Number((2.2 * 0.72 ** i).toFixed(4));
      list.push({
        n: 2 + i,
        at: at(2 + i),
        type: "metrics",
        message: `Step ${i}/${job.steps}: training loss=${loss}`,
        data: { step: i, total_steps: job.steps, train_loss: loss, valid_loss: Number((loss * 1.08).toFixed(4)), train_mean_token_accuracy: Number((1 - loss / 3).toFixed(3)) },
      });
    }
    if (p.status === "succeeded") list.push({ n: 100, at: p.finishedAt, message: "The job has successfully completed" });
    if (p.status === "failed") list.push({ n: 100, at: p.finishedAt, level: "error", message: `Fine-tuning job failed: ${job.fail}` });
    if (p.status === "cancelled") list.push({ n: 100, at: p.finishedAt, message: "Fine-tuning job cancelled" });
    return list
      .map((e) => ({
        object: "fine_tuning.job.event",
        id: `ftevent-${job.id}-${e.n}`,
        created_at: sec(e.at),
        level: e.level ?? "info",
        message: e.message,
        data: e.data ?? {},
        type: e.type ?? "message",
      }))
      .reverse();
  }

  /** Whether `model` is a fine-tuned model this key trained and may call. */
  function servesModel(key, model) {
    for (const job of jobs.values()) {
      if (job.key === key && job.fineTunedModel === model && phase(job).status === "succeeded") return true;
    }
    return false;
  }

  function modelsOf(key) {
    return [...jobs.values()].filter((j) => j.key === key && phase(j).status === "succeeded").map((j) => j.fineTunedModel);
  }

  const err = (status, message, code = null, param = null) => ({ status, body: { error: { message, type: "invalid_request_error", param, code } } });

  /** Answers a files / fine_tuning request, or null when the path is not one of them. */
  async function handle({ method, path, key, script, body, form, headers, query }) {
    if (path === "/files" && method === "POST") {
      if (!form) return err(400, "Expected multipart/form-data with `file` and `purpose`.");
      const purpose = form.get("purpose");
      const file = form.get("file");
      if (purpose !== "fine-tune") return err(400, `Invalid purpose: ${purpose}. Use "fine-tune".`, null, "purpose");
      if (!file || typeof file === "string") return err(400, "Missing file.", null, "file");
      const text = await file.text();
      const checked = checkJsonl(text);
      if (checked.error) return err(400, checked.error, "invalid_file_format", "file");
      const id = `file-${shortId()}`;
      const record = { id, key, purpose, filename: file.name, bytes: Buffer.byteLength(text), createdAt: Date.now(), ...checked };
      files.set(id, record);
      return { status: 200, body: fileView(record) };
    }
    const fileMatch = path.match(/^\/files\/([^/]+)$/);
    if (fileMatch && method === "GET") {
      const f = files.get(fileMatch[1]);
      if (!f || f.key !== key) return err(404, `No such File object: ${fileMatch[1]}`);
      return { status: 200, body: fileView(f) };
    }
    if (path === "/fine_tuning/jobs" && method === "POST") {
      const idem = headers["idempotency-key"];
      if (idem && idempotent.has(`${key}\u0000${idem}`)) return { status: 200, body: view(jobs.get(idempotent.get(`${key}\u0000${idem}`))) };
      if (script.fine_tune_reject) return err(400, script.fine_tune_reject, "invalid_request");
      const training = files.get(body.training_file);
      if (!training || training.key !== key) return err(400, `invalid training_file: ${body.training_file}`, null, "training_file");
      if (body.validation_file && files.get(body.validation_file)?.key !== key) {
        return err(400, `invalid validation_file: ${body.validation_file}`, null, "validation_file");
      }
      if (!FINE_TUNABLE.includes(body.model)) return err(400, `Model ${body.model} is not available for fine-tuning or does not exist.`, "model_not_available", "model");
      const id = `ftjob-${shortId()}`;
      const nEpochs = body.method?.supervised?.hyperparameters?.n_epochs ?? body.hyperparameters?.n_epochs;
      const job = {
        id,
        key,
        model: body.model,
        trainingFile: body.training_file,
        validationFile: body.validation_file ?? null,
        suffix: body.suffix ?? null,
        metadata: body.metadata ?? null,
        nEpochs: typeof nEpochs === "number" ? nEpochs : 3,
        tokens: training.tokens,
        createdAt: Date.now(),
        stepMs: Number(script.fine_tune_step_ms ?? 1000),
        steps: Number(script.fine_tune_steps ?? 3),
        fail: script.fine_tune_fail ?? null,
        cancelledAt: null,
        fineTunedModel: `ft:${body.model}:kiln:${body.suffix ?? ""}:${id.slice("ftjob-".length)}`,
      };
      jobs.set(id, job);
      if (idem) idempotent.set(`${key}\u0000${idem}`, id);
      return { status: 200, body: view(job) };
    }
    if (path === "/fine_tuning/jobs" && method === "GET") {
      const filters = [...query.entries()].flatMap(([k, v]) => {
        const m = k.match(/^metadata\[(.+)\]$/);
        return m ? [[m[1], v]] : [];
      });
      const mine = [...jobs.values()]
        .filter((j) => j.key === key && filters.every(([k, v]) => j.metadata?.[k] === v))
        .sort((a, b) => b.createdAt - a.createdAt);
      const limit = Number(query.get("limit") ?? 20);
      return { status: 200, body: { object: "list", data: mine.slice(0, limit).map(view), has_more: mine.length > limit } };
    }
    const jobMatch = path.match(/^\/fine_tuning\/jobs\/([^/]+)(\/events|\/cancel)?$/);
    if (jobMatch) {
      const job = jobs.get(jobMatch[1]);
      if (!job || job.key !== key) return err(404, `Could not find fine-tune job: ${jobMatch[1]}`, "fine_tune_not_found");
      if (!jobMatch[2] && method === "GET") return { status: 200, body: view(job) };
      if (jobMatch[2] === "/events" && method === "GET") {
        const limit = Number(query.get("limit") ?? 20);
        const all = events(job);
        return { status: 200, body: { object: "list", data: all.slice(0, limit), has_more: all.length > limit } };
      }
      if (jobMatch[2] === "/cancel" && method === "POST") {
        const status = phase(job).status;
        if (["succeeded", "failed", "cancelled"].includes(status)) return err(400, `Job has already ${status === "cancelled" ? "been cancelled" : "completed"}.`);
        job.cancelledAt = Date.now();
        return { status: 200, body: view(job) };
      }
    }
    return null;
  }

  return { handle, servesModel, modelsOf };
}

function fileView(f) {
  return { object: "file", id: f.id, purpose: f.purpose, filename: f.filename, bytes: f.bytes, created_at: Math.floor(f.createdAt / 1000), status: "processed", status_details: null };
}
