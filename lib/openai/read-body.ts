import { AppError, invalidInput } from "../errors";
import { MAX_DATA_URI_LENGTH } from "../generations/plan-generation";

/** A 20 MB file as base64 plus the other fields; larger media goes in as a URL. */
const MAX_BODY_BYTES = 30 * 1024 * 1024;
const MAX_FILE_BYTES = Math.floor((MAX_DATA_URI_LENGTH * 3) / 4) - 1024;

/**
 * A /v1 request body as one object: JSON, or a multipart form (images.edit and videos.create send forms). A file
 * becomes a data: URI, which `generate` takes as an input; text fields stay text, except `options` (JSON) and the
 * numbers and booleans of our extras, since a form has no types.
 */
export async function readBody(request: Request): Promise<Record<string, unknown>> {
  const length = Number(request.headers.get("content-length") ?? 0);
  if (length > MAX_BODY_BYTES) throw new AppError("PAYLOAD_TOO_LARGE", `The request body is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB: send large media as a URL`);
  const type = request.headers.get("content-type") ?? "";
  if (/^multipart\/form-data|^application\/x-www-form-urlencoded/i.test(type)) return formFields(await readForm(request));
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw invalidInput("body", "The request body must be JSON (or a multipart form for files)");
  }
  if (!body || typeof body !== "object" || Array.isArray(body)) throw invalidInput("body", "The request body must be a JSON object");
  return body as Record<string, unknown>;
}

async function readForm(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch {
    throw invalidInput("body", "The multipart form could not be read");
  }
}

async function formFields(form: FormData): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const [rawName, value] of form.entries()) {
    // OpenAI's SDK sends several images as `image[]`; one is what providers take.
    const name = rawName.replace(/\[\]$/, "");
    if (name in out) continue;
    out[name] = typeof value === "string" ? typedField(name, value) : await dataUri(name, value);
  }
  return out;
}

function typedField(name: string, value: string): unknown {
  if (name === "strict") return value === "true";
  if (name === "options") {
    try {
      return JSON.parse(value);
    } catch {
      throw invalidInput("options", "options must be a JSON object");
    }
  }
  return value;
}

async function dataUri(name: string, file: File): Promise<string> {
  if (file.size > MAX_FILE_BYTES) throw new AppError("PAYLOAD_TOO_LARGE", `${name} is larger than 20 MB: send it as a URL`, { field: name });
  const type = file.type && file.type !== "application/octet-stream" ? file.type : guessType(file.name);
  return `data:${type};base64,${Buffer.from(await file.arrayBuffer()).toString("base64")}`;
}

function guessType(name: string): string {
  const ext = name.split(".").pop()?.toLowerCase();
  return { png: "image/png", jpg: "image/jpeg", jpeg: "image/jpeg", webp: "image/webp", gif: "image/gif" }[ext ?? ""] ?? "image/png";
}
