import {
  createSourceEventStream,
  execute,
  getOperationAST,
  Kind,
  parse,
  validate,
  visit,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLError,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';

/**
 * What lets one process hold thousands of live streams (docs/benchmarks.md, "Live events"): every
 * stream of the same subscription text shares one parsed and validated document, and an event
 * offered to many streams is executed once per *shape* — the same document, the same values of the
 * variables its selection reads, the same authorization inputs — instead of once per stream.
 *
 * Sharing an execution is sound only because the live message's fields are plain data
 * (`simpleResolvers`, no field reads the context) and the root field's per-event resolve returns its
 * root without reading its arguments (`after` only positions the stream when it opens). A field
 * that depends on the viewer must join `ShareableContext.shareKey`, or the type must stop sharing.
 */

/** Query texts longer than this are parsed per stream (and not kept). */
const MAX_CACHED_QUERY_LENGTH = 16 * 1024;
/** Distinct query texts kept; the oldest is dropped first. */
const MAX_CACHED_DOCUMENTS = 100;

interface CachedDocument {
  document: DocumentNode;
  /** Per operation name: the variables its selection reads below the root field's arguments. */
  shapingVariables: Map<string, readonly string[]>;
}

/** Parses a query text once per process; a syntax error is not cached (graphql-sse answers it). */
export class SubscriptionDocuments {
  private readonly byQuery = new Map<string, CachedDocument>();
  private readonly byDocument = new WeakMap<DocumentNode, CachedDocument>();
  private readonly validated = new WeakMap<DocumentNode, readonly GraphQLError[]>();

  /** The document of `query`, or undefined when it does not parse. */
  document(query: string): DocumentNode | undefined {
    const cached = this.byQuery.get(query);
    if (cached) return cached.document;
    let document: DocumentNode;
    try {
      document = parse(query);
    } catch {
      return undefined;
    }
    const entry: CachedDocument = { document, shapingVariables: new Map() };
    this.byDocument.set(document, entry);
    if (query.length <= MAX_CACHED_QUERY_LENGTH) {
      if (this.byQuery.size >= MAX_CACHED_DOCUMENTS) this.byQuery.delete(this.byQuery.keys().next().value!);
      this.byQuery.set(query, entry);
    }
    return document;
  }

  /** graphql's `validate`, once per document. */
  validate(schema: GraphQLSchema, document: DocumentNode): readonly GraphQLError[] {
    let errors = this.validated.get(document);
    if (!errors) {
      errors = validate(schema, document);
      this.validated.set(document, errors);
    }
    return errors;
  }

  /** The variables that can change what one event's execution answers (not the root field's arguments). */
  shapingVariables(document: DocumentNode, operationName: string | null | undefined): readonly string[] {
    const entry = this.byDocument.get(document);
    const key = operationName ?? '';
    const known = entry?.shapingVariables.get(key);
    if (known) return known;
    const found = variablesBelowRoot(document, getOperationAST(document, operationName));
    entry?.shapingVariables.set(key, found);
    return found;
  }
}

function variablesBelowRoot(document: DocumentNode, operation: OperationDefinitionNode | null | undefined): string[] {
  const names = new Set<string>();
  const collect = (node: Parameters<typeof visit>[0]) =>
    visit(node, {
      Variable: (variable) => {
        names.add(variable.name.value);
      },
    });
  if (!operation) return [];
  for (const directive of operation.directives ?? []) collect(directive);
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      // The root field's arguments position the stream (read by its `subscribe`), not each event's answer.
      for (const directive of selection.directives ?? []) collect(directive);
      if (selection.selectionSet) collect(selection.selectionSet);
    } else {
      collect(selection);
    }
  }
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) collect(definition);
  }
  return [...names].sort();
}

/** The part of a stream's context that decides whether its events may share another stream's execution. */
export interface ShareableContext {
  /** Equal keys: the authorization of every field comes out the same (e.g. role and must-change-password). */
  shareKey?: string;
}

type MaybePromise<T> = T | Promise<T>;

/**
 * graphql's `subscribe` for graphql-sse, with one execution per event and shape: the source stream
 * (the root field's `subscribe`) is made per stream as usual; each event it yields is executed once
 * per shape and the same result is handed to every stream of that shape.
 */
export function sharedSubscribe(documents: SubscriptionDocuments) {
  const executions = new WeakMap<object, Map<string, MaybePromise<ExecutionResult>>>();
  const documentIds = new WeakMap<DocumentNode, number>();
  let nextDocumentId = 0;
  const documentId = (document: DocumentNode): number => {
    let id = documentIds.get(document);
    if (id === undefined) {
      id = nextDocumentId++;
      documentIds.set(document, id);
    }
    return id;
  };

  return async (args: ExecutionArgs): Promise<ExecutionResult | AsyncGenerator<ExecutionResult>> => {
    const source = await createSourceEventStream(args);
    if (!isAsyncIterable(source)) return source;
    const shareKey = (args.contextValue as ShareableContext | undefined)?.shareKey;
    const shape =
      shareKey === undefined
        ? undefined
        : JSON.stringify([
            documentId(args.document),
            args.operationName ?? '',
            shareKey,
            documents.shapingVariables(args.document, args.operationName).map((name) => args.variableValues?.[name] ?? null),
          ]);
    const run = (payload: unknown): MaybePromise<ExecutionResult> => execute({ ...args, rootValue: payload });
    return mapEvents(source, (payload) => {
      if (shape === undefined || typeof payload !== 'object' || payload === null) return run(payload);
      let byShape = executions.get(payload);
      if (!byShape) {
        byShape = new Map();
        executions.set(payload, byShape);
      }
      let result = byShape.get(shape);
      if (!result) {
        result = run(payload);
        byShape.set(shape, result);
      }
      return result;
    });
  };
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

/**
 * Maps a source stream as graphql's own subscribe does: `return()` reaches the source at once (an
 * async generator would wait for the source's pending `next()`, up to a heartbeat), and a failing
 * map ends the source.
 */
function mapEvents<T>(source: AsyncIterable<unknown>, map: (payload: unknown) => MaybePromise<T>): AsyncGenerator<T> {
  const iterator = source[Symbol.asyncIterator]();
  const end = async (): Promise<IteratorResult<T>> => {
    if (typeof iterator.return === 'function') await iterator.return();
    return { done: true, value: undefined };
  };
  const step = async (result: IteratorResult<unknown>): Promise<IteratorResult<T>> => {
    if (result.done) return { done: true, value: undefined };
    try {
      return { done: false, value: await map(result.value) };
    } catch (error) {
      await end().catch(() => undefined);
      throw error;
    }
  };
  const mapped: AsyncGenerator<T> = {
    next: () => iterator.next().then(step),
    return: end,
    async throw(error?: unknown) {
      if (typeof iterator.throw === 'function') return iterator.throw(error).then(step);
      await end();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return mapped;
    },
  };
  return mapped;
}
