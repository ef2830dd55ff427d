import { getAccountOverview, getAccountUsage } from "../accounts/get-account-overview";
import { createAccountApiKey, listApiKeys, revokeApiKey } from "../auth/manage-api-keys";
import { listLedger } from "../billing/list-ledger";
import type { KeyMode } from "../generated/prisma/client";
import { PLAN_IDS, PLANS } from "../limits/plans";
import { hasMedia } from "../limits/retention";
import { AppError } from "../errors";
import type { Generation, GenerationStatus, GenerationType } from "../generated/prisma/client";
import { cancelGeneration } from "../generations/cancel-generation";
import { createGeneration } from "../generations/create-generation";
import { estimateGeneration } from "../generations/estimate-generation";
import { getGenerationOrThrow } from "../generations/get-generation";
import { listGenerationOutputs } from "../generations/list-generation-outputs";
import { listGenerations } from "../generations/list-generations";
import { estimatedTimeRemaining, queuePosition } from "../generations/queue-position";
import { listProviders, listUnifiedOptions } from "../providers/list-providers";
import { listAvatars, listVoices } from "../providers/list-stock";
import { healthSummary } from "../routing/health-summary";
import { signedMediaUrl } from "../storage";
import { readWarningDetails } from "../providers/warnings";
import { toConnection } from "./connection";
import type { GraphQLContext } from "./context";
import { JSONScalar, DateTimeScalar } from "./scalars";

interface VideoCreateArgs {
  prompt: string;
  model?: string | null;
  maxCost?: number | null;
  idempotencyKey?: string | null;
  duration?: number | null;
  resolution?: string | null;
  aspectRatio?: string | null;
  image?: string | null;
  webhookUrl?: string | null;
}

const url = (g: Generation, _args: unknown, ctx: GraphQLContext) => (hasMedia(g) && g.storageKey ? signedMediaUrl(ctx.baseUrl, g.storageKey) : null);
const error = (g: Generation) => (g.errorCode ? { code: g.errorCode, message: g.errorMessage ?? g.errorCode } : null);

