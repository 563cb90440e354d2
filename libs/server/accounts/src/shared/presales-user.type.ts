import { Field, ID, ObjectType } from 'type-graphql';
import type { PresalesUserNode } from './read-model.nodes.js';

/** A user as named on projects (owners) and outcomes (won by). */
@ObjectType('PresalesUser', { simpleResolvers: true })
export class PresalesUserType implements PresalesUserNode {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String)
  email!: string;
}
