import type { AdminCommandKind, AdminUserProfile } from '@pams/client-admin-data-access';

export interface CommandSpec {
  kind: AdminCommandKind;
  /** The button on the user's page. */
  label: string;
  /** What confirming does, in one sentence about this user. */
  explain(user: AdminUserProfile): string;
  /** Shown only when it makes sense for the user as they are. */
  offered(user: AdminUserProfile): boolean;
}

export const COMMANDS: readonly CommandSpec[] = [
  { kind: 'DISABLE', label: 'Disable', offered: (u) => u.status === 'ACTIVE', explain: (u) => `${u.name} will not be able to sign in; their open sessions and live streams end at once.` },
  { kind: 'ENABLE', label: 'Enable', offered: (u) => u.status === 'DISABLED', explain: (u) => `${u.name} will be able to sign in again.` },
  { kind: 'REVOKE_ACCESS', label: 'Revoke access', offered: () => true, explain: (u) => `Every session and live stream of ${u.name} ends and their access tokens are revoked; they can sign in again.` },
  {
    kind: 'FORCE_PASSWORD_RESET',
    label: 'Force password reset',
    offered: () => true,
    explain: (u) => `${u.name} must choose a new password at their next sign-in; their sessions end and a reset link is mailed to ${u.email}.`,
  },
  { kind: 'NOTIFY', label: 'Notify', offered: () => true, explain: (u) => `${u.name} gets this in the portal and by mail.` },
  { kind: 'SCHEDULE_REVIEW', label: 'Schedule a review', offered: () => true, explain: (u) => `A review task owned by ${u.name}, supervised by you.` },
  { kind: 'CHANGE_ROLE', label: 'Change role', offered: () => true, explain: (u) => `${u.name} gets another role; what they see changes at their next request.` },
  { kind: 'CHANGE_REGIONS', label: 'Change regions', offered: () => true, explain: (u) => `${u.name}'s regions are replaced by the ones chosen.` },
];

/** "Disable" → "Disable Mira Member": the confirm button names what it does and to whom. */
export function confirmLabel(spec: CommandSpec, user: AdminUserProfile, scheduled: boolean): string {
  return `${scheduled ? 'Schedule: ' : ''}${spec.label} ${spec.kind === 'NOTIFY' || spec.kind === 'SCHEDULE_REVIEW' ? `for ${user.name}` : user.name}`;
}
