import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { ActivityCategory, ActivityType, CallType, PocAccessType, RfxType } from '@pams/shared-util';
import { ActivityChangeOp } from '../activity-enums.js';

/**
 * A whole activity as the form holds it: an update replaces every field with what is sent.
 * Fields that do not apply to the type (a call type on a SOW, a name on an external activity) are
 * stored as null. Dates are YYYY-MM-DD.
 */
@InputType('ActivityInput')
export class ActivityInput {
  @Field(() => String, { nullable: true, description: "Create: defaults to the viewer's last logged date, else today (P-001). Update: null keeps the date." })
  date?: string | null;

  @Field(() => ActivityCategory, { nullable: true, description: 'Derived from the type when not given; must match it when given.' })
  category?: ActivityCategory | null;

  @Field(() => ActivityType)
  type!: ActivityType;

  @Field(() => ID, { nullable: true, description: 'Create only: log for another user (managers in their regions, admins). Defaults to the viewer.' })
  ownerId?: string | null;

  @Field(() => ID, { nullable: true })
  accountId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Chosen automatically when the account has exactly one project (P-004).' })
  projectId?: string | null;

  @Field(() => Int, { nullable: true, description: 'Whole days, 0–31. Give this or effortHours, not both.' })
  effortDays?: number | null;

  @Field(() => Float, { nullable: true, description: 'Hours in steps of 0.5, 0–24.' })
  effortHours?: number | null;

  @Field(() => CallType, { nullable: true })
  callType?: CallType | null;

  @Field(() => String, { nullable: true })
  minutesOfMeeting?: string | null;

  @Field(() => String, { nullable: true })
  sowLink?: string | null;

  @Field(() => PocAccessType, { nullable: true })
  pocAccessType?: PocAccessType | null;

  @Field(() => String, { nullable: true })
  pocUseCase?: string | null;

  @Field(() => String, { nullable: true })
  pocStartDate?: string | null;

  @Field(() => String, { nullable: true })
  pocEndDate?: string | null;

  @Field(() => RfxType, { nullable: true })
  rfxType?: RfxType | null;

  @Field(() => String, { nullable: true })
  submissionDeadline?: string | null;

  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  topic?: string | null;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => [String], { nullable: true, description: 'Warnings the user has accepted, e.g. ENABLEMENT_WITHOUT_EFFORT (P-003).' })
  acknowledgeWarnings?: string[] | null;
}

@InputType('CreateActivityInput')
export class CreateActivityInput extends ActivityInput {
  @Field(() => ID, { description: 'A uuid made by the client: retrying the same create returns the same activity.' })
  id!: string;
}

/** One row of a batch: a create (id = the new client id), an update or a delete of the named id. */
@InputType('ActivityChangeInput')
export class ActivityChangeInput {
  @Field(() => ActivityChangeOp)
  op!: ActivityChangeOp;

  @Field(() => ID)
  id!: string;

  @Field(() => Int, { nullable: true, description: 'Required for UPDATE and DELETE: the version the edit started from.' })
  expectedVersion?: number | null;

  @Field(() => ActivityInput, { nullable: true, description: 'Required for CREATE and UPDATE.' })
  input?: ActivityInput | null;

  @Field(() => ID, { nullable: true, description: 'The draft this change retries: discarded when the change applies, brought up to date when it conflicts again.' })
  draftId?: string | null;
}
