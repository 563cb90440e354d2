import { Field, GraphQLISODateTime, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ReviewTaskStatus } from '../entities/review-task.entity.js';
import { UserRef } from '../users/user-ref.type.js';

registerEnumType(ReviewTaskStatus, { name: 'ReviewTaskStatus' });

@ObjectType('ReviewTask', { simpleResolvers: true })
export class ReviewTaskType {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  version!: number;

  @Field(() => String)
  title!: string;

  @Field(() => String)
  description!: string;

  @Field(() => String, { description: 'YYYY-MM-DD.' })
  dueDate!: string;

  @Field(() => Int, { description: '1 (highest) to 5.' })
  priority!: number;

  @Field(() => ReviewTaskStatus)
  status!: ReviewTaskStatus;

  @Field(() => UserRef, { description: 'Whose review it is.' })
  owner!: UserRef;

  @Field(() => UserRef, { description: 'The admin who supervises it.' })
  supervisor!: UserRef;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;
}

@InputType()
export class ReviewTaskInput {
  @Field(() => String, { description: '3–160 characters.' })
  title!: string;

  @Field(() => String, { nullable: true, description: 'At most 5,000 characters.' })
  description?: string | null;

  @Field(() => String, { description: 'YYYY-MM-DD, today or later (or on/after the day a scheduled review is created).' })
  dueDate!: string;

  @Field(() => Int, { description: '1 (highest) to 5.' })
  priority!: number;
}

@InputType()
export class NotifyUserInput {
  @Field(() => String, { description: '3–160 characters.' })
  subject!: string;

  @Field(() => String, { description: '3–5,000 characters.' })
  message!: string;
}
