import { INPUT_LIMITS, type InputKind } from "../providers/http/load-input";

/** What an upload may be and how large, per kind: a 30 MB portrait, 50 MB of speech, a 200 MB driving video. */
export const UPLOAD_MAX_BYTES: Record<InputKind, number> = {
  image: 30 * 1024 ** 2,
  audio: 50 * 1024 ** 2,
  video: 200 * 1024 ** 2,
};

/** How long an upload can be used unless the client asks for less: after that it and its bytes are deleted. */
export const UPLOAD_TTL_SECONDS = 24 * 3600;

/** Upload ids as newId("upload") makes them; anything else in an input field is a URL or a data: URI. */
export const UPLOAD_ID = /^upload_[0-9A-Za-z]{22}$/;

export const isUploadId = (value: unknown): value is string => typeof value === "string" && UPLOAD_ID.test(value);

/** The input fields that take files, and the kind each one takes. */
export const FILE_FIELDS = { image: "image", endImage: "image", video: "video", audio: "audio" } as const satisfies Record<string, InputKind>;
export type FileField = keyof typeof FILE_FIELDS;

const EXTENSIONS: Record<string, string> = {
  "image/png": "png",
  "image/jpeg": "jpg",
  "image/webp": "webp",
  "video/mp4": "mp4",
  "video/quicktime": "mov",
  "video/webm": "webm",
  "audio/mpeg": "mp3",
  "audio/wav": "wav",
  "audio/x-wav": "wav",
  "audio/mp4": "m4a",
  "audio/aac": "aac",
  "audio/ogg": "ogg",
};

/** The kind a content type belongs to (only the types some vendor takes), or undefined. */
export function kindOf(contentType: string): InputKind | undefined {
  const type = contentType.split(";")[0].trim().toLowerCase();
  return (Object.keys(INPUT_LIMITS) as InputKind[]).find((kind) => INPUT_LIMITS[kind].types.includes(type));
}

export const extensionOf = (contentType: string) => EXTENSIONS[contentType.split(";")[0].trim().toLowerCase()] ?? "bin";

/** Every accepted type, for error messages. */
export const ACCEPTED_TYPES = Object.values(INPUT_LIMITS).flatMap((l) => l.types);

export const megabytes = (bytes: number) => `${Math.round(bytes / 1024 ** 2)} MB`;
