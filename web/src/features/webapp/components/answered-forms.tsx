// Above a chat turn's answer, as Dify's chat draws a turn's filled forms: each Human Input form the
// turn's run had answered, read-only, with its content as answered and the action chosen.
import { Markdown } from "../../../components/markdown";
import { CheckCircleIcon } from "../../../components/ui/icons";
import type { AnsweredForm } from "../../../lib/human-input";

export function AnsweredForms({ forms }: { forms: AnsweredForm[] }) {
  if (forms.length === 0) return null;
  return (
    <div className="mb-3 space-y-2">
      {forms.map((form) => (
        <section
          key={form.form_id}
          aria-label={`${form.node_title} (answered)`}
          data-testid="answered-form"
          className="rounded-xl border border-zinc-200 bg-zinc-50/80 px-4 py-3"
        >
          <h3 className="flex items-center gap-1.5 text-[13px] font-semibold text-zinc-700">
            <CheckCircleIcon className="size-4 shrink-0 text-emerald-600" />
            {form.node_title}
          </h3>
          <div className="mt-1.5 text-sm text-zinc-700" data-testid="answered-content">
            <Markdown text={form.rendered_content} />
          </div>
          <p className="mt-2 border-t border-zinc-200/70 pt-2 text-xs text-zinc-500" data-testid="answered-action">
            Answered: <span className="font-medium text-zinc-700">{form.action_text}</span>
          </p>
        </section>
      ))}
    </div>
  );
}
