// Whole-page states of a public WebApp: loading, and an app that can't be opened (unknown link,
// turned off, not published, offline), said in words with a way to try again.
import type { ReactNode } from "react";
import { Button } from "../../../components/ui/button";
import { AlertIcon } from "../../../components/ui/icons";
import { Spinner } from "../../../components/ui/spinner";
import { WebAppError, webappErrorMessage } from "../api/client";

export function PageLoading() {
  return (
    <div className="flex h-dvh items-center justify-center gap-2 text-zinc-500" role="status">
      <Spinner /> Opening the app…
    </div>
  );
}

function titleFor(error: unknown): string {
  if (error instanceof WebAppError) {
    if (error.status === 0) return "You're offline";
    if (error.status === 404) return "App not found";
    if (error.status === 403 || error.code === "app_unavailable") return "This app isn't available";
    if (error.status === 429) return "Slow down a little";
  }
  return "The app couldn't be opened";
}

const TONES = {
  error: { box: "bg-red-50", icon: "text-red-500" },
  warning: { box: "bg-amber-50", icon: "text-amber-500" },
} as const;

/** A whole-page notice: an icon in its tone, a title, what happened, and what can be done (`children`). */
export function PageNotice({ tone, title, message, children }: { tone: keyof typeof TONES; title: string; message: string; children?: ReactNode }) {
  return (
    <div className="flex h-dvh items-center justify-center px-6">
      <div className="w-full max-w-sm text-center" role="alert">
        <span className={`mx-auto flex size-12 items-center justify-center rounded-2xl ${TONES[tone].box}`}>
          <AlertIcon className={`size-6 ${TONES[tone].icon}`} />
        </span>
        <h1 className="mt-4 text-lg font-semibold text-zinc-900">{title}</h1>
        <p className="mt-1.5 text-sm leading-relaxed text-zinc-600">{message}</p>
        {children}
      </div>
    </div>
  );
}

export function PageError({ error }: { error: unknown }) {
  return (
    <PageNotice tone="error" title={titleFor(error)} message={webappErrorMessage(error)}>
      <Button className="mt-5" onClick={() => window.location.reload()}>
        Try again
      </Button>
    </PageNotice>
  );
}
