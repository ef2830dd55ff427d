import type { Upload } from "../generated/prisma/client";
import { createUpload } from "../uploads/create-upload";
import { getUploadOrThrow } from "../uploads/get-upload";
import type { InputKind } from "../providers/http/load-input";
import { kindOf } from "../uploads/upload-kinds";
import type { Resolvers, UploadKind } from "./generated/schema-types";

const KINDS = { image: "IMAGE", video: "VIDEO", audio: "AUDIO" } as const satisfies Record<InputKind, UploadKind>;
const kind = (u: Upload) => KINDS[kindOf(u.mimeType ?? u.contentType) ?? "image"];

export const uploadsResolvers: Resolvers = {
  Query: {
    upload: async (_, args, ctx) => getUploadOrThrow(await ctx.caller(), args.id),
  },
  Mutation: {
    createUpload: async (_, args, ctx) => {
      const created = await createUpload(await ctx.caller(), args, ctx.baseUrl);
      return { ...created, uploadId: created.upload.id };
    },
  },
  Upload: { kind },
};
