import { Link } from "react-router-dom";
import { buttonClasses } from "../components/ui/button";
import { EmptyState } from "../components/ui/empty-state";

export function NotFoundRoute() {
  return (
    <EmptyState
      title="Page not found"
      description="There's nothing at this address. It may have moved, or the link may be mistyped."
      action={
        <Link to="/apps" className={buttonClasses("secondary")}>
          Back to apps
        </Link>
      }
    />
  );
}
