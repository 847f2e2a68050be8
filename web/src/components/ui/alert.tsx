import type { ReactNode } from "react";
import { cn } from "../../lib/cn";
import { AlertIcon, CheckCircleIcon, InfoIcon } from "./icons";

type Tone = "error" | "warning" | "info" | "success";

const TONES: Record<Tone, string> = {
  error: "border-red-200 bg-red-50 text-red-800",
  warning: "border-amber-200 bg-amber-50 text-amber-900",
  info: "border-sky-200 bg-sky-50 text-sky-900",
  success: "border-emerald-200 bg-emerald-50 text-emerald-900",
};

const ICONS: Record<Tone, ReactNode> = {
  error: <AlertIcon className="size-4 text-red-500" />,
  warning: <AlertIcon className="size-4 text-amber-500" />,
  info: <InfoIcon className="size-4 text-sky-500" />,
  success: <CheckCircleIcon className="size-4 text-emerald-500" />,
};

interface AlertProps {
  tone?: Tone;
  title?: ReactNode;
  children?: ReactNode;
  action?: ReactNode;
  className?: string;
}

/** An inline message in the flow of the page: errors a user can act on, notes, confirmations. */
export function Alert({ tone = "info", title, children, action, className }: AlertProps) {
  return (
    <div
      role={tone === "error" ? "alert" : "status"}
      className={cn("flex items-start gap-2.5 rounded-lg border px-3.5 py-3 text-[13px]", TONES[tone], className)}
    >
      <span className="mt-px shrink-0">{ICONS[tone]}</span>
      <div className="min-w-0 flex-1 space-y-0.5">
        {title && <p className="font-medium">{title}</p>}
        {children && <div className="leading-relaxed">{children}</div>}
      </div>
      {action && <div className="shrink-0">{action}</div>}
    </div>
  );
}
