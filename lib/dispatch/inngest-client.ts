import { Inngest } from "inngest";

export const GENERATION_REQUESTED = "doitong/generation.requested";
/** A test-key generation: run by its own function, whose capacity is separate from live work's. */
export const TEST_GENERATION_REQUESTED = "doitong/test-generation.requested";
export const GENERATION_CANCELLED = "doitong/generation.cancelled";
/** Webhook deliveries were queued: dispatch them now rather than at the next cron tick. */
export const WEBHOOKS_ENQUEUED = "doitong/webhooks.enqueued";
/** A vendor called back about a generation: the workflow's waitForEvent between follow slices wakes on it. */
export const VENDOR_CALLBACK = "doitong/vendor.callback";

// Keys come from INNGEST_EVENT_KEY / INNGEST_SIGNING_KEY (or INNGEST_DEV for a dev server), read by the SDK.
export const inngest = new Inngest({ id: "doitong" });
