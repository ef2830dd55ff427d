import { type DocumentNode, GraphQLError, Kind, type OperationDefinitionNode } from "graphql";
import { isAsyncIterable, mapAsyncIterator, type Plugin } from "graphql-yoga";
import { logger } from "../log";
import { observeGraphqlRequest } from "../ops/metrics";
import { currentRequestId } from "../request-context";
import { countPending } from "./admission";
import { envelopDocument, envelopOperationName } from "./envelop-values";

const log = logger("graphql");

/**
 * What every GraphQL request leaves behind: a metric of its operation, outcome and latency, a debug log line, and
 * its request id in `extensions.requestId` of every error it returns (the X-Request-Id header says it too), so a
 * client's bug report leads to the request's log lines.
 *
 * The operation label is the operation type and its root fields (`mutation generate`), names from our schema,
 * never the client's operation name, which could be anything.
 */
export const useObservability = (): Plugin => {
  const startedAt = new WeakMap<Request, number>();
  // Known once the document is valid, before any plugin may refuse it at execution (authentication, limits).
  const operations = new WeakMap<Request, string>();
  const observed = new WeakSet<Request>();
  const finish = (request: Request, errors: readonly unknown[] | undefined) => {
    observed.add(request);
    const operation = operations.get(request) ?? "rejected";
    const code = firstCode(errors);
    const seconds = (performance.now() - (startedAt.get(request) ?? performance.now())) / 1000;
    observeGraphqlRequest(operation, code ?? "ok", seconds);
    log.debug({ operation, outcome: code ?? "ok", ms: Math.round(seconds * 1000) }, "graphql request");
  };
  return {
    onRequest({ request }) {
      startedAt.set(request, performance.now());
    },
    onValidate({ params, context }) {
      const { request, params: graphql } = context as { request: Request; params?: { operationName?: unknown } };
      // Only a valid document: its root fields are then our schema's, a bounded set of labels.
      return ({ valid }) => {
        if (valid) operations.set(request, operationLabel(envelopDocument(params.documentAST), envelopOperationName(graphql?.operationName)));
      };
    },
    onExecute({ args }) {
      const request = (args.contextValue as { request: Request }).request;
      // A read run while its request was still being counted may yet be refused: its outcome is the answer's.
      if (countPending(request)) return undefined;
      return { onExecuteDone: ({ result }) => finish(request, isAsyncIterable(result) ? undefined : result.errors) };
    },
    onSubscribe({ args }) {
      const request = (args.contextValue as { request: Request }).request;
      return { onSubscribeResult: ({ result }) => finish(request, isAsyncIterable(result) ? undefined : result.errors) };
    },
    onResultProcess(payload) {
      const { request, result } = payload;
      // Refused before or instead of execution (syntax, validation, limits, authentication), or run while its request
      // was counted (lib/graphql/admission.ts, whose onResultProcess has settled it by now): counted here, once.
      if (!observed.has(request)) finish(request, Array.isArray(result) ? result.flatMap((r) => r.errors ?? []) : isAsyncIterable(result) ? [] : result.errors);
      const requestId = currentRequestId();
      if (!requestId) return;
      if (Array.isArray(result)) payload.setResult(result.map((r) => withRequestId(r, requestId)));
      else if (isAsyncIterable(result)) payload.setResult(mapAsyncIterator(result as AsyncIterable<ResultLike>, (r) => withRequestId(r, requestId)) as typeof result);
      else payload.setResult(withRequestId(result, requestId));
    },
  };
};

type ResultLike = { errors?: readonly GraphQLError[] };

function withRequestId<R extends ResultLike>(result: R, requestId: string): R {
  if (!result?.errors?.length) return result;
  const errors = result.errors.map((e) =>
    e.extensions.requestId === undefined
      ? new GraphQLError(e.message, {
          nodes: e.nodes,
          source: e.source,
          positions: e.positions,
          path: e.path,
          originalError: e.originalError,
          extensions: { ...e.extensions, requestId },
        })
      : e,
  );
  return { ...result, errors };
}

function firstCode(errors: readonly unknown[] | undefined): string | undefined {
  if (!errors?.length) return undefined;
  const first = errors[0];
  const code = first instanceof GraphQLError ? first.extensions.code : undefined;
  return typeof code === "string" ? code : "INTERNAL";
}

/** `query me`, `mutation generate`, `query generation,providers`: the operation type and its root fields. */
export function operationLabel(document: DocumentNode, operationName?: string | null): string {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operations.find((o) => !operationName || o.name?.value === operationName) ?? operations[0];
  if (!operation) return "none";
  const fields = new Set<string>();
  for (const selection of operation.selectionSet.selections) fields.add(selection.kind === Kind.FIELD ? selection.name.value : "(fragment)");
  const names = [...fields].sort();
  return `${operation.operation} ${names.slice(0, 4).join(",")}${names.length > 4 ? ",…" : ""}`;
}
