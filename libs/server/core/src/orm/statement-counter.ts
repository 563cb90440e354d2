/**
 * Counts SQL statements sent through MikroORM. Tests and benchmarks read it to prove that the
 * number of statements of a request does not grow with its page size, or that a refused
 * request ran none.
 */
let statements = 0;

export function countStatement(): void {
  statements += 1;
}

export function statementCount(): number {
  return statements;
}
