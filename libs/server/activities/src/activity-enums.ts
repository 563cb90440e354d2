import { registerEnumType } from 'type-graphql';
import { ActivityCategory, ActivityType, CallType, PocAccessType, RfxType } from '@pams/shared-util';

/** Which activities a list starts from before its filters narrow it (P-002, P-009). */
export enum ActivityScope {
  MINE = 'MINE',
  REGION = 'REGION',
  ALL = 'ALL',
}

export enum ActivityChangeOp {
  CREATE = 'CREATE',
  UPDATE = 'UPDATE',
  DELETE = 'DELETE',
}

export enum ActivityChangeStatus {
  APPLIED = 'APPLIED',
  FAILED = 'FAILED',
  NOT_APPLIED = 'NOT_APPLIED',
}

// The domain vocabulary lives in @pams/shared-util (plain TypeScript); the schema names it here.
registerEnumType(ActivityCategory, { name: 'ActivityCategory', description: 'EXTERNAL (with a customer) or INTERNAL.' });
registerEnumType(ActivityType, { name: 'ActivityType', description: 'Its category is `categoryOf(type)`: the first six are EXTERNAL.' });
registerEnumType(CallType, { name: 'CallType' });
registerEnumType(PocAccessType, { name: 'PocAccessType' });
registerEnumType(RfxType, { name: 'RfxType' });
registerEnumType(ActivityScope, {
  name: 'ActivityScope',
  description: "MINE: the viewer's own; REGION: activities logged in the viewer's regions; ALL: everyone's.",
});
registerEnumType(ActivityChangeOp, { name: 'ActivityChangeOp' });
registerEnumType(ActivityChangeStatus, {
  name: 'ActivityChangeStatus',
  description: 'APPLIED: written (or, for a retried create, already there). FAILED: see `error`. NOT_APPLIED: valid, but the all-or-nothing batch was not written because another row failed.',
});
