import { Alert } from "../../../components/ui/alert";
import { Field, Input, Textarea } from "../../../components/ui/input";
import { keywordList, type ModerationForm, moderationProblem } from "../lib/moderation";
import { Toggle } from "./toggle";

interface ModerationEditorProps {
  value: ModerationForm;
  onChange: (value: ModerationForm) => void;
  disabled?: boolean;
}

/** Keyword moderation: a word list, and the canned replies for flagged inputs and answers. */
export function ModerationEditor({ value, onChange, disabled }: ModerationEditorProps) {
  const problem = moderationProblem(value);
  const count = keywordList(value.keywords).length;
  return (
    <div className="space-y-4">
      {problem && <Alert tone="warning">{problem}</Alert>}
      <Field label="Keywords" hint={`One per line; matching ignores case. ${count} keyword${count === 1 ? "" : "s"}.`}>
        {(id, described) => (
          <Textarea
            id={id}
            value={value.keywords}
            rows={4}
            disabled={disabled}
            aria-describedby={described}
            placeholder={"password\ncredit card"}
            onChange={(e) => onChange({ ...value, keywords: e.target.value })}
            className="font-mono text-[13px]"
          />
        )}
      </Field>
      <ReplyRow
        label="Moderate inputs"
        description="When the user's message or inputs contain a keyword, the model isn't called; this reply is sent instead."
        enabled={value.inputsEnabled}
        reply={value.inputsReply}
        disabled={disabled}
        onChange={(inputsEnabled, inputsReply) => onChange({ ...value, inputsEnabled, inputsReply })}
      />
      <ReplyRow
        label="Moderate answers"
        description="When the model's answer contains a keyword, it is replaced by this reply."
        enabled={value.outputsEnabled}
        reply={value.outputsReply}
        disabled={disabled}
        onChange={(outputsEnabled, outputsReply) => onChange({ ...value, outputsEnabled, outputsReply })}
      />
    </div>
  );
}

function ReplyRow({
  label,
  description,
  enabled,
  reply,
  onChange,
  disabled,
}: {
  label: string;
  description: string;
  enabled: boolean;
  reply: string;
  onChange: (enabled: boolean, reply: string) => void;
  disabled?: boolean;
}) {
  return (
    <div className="space-y-2 rounded-lg border border-zinc-200 p-3">
      <Toggle label={label} checked={enabled} disabled={disabled} onChange={(on) => onChange(on, reply)} />
      <p className="text-xs text-zinc-500">{description}</p>
      {enabled && (
        <Input aria-label={`${label}: preset reply`} value={reply} disabled={disabled} maxLength={500} onChange={(e) => onChange(enabled, e.target.value)} />
      )}
    </div>
  );
}
