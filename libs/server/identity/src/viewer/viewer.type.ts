import { Field, ID, ObjectType } from 'type-graphql';
import { Role } from '@pams/shared-util';

/** The signed-in user as the portal sees itself. */
@ObjectType('Viewer', { simpleResolvers: true })
export class ViewerType {
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

  @Field(() => Boolean)
  mustChangePassword!: boolean;

  @Field(() => String, { description: 'SESSION for the portal, TOKEN for a personal access token.' })
  authenticatedBy!: string;
}
