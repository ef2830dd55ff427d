import { describe, expect, it } from "vitest";
import { SingleFlight } from "@/lib/single-flight";

// The one-read-at-a-time mechanism under the API's caches (keys, generations, prices, speed tables): what their
// HTTP tests count on the wire (tests/integration/generate-round-trips.test.ts) rests on these three rules.
describe("SingleFlight", () => {
  it("shares a run under way among the callers of its key, and starts a new one once it has settled", async () => {
    const flights = new SingleFlight<number>();
    let runs = 0;
    const start = () => new Promise<number>((resolve) => setTimeout(() => resolve(++runs), 10));
    const together = await Promise.all([flights.run("a", undefined, start), flights.run("a", undefined, start), flights.run("b", undefined, start)]);
    expect(together.slice(0, 2)).toEqual([1, 1]);
    expect(runs).toBe(2);
    expect(flights.running("a")).toBe(false);
    expect(await flights.run("a", undefined, start)).toBe(3);
  });

  it("does not share a run whose mark is no longer joinable (a change came after it began)", async () => {
    let epoch = 0;
    const flights = new SingleFlight<string, number>((started) => started === epoch);
    let release!: () => void;
    const old = flights.run("k", epoch, () => new Promise<string>((resolve) => (release = () => resolve("old"))));
    expect(flights.running("k")).toBe(true);
    epoch += 1;
    expect(flights.running("k")).toBe(false);
    const fresh = flights.run("k", epoch, () => Promise.resolve("fresh"));
    release();
    expect(await Promise.all([old, fresh])).toEqual(["old", "fresh"]);
  });

  it("hands a failed run's error to every caller that shared it, and forgets it", async () => {
    const flights = new SingleFlight<number>();
    let runs = 0;
    const failing = () => new Promise<number>((_, reject) => setTimeout(() => reject(new Error(`read ${++runs} failed`)), 5));
    const shared = [flights.run("k", undefined, failing), flights.run("k", undefined, failing)];
    for (const run of shared) await expect(run).rejects.toThrow("read 1 failed");
    await expect(flights.run("k", undefined, failing)).rejects.toThrow("read 2 failed");
  });
});
