import { getAccountOverview } from "../accounts/get-account-overview";
import { AppError } from "../errors";
import type { Generation, GenerationStatus, GenerationType } from "../generated/prisma/client";
import { cancelGeneration } from "../generations/cancel-generation";
import { createGeneration } from "../generations/create-generation";
import { estimateGeneration } from "../generations/estimate-generation";
import { getGenerationOrThrow } from "../generations/get-generation";
import { listGenerations } from "../generations/list-generations";
import { listProviders } from "../providers/list-providers";
import { signedMediaUrl } from "../storage";
import type { GraphQLContext } from "./context";
import { JSONScalar, DateTimeScalar } from "./scalars";

interface VideoCreateArgs {
  prompt: string;
  model?: string | null;
  duration?: number | null;
  resolution?: string | null;
  aspectRatio?: string | null;
  image?: string | null;
  webhookUrl?: string | null;
}

const url = (g: Generation, _args: unknown, ctx: GraphQLContext) =>
  g.status === "COMPLETED" && g.storageKey ? signedMediaUrl(ctx.baseUrl, g.storageKey) : null;
const error = (g: Generation) => (g.errorCode ? { code: g.errorCode, message: g.errorMessage ?? g.errorCode } : null);

// Resolvers only translate: every operation is a lib/ verb called with the authenticated caller.
export const resolvers = {
  JSON: JSONScalar,
  DateTime: DateTimeScalar,
  Query: {
    generation: async (_: unknown, args: { id: string }, ctx: GraphQLContext) => getGenerationOrThrow(await ctx.caller(), args.id),
    generations: async (
      _: unknown,
      args: { first?: number; after?: string; type?: GenerationType; status?: GenerationStatus; provider?: string },
      ctx: GraphQLContext,
    ) => {
      const page = await listGenerations(await ctx.caller(), args);
      return {
        nodes: page.nodes,
        edges: page.edges,
        pageInfo: { endCursor: page.endCursor, hasNextPage: page.hasNextPage },
      };
    },
    providers: async (_: unknown, args: { type: GenerationType }, ctx: GraphQLContext) => {
      await ctx.caller();
      return listProviders(args.type);
    },
    estimate: async (_: unknown, args: { input: unknown }, ctx: GraphQLContext) => {
      await ctx.caller();
      return estimateGeneration(args.input);
    },
    me: async (_: unknown, __: unknown, ctx: GraphQLContext) => getAccountOverview(await ctx.caller()),
  },
  Mutation: {
    generate: async (_: unknown, args: { input: unknown }, ctx: GraphQLContext) => createGeneration(await ctx.caller(), args.input),
    cancelGeneration: async (_: unknown, args: { id: string }, ctx: GraphQLContext) => cancelGeneration(await ctx.caller(), args.id),
    videoCreate: async (_: unknown, args: { input: VideoCreateArgs }, ctx: GraphQLContext) => {
      const { prompt, model, duration, resolution, aspectRatio, image, webhookUrl } = args.input;
      const options = Object.fromEntries(Object.entries({ duration, resolution, aspectRatio }).filter(([, v]) => v != null));
      try {
        return await createGeneration(await ctx.caller(), {
          type: "VIDEO",
          provider: model ?? undefined,
          input: { text: prompt, ...(image ? { image } : {}) },
          options,
          webhookUrl: webhookUrl ?? undefined,
        });
      } catch (e) {
        throw renameField(e);
      }
    },
  },
  Generation: {
    url,
    error,
    prompt: (g: Generation) => (g.input as { text?: string }).text ?? "",
  },
  VideoGeneration: {
    videoUrl: url,
    error,
  },
};

/** videoCreate's fields are flat: report `duration`, not `options.duration`; `model`, not `provider`. */
function renameField(e: unknown): unknown {
  if (!(e instanceof AppError) || typeof e.details.field !== "string") return e;
  const field = e.details.field.replace(/^options\.|^input\./, "").replace(/^text$/, "prompt").replace(/^provider$/, "model");
  return new AppError(e.code, e.message, { ...e.details, field });
}
