import { Field, ID, ObjectType } from 'type-graphql';
import { Role } from '@pams/shared-util';
import { ActivityScope } from '../activity-enums.js';

@ObjectType('BootstrapViewer', { simpleResolvers: true })
export class BootstrapViewer {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  email!: string;

  @Field(() => String)
  name!: string;

  @Field(() => Role)
  role!: Role;

  @Field(() => [ID])
  regionIds!: string[];

  @Field(() => ID, { nullable: true, description: 'The region new activities are logged in.' })
  defaultRegionId!: string | null;
}

/** An entry of an admin-managed list (regions, industries, products). */
@ObjectType('ReferenceOption', { simpleResolvers: true })
export class ReferenceOption {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;
}

@ObjectType('UseCaseOption', { simpleResolvers: true })
export class UseCaseOption {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { description: 'SUPPORT, COMMERCE, MARKETING or OTHER.' })
  bucket!: string;

  @Field(() => ID, { nullable: true, description: 'Set for an industry-specific (secondary) use case.' })
  industryId!: string | null;
}

/** A ready-made filter of the month view: pass `{ scope }` as the ActivityFilter. */
@ObjectType('ActivityPreset', { simpleResolvers: true })
export class ActivityPreset {
  @Field(() => String)
  id!: string;

  @Field(() => String)
  label!: string;

  @Field(() => ActivityScope)
  scope!: ActivityScope;
}

/** Everything the portal needs for its first paint, in one query (B-004). */
@ObjectType('Bootstrap', { simpleResolvers: true })
export class Bootstrap {
  @Field(() => BootstrapViewer)
  viewer!: BootstrapViewer;

  @Field(() => String, { description: "The server's date (UTC), YYYY-MM-DD." })
  today!: string;

  @Field(() => String, { nullable: true, description: 'The date of the last activity the viewer logged (B-003).' })
  lastLoggedDate!: string | null;

  @Field(() => String, { description: 'The date a new activity starts with: the last logged date, else today (P-001).' })
  defaultActivityDate!: string;

  @Field(() => [ReferenceOption])
  regions!: ReferenceOption[];

  @Field(() => [ReferenceOption], { description: 'Active industries, by name.' })
  industries!: ReferenceOption[];

  @Field(() => [UseCaseOption], { description: 'Active use cases, by name.' })
  useCases!: UseCaseOption[];

  @Field(() => [ReferenceOption], { description: 'Active products, by name.' })
  products!: ReferenceOption[];

  @Field(() => [ActivityPreset])
  presets!: ActivityPreset[];

  @Field(() => String, { description: 'The id of the preset the month view opens with.' })
  defaultPresetId!: string;
}
