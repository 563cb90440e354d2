import { registerEnumType } from 'type-graphql';
import { Currency, UseCaseBucket } from '@pams/shared-util';

// Registered once here; the accounts domain (outcomes) uses Currency through this registration.
registerEnumType(Currency, { name: 'Currency', description: 'Currencies of deals and sales reps; USD is the reporting currency.' });
registerEnumType(UseCaseBucket, { name: 'UseCaseBucket', description: 'Primary bucket of a use case.' });
