// /apps/:appId/workflow: the visual editor of a workflow or chatflow app's draft.
import { ReactFlowProvider } from "@xyflow/react";
import { Link, useOutletContext } from "react-router-dom";
import { Alert } from "../../../components/ui/alert";
import { Button, buttonClasses } from "../../../components/ui/button";
import { EmptyState } from "../../../components/ui/empty-state";
import { LoadingState } from "../../../components/ui/spinner";
import { errorMessage, isApiError } from "../../../lib/api";
import { useDraft } from "../api/get-draft";
import { WorkflowEditor } from "../components/workflow-editor";

/** What the app layout hands its pages (features/apps/hooks/use-app-context.ts). */
interface AppOutlet {
  app: { id: string; mode: string; name: string };
  canEdit: boolean;
}

export function WorkflowRoute() {
  const { app, canEdit } = useOutletContext<AppOutlet>();
  const isFlow = app.mode === "workflow" || app.mode === "advanced-chat";
  const draft = useDraft(app.id);
  if (!isFlow) {
    return (
      <div className="mx-auto max-w-3xl px-8 py-10">
        <EmptyState
          title="This app isn't a workflow"
          description="Chatbots and text generators are built in the Prompt IDE."
          action={
            <Link to={`/apps/${app.id}/configuration`} className={buttonClasses("secondary")}>
              Open the Prompt IDE
            </Link>
          }
        />
      </div>
    );
  }
  // No draft yet (a freshly created app on a server that doesn't seed one): start from scratch.
  const missing = draft.isError && isApiError(draft.error) && (draft.error.status === 404 || draft.error.code === "draft_workflow_not_exist");
  if (draft.isPending) return <LoadingState label="Loading the workflow…" className="py-24" />;
  if (draft.isError && !missing) {
    return (
      <div className="mx-auto max-w-3xl px-8 py-10">
        <Alert
          tone="error"
          title="Couldn't load the workflow"
          action={
            <Button size="sm" onClick={() => draft.refetch()}>
              Try again
            </Button>
          }
        >
          {errorMessage(draft.error)}
        </Alert>
      </div>
    );
  }
  return (
    <ReactFlowProvider>
      <WorkflowEditor app={app} draft={missing ? null : (draft.data ?? null)} canEdit={canEdit} onReload={() => draft.refetch()} />
    </ReactFlowProvider>
  );
}