// Resolvers only translate: every operation is a lib/ verb called with the authenticated caller.
export const resolvers = {
  JSON: JSONScalar,
  DateTime: DateTimeScalar,
  Query: {
    plans: () => PLAN_IDS.map((id) => ({ id, ...PLANS[id] })),
    apiKeys: async (_: unknown, __: unknown, ctx: GraphQLContext) => listApiKeys(await ctx.sessionCaller()),
    generation: async (_: unknown, args: { id: string }, ctx: GraphQLContext) => getGenerationOrThrow(await ctx.caller(), args.id),
    generations: async (
      _: unknown,
      args: { first?: number; after?: string; type?: GenerationType; status?: GenerationStatus; provider?: string },
      ctx: GraphQLContext,
    ) => toConnection(await listGenerations(await ctx.caller(), args)),
    providers: async (_: unknown, args: { type: GenerationType }, ctx: GraphQLContext) => {
      const caller = await ctx.caller();
      const scope = { mode: caller.mode ?? "LIVE", accountId: caller.accountId } as const;
      return listProviders(args.type, scope.mode).map((p) => ({ ...p, health: () => healthSummary(p.id, args.type, scope) }));
    },
    voices: async (_: unknown, args: { provider: string; language?: string | null }, ctx: GraphQLContext) => {
      await ctx.caller();
      return listVoices(args.provider, args.language ?? undefined);
    },
    avatars: async (_: unknown, args: { provider: string }, ctx: GraphQLContext) => {
      await ctx.caller();
      return listAvatars(args.provider);
    },
    unifiedOptions: async (_: unknown, args: { type: GenerationType }, ctx: GraphQLContext) => {
      await ctx.caller();
      return listUnifiedOptions(args.type);
    },
    estimate: async (_: unknown, args: { input: unknown }, ctx: GraphQLContext) => estimateGeneration(await ctx.caller(), args.input),
    me: async (_: unknown, __: unknown, ctx: GraphQLContext) => ({
      ...(await getAccountOverview(await ctx.caller())),
      rateLimit: ctx.meta.window ? { limit: ctx.meta.window.limit, remaining: ctx.meta.window.remaining, resetSeconds: ctx.meta.window.resetSeconds } : null,
    }),
    creditLedger: async (_: unknown, args: { first?: number; after?: string }, ctx: GraphQLContext) => toConnection(await listLedger(await ctx.caller(), args)),
  },
  Mutation: {
    createApiKey: async (_: unknown, args: { name: string; mode?: KeyMode }, ctx: GraphQLContext) => {
      const created = await createAccountApiKey(await ctx.sessionCaller(), args);
      return { apiKey: created.info, key: created.key };
    },
    revokeApiKey: async (_: unknown, args: { id: string }, ctx: GraphQLContext) => revokeApiKey(await ctx.sessionCaller(), args.id),
    generate: async (_: unknown, args: { input: unknown }, ctx: GraphQLContext) => startGeneration(ctx, args.input),
    cancelGeneration: async (_: unknown, args: { id: string }, ctx: GraphQLContext) => cancelGeneration(await ctx.caller(), args.id),
    videoCreate: async (_: unknown, args: { input: VideoCreateArgs }, ctx: GraphQLContext) => {
      const { prompt, model, duration, resolution, aspectRatio, image, webhookUrl, maxCost, idempotencyKey } = args.input;
      const options = Object.fromEntries(Object.entries({ duration, resolution, aspectRatio }).filter(([, v]) => v != null));
      try {
        return await startGeneration(ctx, {
          type: "VIDEO",
          provider: model ?? undefined,
          input: { text: prompt, ...(image ? { image } : {}) },
          options,
          webhookUrl: webhookUrl ?? undefined,
          maxCost: maxCost ?? undefined,
          idempotencyKey: idempotencyKey ?? undefined,
        });
      } catch (e) {
        throw renameField(e);
      }
    },
  },
  Me: {
    usage: async (_: unknown, __: unknown, ctx: GraphQLContext) => getAccountUsage(await ctx.caller()),
  },
  Generation: {
    url,
    outputs: async (g: Generation, _args: unknown, ctx: GraphQLContext) =>
      (await listGenerationOutputs(g)).map((o) => ({ index: o.index, url: signedMediaUrl(ctx.baseUrl, o.storageKey), metadata: o.metadata })),
    error,
    prompt: (g: Generation) => (g.input as { text?: string }).text ?? "",
    requestedOptions: (g: Generation) => g.options,
    appliedOptions: (g: Generation) => g.appliedOptions ?? g.options,
    warnings: (g: Generation) => (Array.isArray(g.warnings) ? g.warnings : []),
    warningDetails: (g: Generation) => readWarningDetails(g.warningDetails, g.warnings),
    routing: (g: Generation) => g.routing ?? null,
    queuePosition: (g: Generation) => queuePosition(g),
    estimatedTimeRemaining: (g: Generation) => estimatedTimeRemaining(g),
    attempts: (g: Generation) => (Array.isArray(g.attempts) ? g.attempts : []),
  },
  VideoGeneration: {
    videoUrl: url,
    error,
  },
};

/** generate and videoCreate: the verb, plus what the response headers need to know (replay, Retry-After). */
async function startGeneration(ctx: GraphQLContext, input: unknown) {
  try {
    const { generation, replayed } = await createGeneration(await ctx.caller(), input, { idempotencyKey: ctx.nextIdempotencyKey() });
    if (replayed) ctx.meta.replayed = true;
    return generation;
  } catch (e) {
    if (e instanceof AppError && typeof e.details.retryAfter === "number") ctx.meta.retryAfter = e.details.retryAfter;
    throw e;
  }
}

/** videoCreate's fields are flat: report `duration`, not `options.duration`; `model`, not `provider`. */
function renameField(e: unknown): unknown {
  if (!(e instanceof AppError) || typeof e.details.field !== "string") return e;
  const field = e.details.field.replace(/^options\.|^input\./, "").replace(/^text$/, "prompt").replace(/^provider$/, "model");
  return new AppError(e.code, e.message, { ...e.details, field });
}
