// Short-lived confirmations ("Invitation revoked") and background failures, stacked bottom-right.
import { createContext, type ReactNode, useCallback, useContext, useMemo, useRef, useState } from "react";
import { cn } from "../../lib/cn";
import { AlertIcon, CheckCircleIcon, InfoIcon, XIcon } from "./icons";

type ToastTone = "success" | "error" | "info";

interface Toast {
  id: number;
  tone: ToastTone;
  title: string;
  description?: string;
}

type ShowToast = (toast: Omit<Toast, "id">) => void;

const ToastContext = createContext<ShowToast | null>(null);

export function useToast(): ShowToast {
  const show = useContext(ToastContext);
  if (!show) throw new Error("useToast must be used inside <ToastProvider>");
  return show;
}

const ICONS: Record<ToastTone, ReactNode> = {
  success: <CheckCircleIcon className="size-4 text-emerald-500" />,
  error: <AlertIcon className="size-4 text-red-500" />,
  info: <InfoIcon className="size-4 text-sky-500" />,
};

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(1);

  const dismiss = useCallback((id: number) => setToasts((all) => all.filter((t) => t.id !== id)), []);

  const show = useCallback<ShowToast>(
    (toast) => {
      const id = nextId.current++;
      setToasts((all) => [...all.slice(-3), { ...toast, id }]);
      // Errors stay longer: they usually ask the reader to do something.
      setTimeout(() => dismiss(id), toast.tone === "error" ? 8000 : 4000);
    },
    [dismiss],
  );

  const value = useMemo(() => show, [show]);

  return (
    <ToastContext.Provider value={value}>
      {children}
      <div className="pointer-events-none fixed right-4 bottom-4 z-50 flex w-80 flex-col gap-2" aria-live="polite">
        {toasts.map((t) => (
          <div
            key={t.id}
            role={t.tone === "error" ? "alert" : "status"}
            className={cn(
              "pointer-events-auto flex animate-slide-in items-start gap-2.5 rounded-xl border bg-white px-4 py-3 shadow-pop",
              t.tone === "error" ? "border-red-200" : "border-zinc-200",
            )}
          >
            <span className="mt-0.5">{ICONS[t.tone]}</span>
            <div className="min-w-0 flex-1">
              <p className="text-[13px] font-medium text-zinc-900">{t.title}</p>
              {t.description && <p className="mt-0.5 text-[13px] text-zinc-500">{t.description}</p>}
            </div>
            <button
              type="button"
              onClick={() => dismiss(t.id)}
              aria-label="Dismiss"
              className="cursor-pointer rounded p-0.5 text-zinc-400 hover:text-zinc-700"
            >
              <XIcon className="size-3.5" />
            </button>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}
