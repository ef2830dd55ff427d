import { createAccount } from "./accounts/create-account";
import { db, disconnectDb } from "./db";
import { closeEmbedded } from "./db/embedded";
import { closeInvalidationChannel } from "./invalidation/channel";
import { env, runnerKind, testKnobsSet } from "./env";
import { startInProcessRunner, stopInProcessRunner } from "./jobs/in-process-runner";
import { startWebhookDispatcher, stopWebhookDispatcher } from "./jobs/webhook-dispatcher";
import { logger } from "./log";
import { tagPeerAddresses } from "./net/client-address";
import { providerSwitches } from "./providers/switches/switch-cache";
import { startMediaPurger, stopMediaPurger } from "./retention/media-purger";
import { startUploadSweeper, stopUploadSweeper } from "./uploads/upload-sweeper";

const DEMO_EMAIL = "demo@doitong.local";
const DEMO_CREDITS = 1_000;

/**
 * Server start: open (and migrate) the database, create the demo account on first run, start the runner and the
 * webhook dispatcher, and (on every instance) the sweepers that delete expired uploads and expired media.
 */
export async function bootServer(): Promise<void> {
  // Before the first request: per-address limits need the socket's address, which Next.js does not pass on.
  tagPeerAddresses();
  const knobs = testKnobsSet();
  if (knobs.length > 0 && env().NODE_ENV === "production") {
    logger("boot").warn({ settings: knobs }, "test settings are set (they shorten waits and schedules); unset them in production");
  }
  const client = await db();
  // The operators' provider switches are in memory before the first request is routed, and kept fresh from then on.
  await providerSwitches().start();
  const demo = env().DOITONG_DEMO_ACCOUNT === "on" && (await client.account.count()) === 0 ? await createDemoAccount() : undefined;
  if (demo) {
    console.log(
      [
        "",
        "  Doitong: created a demo account (shown once; keep the key):",
        `    account  ${demo.accountId}  (${DEMO_EMAIL}, STARTER, ${DEMO_CREDITS} credits)`,
        `    API key  ${demo.apiKey}`,
        "",
      ].join("\n"),
    );
  }
  if (runnerKind() === "in-process") {
    startInProcessRunner();
    startWebhookDispatcher();
  }
  startUploadSweeper();
  startMediaPurger();
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => void shutdown().finally(() => process.exit(0)));
  }
}

/**
 * The demo account of a first start. Instances started together on an empty database all count no account; the
 * unique email lets one of them make it, and the others start without one instead of failing their boot.
 */
async function createDemoAccount(): Promise<{ accountId: string; apiKey: string } | undefined> {
  try {
    return await createAccount({ email: DEMO_EMAIL, plan: "STARTER", credits: DEMO_CREDITS, keyName: "Demo key" });
  } catch (error) {
    // createAccount says "already exists" as INVALID_INPUT on the email; the row itself is the proof.
    if (await (await db()).account.findUnique({ where: { email: DEMO_EMAIL }, select: { id: true } })) return undefined;
    throw error;
  }
}

/** Each step runs even if one before it failed: a stop must finish, and say what did not stop cleanly. */
async function shutdown(): Promise<void> {
  const log = logger("boot");
  const step = (what: string) => (err: unknown) => log.error({ err }, `shutdown: ${what} failed`);
  await stopInProcessRunner().catch(step("stopping the runner"));
  await stopWebhookDispatcher().catch(step("stopping the webhook dispatcher"));
  await stopUploadSweeper().catch(step("stopping the upload sweeper"));
  await stopMediaPurger().catch(step("stopping the media purger"));
  providerSwitches().stop();
  await closeInvalidationChannel().catch(step("closing the invalidation channel"));
  await disconnectDb().catch(step("closing database connections"));
  await closeEmbedded().catch(step("closing the embedded database"));
}
