import { useQuery } from '@pams/client-graphql';
import { ViewerDocument } from '@pams/client-shell-data-access';
import { Suspense } from 'react';
import { ErrorPanel, Loading } from '@pams/client-ui';
import { Portal } from './layout/portal.js';
import { ChangePasswordPage, SignInPage } from './lazy-pages.js';
import type { IntentHandler } from './remotes/intent-prefetch.js';
import type { RemoteRegistry } from './remotes/remote-registry.js';

interface AppProps {
  registry: RemoteRegistry;
  onIntent: IntentHandler;
}

/** The session gate: who is signed in decides between sign-in, the password change, and the portal. */
export function App({ registry, onIntent }: AppProps) {
  const { data, error, refetch } = useQuery(ViewerDocument);
  if (!data) {
    if (error) {
      return (
        <main className="pams-form-page">
          <ErrorPanel title="PAMS cannot reach its server" onRetry={() => void refetch()}>
            <p>Check your connection; nothing you typed is lost.</p>
          </ErrorPanel>
        </main>
      );
    }
    return <Loading />;
  }
  const { viewer } = data;
  return (
    <Suspense fallback={<Loading />}>
      {!viewer ? (
        <SignInPage />
      ) : viewer.mustChangePassword ? (
        <ChangePasswordPage viewer={viewer} />
      ) : (
        <Portal viewer={viewer} registry={registry} onIntent={onIntent} />
      )}
    </Suspense>
  );
}
