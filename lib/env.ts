import path from "node:path";
import { z } from "zod";

// Every setting the app reads, in one place. Unset means the embedded default (see .env.example).
const schema = z.object({
  DATABASE_URL: z.string().url().optional(),
  DOITONG_DATA_DIR: z.string().default(".data"),
  DOITONG_SECRET: z.string().min(32).optional(),
  DOITONG_PUBLIC_URL: z.string().url().optional(),
  DOITONG_RUNNER: z.enum(["in-process", "inngest", "off"]).optional(),
  DOITONG_RUNNER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  DOITONG_DEMO_ACCOUNT: z.enum(["on", "off"]).default("on"),
  DOITONG_LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  INNGEST_EVENT_KEY: z.string().optional(),
  INNGEST_SIGNING_KEY: z.string().optional(),
  INNGEST_DEV: z.string().optional(),
  // Media in an S3-compatible bucket instead of the data directory (lib/storage/bucket.ts).
  S3_BUCKET: z.string().min(1).optional(),
  S3_REGION: z.string().default("us-east-1"),
  S3_ENDPOINT: z.string().url().optional(),
  S3_FORCE_PATH_STYLE: z.enum(["true", "false"]).optional(),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  S3_PREFIX: z.string().optional(),
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

export function env(): Env {
  cached ??= schema.parse(process.env);
  return cached;
}

export function dataDir(): string {
  return path.resolve(env().DOITONG_DATA_DIR);
}

export function inngestConfigured(): boolean {
  const e = env();
  return Boolean(e.INNGEST_EVENT_KEY || e.INNGEST_DEV);
}

/** Which engine runs generation workflows in this process. */
export function runnerKind(): "in-process" | "inngest" | "off" {
  return env().DOITONG_RUNNER ?? (inngestConfigured() ? "inngest" : "in-process");
}
