import { useNavigate, useSearchParams } from "react-router-dom";
import { AuthLayout } from "../components/auth-layout";
import { SigninForm } from "../components/signin-form";
import { safeNext } from "../lib/credentials";

export function SigninRoute() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  return (
    <AuthLayout
      title="Welcome back"
      description="Sign in to your Kiln workspace."
      footer="Don't have an account? Ask a workspace admin to invite you."
    >
      <SigninForm onDone={() => navigate(safeNext(params.get("next")), { replace: true })} />
    </AuthLayout>
  );
}
