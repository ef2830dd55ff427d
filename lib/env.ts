import path from "node:path";
import { z } from "zod";

/** An optional text setting; set but empty counts as unset (as `FOO= npm start` means). */
const text = () => z.preprocess((v) => (v === "" ? undefined : v), z.string().optional());
/** A number setting that falls back to its default when unset, empty or not a number (never fails the start). */
const number = (fallback: number) => z.preprocess((v) => (v === "" || v === undefined || !Number.isFinite(Number(v)) ? undefined : Number(v)), z.number().default(fallback));

/**
 * Knobs for tests and fault injection: they shorten waits and scale schedules. Each has a safe default; one set in
 * production is almost certainly a mistake, so boot warns about it (testKnobsSet).
 */
const testKnobs = {
  // Inngest follows a vendor job in steps of this long (0: one status query per step, waiting in between holds no slot).
  DOITONG_FOLLOW_SLICE_MS: number(0),
  DOITONG_RETRY_BACKOFF_MS: number(1_000),
  // How long a runner's claim on a generation lasts without its heartbeat (renewed every sixth of it): after a
  // crash on PostgreSQL, how long the generation waits for another runner (tests of kill -9 shorten it).
  DOITONG_RUN_LEASE_SECONDS: number(30),
  // On the embedded database, the longest the idle runner and webhook dispatcher sleep: every change wakes them, so
  // this is only a safety net (tests raise it to prove the wake-ups; see lib/jobs/in-process-runner.ts).
  DOITONG_QUIET_MAX_MS: number(30_000),
  DOITONG_SANDBOX_TASK_MS: number(0),
  DOITONG_SANDBOX_TIME_SCALE: number(0),
  DOITONG_VENDOR_TIME_SCALE: number(1),
  DOITONG_CIRCUIT_COOLDOWN_MS: number(30_000),
  DOITONG_WEBHOOK_SCHEDULE_SCALE: number(1),
  // The local preview's video renders at most this many times real time (0: as fast as the CPU allows), so a test
  // that needs a render lasting seconds gets one without burning those seconds of CPU.
  DOITONG_LOCAL_RENDER_PACE: number(0),
  // Retention runs this many times faster (3600: media kept "1h" is deleted one second after it finishes).
  DOITONG_RETENTION_TIME_SCALE: number(1),
  // bcrypt's cost for new password hashes and for the unknown-email comparison (lib/auth/passwords.ts). Tests that
  // sign people up by the dozen lower it; tests/unit/passwords.test.ts proves the default is the production 12.
  DOITONG_BCRYPT_ROUNDS: number(12),
};

