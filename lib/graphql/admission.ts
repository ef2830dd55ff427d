import { type DocumentNode, GraphQLError, Kind, OperationTypeNode } from "graphql";
import type { Plugin } from "graphql-yoga";
import type { RequestCaller } from "../auth/caller";
import { AppError } from "../errors";
import { consumeAnonymousRate, consumeDashboardRate, consumeKeyRate, consumeRequestRate, keyMinuteLimitError, minuteLimitError } from "../limits/consume-request-rate";
import type { WindowState } from "../limits/limiter";
import { clientAddress } from "../net/client-address";
import { admitRequest, settledAdmission } from "./admit-request";
import type { GraphQLContext } from "./context";
import { envelopDocument, envelopOperationName } from "./envelop-values";
import { toGraphQLError } from "./errors";
import { generatingFieldCount } from "./request-points";
import { rateLimitHeaders, responseMeta } from "../limits/response-meta";

/**
 * Who may ask what, and how often — decided in the order the work happens, so that nothing is spent on a request
 * before it is counted:
 *
 * 1. Before the body is read: the key (or session) is checked and the request counted — an API key against the
 *    plan's per-minute limit, a dashboard session against its UI budget, a request without a valid key against its
 *    client address (DOITONG_ANONYMOUS_PER_MINUTE). Every request counts, valid or not: a flood of broken documents
 *    is limited like a flood of good ones, and its answers carry the same rate-limit headers.
 * 2. Before validation: a request without a valid key may only ask for introspection and `__typename` (GraphiQL
 *    loads its docs before a key is entered); anything else is refused UNAUTHENTICATED without being validated,
 *    and its size is capped by ANONYMOUS_LIMITS (lib/graphql/limits.ts).
 * 3. Before execution: each `generate`/`videoCreate` in the operation counts as a request of its own (one of them
 *    already paid for in step 1), from a session exactly as from a key.
 *
 * Register it before useRequestLimits, which reads the admission to pick the body limit.
 */
export const useAdmission = (): Plugin<GraphQLContext> => ({
  async onRequestParse({ request }) {
    const admission = await admitRequest(request);
    const meta = responseMeta(request);
    if (admission.kind === "anonymous") {
      const window = await consumeAnonymousRate(clientAddress(request));
      meta.window = window;
      if (!window.allowed) throw tooManyAnonymous(request, window);
      return;
    }
    const { caller } = admission;
    meta.limits = caller.limits;
    if (caller.kind === "apiKey") throwIfKeyOver(request, await consumeKeyRate(caller.apiKeyId, caller.key.rpmLimit, 1));
    const window = caller.kind === "apiKey" ? await consumeRequestRate(caller.accountId, caller.limits, 1) : await consumeDashboardRate(caller.accountId, caller.limits);
    prepaid.add(request);
    throwIfOver(request, window);
  },
  onValidate({ params, context }) {
    refuseAnonymousUnlessIntrospection(context.request, envelopDocument(params.documentAST));
  },
  onExecute: ({ args }) => countGenerations(args),
  // Subscriptions (generationUpdated over SSE) do not go through onExecute.
  onSubscribe: ({ args }) => countGenerations(args),
  onResponse({ request, response }) {
    for (const [name, value] of Object.entries(rateLimitHeaders(responseMeta(request)))) response.headers.set(name, value);
  },
});

/** Requests whose first point was counted before their body was read (the rest of a batch pays in full). */
const prepaid = new WeakSet<Request>();

async function countGenerations(args: { document: unknown; operationName?: unknown; contextValue: GraphQLContext }): Promise<void> {
  const { request } = args.contextValue;
  const document = envelopDocument(args.document);
  const admission = settledAdmission(request) ?? (await admitRequest(request));
  if (admission.kind === "anonymous") return refuseAnonymousUnlessIntrospection(request, document);
  const generating = generatingFieldCount(document, envelopOperationName(args.operationName));
  const points = pointsFor(admission.caller, generating) - (prepaid.delete(request) ? creditFor(admission.caller) : 0);
  if (points <= 0) return;
  const { caller } = admission;
  if (caller.kind === "apiKey") throwIfKeyOver(request, await consumeKeyRate(caller.apiKeyId, caller.key.rpmLimit, points));
  throwIfOver(request, await consumeRequestRate(admission.caller.accountId, admission.caller.limits, points));
}

/** An API operation costs one request, or one per generation it starts; a dashboard one only its generations. */
function pointsFor(caller: RequestCaller, generating: number): number {
  return caller.kind === "apiKey" ? Math.max(1, generating) : generating;
}

/** What step 1 already counted towards the operation's points (a session's read went to the UI budget instead). */
function creditFor(caller: RequestCaller): number {
  return caller.kind === "apiKey" ? 1 : 0;
}

function throwIfOver(request: Request, window: WindowState | null): void {
  const meta = responseMeta(request);
  if (!window) return;
  meta.window = window;
  if (window.allowed) return;
  meta.retryAfter = window.resetSeconds;
  throw toGraphQLError(minuteLimitError(window));
}

/** A key's own limit (below the plan's): refused with extensions.scope = "key"; its window goes in the headers. */
function throwIfKeyOver(request: Request, window: WindowState | null): void {
  if (!window || window.allowed) return;
  const meta = responseMeta(request);
  meta.window = window;
  meta.retryAfter = window.resetSeconds;
  throw toGraphQLError(keyMinuteLimitError(window));
}

function tooManyAnonymous(request: Request, window: WindowState): GraphQLError {
  responseMeta(request).retryAfter = window.resetSeconds;
  const message = `Too many requests without an API key from your address: ${window.limit} a minute. Retry in ${window.resetSeconds} s, or send your key.`;
  return toGraphQLError(new AppError("RATE_LIMIT", message, { limit: "anonymous", retryAfter: window.resetSeconds }));
}

function refuseAnonymousUnlessIntrospection(request: Request, document: DocumentNode): void {
  const admission = settledAdmission(request);
  if (admission?.kind !== "anonymous" || isIntrospectionOnly(document)) return;
  throw toGraphQLError(admission.refusal);
}

/** Queries whose every root field is `__schema`, `__type` or `__typename` (fragments can only be spread inside them). */
export function isIntrospectionOnly(document: DocumentNode): boolean {
  return document.definitions.every(
    (d) =>
      d.kind !== Kind.OPERATION_DEFINITION ||
      (d.operation === OperationTypeNode.QUERY && d.selectionSet.selections.every((s) => s.kind === Kind.FIELD && s.name.value.startsWith("__"))),
  );
}
