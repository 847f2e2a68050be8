import { Alert } from "../../../components/ui/alert";
import { PageHeader } from "../../../components/ui/page-header";
import { LoadingState } from "../../../components/ui/spinner";
import { useProfile } from "../../../hooks/use-profile";
import { errorMessage } from "../../../lib/api";
import { ProfileCard } from "../components/profile-card";
import { SessionsCard } from "../components/sessions-card";

export function AccountRoute() {
  const profile = useProfile();
  return (
    <>
      <PageHeader title="Account" description="Your profile and where you're signed in." />
      <div className="space-y-6">
        {profile.isPending ? (
          <LoadingState />
        ) : profile.isError ? (
          <Alert tone="error" title="Couldn't load your profile">
            {errorMessage(profile.error)}
          </Alert>
        ) : (
          <ProfileCard profile={profile.data} />
        )}
        <SessionsCard />
      </div>
    </>
  );
}
