// Environment variables (read by every run as env.*, secret ones masked) and, for a chatflow,
// conversation variables (kept per conversation, written by Variable assigners).
import { useEffect, useState } from "react";
import { Alert } from "../../../components/ui/alert";
import { Button } from "../../../components/ui/button";
import { Dialog } from "../../../components/ui/dialog";
import { Input } from "../../../components/ui/input";
import { Select } from "../../../components/ui/select";
import type { ConversationVariable, EnvironmentVariable } from "../api/types";
import { AddButton, RemoveButton, SaveFooter } from "./fields";
import { randomId, removeAt, replaceAt } from "./forms/form-props";

const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,29}$/;

function nameProblems(names: string[]): string | null {
  const seen = new Set<string>();
  for (const n of names) {
    if (!NAME.test(n)) return `“${n || "(empty)"}” isn't a valid name: letters, digits and _, not starting with a digit, at most 30 characters.`;
    if (seen.has(n)) return `“${n}” is used twice.`;
    seen.add(n);
  }
  return null;
}

export function EnvironmentDialog({ open, value, onClose, onSave, readOnly }: { open: boolean; value: EnvironmentVariable[]; onClose: () => void; onSave: (next: EnvironmentVariable[]) => void; readOnly: boolean }) {
  const [rows, setRows] = useState(value);
  const [revealed, setRevealed] = useState<Set<string>>(new Set());
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (open) {
      setRows(value);
      setRevealed(new Set());
      setError(null);
    }
  }, [open, value]);
  const save = () => {
    const problem = nameProblems(rows.map((r) => r.name));
    if (problem) return setError(problem);
    const bad = rows.find((r) => r.value_type === "number" && Number.isNaN(Number(r.value)));
    if (bad) return setError(`“${bad.name}” must be a number.`);
    onSave(rows.map((r) => (r.value_type === "number" ? { ...r, value: Number(r.value) } : r)));
    onClose();
  };
  return (
    <Dialog
      open={open}
      onClose={onClose}
      size="lg"
      title="Environment variables"
      description="Values every run can read as env.NAME, e.g. API keys for HTTP requests. Secret values are masked and left out of DSL exports."
      footer={<SaveFooter onCancel={onClose} onSave={save} readOnly={readOnly} />}
    >
      <div className="space-y-2" data-testid="env-editor">
        {error && <Alert tone="error">{error}</Alert>}
        {rows.length === 0 && <p className="text-[13px] text-zinc-500">No environment variables yet.</p>}
        {rows.map((r, i) => (
          <div key={r.id} className="flex items-center gap-2" data-testid="env-row">
            <Input aria-label="Name" className="h-9 w-40 font-mono text-xs" value={r.name} disabled={readOnly} onChange={(e) => setRows(replaceAt(rows, i, { ...r, name: e.target.value }))} />
            <Select
              aria-label="Type"
              className="h-9 text-xs"
              wrapperClassName="w-28"
              value={r.value_type}
              disabled={readOnly}
              options={[
                { value: "string", label: "String" },
                { value: "number", label: "Number" },
                { value: "secret", label: "Secret" },
              ]}
              onChange={(e) => setRows(replaceAt(rows, i, { ...r, value_type: e.target.value as EnvironmentVariable["value_type"] }))}
            />
            <Input
              aria-label="Value"
              className="h-9 font-mono text-xs"
              type={r.value_type === "secret" && !revealed.has(r.id) ? "password" : "text"}
              autoComplete="off"
              value={String(r.value ?? "")}
              disabled={readOnly}
              onChange={(e) => setRows(replaceAt(rows, i, { ...r, value: e.target.value }))}
            />
            {r.value_type === "secret" && (
              <Button size="sm" variant="ghost" onClick={() => setRevealed((s) => new Set(s.has(r.id) ? [...s].filter((x) => x !== r.id) : [...s, r.id]))}>
                {revealed.has(r.id) ? "Hide" : "Show"}
              </Button>
            )}
            <RemoveButton label={`Remove ${r.name}`} disabled={readOnly} onClick={() => setRows(removeAt(rows, i))} />
          </div>
        ))}
        {!readOnly && <AddButton onClick={() => setRows([...rows, { id: randomId(), name: `VAR_${rows.length + 1}`, value_type: "string", value: "", description: "" }])}>Add variable</AddButton>}
      </div>
    </Dialog>
  );
}

const CONVERSATION_TYPES = ["string", "number", "object", "array[string]", "array[number]", "array[object]"];

export function ConversationDialog({ open, value, onClose, onSave, readOnly }: { open: boolean; value: ConversationVariable[]; onClose: () => void; onSave: (next: ConversationVariable[]) => void; readOnly: boolean }) {
  const [rows, setRows] = useState<(ConversationVariable & { text: string })[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (open) {
      setRows(value.map((v) => ({ ...v, text: typeof v.value === "string" ? v.value : JSON.stringify(v.value ?? "") })));
      setError(null);
    }
  }, [open, value]);
  const save = () => {
    const problem = nameProblems(rows.map((r) => r.name));
    if (problem) return setError(problem);
    const out: ConversationVariable[] = [];
    for (const { text, ...r } of rows) {
      if (r.value_type === "string") out.push({ ...r, value: text });
      else {
        try {
          out.push({ ...r, value: text.trim() === "" ? (r.value_type === "number" ? 0 : r.value_type === "object" ? {} : []) : JSON.parse(text) });
        } catch {
          return setError(`“${r.name}” must be valid JSON for its type (${r.value_type}).`);
        }
      }
    }
    onSave(out);
    onClose();
  };
  return (
    <Dialog
      open={open}
      onClose={onClose}
      size="lg"
      title="Conversation variables"
      description="Kept for the length of one conversation: read as conversation.NAME and written by Variable assigner nodes."
      footer={<SaveFooter onCancel={onClose} onSave={save} readOnly={readOnly} />}
    >
      <div className="space-y-2" data-testid="conversation-editor">
        {error && <Alert tone="error">{error}</Alert>}
        {rows.length === 0 && <p className="text-[13px] text-zinc-500">No conversation variables yet.</p>}
        {rows.map((r, i) => (
          <div key={r.id} className="flex items-center gap-2">
            <Input aria-label="Name" className="h-9 w-40 font-mono text-xs" value={r.name} disabled={readOnly} onChange={(e) => setRows(replaceAt(rows, i, { ...r, name: e.target.value }))} />
            <Select aria-label="Type" className="h-9 text-xs" wrapperClassName="w-36" value={r.value_type} disabled={readOnly} options={CONVERSATION_TYPES.map((t) => ({ value: t, label: t }))} onChange={(e) => setRows(replaceAt(rows, i, { ...r, value_type: e.target.value }))} />
            <Input aria-label="Default value" className="h-9 font-mono text-xs" placeholder={r.value_type === "string" ? "Text" : "JSON"} value={r.text} disabled={readOnly} onChange={(e) => setRows(replaceAt(rows, i, { ...r, text: e.target.value }))} />
            <RemoveButton label={`Remove ${r.name}`} disabled={readOnly} onClick={() => setRows(removeAt(rows, i))} />
          </div>
        ))}
        {!readOnly && <AddButton onClick={() => setRows([...rows, { id: randomId(), name: `var_${rows.length + 1}`, value_type: "string", value: "", description: "", text: "" }])}>Add variable</AddButton>}
      </div>
    </Dialog>
  );
}
