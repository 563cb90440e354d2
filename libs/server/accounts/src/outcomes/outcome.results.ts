import { createUnionType, Field, ObjectType } from 'type-graphql';
import { Forbidden, NotFound, UserError, ValidationFailed } from '@pams/server-core';
import type { OutcomeNode } from '../shared/read-model.nodes.js';
import { OutcomeType } from './outcome.type.js';

/** The edit started from an older version: nothing was saved; `current` is the server's copy. */
@ObjectType({ implements: UserError, simpleResolvers: true })
export class OutcomeVersionConflict implements UserError {
  @Field(() => String)
  message!: string;

  @Field(() => OutcomeType)
  current!: OutcomeNode;
}

/** A project has one outcome: recording another is refused; edit `current` with updateOutcome. */
@ObjectType({ implements: UserError, simpleResolvers: true })
export class OutcomeAlreadyRecorded implements UserError {
  @Field(() => String)
  message!: string;

  @Field(() => OutcomeType)
  current!: OutcomeNode;
}

export const RecordOutcomeResult = createUnionType({
  name: 'RecordOutcomeResult',
  types: () => [OutcomeType, ValidationFailed, OutcomeAlreadyRecorded, Forbidden] as const,
});

export const UpdateOutcomeResult = createUnionType({
  name: 'UpdateOutcomeResult',
  types: () => [OutcomeType, ValidationFailed, OutcomeVersionConflict, Forbidden, NotFound] as const,
});

export function asOutcome(node: OutcomeNode): OutcomeType {
  return Object.assign(new OutcomeType(), node);
}

export function outcomeConflict(current: OutcomeNode): OutcomeVersionConflict {
  return Object.assign(new OutcomeVersionConflict(), {
    message: 'Someone changed this outcome since you opened it. Nothing was saved: compare and try again.',
    current,
  });
}

export function outcomeAlreadyRecorded(current: OutcomeNode): OutcomeAlreadyRecorded {
  return Object.assign(new OutcomeAlreadyRecorded(), {
    message: 'This project already has an outcome: edit that one instead.',
    current,
  });
}
