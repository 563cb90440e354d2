import { useState, type FormEvent } from 'react';
import { useMutation } from '@pams/client-graphql';
import { SignInDocument, ViewerDocument, type SignInMutation } from '@pams/client-shell-data-access';
import { useCountdown } from './use-countdown.js';

type Outcome = SignInMutation['signIn'];

/** What the user reads after a refused sign-in; null once signed in. */
function messageOf(outcome: Outcome): string | null {
  switch (outcome.__typename) {
    case 'SignInSuccess':
      return null;
    case 'InvalidCredentials':
    case 'RateLimited':
      return outcome.message;
    case 'ValidationFailed':
      return outcome.fields.map((field) => field.message).join(' ') || outcome.message;
  }
}

/** Email and password; typed refusals (wrong credentials, too many attempts, invalid input) are shown as such. */
export function SignInPage() {
  const [message, setMessage] = useState<string | null>(null);
  const [retryAt, setRetryAt] = useState<number | null>(null);
  const wait = useCountdown(retryAt);
  const [signIn, { loading }] = useMutation(SignInDocument, {
    // The session gate reads the Viewer query: answer it from the mutation, no second request.
    update(cache, { data }) {
      if (data?.signIn.__typename === 'SignInSuccess') cache.writeQuery({ query: ViewerDocument, data: { viewer: data.signIn.viewer } });
    },
  });

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setMessage(null);
    try {
      const { data } = await signIn({ variables: { email: String(form.get('email')), password: String(form.get('password')) } });
      if (!data) return;
      setMessage(messageOf(data.signIn));
      setRetryAt(data.signIn.__typename === 'RateLimited' ? Date.now() + data.signIn.retryAfterSeconds * 1000 : null);
    } catch {
      setMessage('The server could not be reached. Try again in a moment.');
    }
  }

  return (
    <main className="pams-form-page">
      <h1>Sign in to PAMS</h1>
      <form onSubmit={submit} aria-describedby="sign-in-message">
        <label className="pams-field">
          Email
          <input className="pams-input" name="email" type="email" autoComplete="username" required autoFocus />
        </label>
        <label className="pams-field">
          Password
          <input className="pams-input" name="password" type="password" autoComplete="current-password" required />
        </label>
        <button className="pams-button" type="submit" disabled={loading || wait > 0}>
          {loading ? 'Signing in…' : 'Sign in'}
        </button>
        <p id="sign-in-message" role="alert" className="pams-error-text" data-testid="sign-in-message">
          {message}
          {wait > 0 && ` You can try again in ${wait} s.`}
        </p>
      </form>
    </main>
  );
}
