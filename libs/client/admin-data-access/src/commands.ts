import type { ApolloClient } from '@pams/client-graphql';
import {
  ChangeUserRegionsDocument,
  ChangeUserRoleDocument,
  DisableUserDocument,
  EnableUserDocument,
  ForcePasswordResetDocument,
  NotifyUserDocument,
  RevokeUserAccessDocument,
  ScheduleUserReviewDocument,
  type AdminCommandKind,
  type Role,
} from './gql/graphql.js';
import { commandOutcome, type CommandOutcome } from './unmask.js';

/** What the confirm dialog collected; each command reads its own part. */
export interface CommandInput {
  /** An ISO time to schedule it for, or null to run it now. */
  runAt: string | null;
  role?: Role;
  regionIds?: readonly string[];
  defaultRegionId?: string | null;
  subject?: string;
  message?: string;
  title?: string;
  description?: string;
  dueDate?: string;
  priority?: number;
}

/** Runs one admin command on the user at the version the page shows (ADR 0018). */
export async function runAdminCommand(client: ApolloClient, kind: AdminCommandKind, user: { id: string; version: number }, input: CommandInput): Promise<CommandOutcome> {
  const base = { userId: user.id, expectedVersion: user.version, runAt: input.runAt };
  const fail = () => {
    throw new Error('The server gave no answer.');
  };
  switch (kind) {
    case 'DISABLE': {
      const { data } = await client.mutate({ mutation: DisableUserDocument, variables: base });
      return commandOutcome(data?.disableUser ?? fail());
    }
    case 'ENABLE': {
      const { data } = await client.mutate({ mutation: EnableUserDocument, variables: base });
      return commandOutcome(data?.enableUser ?? fail());
    }
    case 'REVOKE_ACCESS': {
      const { data } = await client.mutate({ mutation: RevokeUserAccessDocument, variables: base });
      return commandOutcome(data?.revokeUserAccess ?? fail());
    }
    case 'FORCE_PASSWORD_RESET': {
      const { data } = await client.mutate({ mutation: ForcePasswordResetDocument, variables: base });
      return commandOutcome(data?.forcePasswordReset ?? fail());
    }
    case 'NOTIFY': {
      const variables = { ...base, input: { subject: input.subject ?? '', message: input.message ?? '' } };
      const { data } = await client.mutate({ mutation: NotifyUserDocument, variables });
      return commandOutcome(data?.notifyUser ?? fail());
    }
    case 'SCHEDULE_REVIEW': {
      const review = { title: input.title ?? '', description: input.description || null, dueDate: input.dueDate ?? '', priority: input.priority ?? 3 };
      const { data } = await client.mutate({ mutation: ScheduleUserReviewDocument, variables: { ...base, input: review } });
      return commandOutcome(data?.scheduleUserReview ?? fail());
    }
    case 'CHANGE_ROLE': {
      const { data } = await client.mutate({ mutation: ChangeUserRoleDocument, variables: { ...base, role: input.role ?? 'MEMBER' } });
      return commandOutcome(data?.changeUserRole ?? fail());
    }
    case 'CHANGE_REGIONS': {
      const variables = { ...base, regionIds: [...(input.regionIds ?? [])], defaultRegionId: input.defaultRegionId ?? null };
      const { data } = await client.mutate({ mutation: ChangeUserRegionsDocument, variables });
      return commandOutcome(data?.changeUserRegions ?? fail());
    }
  }
}
