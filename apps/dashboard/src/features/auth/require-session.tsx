import { Navigate, Outlet, useLocation } from 'react-router';
import { ErrorAlert } from '../../components/alert';
import { Button } from '../../components/button';
import { FullPageLoading } from '../../components/spinner';
import { withNext } from '../../lib/redirect';
import { useOpeningPageReady } from '../../lib/route-preload';
import { SessionContext, useMe } from '../../lib/session';
import { ImpersonationBanner } from './impersonation-banner';

/** Pages for signed-in people: everyone else goes to sign-in, and comes back afterwards. */
export function RequireSession() {
  const me = useMe();
  const location = useLocation();
  const pageReady = useOpeningPageReady();
  if (me.isPending) return <FullPageLoading />;
  if (me.isError) {
    return (
      <main className="mx-auto max-w-lg px-6 py-16">
        <h1 className="text-xl font-semibold">Switchboard is not answering</h1>
        <ErrorAlert error={me.error} className="mt-4" />
        <Button className="mt-4" onClick={() => void me.refetch()} pending={me.isFetching}>
          Try again
        </Button>
      </main>
    );
  }
  if (!me.data) {
    // A verification link that failed lands here (`?error=INVALID_TOKEN`) while signed out.
    if (new URLSearchParams(location.search).get('error'))
      return <Navigate to="/verify-email?error=invalid_token" replace />;
    return <Navigate to={withNext('/login', location.pathname + location.search)} replace />;
  }
  if (!pageReady) return <FullPageLoading />;
  return (
    <SessionContext.Provider value={me.data}>
      {me.data.impersonation && <ImpersonationBanner me={me.data} />}
      <Outlet />
    </SessionContext.Provider>
  );
}
