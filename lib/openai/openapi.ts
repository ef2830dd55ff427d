import { OpenAPIRegistry, OpenApiGeneratorV31 } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { errorBody, imageEditRequest, imageGenerationRequest, imagesResponse, modelList, speechRequest, videoCreateRequest, videoDeleted, videoList, videoObject } from "./schemas";

/**
 * /v1/openapi.json, generated from the zod schemas that validate the requests (schemas.ts) — never written by
 * hand, so it cannot drift from what the routes accept.
 */
export function openApiDocument(serverUrl: string) {
  const registry = new OpenAPIRegistry();
  const bearer = registry.registerComponent("securitySchemes", "bearerAuth", { type: "http", scheme: "bearer", description: "A Doitong API key (dk_live_… or dk_test_…)" });
  const security = [{ [bearer.name]: [] }];
  const json = <S extends z.ZodType>(schema: S) => ({ content: { "application/json": { schema } } });
  const errors = {
    400: { description: "Invalid request (`invalid_request_error`)", ...json(errorBody) },
    401: { description: "Missing or invalid API key", ...json(errorBody) },
    429: { description: "Rate limit (`requests`, with Retry-After) or no credits left (`insufficient_quota`)", ...json(errorBody) },
    500: { description: "The generation failed", ...json(errorBody) },
  };
  const idParam = z.object({ id: z.string().openapi({ description: "The video's id (a Doitong generation id)" }) });

  registry.registerPath({
    method: "post",
    path: "/images/generations",
    summary: "Create images (waits for the result)",
    security,
    request: { body: json(imageGenerationRequest) },
    responses: {
      200: { description: "The images", ...json(imagesResponse) },
      504: { description: "Not ready in time (`WAIT_TIMEOUT`, with generation_id)", ...json(errorBody) },
      ...errors,
    },
  });
  registry.registerPath({
    method: "post",
    path: "/images/edits",
    summary: "Create images from an input image (waits for the result)",
    security,
    request: { body: { content: { "multipart/form-data": { schema: imageEditRequest } } } },
    responses: { 200: { description: "The images", ...json(imagesResponse) }, ...errors },
  });
  registry.registerPath({
    method: "post",
    path: "/audio/speech",
    summary: "Create speech (waits; answers the audio bytes)",
    security,
    request: { body: json(speechRequest) },
    responses: { 200: { description: "The audio file", content: { "audio/mpeg": { schema: z.string().openapi({ type: "string", format: "binary" }) } } }, ...errors },
  });
  registry.registerPath({
    method: "post",
    path: "/videos",
    summary: "Start a video (asynchronous)",
    security,
    request: { body: { content: { "multipart/form-data": { schema: videoCreateRequest }, "application/json": { schema: videoCreateRequest } } } },
    responses: { 200: { description: "The queued video", ...json(videoObject) }, ...errors },
  });
  registry.registerPath({
    method: "get",
    path: "/videos",
    summary: "List videos, newest first",
    security,
    request: { query: z.object({ limit: z.number().int().optional(), after: z.string().optional() }) },
    responses: { 200: { description: "A page of videos", ...json(videoList) }, ...errors },
  });
  registry.registerPath({
    method: "get",
    path: "/videos/{id}",
    summary: "A video's status and progress",
    security,
    request: { params: idParam },
    responses: { 200: { description: "The video", ...json(videoObject) }, 404: { description: "No such video in this account", ...json(errorBody) } },
  });
  registry.registerPath({
    method: "delete",
    path: "/videos/{id}",
    summary: "Cancel a video still being made",
    security,
    request: { params: idParam },
    responses: { 200: { description: "Whether it was stopped", ...json(videoDeleted) } },
  });
  registry.registerPath({
    method: "get",
    path: "/videos/{id}/content",
    summary: "The finished MP4",
    security,
    request: { params: idParam },
    responses: { 200: { description: "The video file", content: { "video/mp4": { schema: z.string().openapi({ type: "string", format: "binary" }) } } } },
  });
  registry.registerPath({
    method: "get",
    path: "/models",
    summary: "Providers and models `model` accepts, and auto",
    security,
    responses: { 200: { description: "The models", ...json(modelList) } },
  });

  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: "3.1.0",
    info: {
      title: "Doitong OpenAI-compatible API",
      version: "1",
      description: "OpenAI's media endpoints, served by Doitong's providers. Errors carry Doitong's codes in `error.code`.",
    },
    servers: [{ url: serverUrl }],
  });
}
