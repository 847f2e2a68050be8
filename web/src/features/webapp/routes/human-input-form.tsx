// The page a Human Input form's link opens, `/form/:token`: the app's name and icon, the form,
// and once answered a confirmation. Whoever holds the link may answer, once, before it expires.
import { useState } from "react";
import { useParams } from "react-router-dom";
import { HumanInputForm } from "../../../components/human-input-form";
import { CheckCircleIcon } from "../../../components/ui/icons";
import { formErrorMessage, isFormClosed } from "../../../lib/human-input";
import { formUploader, type HumanInputFormPage, submitHumanInputForm, useHumanInputForm } from "../api/human-input-form";
import { AppIcon } from "../components/app-icon";
import { PageError, PageLoading, PageNotice } from "../components/page-state";
import { SiteFooter } from "../components/site-footer";
import { useDocumentTitle } from "../hooks/use-document-title";

export function WebAppHumanInputFormRoute() {
  const token = useParams().token ?? "";
  const form = useHumanInputForm(token);
  if (form.isPending) return <PageLoading />;
  if (form.isError) return isFormClosed(form.error) ? <FormClosed error={form.error} /> : <PageError error={form.error} />;
  return <FormPage token={token} page={form.data} />;
}

/** A form that can't be answered any more (answered, expired) or never existed: said, with nothing to retry. */
function FormClosed({ error }: { error: unknown }) {
  return <PageNotice tone="warning" title="This form can't be answered" message={formErrorMessage(error)} />;
}

function FormPage({ token, page }: { token: string; page: HumanInputFormPage }) {
  useDocumentTitle(page.site.site.title);
  const [chosen, setChosen] = useState<string | null>(null);
  const form = { ...page, actions: page.user_actions };

  return (
    <div className="flex min-h-dvh flex-col bg-zinc-50">
      <header className="border-b border-zinc-200 bg-white">
        <div className="mx-auto flex w-full max-w-2xl items-center gap-3 px-4 py-4 sm:px-6">
          <AppIcon site={page.site.site} />
          <div className="min-w-0">
            <h1 className="truncate text-base font-semibold text-zinc-900">{page.site.site.title}</h1>
            <p className="text-[13px] text-zinc-500">A workflow is waiting for your answer.</p>
          </div>
        </div>
      </header>
      <main className="mx-auto w-full max-w-2xl flex-1 px-4 py-5 sm:px-6 lg:py-8">
        {chosen ? (
          <div className="rounded-2xl border border-emerald-200 bg-white p-6 text-center shadow-card" role="status" data-testid="form-submitted">
            <CheckCircleIcon className="mx-auto size-8 text-emerald-500" />
            <h2 className="mt-3 text-base font-semibold text-zinc-900">Submitted — the workflow goes on</h2>
            <p className="mt-1 text-sm text-zinc-600">You chose “{chosen}”. You can close this page.</p>
          </div>
        ) : (
          <HumanInputForm
            form={form}
            upload={formUploader(token)}
            className="rounded-2xl p-5 shadow-card"
            onSubmit={async (submission) => {
              await submitHumanInputForm(token, submission);
              setChosen(form.actions.find((a) => a.id === submission.action)?.title ?? submission.action);
            }}
          />
        )}
      </main>
      <SiteFooter site={page.site.site} className="mx-auto w-full max-w-2xl justify-center px-4 pb-5" />
    </div>
  );
}
