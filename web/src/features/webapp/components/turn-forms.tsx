// Under a chat turn that paused at Human Input forms: each form this page can answer (it has a web
// token), the others named, then a note while the rest of the answer is on its way.
import { HumanInputForm } from "../../../components/human-input-form";
import { Spinner } from "../../../components/ui/spinner";
import type { HumanInputRequired, HumanInputSubmission } from "../../../lib/human-input";
import { formUploader } from "../api/human-input-form";
import type { TurnPause } from "../hooks/use-paused-turns";

interface TurnFormsProps {
  pause: TurnPause | null;
  onAnswer: (form: HumanInputRequired, submission: HumanInputSubmission) => Promise<void>;
}

const note = "text-[13px] text-zinc-500";

export function TurnForms({ pause, onAnswer }: TurnFormsProps) {
  if (!pause) {
    // Paused with no form open: one was answered and the run is about to go on.
    return <p className={note}>Waiting for a form to be answered; the answer goes on once it is.</p>;
  }
  if (pause.phase === "resuming") {
    return (
      <p className={`flex items-center gap-2 ${note}`} role="status">
        <Spinner /> Continuing the answer…
      </p>
    );
  }
  if (pause.phase === "late") {
    return <p className={note}>The rest of the answer is taking longer than expected. Reload the page later to see it.</p>;
  }
  const here = pause.forms.filter((f) => f.form_token);
  const elsewhere = pause.forms.filter((f) => !f.form_token);
  return (
    <div className="space-y-3" data-testid="turn-forms">
      {here.map((form) => (
        <HumanInputForm
          key={form.form_id}
          form={form}
          title={form.node_title}
          upload={formUploader(form.form_token ?? "")}
          onSubmit={(submission) => onAnswer(form, submission)}
        />
      ))}
      {elsewhere.map((form) => (
        <p key={form.form_id} className={note}>
          “{form.node_title}” waits for an answer sent outside this page (by e-mail); the answer goes on once it is given.
        </p>
      ))}
    </div>
  );
}
