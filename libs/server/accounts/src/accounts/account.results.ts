import { createUnionType, Field, ObjectType } from 'type-graphql';
import { Forbidden, NotFound, UserError, ValidationFailed } from '@pams/server-core';
import type { AccountNode } from '../shared/read-model.nodes.js';
import { AccountType } from './account.type.js';

/** The edit started from an older version: nothing was saved; `current` is the server's copy. */
@ObjectType({ implements: UserError, simpleResolvers: true })
export class AccountVersionConflict implements UserError {
  @Field(() => String)
  message!: string;

  @Field(() => AccountType)
  current!: AccountNode;
}

export const CreateAccountResult = createUnionType({
  name: 'CreateAccountResult',
  types: () => [AccountType, ValidationFailed, Forbidden] as const,
});

export const UpdateAccountResult = createUnionType({
  name: 'UpdateAccountResult',
  types: () => [AccountType, ValidationFailed, AccountVersionConflict, Forbidden, NotFound] as const,
});

/** Union members are told apart by class: wrap the plain read model once at the top. */
export function asAccount(node: AccountNode): AccountType {
  return Object.assign(new AccountType(), node);
}

export function accountConflict(current: AccountNode): AccountVersionConflict {
  return Object.assign(new AccountVersionConflict(), {
    message: 'Someone changed this account since you opened it. Nothing was saved: compare and try again.',
    current,
  });
}
