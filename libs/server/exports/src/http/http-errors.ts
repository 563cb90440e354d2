import { GraphQLError } from 'graphql';

/** The codes a download answers as the GraphQL API would name them, with their HTTP status. */
export const STATUS_OF_CODE: Record<string, number> = { BAD_USER_INPUT: 400, UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, NOT_READY: 409 };

/** A service's public error (BAD_USER_INPUT, FORBIDDEN…), or undefined for anything unexpected. */
export function publicCodeOf(error: unknown): { code: string; status: number; message: string } | undefined {
  if (!(error instanceof GraphQLError)) return undefined;
  const code = String(error.extensions.code ?? '');
  const status = STATUS_OF_CODE[code];
  return status ? { code, status, message: error.message } : undefined;
}
