// Add or edit an annotation, or improve a logged answer: a question and the answer it should get.
import { useEffect, useState } from "react";
import { Alert } from "../../../components/ui/alert";
import { Button } from "../../../components/ui/button";
import { Dialog } from "../../../components/ui/dialog";
import { Field, Textarea } from "../../../components/ui/input";
import { useToast } from "../../../components/ui/toast";
import { errorMessage } from "../../../lib/api";
import { type AnnotationDraft, useSaveAnnotation } from "../api/save-annotation";

export interface AnnotationDialogTarget {
  kind: "create" | "edit" | "improve";
  draft: AnnotationDraft;
  annotationId?: string;
  messageId?: string;
}

const TITLES = { create: "Add annotation", edit: "Edit annotation", improve: "Improve this answer" };
const DESCRIPTIONS = {
  create: "A question and the answer it should get. With annotation reply on, matching questions get this answer without a model call.",
  edit: "Changes apply to the next matching question.",
  improve: "Rewrite the answer the way it should have been. It is saved as an annotation of this question; with annotation reply on, the same question gets it directly.",
};

export function AnnotationDialog({ appId, target, onClose }: { appId: string; target: AnnotationDialogTarget | null; onClose: () => void }) {
  const save = useSaveAnnotation(appId);
  const toast = useToast();
  const [draft, setDraft] = useState<AnnotationDraft>({ question: "", answer: "" });
  const [touched, setTouched] = useState(false);

  const resetSave = save.reset;
  useEffect(() => {
    if (target) setDraft(target.draft);
    setTouched(false);
    resetSave();
  }, [target, resetSave]);

  const missing = { question: !draft.question.trim(), answer: !draft.answer.trim() };
  const submit = () => {
    setTouched(true);
    if (!target || missing.question || missing.answer) return;
    save.mutate(
      { draft: { question: draft.question.trim(), answer: draft.answer }, annotationId: target.annotationId, messageId: target.messageId },
      {
        onSuccess: () => {
          toast({
            tone: "success",
            title: target.kind === "edit" ? "Annotation updated" : "Annotation saved",
            description: target.kind === "improve" ? "Find it under Annotations." : undefined,
          });
          onClose();
        },
      },
    );
  };

  return (
    <Dialog
      open={!!target}
      onClose={onClose}
      busy={save.isPending}
      size="lg"
      title={target ? TITLES[target.kind] : ""}
      description={target ? DESCRIPTIONS[target.kind] : undefined}
      footer={
        <>
          <Button onClick={onClose} disabled={save.isPending}>
            Cancel
          </Button>
          <Button variant="primary" onClick={submit} loading={save.isPending} data-testid="annotation-save">
            Save annotation
          </Button>
        </>
      }
    >
      <form
        className="space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Field label="Question" error={touched && missing.question ? "Write the question this answer is for." : undefined}>
          {(id, describedBy) => (
            <Textarea
              id={id}
              aria-describedby={describedBy}
              aria-invalid={touched && missing.question}
              value={draft.question}
              maxLength={10_000}
              rows={2}
              placeholder="What are your opening hours?"
              onChange={(e) => setDraft({ ...draft, question: e.target.value })}
              data-testid="annotation-question"
            />
          )}
        </Field>
        <Field
          label="Answer"
          hint="Shown to the user exactly as written."
          error={touched && missing.answer ? "Write the answer users should get." : undefined}
        >
          {(id, describedBy) => (
            <Textarea
              id={id}
              aria-describedby={describedBy}
              aria-invalid={touched && missing.answer}
              value={draft.answer}
              maxLength={100_000}
              rows={7}
              placeholder="We are open 9 to 5, Monday to Friday."
              onChange={(e) => setDraft({ ...draft, answer: e.target.value })}
              data-testid="annotation-answer"
            />
          )}
        </Field>
        {save.error ? (
          <Alert tone="error" title="Couldn't save the annotation">
            {errorMessage(save.error)}
          </Alert>
        ) : null}
      </form>
    </Dialog>
  );
}
