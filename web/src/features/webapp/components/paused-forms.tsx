// The forms a paused run waits for, on the workflow page: each one the page can answer (it has a
// web token), with a link to its own page to hand it to someone else; the others are named.
import { HumanInputForm } from "../../../components/human-input-form";
import { Alert } from "../../../components/ui/alert";
import { CopyButton } from "../../../components/ui/copy-button";
import { ExternalLinkIcon } from "../../../components/ui/icons";
import type { HumanInputRequired, HumanInputSubmission } from "../../../lib/human-input";
import { formUploader } from "../api/human-input-form";

interface PausedFormsProps {
  forms: HumanInputRequired[];
  onAnswer: (form: HumanInputRequired, submission: HumanInputSubmission) => Promise<void>;
}

export function PausedForms({ forms, onAnswer }: PausedFormsProps) {
  const here = forms.filter((f) => f.form_token);
  const elsewhere = forms.filter((f) => !f.form_token);
  return (
    <div className="space-y-3" data-testid="paused-forms">
      <Alert tone="info" title="The run is waiting for input">
        {here.length > 0 ? "Answer the form below and the run goes on." : "It goes on once its forms are answered."}
      </Alert>
      {here.map((form) => {
        const path = `/form/${form.form_token}`;
        return (
          <div key={form.form_id} className="space-y-1.5">
            <HumanInputForm form={form} title={form.node_title} upload={formUploader(form.form_token ?? "")} onSubmit={(submission) => onAnswer(form, submission)} />
            <div className="flex items-center justify-end gap-2 text-xs text-zinc-500">
              <span>Someone else to answer it?</span>
              <a href={path} target="_blank" rel="noopener noreferrer" className="inline-flex items-center gap-1 font-medium text-zinc-700 hover:text-zinc-900" data-testid="form-link">
                Open its own page <ExternalLinkIcon className="size-3.5" />
              </a>
              <CopyButton text={`${window.location.origin}${path}`} label="Copy link" />
            </div>
          </div>
        );
      })}
      {elsewhere.map((form) => (
        <p key={form.form_id} className="text-[13px] text-zinc-600">
          “{form.node_title}” waits for an answer sent outside this page (by e-mail); the run goes on once it is given.
        </p>
      ))}
    </div>
  );
}
