import { AccessToken, issuePasswordReset, Region, revokeUserSessions, UserStatus } from '@pams/server-identity';
import { enqueueMail } from '@pams/server-mail';
import { fieldError, forbidden, isUuid, validationFailed, type FieldError } from '@pams/server-core';
import { ALL_ROLES, Role } from '@pams/shared-util';
import { Notification } from '../entities/notification.entity.js';
import { ReviewTask } from '../entities/review-task.entity.js';
import { AdminCommandKind } from './admin-command-kind.js';
import { lastAdmin, otherActiveAdmins, userError } from './admin-rules.js';
import type { CommandRun, CommandSpec } from './command-spec.js';
import { checkDate, checkIntRange, checkText, dateOf } from './validation.js';

export const SUBJECT_MIN = 3;
export const SUBJECT_MAX = 160;
export const MESSAGE_MIN = 3;
export const MESSAGE_MAX = 5_000;
export const MAX_REGIONS = 50;

const noArgs = () => ({ payload: {} });
const passes = async () => null;

function isSelf(run: CommandRun): boolean {
  return run.actor.id === run.user.id;
}

const disable: CommandSpec = {
  kind: AdminCommandKind.DISABLE,
  action: 'admin.user.disable',
  parse: noArgs,
  async check(run) {
    if (isSelf(run)) return forbidden('You cannot disable yourself.');
    if (run.mode === 'schedule') return null;
    if (run.user.status === UserStatus.DISABLED) return userError('ALREADY_DISABLED', 'This user is already disabled.');
    if (run.user.role === Role.ADMIN && (await otherActiveAdmins(run.tx, run.user.id)) === 0) return lastAdmin();
    return null;
  },
  async apply({ tx, user }) {
    user.status = UserStatus.DISABLED;
    const sessions = await revokeUserSessions(tx, user.id, 'USER_DISABLED');
    return {
      message: `${user.name} is disabled; ${sessions} session(s) ended.`,
      changes: { status: { before: UserStatus.ACTIVE, after: UserStatus.DISABLED }, sessionsEnded: { before: null, after: sessions } },
      accessEnded: true,
    };
  },
};

const enable: CommandSpec = {
  kind: AdminCommandKind.ENABLE,
  action: 'admin.user.enable',
  parse: noArgs,
  async check(run) {
    if (run.mode === 'schedule') return null;
    if (run.user.status === UserStatus.ACTIVE) return userError('ALREADY_ACTIVE', 'This user is already active.');
    return null;
  },
  async apply({ user }) {
    user.status = UserStatus.ACTIVE;
    return { message: `${user.name} is active again.`, changes: { status: { before: UserStatus.DISABLED, after: UserStatus.ACTIVE } } };
  },
};

/** Ends every way the user is signed in: portal sessions and personal access tokens. */
const revokeAccess: CommandSpec = {
  kind: AdminCommandKind.REVOKE_ACCESS,
  action: 'admin.user.revokeAccess',
  parse: noArgs,
  check: passes,
  async apply({ tx, user }) {
    const sessions = await revokeUserSessions(tx, user.id, 'REVOKED');
    const tokens = await tx.find(AccessToken, { user: user.id, revokedAt: null });
    const now = new Date();
    for (const token of tokens) token.revokedAt = now;
    return {
      message: `${user.name}'s access is revoked: ${sessions} session(s) ended, ${tokens.length} access token(s) revoked.`,
      changes: { sessionsEnded: { before: null, after: sessions }, tokensRevoked: { before: null, after: tokens.length } },
      accessEnded: true,
    };
  },
};

const forcePasswordReset: CommandSpec = {
  kind: AdminCommandKind.FORCE_PASSWORD_RESET,
  action: 'admin.user.forcePasswordReset',
  parse: noArgs,
  async check(run) {
    if (run.mode === 'schedule') return null;
    if (run.user.status !== UserStatus.ACTIVE) return userError('DISABLED', 'A disabled user cannot reset a password: enable them first.');
    return null;
  },
  async apply({ tx, config, user }) {
    const before = user.mustChangePassword;
    user.mustChangePassword = true;
    const sessions = await revokeUserSessions(tx, user.id, 'PASSWORD_RESET');
    await issuePasswordReset(tx, config, user);
    return {
      message: `${user.name} must choose a new password at next sign-in; ${sessions} session(s) ended and a reset link was mailed.`,
      changes: { mustChangePassword: { before, after: true }, sessionsEnded: { before: null, after: sessions }, resetMailed: { before: null, after: true } },
      accessEnded: true,
    };
  },
};

interface NotifyPayload {
  subject: string;
  message: string;
}

const notify: CommandSpec<NotifyPayload> = {
  kind: AdminCommandKind.NOTIFY,
  action: 'admin.user.notify',
  parse(args) {
    const fields: FieldError[] = [];
    const subject = checkText(args.subject, 'subject', SUBJECT_MIN, SUBJECT_MAX, fields);
    const message = checkText(args.message, 'message', MESSAGE_MIN, MESSAGE_MAX, fields);
    return fields.length > 0 ? { fields } : { payload: { subject, message } };
  },
  check: passes,
  async apply({ tx, actor, user }, { subject, message }) {
    const notification = tx.create(Notification, { user, kind: 'ADMIN_MESSAGE', subject, body: message });
    const mail = await enqueueMail(tx, {
      to: user.email,
      subject: `[PAMS] ${subject}`,
      text: [`Hello ${user.name},`, '', message, '', `— ${actor.name}, PAMS admin`, ''].join('\n'),
    });
    return {
      message: `${user.name} was notified in the portal and by mail.`,
      changes: { notificationId: { before: null, after: notification.id }, mailId: { before: null, after: mail.id }, subject: { before: null, after: subject } },
    };
  },
};

