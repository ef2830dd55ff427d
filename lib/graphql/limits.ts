import { BREAK, type DocumentNode, GraphQLError, type GraphQLSchema, parse, type ParseOptions, type Source, visit } from "graphql";
import { isAsyncIterable, mapAsyncIterator, type Plugin } from "graphql-yoga";
import { envelopDocument, envelopOperationName, envelopVariables } from "./envelop-values";
import { withTableCode } from "./errors";
import { ANONYMOUS_LIMITS, checkDocumentShape, checkSource, checkVariables, documentCost, GRAPHQL_LIMITS, tooComplex } from "./document-limits";
import { settledAdmission } from "./admit-request";
import { responseMeta } from "../limits/response-meta";
import { env } from "../env";

/**
 * Introspection (`__schema`, `__type`) is on unless DOITONG_INTROSPECTION=off: GraphiQL's docs and code completion
 * need it. Turning it off in production hides the schema from anyone probing the endpoint; `__typename` stays.
 */
export function introspectionEnabled(): boolean {
  return env().DOITONG_INTROSPECTION.toLowerCase() !== "off";
}

/**
 * Hostile or broken requests are refused with QUERY_TOO_COMPLEX (or INVALID_INPUT) before they cost real work, in
 * the order the work happens: body size and batch length while the request is read; document size, tokens, bracket
 * nesting and variables before parsing; depth, aliases and definitions before validation; and cost (which depends
 * on `first` variables) just before execution. The request has been counted against its caller's limit by then
 * (lib/graphql/admission.ts, registered before this one, which also says whether the smaller ANONYMOUS_LIMITS
 * apply): a flood of refused documents is limited like any other. This is the only body-size check: Yoga's own
 * (maxRequestBodySize, off in yoga.ts) piped every body through a stream and a second Request to do what
 * readableParser does here only for bodies without a length. Every error in batched and streamed answers
 * gets its table code here too, and responses lose Yoga's credentialed CORS.
 */
export function useRequestLimits(schema: GraphQLSchema): Plugin {
  const introspection = introspectionEnabled();
  return {
    onRequestParse({ request, requestParser, setRequestParser, endResponse }) {
      const maxBytes = limitsFor(request).maxBodyBytes;
      const length = request.headers.get("content-length");
      if (length !== null && !/^\d+$/.test(length)) {
        // Node refuses these before we see them; a host that passes one on must not skip the size check with it.
        throw new GraphQLError("The Content-Length header is invalid", { extensions: { code: "INVALID_INPUT", field: "content-length", http: { status: 400 } } });
      }
      if (length !== null && Number(length) > maxBytes) throw bodyTooLarge(maxBytes);
      // Yoga answers an unknown content type with a bare 415; say what is accepted, with a code.
      if (!requestParser && request.method === "POST") endResponse(unsupportedMediaType(request.headers.get("content-type")));
      // Yoga's GET and form parsers JSON.parse `variables`/`extensions` unguarded: a typo there is the client's, not ours.
      else if (requestParser) setRequestParser(readableParser(requestParser, maxBytes));
      return {
        onRequestParseDone({ requestParserResult }) {
          if (Array.isArray(requestParserResult) && requestParserResult.length > GRAPHQL_LIMITS.maxBatch) {
            throw tooComplex("batch", GRAPHQL_LIMITS.maxBatch, `A batch may hold at most ${GRAPHQL_LIMITS.maxBatch} operations; this one has ${requestParserResult.length}`);
          }
        },
      };
    },
    onParams({ params, request }) {
      if (!params || typeof params !== "object") return; // Yoga refuses it next, with a code
      const { maxDocumentChars, maxTokens } = limitsFor(request);
      if (typeof params.query === "string" && params.query.length > maxDocumentChars) {
        throw tooComplex("document", maxDocumentChars, `The query text is longer than ${maxDocumentChars} characters: send large inputs as variables`);
      }
      // Before parsing: lexing is a loop, while parsing and validating recurse (errors thrown here, and below,
      // answer HTTP 400 whatever the Accept header; GraphQL's own validation errors may answer 200 for plain JSON).
      if (typeof params.query === "string") checkSource(params.query, maxTokens);
      const error = checkVariables(params.variables, "Variables") ?? checkVariables(params.extensions, "Extensions");
      if (error) throw error;
    },
    onParse({ setParseFn }) {
      setParseFn((source: string | Source, options?: ParseOptions) => parse(source, { ...options, maxTokens: GRAPHQL_LIMITS.maxTokens }));
    },
    onValidate({ params }) {
      const document = envelopDocument(params.documentAST);
      const shape = checkDocumentShape(document);
      if (shape) throw shape;
      if (!introspection && asksForIntrospection(document)) {
        throw new GraphQLError("Introspection is turned off on this server (DOITONG_INTROSPECTION=off)", {
          extensions: { code: "INVALID_INPUT", field: "query", http: { status: 400 } },
        });
      }
      // "Did you mean …" names fields and types: with introspection off, validation errors must not leak them either.
      if (!introspection) return ({ result, setResult }) => setResult(result.map(withoutSuggestion));
      return undefined;
    },
    onExecute({ args }) {
      throwIfTooCostly(schema, envelopDocument(args.document), envelopOperationName(args.operationName), envelopVariables(args.variableValues));
    },
    onSubscribe({ args }) {
      throwIfTooCostly(schema, envelopDocument(args.document), envelopOperationName(args.operationName), envelopVariables(args.variableValues));
    },
    onResultProcess(payload) {
      const { result } = payload;
      // Every error carries a table code in batched and streamed (SSE) answers too, not only in single ones; and
      // Yoga's own body-size errors (REQUEST_ENTITY_TOO_LARGE; its check is off, yoga.ts) would say our code too.
      if (Array.isArray(result)) payload.setResult(result.map(withCodes));
      else if (isAsyncIterable(result)) payload.setResult(mapAsyncIterator(result as AsyncIterable<ResultLike>, withCodes) as typeof result);
      else if (result && typeof result === "object") payload.setResult(withCodes(result));
    },
    onResponse({ request, response }) {
      // The API is called with keys, never with the browser's cookies from another site: Yoga's default CORS
      // reflects any origin *with* credentials, which would let another site's page read dashboard answers.
      response.headers.delete("access-control-allow-credentials");
      // Per-minute limits counted by this instance alone while Redis is unreachable (lib/limits/limiter.ts).
      const degraded = responseMeta(request).window?.degraded;
      if (degraded) response.headers.set("X-RateLimit-Degraded", degraded);
    },
  };
}

