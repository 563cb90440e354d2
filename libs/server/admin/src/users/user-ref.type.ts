import { Field, ID, ObjectType } from 'type-graphql';

/** Who a command, task or notification names: enough to show and link them. */
@ObjectType('AdminUserRef', { simpleResolvers: true })
export class UserRef {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String)
  email!: string;
}
