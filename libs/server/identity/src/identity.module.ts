import type { ServerModule } from '@pams/server-core';
import { AccessTokenResolver } from './access-tokens/access-token.resolver.js';
import { AccessToken } from './entities/access-token.entity.js';
import { PasswordReset } from './entities/password-reset.entity.js';
import { Region } from './entities/region.entity.js';
import { Session } from './entities/session.entity.js';
import { User } from './entities/user.entity.js';
import { PasswordResolver } from './password/password.resolver.js';
import { SessionResolver } from './sessions/session.resolver.js';
import { SignInResolver } from './sign-in/sign-in.resolver.js';
import { ViewerResolver } from './viewer/viewer.resolver.js';

export const identityModule: ServerModule = {
  name: 'identity',
  entities: [Region, User, Session, AccessToken, PasswordReset],
  resolvers: [ViewerResolver, SignInResolver, SessionResolver, PasswordResolver, AccessTokenResolver],
};
