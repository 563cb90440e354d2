import { registerEnumType } from 'type-graphql';

/** The commands of the user command center (issue 9); each can run now or be scheduled. */
export enum AdminCommandKind {
  DISABLE = 'DISABLE',
  ENABLE = 'ENABLE',
  REVOKE_ACCESS = 'REVOKE_ACCESS',
  FORCE_PASSWORD_RESET = 'FORCE_PASSWORD_RESET',
  NOTIFY = 'NOTIFY',
  SCHEDULE_REVIEW = 'SCHEDULE_REVIEW',
  CHANGE_ROLE = 'CHANGE_ROLE',
  CHANGE_REGIONS = 'CHANGE_REGIONS',
}

registerEnumType(AdminCommandKind, { name: 'AdminCommandKind' });
