import { useCallback } from 'react';
import { useMutation } from '@pams/client-graphql';
import { SignOutDocument } from '@pams/client-shell-data-access';

/**
 * Ends the session, then loads `/` afresh: nothing of the previous user (cache, loaded remotes, their
 * state) survives in this tab, and the next user starts from their own landing page.
 */
export function useSignOut(): { signOut: () => Promise<void> } {
  const [mutate] = useMutation(SignOutDocument);
  const signOut = useCallback(async () => {
    try {
      await mutate();
    } finally {
      window.location.replace('/');
    }
  }, [mutate]);
  return { signOut };
}
