import { describe, expect, it } from "vitest";
import { LoopSleep } from "@/lib/jobs/loop-sleep";

// What the runner and the webhook dispatcher rely on to start work at once on the embedded database, where an idle
// loop sleeps up to 30 s: a wake-up is never lost, whenever it comes.
const health = { beat() {}, sleeping() {}, claimed() {}, stopped() {} };
const LONG = 60_000;

async function settlesWithin(promise: Promise<void>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  const settled = await Promise.race([promise.then(() => true as const), timeout]);
  clearTimeout(timer);
  return settled;
}

describe("a worker loop's sleep", () => {
  it("ends at once when woken", async () => {
    const sleep = new LoopSleep();
    const sleeping = sleep.sleep(LONG, health);
    sleep.wake();
    expect(await settlesWithin(sleeping, 1_000)).toBe(true);
  });

  it("keeps a wake-up that came while the loop was busy for its next sleep, once", async () => {
    const sleep = new LoopSleep();
    sleep.wake();
    expect(await settlesWithin(sleep.sleep(LONG, health), 1_000)).toBe(true);
    // Spent: the following sleep lasts.
    expect(await settlesWithin(sleep.sleep(200, health), 50)).toBe(false);
  });

  it("keeps a wake-up that came after a sleep had already timed out (the loop was busy again)", async () => {
    const sleep = new LoopSleep();
    await sleep.sleep(10, health); // timed out
    sleep.wake(); // during the next pass
    expect(await settlesWithin(sleep.sleep(LONG, health), 1_000)).toBe(true);
  });

  it("ends when its time is up, unwoken", async () => {
    const sleep = new LoopSleep();
    expect(await settlesWithin(sleep.sleep(20, health), 5_000)).toBe(true);
  });
});
