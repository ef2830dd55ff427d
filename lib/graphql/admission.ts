import { type DocumentNode, getOperationAST, GraphQLError, Kind, OperationTypeNode } from "graphql";
import type { Plugin } from "graphql-yoga";
import type { RequestCaller } from "../auth/caller";
import { AppError } from "../errors";
import { consumeAnonymousRate, consumeDashboardRate, consumeKeyRate, consumeRequestRate, keyMinuteLimitError, minuteLimitError } from "../limits/consume-request-rate";
import type { WindowState } from "../limits/limiter";
import { clientAddress } from "../net/client-address";
import { admitRequest, settledAdmission } from "./admit-request";
import type { GraphQLContext } from "./context";
import { envelopDocument, envelopOperationName } from "./envelop-values";
import { maskError, toGraphQLError } from "./errors";
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
  async onRequestParse({ request, requestParser }) {
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
    prepaid.add(request);
    const counted = countFirstPoint(request, caller);
    // A POST Yoga has no parser for is answered (415) without a result that a refusal could replace: it waits.
    if (!requestParser || !mayOverlap(caller)) return counted;
    counted.catch(() => undefined); // settled in onResultProcess, or before execution
    pending.set(request, counted);
  },
  onValidate({ params, context }) {
    refuseAnonymousUnlessIntrospection(context.request, envelopDocument(params.documentAST));
  },
  onExecute: async ({ args }) => {
    const request = args.contextValue.request;
    if (!overlapsCount(envelopDocument(args.document), envelopOperationName(args.operationName))) await pending.get(request);
    await countGenerations(args);
  },
  // Subscriptions (generationUpdated over SSE) do not go through onExecute.
  onSubscribe: async ({ args }) => {
    await pending.get(args.contextValue.request);
    await countGenerations(args);
  },
  async onResultProcess(payload) {
    const counted = pending.get(payload.request);
    if (!counted) return;
    pending.delete(payload.request);
    // Refused: the answer is the refusal alone, exactly as if it had been thrown before the body was read.
    await counted.catch((error: unknown) => payload.setResult({ errors: [maskError(error) as GraphQLError] }));
  },
  onResponse({ request, response }) {
    for (const [name, value] of Object.entries(rateLimitHeaders(responseMeta(request)))) response.headers.set(name, value);
  },
});

/**
 * The request's first point counted against the key's and the account's per-minute limits (step 1), throwing the
 * refusal. Its answer is a round trip to Redis (~0.2 ms) on a request that is otherwise served from memory, so a
 * read that cannot change anything does not wait for it (overlapsCount): it runs meanwhile, and its answer waits
 * instead (onResultProcess), to be replaced by the refusal if the count refused it. The count stays exact on every
 * instance — each request is counted once, before its answer, and refused by the same window as before — and a
 * client's answers, headers and codes are unchanged; what a refused read may cost is the work of running it. Not to
 * spend that on a client over its limit, a caller whose window was last seen exhausted waits for its count again
 * (mayOverlap) until the window resets.
 */
async function countFirstPoint(request: Request, caller: RequestCaller): Promise<void> {
  if (caller.kind === "apiKey") throwIfKeyOver(request, caller.apiKeyId, await consumeKeyRate(caller.apiKeyId, caller.key.rpmLimit, 1));
  const window = caller.kind === "apiKey" ? await consumeRequestRate(caller.accountId, caller.limits, 1) : await consumeDashboardRate(caller.accountId, caller.limits);
  throwIfOver(request, caller.accountId, window);
}

/** Requests whose first point is still being counted while they are parsed, validated and (reads) run. */
const pending = new WeakMap<Request, Promise<void>>();

/** True until the request's answer has waited for its first point's count (its outcome is known only then). */
export function countPending(request: Request): boolean {
  return pending.has(request);
}

/**
 * Root fields that only read, and do not read the request's window (`me` reports it): a query of these alone runs
 * while its first point is counted. Everything else — mutations, subscriptions, other fields, fragments at the
 * root — waits for the count before it runs.
 */
const OVERLAPPING_READS = new Set(["__typename", "generation", "generations", "providers", "plans", "unifiedOptions", "voices", "avatars"]);

function overlapsCount(document: DocumentNode, operationName?: string | null): boolean {
  const operation = getOperationAST(document, operationName);
  return operation?.operation === OperationTypeNode.QUERY && operation.selectionSet.selections.every((s) => s.kind === Kind.FIELD && OVERLAPPING_READS.has(s.name.value));
}

/** Until when a window was last seen exhausted, by limiter key (ms); bounded, emptied when full. */
const exhausted = new Map<string, number>();
const MAX_EXHAUSTED = 10_000;

function mayOverlap(caller: RequestCaller): boolean {
  if (exhausted.size === 0) return true;
  const now = Date.now();
  return (exhausted.get(caller.accountId) ?? 0) <= now && (caller.kind !== "apiKey" || (exhausted.get(caller.apiKeyId) ?? 0) <= now);
}

function noteWindow(key: string, window: WindowState): void {
  if (window.allowed && window.remaining > 0) return;
  if (exhausted.size >= MAX_EXHAUSTED) exhausted.clear();
  exhausted.set(key, Date.now() + window.resetSeconds * 1000);
}

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
  if (caller.kind === "apiKey") throwIfKeyOver(request, caller.apiKeyId, await consumeKeyRate(caller.apiKeyId, caller.key.rpmLimit, points));
  throwIfOver(request, caller.accountId, await consumeRequestRate(admission.caller.accountId, admission.caller.limits, points));
}

/** An API operation costs one request, or one per generation it starts; a dashboard one only its generations. */
function pointsFor(caller: RequestCaller, generating: number): number {
  return caller.kind === "apiKey" ? Math.max(1, generating) : generating;
}

/** What step 1 already counted towards the operation's points (a session's read went to the UI budget instead). */
function creditFor(caller: RequestCaller): number {
  return caller.kind === "apiKey" ? 1 : 0;
}

function throwIfOver(request: Request, accountId: string, window: WindowState | null): void {
  const meta = responseMeta(request);
  if (!window) return;
  noteWindow(accountId, window);
  meta.window = window;
  if (window.allowed) return;
  meta.retryAfter = window.resetSeconds;
  throw toGraphQLError(minuteLimitError(window));
}

/** A key's own limit (below the plan's): refused with extensions.scope = "key"; its window goes in the headers. */
function throwIfKeyOver(request: Request, apiKeyId: string, window: WindowState | null): void {
  if (!window) return;
  noteWindow(apiKeyId, window);
  if (window.allowed) return;
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