// Every setting the app reads, in one place. Unset means the embedded default (see .env.example). Vendors' keys
// are named by their adapters and read through vendorSetting().
const schema = z.object({
  ...testKnobs,
  NODE_ENV: text(),
  DOITONG_REDIS_PREFIX: z.string().min(1).default("doitong"),
  DOITONG_ALLOWED_PRIVATE_HOSTS: z.string().default(""),
  DOITONG_KEY_CACHE_MS: number(1_000),
  // How often every instance re-reads the operators' provider switches (lib/providers/switches): the longest a
  // switch made on another instance takes to apply here.
  DOITONG_PROVIDER_SWITCH_REFRESH_MS: number(2_000),
  // How long an unfinished generation's row may be served from this instance's memory (lib/generations/get-generation.ts); 0: never.
  DOITONG_GENERATION_CACHE_MS: number(5_000),
  DOITONG_INTROSPECTION: z.string().default("on"),
  // How long /v1/images and /v1/audio/speech hold the connection open for the result (OpenAI clients expect the
  // media in the answer) before they answer a timeout error naming the generation id.
  DOITONG_V1_WAIT_SECONDS: number(120),
  NEXTAUTH_SECRET: text(),
  NEXTAUTH_URL: text(),
  // The port `npm start` serves on (Next.js reads it too); links to this server when DOITONG_PUBLIC_URL is unset.
  PORT: number(3000),
  GITHUB_ID: text(),
  GITHUB_SECRET: text(),
  GOOGLE_CLIENT_ID: text(),
  GOOGLE_CLIENT_SECRET: text(),
  STRIPE_SECRET_KEY: text(),
  STRIPE_WEBHOOK_SECRET: text(),
  STRIPE_API_BASE: text(),
  STRIPE_PRICE_STARTER: text(),
  STRIPE_PRICE_PRO: text(),
  DATABASE_URL: z.string().url().optional(),
  DOITONG_DATA_DIR: z.string().default(".data"),
  // A folder where the sandbox's and the built-in vendor fakes' preview media are kept by what decides their bytes,
  // shared by every process on the machine (lib/providers/sandbox/preview-media.ts). Unset: each process keeps its
  // last few in memory only. Test runs set one per run.
  DOITONG_PREVIEW_CACHE_DIR: z.string().min(1).optional(),
  DOITONG_SECRET: z.string().min(32).optional(),
  DOITONG_PUBLIC_URL: z.string().url().optional(),
  DOITONG_RUNNER: z.enum(["in-process", "inngest", "off"]).optional(),
  DOITONG_RUNNER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  // Test-key work has its own slots, so it can never delay live work (lib/jobs/claim-generations.ts).
  DOITONG_TEST_RUNNER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  // Vendor jobs one instance follows at once per mode: followers wait on the vendor and hold no runner slot.
  DOITONG_FOLLOW_CONCURRENCY: z.coerce.number().int().min(1).max(10_000).default(1_000),
  // Inngest: steps executing at once over all accounts (live), and for test-key work (its own function).
  DOITONG_INNGEST_CONCURRENCY: z.coerce.number().int().min(1).max(10_000).default(20),
  DOITONG_INNGEST_TEST_CONCURRENCY: z.coerce.number().int().min(1).max(10_000).default(5),
  DOITONG_DEMO_ACCOUNT: z.enum(["on", "off"]).default("on"),
  DOITONG_LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  // Believe X-Forwarded-For/-Host/-Proto: off (default), on (one proxy), or how many proxies append to X-Forwarded-For.
  DOITONG_TRUST_PROXY: z
    .string()
    .regex(/^(on|off|true|false|\d{1,2})$/i, "on, off or a number of proxy hops")
    .optional(),
  // Outgoing mail (lib/mail): smtp(s)://user:pass@host:port. Unset: mails are written to the log instead of sent.
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().min(3).default("Doitong <no-reply@doitong.local>"),
  // Sign-up and sign-in throttles (lib/limits/auth-policies.ts): sign-up requests per hour from one address and for
  // one email domain; failed sign-ins from one address (over all accounts) before its back-off starts.
  DOITONG_SIGNUP_PER_IP_HOUR: z.coerce.number().int().min(1).default(10),
  DOITONG_SIGNUP_PER_DOMAIN_HOUR: z.coerce.number().int().min(1).default(50),
  DOITONG_SIGNIN_FAILURES_PER_IP: z.coerce.number().int().min(1).default(50),
  // GraphQL requests per minute without a valid key, per client address (introspection and `__typename` only), and
  // the dashboard's own reads per minute per account (its generations count against the plan's API limit).
  DOITONG_ANONYMOUS_PER_MINUTE: z.coerce.number().int().min(1).default(60),
  DOITONG_DASHBOARD_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  // GitHub sign-in against GitHub Enterprise Server instead of github.com (its API is then <url>/api/v3).
  GITHUB_URL: z.string().url().optional(),
  // Bearer token a Prometheus scraper sends to /api/metrics; unset, the endpoint answers 404.
  DOITONG_METRICS_TOKEN: z.string().min(16).optional(),
  REDIS_URL: z.string().url().optional(),
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

/** Reads the environment again: for tests that change a setting between cases. */
/**
 * The log level alone, without caching the rest: the logger is made when lib/log.ts is first imported, which can be
 * before a test or script has finished setting the environment that env() would then cache.
 */
export function logLevel(): Env["DOITONG_LOG_LEVEL"] {
  return schema.shape.DOITONG_LOG_LEVEL.parse(process.env.DOITONG_LOG_LEVEL);
}

export function reloadEnv(): Env {
  cached = undefined;
  return env();
}

/** The test knobs that are set, for the warning boot gives in production. */
export function testKnobsSet(): string[] {
  return Object.keys(testKnobs).filter((name) => process.env[name]);
}

/**
 * A vendor's setting, by the name its adapter declares (credentials like KLING_ACCESS_KEY, `<VENDOR>_BASE_URL`):
 * twenty vendors' names are data in their adapters, not fields here. Empty counts as unset.
 */
export function vendorSetting(name: string): string | undefined {
  return process.env[name] || undefined;
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
