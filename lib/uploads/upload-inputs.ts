import type { Caller } from "../auth/caller";
import { db } from "../db";
import { env } from "../env";
import { AppError } from "../errors";
import type { GenerationJob } from "../providers/types";
import { fetchableUrl } from "../storage/streams";
import { getUploadOrThrow } from "./get-upload";
import { FILE_FIELDS, type FileField, isUploadId, kindOf } from "./upload-kinds";

type InputFields = Partial<Record<FileField | "text" | "voice", string | undefined>>;

const uploadFields = (input: InputFields) => (Object.keys(FILE_FIELDS) as FileField[]).filter((field) => isUploadId(input[field]));

/**
 * Plan time: every `upload_…` id in a request's input must be the caller's (account and key mode), unexpired,
 * with its bytes received, and of the kind the field takes — checked before anything is reserved.
 */
export async function checkUploadInputs(input: InputFields, caller: Pick<Caller, "accountId" | "mode">): Promise<void> {
  for (const field of uploadFields(input)) {
    const upload = await getUploadOrThrow(caller, input[field] as string, `input.${field}`);
    if (upload.status !== "READY") {
      throw new AppError("INVALID_INPUT", `input.${field}: upload ${upload.id} has no file yet; PUT the bytes to its URL first`, { field: `input.${field}` });
    }
    const kind = kindOf(upload.mimeType ?? upload.contentType);
    if (kind !== FILE_FIELDS[field]) {
      throw new AppError(
        "INVALID_INPUT",
        `input.${field} takes ${FILE_FIELDS[field] === "image" ? "an image" : `a${FILE_FIELDS[field] === "audio" ? "n" : ""} ${FILE_FIELDS[field]}`}; upload ${upload.id} is ${upload.mimeType}`,
        { field: `input.${field}` },
      );
    }
  }
}

/**
 * For plan-time checks that only look at the shape of an input (Luma takes keyframes only as http(s) URLs): an
 * upload stands for the https URL it will become when the job runs.
 */
export function asPlannedUrls<T extends InputFields>(input: T): T {
  const fields = uploadFields(input);
  if (fields.length === 0) return input;
  return { ...input, ...Object.fromEntries(fields.map((f) => [f, `https://uploads.doitong.invalid/${input[f]}`])) };
}

/**
 * Run time: the job's upload ids become URLs a vendor can GET until the upload expires — a presigned bucket GET, or
 * our signed /media link on DOITONG_PUBLIC_URL. Adapters pass URLs on as they would a client's, and loadInput reads
 * these from storage directly (readStoredInput), so nothing is fetched over the network for our own files.
 * The generation was checked when it was accepted; an upload that expired while it waited fails it (refunded).
 */
export async function withUploadUrls(job: GenerationJob, accountId: string): Promise<GenerationJob> {
  const fields = uploadFields(job.input);
  if (fields.length === 0) return job;
  const client = await db();
  const input = { ...job.input };
  for (const field of fields) {
    const upload = await client.upload.findFirst({ where: { id: input[field], accountId, mode: job.mode, status: "READY", expiresAt: { gt: new Date() } } });
    if (!upload)
      throw new AppError("INVALID_INPUT", `input.${field}: upload ${input[field]} expired before the generation started; upload the file again`, { field: `input.${field}` });
    input[field] = await fetchableUrl(upload.storageKey, serverOrigin(), Math.floor(upload.expiresAt.getTime() / 1000), upload.mimeType ?? undefined);
  }
  return { ...job, input };
}

/** This server as vendors should reach it; without DOITONG_PUBLIC_URL only this machine can. */
function serverOrigin(): string {
  return env().DOITONG_PUBLIC_URL ?? `http://127.0.0.1:${env().PORT || 3000}`;
}
