import { Notice } from '@pams/client-ui';

/** Admins land here until the admin micro-frontend is deployed. */
export function AdminPlaceholder() {
  return (
    <Notice title="Admin">
      <p>
        The admin console (users, audit history, live events, reference data, imports, backups) is a separate
        micro-frontend that comes later. When it is deployed, this page becomes its overview.
      </p>
      <p>Until then, the activities of every region are under Activities.</p>
    </Notice>
  );
}
