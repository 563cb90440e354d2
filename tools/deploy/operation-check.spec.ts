import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildSchema, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { OPERATIONS_FILE } from '@pams/shared-remote-contract';
import { assertOperationsValid, checkOperations, OperationCheckError } from './operation-check.js';

const schema = buildSchema(`
  type Query { auditEvents(first: Int): [AuditEvent!]! }
  type AuditEvent { id: ID! action: String! }
  type Mutation { disableUser(userId: ID!): Boolean! }
`);
// Documents as a build lists them: the precompiled AST (codegen keeps no locations), as JSON.
const built = (name: string, source: string) => ({ name, document: JSON.parse(JSON.stringify(parse(source, { noLocation: true }))) as unknown });

describe('operation check before publishing', () => {
  it('passes operations that validate', () => {
    expect(checkOperations(schema, [built('AuditEvents', 'query AuditEvents { auditEvents(first: 5) { id action } }')])).toEqual([]);
  });

  it('names each operation that does not validate, with graphql’s message', () => {
    const problems = checkOperations(schema, [
      built('AuditEvents', 'query AuditEvents { auditEvents { id actorId } }'),
      built('DisableUser', 'mutation DisableUser($id: ID!) { disableUser(id: $id) }'),
      built('Fine', 'query Fine { auditEvents { id } }'),
    ]);
    expect(problems.map((p) => p.operation)).toEqual(['AuditEvents', 'DisableUser']);
    expect(problems[0].errors).toEqual(['Cannot query field "actorId" on type "AuditEvent".']);
    expect(problems[1].errors.join(' ')).toContain('Unknown argument "id" on field "Mutation.disableUser".');
    expect(problems[1].errors.join(' ')).toContain('argument "userId" of type "ID!" is required');
  });

  it('refuses a build directory whose operations do not validate, and one without the operations file', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pams-op-check-'));
    try {
      await fs.writeFile(path.join(dir, 'schema.graphql'), 'type Query { auditEvents: [String!]! }');
      await expect(assertOperationsValid('admin', dir, path.join(dir, 'schema.graphql'))).rejects.toThrow(`admin: not published. The build has no ${OPERATIONS_FILE}`);

      await fs.writeFile(path.join(dir, OPERATIONS_FILE), JSON.stringify({ documents: [built('AdminUsers', 'query AdminUsers { adminUsers { id } }')] }));
      const refusal = await assertOperationsValid('admin', dir, path.join(dir, 'schema.graphql')).catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(OperationCheckError);
      expect((refusal as Error).message).toContain('AdminUsers: Cannot query field "adminUsers" on type "Query".');

      await fs.writeFile(path.join(dir, OPERATIONS_FILE), JSON.stringify({ documents: [built('Events', 'query Events { auditEvents }')] }));
      await expect(assertOperationsValid('admin', dir, path.join(dir, 'schema.graphql'))).resolves.toBe(1);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
