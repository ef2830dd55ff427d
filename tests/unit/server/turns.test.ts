import type { IncomingMessage, ServerResponse } from "node:http";
import { describe, expect, it } from "vitest";
import { createTurns, type ServeRequest } from "@/lib/server/turns";

// Requests take turns of the event loop (lib/server/turns.ts): what a client would notice is its request served in
// arrival order, none lost, and a new connection's request not stuck behind a whole loaded turn.

/** A clock that each request's handler advances by the time it "takes", and turns run when the test says. */
function harness(turnMs = 1) {
  let clock = 0;
  const pending: (() => void)[] = [];
  const served: string[] = [];
  const errors: unknown[] = [];
  const takeTurn = createTurns({ turnMs, now: () => clock, later: (run) => void pending.push(run), onError: (e) => void errors.push(e) });
  const request = (name: string, ms = 0.4): void => {
    const serve: ServeRequest = () => {
      served.push(name);
      clock += ms;
      if (name.startsWith("throw")) throw new Error(name);
    };
    takeTurn(serve, {} as IncomingMessage, {} as ServerResponse);
  };
  /** The loop comes round: the turns scheduled so far run (the next poll's requests come after). */
  const nextTurn = () => pending.splice(0).forEach((run) => run());
  return { request, nextTurn, served, errors, pending };
}

describe("request turns", () => {
  it("serves requests at once while the turn has time left", () => {
    const h = harness();
    h.request("a");
    h.request("b");
    expect(h.served).toEqual(["a", "b"]);
    h.nextTurn();
    expect(h.pending).toHaveLength(0); // nothing waited: no further turn is scheduled
  });

  it("keeps the rest for the next turns, in arrival order, each turn within its time", () => {
    const h = harness();
    for (const name of ["a", "b", "c", "d", "e", "f", "g"]) h.request(name);
    expect(h.served).toEqual(["a", "b", "c"]); // 0, 0.4, 0.8 ms started; at 1.2 ms the turn is over
    h.nextTurn();
    expect(h.served).toEqual(["a", "b", "c", "d", "e", "f"]);
    h.nextTurn();
    expect(h.served).toEqual(["a", "b", "c", "d", "e", "f", "g"]);
    expect(h.pending).toHaveLength(0);
  });

  it("puts a request that arrives while others wait behind them", () => {
    const h = harness();
    for (const name of ["a", "b", "c", "d"]) h.request(name);
    h.nextTurn(); // d is served; the loop polls again
    for (const name of ["e", "f", "g", "h", "i"]) h.request(name);
    h.request("late"); // arrives in the same poll as e…i
    while (h.pending.length) h.nextTurn();
    expect(h.served).toEqual(["a", "b", "c", "d", "e", "f", "g", "h", "i", "late"]);
  });

  it("starts a fresh turn once no request waits", () => {
    const h = harness();
    for (const name of ["a", "b", "c", "d"]) h.request(name);
    h.nextTurn();
    h.nextTurn();
    h.request("x", 0.9);
    h.request("y");
    expect(h.served.slice(-2)).toEqual(["x", "y"]); // a new turn: both started within its first ms
  });

  it("reports a handler that throws and serves the others", () => {
    const h = harness();
    h.request("throw-1", 2);
    h.request("b");
    h.request("throw-2");
    h.request("c");
    while (h.pending.length) h.nextTurn();
    expect(h.served).toEqual(["throw-1", "b", "throw-2", "c"]);
    expect(h.errors.map((e) => (e as Error).message)).toEqual(["throw-1", "throw-2"]);
  });

  it("on the real event loop, serves a poll's worth of busy requests over several turns, in order", async () => {
    const takeTurn = createTurns();
    const served: number[] = [];
    const during: number[] = [];
    const done = new Promise<void>((resolve) => {
      for (let i = 0; i < 10; i++) {
        takeTurn(
          () => {
            const start = performance.now();
            while (performance.now() - start < 0.6); // 0.6 ms of work
            served.push(i);
            if (served.length === 10) resolve();
          },
          {} as IncomingMessage,
          {} as ServerResponse,
        );
      }
      during.push(...served); // what ran within the poll phase that received all ten
    });
    await done;
    expect(served).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(during.length).toBeGreaterThanOrEqual(1);
    expect(during.length).toBeLessThan(10);
  });
});
