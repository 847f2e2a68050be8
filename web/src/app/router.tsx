import { createBrowserRouter, Navigate, useRouteError } from "react-router-dom";
import { Alert } from "../components/ui/alert";
import { AccountRoute } from "../features/account/routes/account";
import { ApiDocsRoute } from "../features/api-docs/routes/api-docs";
import { AppsRoute } from "../features/apps/routes/apps";
import { ActivateRoute } from "../features/auth/routes/activate";
import { SetupRoute } from "../features/auth/routes/setup";
import { SigninRoute } from "../features/auth/routes/signin";
import { DatasetsRoute } from "../features/datasets/routes/datasets";
import { MembersRoute } from "../features/members/routes/members";
import { ModelProvidersRoute } from "../features/model-providers/routes/model-providers";
import { WorkspaceSettingsRoute } from "../features/workspaces/routes/workspace-settings";
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
          { path: "/datasets", element: <DatasetsRoute /> },
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
