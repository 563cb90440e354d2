import { Field, GraphQLISODateTime, ID, InputType } from 'type-graphql';

/** Every given criterion must hold (AND). */
@InputType('AuditEventFilter')
export class AuditEventFilter {
  @Field(() => ID, { nullable: true })
  actorId?: string | null;

  @Field(() => String, { nullable: true, description: 'Exact action, e.g. `User.updated`.' })
  action?: string | null;

  @Field(() => String, { nullable: true })
  entityType?: string | null;

  @Field(() => String, { nullable: true })
  entityId?: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Events at or after this time.' })
  from?: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Events before this time.' })
  to?: Date | null;
}
