import { type FormEvent, useState } from "react";
import { useNavigate } from "react-router-dom";
import { Alert } from "../../../components/ui/alert";
import { Button } from "../../../components/ui/button";
import { Dialog } from "../../../components/ui/dialog";
import { Field, Input } from "../../../components/ui/input";
import { Select } from "../../../components/ui/select";
import { errorMessage } from "../../../lib/api";
import { useAppOptions } from "../api/pickers";
import { useCreateSet } from "../api/sets";
import { Checkbox } from "./checkbox";

/** Name a set, pick where its examples come from; it is built at once and opened for review. */
export function CreateSetDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const create = useCreateSet();
  const apps = useAppOptions();
  const navigate = useNavigate();
  const [name, setName] = useState("");
  const [appId, setAppId] = useState("");
  const [likedOnly, setLikedOnly] = useState(true);
  const [nameError, setNameError] = useState<string | null>(null);

  const close = () => {
    if (create.isPending) return;
    setName("");
    setNameError(null);
    create.reset();
    onClose();
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) return setNameError("Give the set a name.");
    create.mutate(
      { name: name.trim(), filters: { app_id: appId || null, feedback: likedOnly ? "like" : null }, validation_percent: 10 },
      {
        onSuccess: (set) => {
          close();
          navigate(`/finetune/sets/${set.id}?build=1`);
        },
      },
    );
  };

  return (
    <Dialog
      open={open}
      onClose={close}
      busy={create.isPending}
      title="New training set"
      description="A training set collects real conversations from your apps' logs. You review every row before anything is trained."
      footer={
        <>
          <Button onClick={close} disabled={create.isPending}>
            Cancel
          </Button>
          <Button type="submit" form="create-set-form" variant="primary" loading={create.isPending}>
            Create and build
          </Button>
        </>
      }
    >
      <form id="create-set-form" onSubmit={submit} noValidate className="space-y-4">
        <Field label="Name" error={nameError}>
          {(id, describedBy) => (
            <Input
              id={id}
              aria-describedby={describedBy}
              aria-invalid={!!nameError}
              value={name}
              maxLength={100}
              autoFocus
              placeholder="Support answers people liked"
              onChange={(e) => {
                setName(e.target.value);
                setNameError(null);
              }}
            />
          )}
        </Field>
        <Field label="From app" hint="You can change this and the other filters later.">
          {(id) => (
            <Select
              id={id}
              value={appId}
              onChange={(e) => setAppId(e.target.value)}
              options={[{ value: "", label: apps.isPending ? "Loading apps…" : "All apps" }, ...(apps.data ?? []).map((a) => ({ value: a.id, label: a.name }))]}
            />
          )}
        </Field>
        <Checkbox checked={likedOnly} onChange={setLikedOnly} label="Only answers someone liked" hint="Likes from end users (WebApp, API) and from members in the logs." />
        {create.isError && <Alert tone="error">{errorMessage(create.error)}</Alert>}
      </form>
    </Dialog>
  );
}
