import { Button } from "../../../components/ui/button";
import { PlusIcon, XIcon } from "../../../components/ui/icons";
import { Input, Textarea } from "../../../components/ui/input";

const MAX_QUESTIONS = 10;

interface OpeningEditorProps {
  statement: string;
  questions: string[];
  onChange: (value: { statement: string; questions: string[] }) => void;
  disabled?: boolean;
}

/** The chatbot's greeting and the questions offered under it. */
export function OpeningEditor({ statement, questions, onChange, disabled }: OpeningEditorProps) {
  const setQuestion = (i: number, q: string) => onChange({ statement, questions: questions.map((x, j) => (j === i ? q : x)) });
  return (
    <div className="space-y-3">
      <Textarea
        aria-label="Opening statement"
        value={statement}
        rows={2}
        disabled={disabled}
        placeholder="Hi! I can help you with… (shown before the user's first message)"
        onChange={(e) => onChange({ statement: e.target.value, questions })}
        className="min-h-16!"
      />
      <div className="space-y-1.5">
        <p className="text-xs font-medium text-zinc-600">Suggested questions</p>
        {questions.length === 0 && <p className="text-xs text-zinc-400">None: users start with a blank message box.</p>}
        <ul className="space-y-1.5">
          {questions.map((q, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: questions may repeat while typed; their place is their identity
            <li key={i} className="flex items-center gap-1.5">
              <Input aria-label={`Suggested question ${i + 1}`} value={q} disabled={disabled} onChange={(e) => setQuestion(i, e.target.value)} className="h-8! text-[13px]" />
              <button
                type="button"
                aria-label={`Remove suggested question ${i + 1}`}
                disabled={disabled}
                onClick={() => onChange({ statement, questions: questions.filter((_, j) => j !== i) })}
                className="flex size-7 shrink-0 cursor-pointer items-center justify-center rounded-md text-zinc-400 hover:bg-zinc-100 hover:text-zinc-700"
              >
                <XIcon className="size-3.5" />
              </button>
            </li>
          ))}
        </ul>
        <Button
          size="sm"
          variant="ghost"
          icon={<PlusIcon className="size-3.5" />}
          disabled={disabled || questions.length >= MAX_QUESTIONS}
          onClick={() => onChange({ statement, questions: [...questions, ""] })}
        >
          Add question
        </Button>
      </div>
    </div>
  );
}
