// Editing an app's name, description and icon, or naming its duplicate: the same fields, a
// different call.
import { type FormEvent, useEffect, useState } from "react";
import { Alert } from "../../../components/ui/alert";
import { Button } from "../../../components/ui/button";
import { Dialog } from "../../../components/ui/dialog";
import { errorMessage } from "../../../lib/api";
import type { App } from "../api/types";
import { type AppInfoForm, appInfoProblems } from "../lib/app-rules";
import { AppInfoFields } from "./app-info-fields";

interface AppInfoDialogProps {
  app: App | null;
  title: string;
  description?: string;
  submitLabel: string;
  /** The name the form starts with (e.g. "My app (copy)"). */
  initialName?: (app: App) => string;
  pending: boolean;
  error: unknown;
  onSubmit: (form: AppInfoForm) => void;
  onClose: () => void;
}

export function AppInfoDialog({ app, title, description, submitLabel, initialName, pending, error, onSubmit, onClose }: AppInfoDialogProps) {
  const [form, setForm] = useState<AppInfoForm>({ name: "", description: "", icon: "", icon_background: "" });
  const [errors, setErrors] = useState<{ name?: string; description?: string }>({});

  useEffect(() => {
    if (!app) return;
    setForm({
      name: initialName ? initialName(app) : app.name,
      description: app.description,
      icon: app.icon,
      icon_background: app.icon_background,
    });
    setErrors({});
  }, [app, initialName]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found = appInfoProblems(form);
    setErrors(found);
    if (found.name || found.description) return;
    onSubmit({ ...form, name: form.name.trim(), description: form.description.trim() });
  };

  return (
    <Dialog
      open={!!app}
      onClose={onClose}
      busy={pending}
      title={title}
      description={description}
      footer={
        <>
          <Button onClick={onClose} disabled={pending}>
            Cancel
          </Button>
          <Button type="submit" form="app-info-form" variant="primary" loading={pending}>
            {submitLabel}
          </Button>
        </>
      }
    >
      <form id="app-info-form" onSubmit={submit} noValidate className="space-y-4">
        {error ? <Alert tone="error">{errorMessage(error)}</Alert> : null}
        <AppInfoFields value={form} onChange={setForm} errors={errors} disabled={pending} />
      </form>
    </Dialog>
  );
}
