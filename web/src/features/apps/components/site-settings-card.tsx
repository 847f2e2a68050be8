import { type FormEvent, useEffect, useState } from "react";
import { Alert } from "../../../components/ui/alert";
import { Button } from "../../../components/ui/button";
import { Card, CardBody, CardFooter, CardHeader } from "../../../components/ui/card";
import { Field, Input, Textarea } from "../../../components/ui/input";
import { useToast } from "../../../components/ui/toast";
import { errorMessage } from "../../../lib/api";
import { useUpdateSite } from "../api/site";
import type { AppSite } from "../api/types";
import { type SiteForm, siteForm, siteInput, siteProblems } from "../lib/site-settings";

/** What visitors of the WebApp see: title, description, copyright and privacy policy link. */
export function SiteSettingsCard({ appId, site, canEdit }: { appId: string; site: AppSite; canEdit: boolean }) {
  const update = useUpdateSite(appId);
  const toast = useToast();
  const [form, setForm] = useState(() => siteForm(site));
  const [errors, setErrors] = useState<Partial<Record<keyof SiteForm, string>>>({});
  useEffect(() => setForm(siteForm(site)), [site]);
  const dirty = JSON.stringify(form) !== JSON.stringify(siteForm(site));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found = siteProblems(form);
    setErrors(found);
    if (Object.keys(found).length) return;
    update.mutate(siteInput(form), { onSuccess: () => toast({ tone: "success", title: "WebApp settings saved" }) });
  };

  const field = (key: keyof SiteForm) => ({
    value: form[key],
    disabled: !canEdit || update.isPending,
    onChange: (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value }),
  });

  return (
    <Card>
      <CardHeader title="WebApp settings" description="What visitors see on the hosted page." />
      <form onSubmit={submit} noValidate aria-label="WebApp settings">
        <CardBody className="grid gap-4 md:grid-cols-2">
          {update.error ? (
            <Alert tone="error" className="md:col-span-2">
              {errorMessage(update.error)}
            </Alert>
          ) : null}
          <Field label="Title" error={errors.title}>
            {(id, d) => <Input id={id} maxLength={255} aria-describedby={d} aria-invalid={!!errors.title} {...field("title")} />}
          </Field>
          <Field label="Copyright" optional hint="Shown in the page footer, e.g. © 2026 Acme.">
            {(id, d) => <Input id={id} maxLength={255} aria-describedby={d} {...field("copyright")} />}
          </Field>
          <Field label="Description" optional className="md:col-span-2">
            {(id, d) => <Textarea id={id} rows={2} maxLength={1000} aria-describedby={d} {...field("description")} />}
          </Field>
          <Field label="Privacy policy link" optional error={errors.privacy_policy} className="md:col-span-2">
            {(id, d) => (
              <Input id={id} type="url" placeholder="https://example.com/privacy" aria-describedby={d} aria-invalid={!!errors.privacy_policy} {...field("privacy_policy")} />
            )}
          </Field>
        </CardBody>
        {canEdit && (
          <CardFooter>
            <Button type="submit" variant="primary" loading={update.isPending} disabled={!dirty}>
              Save settings
            </Button>
          </CardFooter>
        )}
      </form>
    </Card>
  );
}