type ResultLike = { errors?: readonly unknown[] };

function withCodes<R extends ResultLike>(result: R): R {
  if (!result?.errors?.length) return result;
  const errors = result.errors.map((e) => {
    if (!(e instanceof GraphQLError)) return e;
    return e.extensions.code === "REQUEST_ENTITY_TOO_LARGE" ? bodyTooLarge() : withTableCode(e);
  });
  return { ...result, errors };
}

type RequestParser = (request: Request) => unknown;

/**
 * The chosen parser, reading a body without Content-Length through our size limit (one with it was checked
 * above, and Node holds the body to its length), and turning what Yoga's parsers throw unguarded (JSON.parse of
 * `variables` in a GET or form body) into INVALID_INPUT.
 */
function readableParser<P extends RequestParser>(parser: P, maxBytes: number): P {
  return (async (request: Request) => {
    let tooLarge = false;
    // The header first: a body the custom server has read already is not turned into a stream to ask (BufferedRequest).
    const limited = !request.headers.has("content-length") && request.body ? limitBody(request, maxBytes, () => (tooLarge = true)) : request;
    try {
      return await parser(limited);
    } catch (error) {
      if (tooLarge) throw bodyTooLarge(maxBytes);
      if (error instanceof GraphQLError) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      throw new GraphQLError(`The request could not be read: ${reason}`, { extensions: { code: "INVALID_INPUT", http: { status: 400 } } });
    }
  }) as P;
}

function limitBody(request: Request, maxBytes: number, onTooLarge: () => void): Request {
  let bytes = 0;
  const body = request.body!.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        bytes += chunk.byteLength;
        if (bytes > maxBytes) {
          onTooLarge();
          controller.error(bodyTooLarge(maxBytes));
          return;
        }
        controller.enqueue(chunk);
      },
    }),
  );
  return new Request(request.url, { method: request.method, headers: request.headers, body, signal: request.signal, duplex: "half" } as RequestInit & { duplex: "half" });
}

function throwIfTooCostly(schema: GraphQLSchema, document: DocumentNode, operationName?: string | null, variables?: Record<string, unknown> | null) {
  const cost = documentCost(schema, document, operationName, variables);
  if (cost > GRAPHQL_LIMITS.maxCost) {
    throw tooComplex(
      "cost",
      GRAPHQL_LIMITS.maxCost,
      `The query's estimated cost is ${Number.isFinite(cost) ? cost : "unbounded"}, above the limit of ${GRAPHQL_LIMITS.maxCost}: ask for fewer items (first) or fewer fields`,
    );
  }
}

function withoutSuggestion(error: Error): Error {
  if (!(error instanceof GraphQLError)) return error;
  const message = error.message.replace(/ Did you mean .*\?$/s, "");
  if (message === error.message) return error;
  return new GraphQLError(message, { nodes: error.nodes, source: error.source, positions: error.positions, path: error.path, extensions: error.extensions });
}

function asksForIntrospection(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Field(node) {
      if (node.name.value === "__schema" || node.name.value === "__type") {
        found = true;
        return BREAK;
      }
      return undefined;
    },
  });
  return found;
}

function bodyTooLarge(maxBytes = GRAPHQL_LIMITS.maxBodyBytes): GraphQLError {
  const size = maxBytes >= 1024 * 1024 ? `${Math.round(maxBytes / 1024 / 1024)} MB` : `${Math.round(maxBytes / 1024)} KB`;
  const anonymous = maxBytes < GRAPHQL_LIMITS.maxBodyBytes ? " without a valid API key" : "";
  return tooComplex("body", maxBytes, `The request body is larger than ${size}${anonymous}`, 413);
}

/** A request without a valid key gets the smaller ANONYMOUS_LIMITS (lib/graphql/admission.ts runs first). */
function limitsFor(request: Request): { maxBodyBytes: number; maxDocumentChars: number; maxTokens: number } {
  return settledAdmission(request)?.kind === "caller" ? GRAPHQL_LIMITS : ANONYMOUS_LIMITS;
}

function unsupportedMediaType(contentType: string | null): Response {
  const message = `Content-Type ${JSON.stringify(contentType ?? "")} is not accepted: send application/json (or application/graphql+json)`;
  return Response.json({ errors: [{ message, extensions: { code: "INVALID_INPUT", field: "content-type" } }] }, { status: 415 });
}