interface ReviewPayload {
  title: string;
  description: string;
  dueDate: string;
  priority: number;
}

const scheduleReview: CommandSpec<ReviewPayload> = {
  kind: AdminCommandKind.SCHEDULE_REVIEW,
  action: 'admin.user.scheduleReview',
  parse(args) {
    const fields: FieldError[] = [];
    const title = checkText(args.title, 'title', SUBJECT_MIN, SUBJECT_MAX, fields);
    const description = checkText(args.description ?? '', 'description', 0, MESSAGE_MAX, fields);
    const dueDate = checkDate(args.dueDate, 'dueDate', fields);
    const priority = checkIntRange(args.priority, 'priority', 1, 5, fields);
    return fields.length > 0 ? { fields } : { payload: { title, description, dueDate, priority } };
  },
  async check(run, { dueDate }) {
    // Checked when asked for (against the day it takes effect); a late run still creates it.
    if (run.mode !== 'run' && dueDate < dateOf(run.at)) {
      return validationFailed([fieldError('dueDate', 'PAST', 'The due date must not be before the day the review is created.')]);
    }
    return null;
  },
  async apply({ tx, actor, user }, payload) {
    const task = tx.create(ReviewTask, { ...payload, owner: user, supervisor: actor });
    tx.create(Notification, {
      user,
      kind: 'REVIEW_ASSIGNED',
      subject: `Review: ${payload.title}`.slice(0, SUBJECT_MAX),
      body: `${actor.name} scheduled a review for you, due ${payload.dueDate} (priority ${payload.priority}).${payload.description ? `\n\n${payload.description}` : ''}`,
    });
    return { message: `A review "${payload.title}" is scheduled for ${user.name}, due ${payload.dueDate}.`, changes: { reviewTaskId: { before: null, after: task.id } } };
  },
};

interface RolePayload {
  role: Role;
}

const changeRole: CommandSpec<RolePayload> = {
  kind: AdminCommandKind.CHANGE_ROLE,
  action: 'admin.user.changeRole',
  parse(args) {
    const role = args.role as Role;
    if (!ALL_ROLES.includes(role)) return { fields: [fieldError('role', 'INVALID', 'Choose a role.')] };
    return { payload: { role } };
  },
  async check(run, { role }) {
    const demotes = run.user.role === Role.ADMIN && role !== Role.ADMIN;
    if (isSelf(run) && demotes) return forbidden('You cannot take the admin role from yourself.');
    if (run.mode === 'schedule') return null;
    if (run.user.role === role) return validationFailed([fieldError('role', 'UNCHANGED', `The user is already ${role}.`)]);
    if (demotes && run.user.status === UserStatus.ACTIVE && (await otherActiveAdmins(run.tx, run.user.id)) === 0) return lastAdmin();
    return null;
  },
  async apply({ user }, { role }) {
    const before = user.role;
    user.role = role;
    return { message: `${user.name} is now ${role}.`, changes: { role: { before, after: role } } };
  },
};

interface RegionsPayload {
  regionIds: string[];
  defaultRegionId: string | null;
}

const changeRegions: CommandSpec<RegionsPayload> = {
  kind: AdminCommandKind.CHANGE_REGIONS,
  action: 'admin.user.changeRegions',
  parse(args) {
    const fields: FieldError[] = [];
    const given = Array.isArray(args.regionIds) ? (args.regionIds as unknown[]) : null;
    if (!given || given.some((id) => !isUuid(id))) fields.push(fieldError('regionIds', 'INVALID', 'Choose regions from the list.'));
    const regionIds = [...new Set((given ?? []).filter(isUuid))].sort();
    if (regionIds.length > MAX_REGIONS) fields.push(fieldError('regionIds', 'TOO_MANY', `Choose at most ${MAX_REGIONS} regions.`));
    const defaultRegionId = (args.defaultRegionId as string | null | undefined) ?? null;
    if (defaultRegionId !== null && !regionIds.includes(defaultRegionId)) {
      fields.push(fieldError('defaultRegionId', 'NOT_IN_REGIONS', 'The default region must be one of the user\'s regions.'));
    }
    return fields.length > 0 ? { fields } : { payload: { regionIds, defaultRegionId } };
  },
  async check(run, { regionIds }) {
    const found = regionIds.length === 0 ? 0 : await run.tx.count(Region, { id: { $in: regionIds } });
    if (found !== regionIds.length) return validationFailed([fieldError('regionIds', 'UNKNOWN', 'One of the regions no longer exists.')]);
    return null;
  },
  async apply({ tx, user }, { regionIds, defaultRegionId }) {
    const before = user.regions.getItems().map((r) => r.id).sort();
    user.regions.set(regionIds.map((id) => tx.getReference(Region, id)));
    user.defaultRegion = defaultRegionId ? tx.getReference(Region, defaultRegionId) : null;
    return { message: `${user.name}'s regions are changed.`, changes: { regionIds: { before, after: regionIds } } };
  },
};

/** Every command by kind. */
export const COMMANDS: Record<AdminCommandKind, CommandSpec<object>> = {
  [AdminCommandKind.DISABLE]: disable,
  [AdminCommandKind.ENABLE]: enable,
  [AdminCommandKind.REVOKE_ACCESS]: revokeAccess,
  [AdminCommandKind.FORCE_PASSWORD_RESET]: forcePasswordReset,
  [AdminCommandKind.NOTIFY]: notify as CommandSpec<object>,
  [AdminCommandKind.SCHEDULE_REVIEW]: scheduleReview as CommandSpec<object>,
  [AdminCommandKind.CHANGE_ROLE]: changeRole as CommandSpec<object>,
  [AdminCommandKind.CHANGE_REGIONS]: changeRegions as CommandSpec<object>,
};
