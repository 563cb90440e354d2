import { Notice } from '@pams/client-ui';

/** Analysts work from scripts and notebooks: explain how, rather than show a portal they do not use. */
export function AnalystPage() {
  return (
    <Notice title="GraphQL access for analysis">
      <p>
        PAMS answers read-only GraphQL queries at <code>/graphql</code>. From a script or a notebook, send a personal
        access token as <code>Authorization: Bearer &lt;token&gt;</code>.
      </p>
      <p>
        Create one with the <code>createAccessToken(name, expiresInDays)</code> mutation while signed in (the
        explorer at <a href="/explorer">/explorer</a> does it for you). The token is shown once and stored only as a
        hash; it expires, can be revoked with <code>revokeAccessToken</code>, and allows queries only, within a lower
        cost limit than the portal.
      </p>
      <p>
        Long histories are paginated: <code>activityHistory(first, after, filter)</code> pages by cursor and stays
        stable while activities are added.
      </p>
    </Notice>
  );
}
