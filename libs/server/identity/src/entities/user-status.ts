import { registerEnumType } from 'type-graphql';
import { Role } from '@pams/shared-util';

export enum UserStatus {
  ACTIVE = 'ACTIVE',
  DISABLED = 'DISABLED',
}

registerEnumType(UserStatus, { name: 'UserStatus', description: 'A disabled user cannot sign in.' });
registerEnumType(Role, { name: 'Role', description: 'What a user may see and change (PRODUCT.md, "Who uses it").' });
