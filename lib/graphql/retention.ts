import { formatRetention } from "../limits/retention";
import { deleteGeneration } from "../retention/delete-generation";
import { deleteWorkspace } from "../retention/delete-workspace";
import { exportWorkspace } from "../retention/export-workspace";
import { getRetentionSettings, setRetentionDefault } from "../retention/retention-settings";
import { deleteUpload } from "../uploads/delete-upload";
import type { Resolvers } from "./generated/schema-types";

export const retentionResolvers: Resolvers = {
  Query: {
    workspaceExport: async (_, __, ctx) => exportWorkspace(await ctx.sessionCaller(), ctx.baseUrl),
  },
  Mutation: {
    setRetentionDefault: async (_, args, ctx) => setRetentionDefault(await ctx.caller(), args.retention ?? null),
    deleteGeneration: async (_, args, ctx) => deleteGeneration(await ctx.caller(), args.id),
    deleteUpload: async (_, args, ctx) => deleteUpload(await ctx.caller(), args.id),
    deleteWorkspace: async (_, args, ctx) => {
      await deleteWorkspace(await ctx.sessionCaller(), args.confirmEmail);
      return true;
    },
  },
  Me: {
    retention: async (_, __, ctx) => getRetentionSettings(await ctx.caller()),
  },
  Generation: {
    retention: (g) => formatRetention(g.retentionSeconds),
  },
  PlanInfo: {
    maxRetention: (p: { maxRetentionSeconds: number | null }) => formatRetention(p.maxRetentionSeconds),
  },
};
