import { registerEnumType } from 'type-graphql';
import { AccountKind, OutcomeResult, ProjectStatus } from '@pams/shared-util';

registerEnumType(ProjectStatus, { name: 'ProjectStatus', description: 'WON and LOST come from recording an outcome; ACTIVE drops it.' });
registerEnumType(OutcomeResult, { name: 'OutcomeResult' });
registerEnumType(AccountKind, { name: 'AccountKind', description: 'Whether a win is with a new or an existing customer.' });
