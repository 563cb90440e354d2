import { useState, type FormEvent } from 'react';
import { useMutation } from '@pams/client-graphql';
import { ChangePasswordDocument, ViewerDocument, type ViewerQuery } from '@pams/client-shell-data-access';
import { useSignOut } from './use-sign-out.js';

type Viewer = NonNullable<ViewerQuery['viewer']>;

/**
 * A user who must change their password (set by an admin or a reset) can do nothing else: the gateway
 * refuses every other operation. Say so, and offer the change right here.
 */
export function ChangePasswordPage({ viewer }: { viewer: Viewer }) {
  const [message, setMessage] = useState<string | null>(null);
  const { signOut } = useSignOut();
  const [change, { loading }] = useMutation(ChangePasswordDocument, {
    update(cache, { data }) {
      if (data?.changePassword.__typename === 'PasswordChanged') {
        cache.writeQuery({ query: ViewerDocument, data: { viewer: data.changePassword.viewer } });
      }
    },
  });

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setMessage(null);
    try {
      const { data } = await change({
        variables: { currentPassword: String(form.get('currentPassword')), newPassword: String(form.get('newPassword')) },
      });
      const result = data?.changePassword;
      if (result?.__typename === 'RateLimited') setMessage(`${result.message} Try again in ${result.retryAfterSeconds} s.`);
      if (result?.__typename === 'ValidationFailed') setMessage(result.fields.map((field) => field.message).join(' ') || result.message);
    } catch {
      setMessage('The server could not be reached. Try again in a moment.');
    }
  }

  return (
    <main className="pams-form-page" data-testid="must-change-password">
      <h1>Choose a new password</h1>
      <p>
        {viewer.name}, your password has to be changed before you can use PAMS. Until then nothing else is available
        to this account.
      </p>
      <form onSubmit={submit}>
        <label className="pams-field">
          Current password
          <input className="pams-input" name="currentPassword" type="password" autoComplete="current-password" required />
        </label>
        <label className="pams-field">
          New password
          <input className="pams-input" name="newPassword" type="password" autoComplete="new-password" required />
        </label>
        <button className="pams-button" type="submit" disabled={loading}>
          Change password
        </button>
        <p role="alert" className="pams-error-text">
          {message}
        </p>
      </form>
      <button className="pams-button pams-button-quiet" type="button" onClick={() => void signOut()}>
        Sign out
      </button>
    </main>
  );
}
