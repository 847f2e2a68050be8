// One row in full: the prompt exactly as it was sent (read-only) and the answer to learn, editable.
import { useEffect, useState } from "react";
import { Alert } from "../../../components/ui/alert";
import { Button } from "../../../components/ui/button";
import { Dialog } from "../../../components/ui/dialog";
import { Textarea } from "../../../components/ui/input";
import { errorMessage } from "../../../lib/api";
import type { Example } from "../api/types";

const ROLE_LABEL = { system: "System", user: "User", assistant: "Assistant" } as const;

interface Props {
  example: Example | null;
  saving: boolean;
  error: unknown;
  onClose: () => void;
  onSave: (answer: string) => void;
}

export function EditExampleDialog({ example, saving, error, onClose, onSave }: Props) {
  const [answer, setAnswer] = useState("");
  useEffect(() => setAnswer(example?.answer ?? ""), [example]);
  return (
    <Dialog
      open={!!example}
      onClose={onClose}
      busy={saving}
      size="lg"
      title="Edit the answer to learn"
      description="The prompt is what the model was sent, word for word; only the assistant's answer can change."
      footer={
        <>
          {example?.is_edited && (
            <Button variant="ghost" className="mr-auto" onClick={() => setAnswer(example.original_answer)} disabled={saving}>
              Restore the original answer
            </Button>
          )}
          <Button onClick={onClose} disabled={saving}>
            Cancel
          </Button>
          <Button variant="primary" loading={saving} disabled={!answer.trim()} onClick={() => onSave(answer)}>
            Save answer
          </Button>
        </>
      }
    >
      {example && (
        <div className="space-y-3">
          <ol className="max-h-64 space-y-2 overflow-y-auto rounded-lg border border-zinc-100 bg-zinc-50/60 p-3">
            {example.messages.map((m, i) => (
              // The prompt never reorders: a turn's position is its identity.
              // biome-ignore lint/suspicious/noArrayIndexKey: turns are fixed and ordered
              <li key={i} className="text-[13px]">
                <span className="text-[11px] font-semibold tracking-wide text-zinc-400 uppercase">{ROLE_LABEL[m.role]}</span>
                <p className="whitespace-pre-wrap text-zinc-700">{m.content}</p>
              </li>
            ))}
          </ol>
          <label className="block space-y-1.5">
            <span className="text-[13px] font-medium text-zinc-700">Assistant</span>
            <Textarea aria-label="Assistant answer" value={answer} rows={7} onChange={(e) => setAnswer(e.target.value)} />
          </label>
          {!answer.trim() && <p className="text-xs text-amber-700">An empty answer cannot be trained on: write one, or drop the row instead.</p>}
          {!!error && <Alert tone="error">{errorMessage(error)}</Alert>}
        </div>
      )}
    </Dialog>
  );
}
