import { Navigate } from "react-router-dom";
import { useSetupStatus } from "../../../hooks/use-setup-status";
import { useSetup } from "../api/setup";
import { AuthLayout } from "../components/auth-layout";
import { SetupForm } from "../components/setup-form";

export function SetupRoute() {
  const status = useSetupStatus();
  const setup = useSetup();

  // Setup done here: the owner is signed in. Done earlier (or elsewhere): setup is closed.
  if (setup.isSuccess) return <Navigate to="/apps" replace />;
  if (status.data?.step === "finished") return <Navigate to="/signin" replace />;

  return (
    <AuthLayout
      title="Set up Kiln"
      description="Create the owner account. You'll get a workspace of your own, and can invite your team next."
    >
      <SetupForm setup={setup} />
    </AuthLayout>
  );
}
