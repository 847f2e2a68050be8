import { useEffect, useState } from "react";
import { Alert } from "../../../components/ui/alert";
import { Button } from "../../../components/ui/button";
import { Dialog } from "../../../components/ui/dialog";
import { Field, Textarea } from "../../../components/ui/input";
import { errorMessage } from "../../../lib/api";
import { KeywordInput } from "./keyword-input";

interface AddSegmentDialogProps {
  open: boolean;
  onClose: () => void;
  onSubmit: (input: { content: string; keywords: string[] }) => void;
  pending: boolean;
  error: unknown;
  /** Economy knowledge bases search keywords; the others keep them without matching on them. */
  keywordsSearched: boolean;
}

export function AddSegmentDialog({ open, onClose, onSubmit, pending, error, keywordsSearched }: AddSegmentDialogProps) {
  const [content, setContent] = useState("");
  const [keywords, setKeywords] = useState<string[]>([]);
  useEffect(() => {
    if (open) {
      setContent("");
      setKeywords([]);
    }
  }, [open]);

  return (
    <Dialog
      open={open}
      onClose={onClose}
      busy={pending}
      size="lg"
      title="Add a chunk"
      description="A chunk you write yourself: indexed at once and found by retrieval like the others."
      footer={
        <>
          <Button onClick={onClose} disabled={pending}>
            Cancel
          </Button>
          <Button variant="primary" loading={pending} disabled={!content.trim()} onClick={() => onSubmit({ content: content.trim(), keywords })}>
            Add chunk
          </Button>
        </>
      }
    >
      <div className="space-y-4">
        {error ? <Alert tone="error" title="Couldn't add the chunk">{errorMessage(error)}</Alert> : null}
        <Field label="Content">
          {(id) => <Textarea id={id} rows={8} value={content} autoFocus onChange={(e) => setContent(e.target.value)} />}
        </Field>
        <Field label="Keywords" optional hint={keywordsSearched ? undefined : "Kept with the chunk; only economy knowledge bases search by keyword."}>
          {(id) => <KeywordInput id={id} value={keywords} onChange={setKeywords} disabled={pending} />}
        </Field>
      </div>
    </Dialog>
  );
}
