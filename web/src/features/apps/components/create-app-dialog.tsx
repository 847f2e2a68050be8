import { type FormEvent, useState } from "react";
import { useNavigate } from "react-router-dom";
import { Alert } from "../../../components/ui/alert";
import { Button } from "../../../components/ui/button";
import { Dialog } from "../../../components/ui/dialog";
import { useToast } from "../../../components/ui/toast";
import { errorMessage } from "../../../lib/api";
import { cn } from "../../../lib/cn";
import { useCreateApp } from "../api/create-app";
import type { NewAppInput } from "../api/types";
import { type AppInfoForm, appHomePath, appInfoProblems, DEFAULT_ICON, isFlowMode, MODE_DESCRIPTIONS, MODE_LABELS } from "../lib/app-rules";
import { AppInfoFields } from "./app-info-fields";
import { BotIcon, BracesIcon, MessageIcon, RocketIcon, TextIcon } from "./icons";

const MODES: { mode: NewAppInput["mode"]; icon: typeof MessageIcon }[] = [
  { mode: "chat", icon: MessageIcon },
  { mode: "completion", icon: TextIcon },
  { mode: "agent-chat", icon: BotIcon },
  { mode: "advanced-chat", icon: RocketIcon },
  { mode: "workflow", icon: BracesIcon },
];

const EMPTY: AppInfoForm = { name: "", description: "", ...DEFAULT_ICON };

export function CreateAppDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const create = useCreateApp();
  const navigate = useNavigate();
  const toast = useToast();
  const [mode, setMode] = useState<NewAppInput["mode"]>("chat");
  const [form, setForm] = useState<AppInfoForm>(EMPTY);
  const [errors, setErrors] = useState<{ name?: string; description?: string }>({});

  const close = () => {
    if (create.isPending) return;
    setForm(EMPTY);
    setMode("chat");
    setErrors({});
    create.reset();
    onClose();
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found = appInfoProblems(form);
    setErrors(found);
    if (found.name || found.description) return;
    create.mutate(
      { mode, name: form.name.trim(), description: form.description.trim(), icon_type: "emoji", icon: form.icon, icon_background: form.icon_background },
      {
        onSuccess: (app) => {
          toast({
            tone: "success",
            title: `${app.name} created`,
            description: isFlowMode(app.mode)
              ? "Add nodes on the canvas, then try it with Test run."
              : app.mode === "agent-chat"
                ? "Write its instructions, pick its tools, then try it in Debug & preview."
                : "Write its prompt, then try it in Debug & preview.",
          });
          close();
          navigate(appHomePath(app.id, app.mode));
        },
      },
    );
  };

  return (
    <Dialog
      open={open}
      onClose={close}
      busy={create.isPending}
      size="lg"
      title="Create app"
      description="Start from a blank app; you can change everything later."
      footer={
        <>
          <Button onClick={close} disabled={create.isPending}>
            Cancel
          </Button>
          <Button type="submit" form="create-app-form" variant="primary" loading={create.isPending}>
            Create
          </Button>
        </>
      }
    >
      <form id="create-app-form" onSubmit={submit} noValidate className="space-y-5">
        {create.error && (
          <Alert tone="error" title="Couldn't create the app">
            {errorMessage(create.error)}
          </Alert>
        )}
        <div role="radiogroup" aria-label="App type" className="grid grid-cols-2 gap-3">
          {MODES.map(({ mode: m, icon: ModeIcon }) => (
            <button
              key={m}
              type="button"
              role="radio"
              aria-checked={mode === m}
              data-testid={`create-app-mode-${m}`}
              onClick={() => setMode(m)}
              className={cn(
                "flex cursor-pointer flex-col items-start gap-2 rounded-xl border p-4 text-left transition-colors",
                mode === m
                  ? "border-brand-400 bg-brand-50/60 ring-3 ring-brand-500/15"
                  : "border-zinc-200 bg-white hover:border-zinc-300 hover:bg-zinc-50",
              )}
            >
              <span
                className={cn(
                  "flex size-8 items-center justify-center rounded-lg",
                  mode === m ? "bg-brand-500 text-white" : "bg-zinc-100 text-zinc-500",
                )}
              >
                <ModeIcon />
              </span>
              <span className="text-sm font-semibold text-zinc-900">{MODE_LABELS[m]}</span>
              <span className="text-[13px] leading-snug text-zinc-500">{MODE_DESCRIPTIONS[m]}</span>
            </button>
          ))}
        </div>
        <AppInfoFields value={form} onChange={setForm} errors={errors} disabled={create.isPending} />
      </form>
    </Dialog>
  );
}
