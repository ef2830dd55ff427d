import { getAccountOverview, getAccountUsage } from "../accounts/get-account-overview";
import { createAccountApiKey, listApiKeys, revokeApiKey } from "../auth/manage-api-keys";
import { listLedger } from "../billing/list-ledger";
import { PLAN_IDS, PLANS } from "../limits/plans";
import { hasMedia } from "../limits/retention";
import { AppError } from "../errors";
import type { Generation } from "../generated/prisma/client";
import { cancelGeneration } from "../generations/cancel-generation";
import { createGeneration } from "../generations/create-generation";
import { estimateGeneration } from "../generations/estimate-generation";
import { readInput, readRouting, readWarnings, readWarningsAsData } from "../generations/generation-json";
import { getGenerationOrThrow } from "../generations/get-generation";
import { listGenerationOutputs } from "../generations/list-generation-outputs";
import { listGenerations } from "../generations/list-generations";
import { estimatedTimeRemaining, queuePosition } from "../generations/queue-position";
import { currentProviderListings } from "../providers/current-listings";
import { listUnifiedOptions } from "../providers/list-providers";
import { listAvatars, listVoices } from "../providers/list-stock";
import { type HealthSummary, healthSummaries } from "../routing/health-summary";
import { signedMediaUrl } from "../storage";
import { toConnection } from "./connection";
import type { GraphQLContext } from "./context";
import type { GenerateInput, Resolvers } from "./generated/schema-types";
import { JSONScalar, DateTimeScalar } from "./scalars";

const url = (g: Generation, _args: object, ctx: GraphQLContext) => (hasMedia(g) && g.storageKey ? signedMediaUrl(ctx.baseUrl, g.storageKey) : null);
const error = (g: Generation) => (g.errorCode ? { code: g.errorCode, message: g.errorMessage ?? g.errorCode } : null);

// Resolvers only translate: every operation is a lib/ verb called with the authenticated caller.
export const resolvers: Resolvers = {
  JSON: JSONScalar,
  DateTime: DateTimeScalar,
  Query: {
    plans: () => PLAN_IDS.map((id) => ({ id, ...PLANS[id] })),
    apiKeys: async (_, __, ctx) => listApiKeys(await ctx.sessionCaller()),
    generation: async (_, args, ctx) => getGenerationOrThrow(await ctx.caller(), args.id),
    generations: async (_, args, ctx) => toConnection(await listGenerations(await ctx.caller(), args)),
    providers: async (_, args, ctx) => {
      const caller = await ctx.caller();
      const scope = { mode: caller.mode ?? "LIVE", accountId: caller.accountId } as const;
      // Loads the operators' switches first, which health reads from memory too (a switched-off provider is never healthy).
      const providers = await currentProviderListings(args.type, scope.mode);
      // Read once for the whole list, and only when a client asks for `health`.
      let healths: Promise<HealthSummary[]> | undefined;
      const health = (i: number) => async () =>
        (
          await (healths ??= healthSummaries(
            providers.map((p) => p.id),
            args.type,
            scope,
          ))
        )[i];
      return providers.map((p, i) => ({ ...p, health: health(i) }));
    },
    voices: async (_, args, ctx) => {
      await ctx.caller();
      return listVoices(args.provider, args.language ?? undefined);
    },
    avatars: async (_, args, ctx) => {
      await ctx.caller();
      return listAvatars(args.provider);
    },
    unifiedOptions: async (_, args, ctx) => {
      await ctx.caller();
      return listUnifiedOptions(args.type);
    },
    estimate: async (_, args, ctx) => estimateGeneration(await ctx.caller(), args.input),
    me: async (_, __, ctx) => ({
      ...(await getAccountOverview(await ctx.caller())),
      rateLimit: ctx.meta.window ? { limit: ctx.meta.window.limit, remaining: ctx.meta.window.remaining, resetSeconds: ctx.meta.window.resetSeconds } : null,
    }),
    creditLedger: async (_, args, ctx) => toConnection(await listLedger(await ctx.caller(), args)),
  },
  Mutation: {
    createApiKey: async (_, args, ctx) => {
      const created = await createAccountApiKey(await ctx.sessionCaller(), args);
      return { apiKey: created.info, key: created.key };
    },
    revokeApiKey: async (_, args, ctx) => revokeApiKey(await ctx.sessionCaller(), args.id),
    generate: async (_, args, ctx) => startGeneration(ctx, args.input),
    cancelGeneration: async (_, args, ctx) => cancelGeneration(await ctx.caller(), args.id),
    videoCreate: async (_, args, ctx) => {
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
    usage: async (_, __, ctx) => getAccountUsage(await ctx.caller()),
  },
  Generation: {
    url,
    outputs: async (g, _args, ctx) => (await listGenerationOutputs(g)).map((o) => ({ index: o.index, url: signedMediaUrl(ctx.baseUrl, o.storageKey), metadata: o.metadata })),
    error,
    prompt: (g) => readInput(g).text,
    requestedOptions: (g) => g.options,
    appliedOptions: (g) => g.appliedOptions ?? g.options,
    warnings: (g) => readWarnings(g),
    warningDetails: (g) => readWarningsAsData(g),
    routing: (g) => readRouting(g),
    queuePosition: (g) => queuePosition(g),
    estimatedTimeRemaining: (g) => estimatedTimeRemaining(g),
    attempts: (g, _args, ctx) => ctx.loaders.attempts(g.id),
  },
  VideoGeneration: {
    videoUrl: url,
    error,
  },
};

/** generate and videoCreate: the verb, plus what the response headers need to know (replay, Retry-After). */
async function startGeneration(ctx: GraphQLContext, input: GenerateInput) {
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
  const field = e.details.field
    .replace(/^options\.|^input\./, "")
    .replace(/^text$/, "prompt")
    .replace(/^provider$/, "model");
  return new AppError(e.code, e.message, { ...e.details, field });
}
