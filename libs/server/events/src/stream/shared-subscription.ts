import { print } from 'graphql-sse';
import {
  execute,
  getOperationAST,
  getVariableValues,
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

/** The streams of one shape, and the execution arguments their frames are made with. */
export interface LiveShape {
  readonly key: string;
  /** A stream of the shape ended: the last one takes the shape (and the arguments it holds) away. */
  release(): void;
}

interface ShapeEntry {
  args: ExecutionArgs;
  streams: number;
}

/**
 * The SSE frames of live messages, made once per message and shape: the first stream of a shape to
 * write a message executes the subscription's selection on it (graphql `execute` with the message as
 * root, as graphql's own subscribe does for each event) and every other stream of that shape writes
 * the same frame. A shape executes with the document and variables of the stream that opened it (equal,
 * for every field's answer, to any other stream's of the shape) and a context shared by all of them (the
 * share key and a viewer of their role), kept while any stream of the shape is open: no stream's request,
 * response or session outlives it. Frames are keyed weakly by message.
 */
export class LiveFrames {
  private readonly frames = new WeakMap<object, Map<string, MaybePromise<string>>>();
  private readonly shapes = new Map<string, ShapeEntry>();
  private readonly documentIds = new WeakMap<DocumentNode, number>();
  private nextDocumentId = 0;

  constructor(private readonly documents: SubscriptionDocuments) {}

  /** Number of distinct shapes with an open stream. */
  get size(): number {
    return this.shapes.size;
  }

  /**
   * Joins a stream to the shape of its execution arguments. A new shape keeps the arguments with
   * `sharedContext` as their context — what every stream of the shape has in common (its share key
   * and a viewer of that role) — so it never holds one stream's request, response or session.
   */
  join(args: ExecutionArgs, sharedContext: ShareableContext): LiveShape {
    const key = this.keyOf(args);
    const entry = this.shapes.get(key);
    if (entry) entry.streams += 1;
    else this.shapes.set(key, { args: { ...args, contextValue: sharedContext }, streams: 1 });
    let released = false;
    return {
      key,
      release: () => {
        if (released) return;
        released = true;
        const current = this.shapes.get(key);
        if (current && --current.streams === 0) this.shapes.delete(key);
      },
    };
  }

  /** The `next` frame of `message` for the streams of `shape`. */
  frame(message: { cursor: string | null }, shape: LiveShape): MaybePromise<string> {
    let byShape = this.frames.get(message);
    if (!byShape) {
      byShape = new Map();
      this.frames.set(message, byShape);
    }
    const known = byShape.get(shape.key);
    if (known !== undefined) return known;
    const entry = this.shapes.get(shape.key);
    if (!entry) throw new Error('live stream: frame asked for a released shape');
    const shapes = byShape;
    const made = Promise.resolve(execute({ ...entry.args, rootValue: message })).then((result) => {
      const frame = nextFrame(message.cursor, result);
      // Later streams of the shape write it without waiting.
      shapes.set(shape.key, frame);
      return frame;
    });
    byShape.set(shape.key, made);
    return made;
  }

  /** Streams of one key get the same answer for a message: same document, variables it reads, authorization inputs. */
  private keyOf(args: ExecutionArgs): string {
    const shareKey = (args.contextValue as ShareableContext | undefined)?.shareKey;
    if (shareKey === undefined) throw new Error('live stream context without a shareKey');
    let documentId = this.documentIds.get(args.document);
    if (documentId === undefined) {
      documentId = this.nextDocumentId++;
      this.documentIds.set(args.document, documentId);
    }
    // The values the execution will see: coerced, with defaults, and an absent variable kept apart from an explicit null.
    const operation = getOperationAST(args.document, args.operationName);
    const coerced = getVariableValues(args.schema, operation?.variableDefinitions ?? [], args.variableValues ?? {});
    const values: Record<string, unknown> = coerced.coerced ?? {};
    const variables = this.documents.shapingVariables(args.document, args.operationName).map((name) => (name in values ? [values[name]] : []));
    return JSON.stringify([documentId, args.operationName ?? '', shareKey, coerced.errors ? 'invalid variables' : variables]);
  }
}

/** graphql-sse's `next` event, with the stream position as its SSE id (EventSource resumes from it). */
function nextFrame(cursor: string | null, result: ExecutionResult): string {
  return `${cursor === null ? '' : `id: ${cursor}\n`}${print({ event: 'next', data: result })}`;
}

/** graphql-sse's `complete` event: the server ended the stream. */
export const COMPLETE_FRAME = print({ event: 'complete', data: null });
