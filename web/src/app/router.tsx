import { createBrowserRouter, Navigate, useRouteError } from "react-router-dom";
import { Alert } from "../components/ui/alert";
import { AccountRoute } from "../features/account/routes/account";
import { AnnotationsRoute } from "../features/annotations/routes/annotations";
import { ApiDocsRoute } from "../features/api-docs/routes/api-docs";
import { AppIndexRoute, AppLayoutRoute } from "../features/apps/routes/app-layout";
import { AppsRoute } from "../features/apps/routes/apps";
import { ConfigurationRoute } from "../features/apps/routes/configuration";
import { DevelopRoute } from "../features/apps/routes/develop";
import { LogsRoute } from "../features/apps/routes/logs";
import { OverviewRoute } from "../features/apps/routes/overview";
import { ActivateRoute } from "../features/auth/routes/activate";
import { SetupRoute } from "../features/auth/routes/setup";
import { SigninRoute } from "../features/auth/routes/signin";
import { AddDocumentsRoute } from "../features/datasets/routes/add-documents";
import { DatasetLayoutRoute } from "../features/datasets/routes/dataset-layout";
import { DatasetsRoute } from "../features/datasets/routes/datasets";
import { DocumentRoute } from "../features/datasets/routes/document";
import { DocumentsRoute } from "../features/datasets/routes/documents";
import { HitTestingRoute } from "../features/datasets/routes/hit-testing";
import { DatasetSettingsRoute } from "../features/datasets/routes/settings";
import { FinetuneRoute } from "../features/finetune/routes/finetune";
import { FinetuneJobRoute } from "../features/finetune/routes/job";
import { FinetuneSetRoute } from "../features/finetune/routes/set";
import { MembersRoute } from "../features/members/routes/members";
import { ModelProvidersRoute } from "../features/model-providers/routes/model-providers";
import { AppMonitoringRoute } from "../features/monitoring/routes/app-monitoring";
import { WorkspaceMonitoringRoute } from "../features/monitoring/routes/workspace-monitoring";
import { ToolsRoute } from "../features/tools/routes/tools";
import { WorkspaceSettingsRoute } from "../features/workspaces/routes/workspace-settings";
import { WebAppChatRoute } from "../features/webapp/routes/chat";
import { WebAppCompletionRoute } from "../features/webapp/routes/completion";
import { WebAppHumanInputFormRoute } from "../features/webapp/routes/human-input-form";
import { WebAppWorkflowRoute } from "../features/webapp/routes/workflow";
import { setUnauthenticatedHandler } from "../lib/api";
import { SessionGate, SetupGate } from "./gates";
import { AppShell } from "./layout/app-shell";
import { NotFoundRoute } from "./not-found";
import { queryClient } from "./query-client";

function RouteError() {
  const error = useRouteError();
  return (
    <div className="mx-auto max-w-lg p-10">
      <Alert tone="error" title="This page hit an error">
        {error instanceof Error ? error.message : "Something went wrong."} Reload the page to try again.
      </Alert>
    </div>
  );
}

export const router = createBrowserRouter([
  // The public WebApp: visitors of a published app, no console session, outside every gate.
  { path: "/chat/:code", element: <WebAppChatRoute />, errorElement: <RouteError /> },
  { path: "/completion/:code", element: <WebAppCompletionRoute />, errorElement: <RouteError /> },
  { path: "/workflow/:code", element: <WebAppWorkflowRoute />, errorElement: <RouteError /> },
  // A Human Input form's link: its token is the credential, so no site passport or session.
  { path: "/form/:token", element: <WebAppHumanInputFormRoute />, errorElement: <RouteError /> },
  {
    element: <SetupGate />,
    errorElement: <RouteError />,
    children: [
      { path: "/setup", element: <SetupRoute /> },
      { path: "/signin", element: <SigninRoute /> },
      { path: "/activate", element: <ActivateRoute /> },
      {
        element: (
          <SessionGate>
            <AppShell />
          </SessionGate>
        ),
        children: [
          { index: true, element: <Navigate to="/apps" replace /> },
          { path: "/apps", element: <AppsRoute /> },
          {
            path: "/apps/:appId",
            element: <AppLayoutRoute />,
            handle: { fullBleed: true },
            children: [
              { index: true, element: <AppIndexRoute /> },
              { path: "overview", element: <OverviewRoute /> },
              // The canvas (React Flow) loads only when a workflow is opened.
              { path: "workflow", lazy: () => import("../features/workflow/routes/workflow").then((m) => ({ Component: m.WorkflowRoute })) },
              { path: "configuration", element: <ConfigurationRoute /> },
              { path: "develop", element: <DevelopRoute /> },
              { path: "logs", element: <LogsRoute /> },
              { path: "monitoring", element: <AppMonitoringRoute /> },
              { path: "annotations", element: <AnnotationsRoute /> },
            ],
          },
          { path: "/monitoring", element: <WorkspaceMonitoringRoute /> },
          { path: "/datasets", element: <DatasetsRoute /> },
          {
            path: "/datasets/:datasetId",
            element: <DatasetLayoutRoute />,
            handle: { fullBleed: true },
            children: [
              { index: true, element: <Navigate to="documents" replace /> },
              { path: "documents", element: <DocumentsRoute /> },
              { path: "documents/:documentId", element: <DocumentRoute /> },
              { path: "add", element: <AddDocumentsRoute /> },
              { path: "hit-testing", element: <HitTestingRoute /> },
              { path: "settings", element: <DatasetSettingsRoute /> },
            ],
          },
          { path: "/tools", element: <ToolsRoute /> },
          { path: "/finetune", element: <FinetuneRoute /> },
          { path: "/finetune/sets/:setId", element: <FinetuneSetRoute /> },
          { path: "/finetune/jobs/:jobId", element: <FinetuneJobRoute /> },
          { path: "/settings", element: <Navigate to="/settings/workspace" replace /> },
          { path: "/settings/workspace", element: <WorkspaceSettingsRoute /> },
          { path: "/settings/members", element: <MembersRoute /> },
          { path: "/settings/model-providers", element: <ModelProvidersRoute /> },
          { path: "/settings/account", element: <AccountRoute /> },
          { path: "/api-docs", element: <ApiDocsRoute /> },
          { path: "*", element: <NotFoundRoute /> },
        ],
      },
    ],
  },
]);

const PUBLIC_PATHS = ["/signin", "/setup", "/activate"];

// A session that can't be renewed ends here: back to sign-in, remembering where the user was.
setUnauthenticatedHandler(() => {
  const { pathname, search } = router.state.location;
  if (PUBLIC_PATHS.includes(pathname)) return;
  void router.navigate(`/signin?next=${encodeURIComponent(pathname + search)}`, { replace: true });
  queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== "setup" });
});
