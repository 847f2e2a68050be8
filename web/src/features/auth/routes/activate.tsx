import type { ReactNode } from "react";
import { Link, useNavigate, useSearchParams } from "react-router-dom";
import { Alert } from "../../../components/ui/alert";
import { buttonClasses } from "../../../components/ui/button";
import { LoadingState } from "../../../components/ui/spinner";
import { errorMessage } from "../../../lib/api";
import { useActivationCheck } from "../api/activate";
import { AuthLayout } from "../components/auth-layout";
import { ActivateForm } from "../components/activate-form";

export function ActivateRoute() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const token = params.get("token") ?? "";
  const check = useActivationCheck(token);

  const invalid = (
    <div className="space-y-5">
      <Alert tone="warning" title="This invitation can't be used">
        The link is invalid, has expired, or was already used. Ask a workspace admin to send you a new invitation.
      </Alert>
      <Link to="/signin" className={buttonClasses("secondary", "lg", "w-full")}>
        Go to sign in
      </Link>
    </div>
  );

  let body: ReactNode;
  if (!token) body = invalid;
  else if (check.isPending) body = <LoadingState label="Checking your invitation…" />;
  else if (check.isError)
    body = (
      <Alert tone="error" title="Couldn't check the invitation">
        {errorMessage(check.error)}
      </Alert>
    );
  else if (!check.data.is_valid || !check.data.data) body = invalid;
  else
    body = (
      <ActivateForm token={token} invitation={check.data.data} onDone={() => navigate("/apps", { replace: true })} />
    );

  const invitation = check.data?.data;
  return (
    <AuthLayout
      title={invitation ? "You're invited" : "Join a workspace"}
      description={
        invitation
          ? invitation.account_exists
            ? "Confirm it's you to join the workspace."
            : "Create your account to join the workspace."
          : undefined
      }
    >
      {body}
    </AuthLayout>
  );
}
