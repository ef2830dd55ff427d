import { AsyncLocalStorage } from "node:async_hooks";
import { EventEmitter } from "node:events";
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, describe, expect, it, vi } from "vitest";
import { SharedAsyncLocalStorage } from "@/lib/server/shared-async-local-storage.mjs";

// server.mjs installs this as globalThis.AsyncLocalStorage and on the async_hooks module, so Next's, React's and our
// request id's storages are all made from it (lib/server/shared-async-local-storage.mjs). Each must behave as
// Node's own, independently of the others; and however many there are, one of Node's must carry them.

afterEach(() => vi.restoreAllMocks());

describe("SharedAsyncLocalStorage", () => {
  it("keeps each instance's store apart, through awaits, timers and nested runs", async () => {
    const a = new SharedAsyncLocalStorage<string>();
    const b = new SharedAsyncLocalStorage<string>();
    const seen: (string | undefined)[][] = [];
    await a.run("a1", async () => {
      await b.run("b1", async () => {
        await sleep(1);
        seen.push([a.getStore(), b.getStore()]);
        await a.run("a2", async () => {
          await Promise.resolve();
          seen.push([a.getStore(), b.getStore()]);
        });
        seen.push([a.getStore(), b.getStore()]);
      });
      seen.push([a.getStore(), b.getStore()]);
    });
    seen.push([a.getStore(), b.getStore()]);
    expect(seen).toEqual([
      ["a1", "b1"],
      ["a2", "b1"],
      ["a1", "b1"],
      ["a1", undefined],
      [undefined, undefined],
    ]);
  });

  it("gives concurrent runs of one instance their own store", async () => {
    const requests = new SharedAsyncLocalStorage<{ id: number }>();
    const serve = (id: number) =>
      requests.run({ id }, async () => {
        await sleep(5 - id);
        return requests.getStore()?.id;
      });
    expect(await Promise.all([1, 2, 3, 4].map(serve))).toEqual([1, 2, 3, 4]);
  });

  it("returns the callback's value and passes its arguments, as Node's does", () => {
    const s = new SharedAsyncLocalStorage<number>();
    expect(s.run(7, (x: number, y: number) => x + y + (s.getStore() ?? 0), 1, 2)).toBe(10);
    expect(() =>
      s.run(1, () => {
        throw new Error("boom");
      }),
    ).toThrow("boom");
    expect(s.getStore()).toBeUndefined();
  });

  it("exit() runs without the instance's store and keeps the others'", () => {
    const a = new SharedAsyncLocalStorage<string>();
    const b = new SharedAsyncLocalStorage<string>();
    a.run("a", () =>
      b.run("b", () => {
        expect(a.exit(() => [a.getStore(), b.getStore()])).toEqual([undefined, "b"]);
        expect(a.getStore()).toBe("a");
      }),
    );
  });

  it("enterWith() sets the store for the rest of the current context, and disable() hides it until the next run", async () => {
    const s = new SharedAsyncLocalStorage<string>();
    const other = new SharedAsyncLocalStorage<string>();
    await other.run("kept", async () => {
      await (async () => {
        s.enterWith("entered");
        await Promise.resolve();
        expect([s.getStore(), other.getStore()]).toEqual(["entered", "kept"]);
        s.disable();
        expect(s.getStore()).toBeUndefined();
        expect(s.run("again", () => s.getStore())).toBe("again");
      })();
    });
  });

  it("bind() and snapshot() carry every instance's store to a later call", async () => {
    const a = new SharedAsyncLocalStorage<string>();
    const b = new SharedAsyncLocalStorage<string>();
    const [bound, snapshot] = a.run("a", () => b.run("b", () => [SharedAsyncLocalStorage.bind(() => [a.getStore(), b.getStore()]), SharedAsyncLocalStorage.snapshot()] as const));
    await sleep(1);
    expect(bound()).toEqual(["a", "b"]);
    expect(snapshot(() => [a.getStore(), b.getStore()])).toEqual(["a", "b"]);
  });

  it("reaches an event listener called later from the context that emitted", async () => {
    const s = new SharedAsyncLocalStorage<string>();
    const events = new EventEmitter();
    const heard = new Promise((resolve) => events.once("done", () => resolve(s.getStore())));
    s.run("emitter", () => setImmediate(() => events.emit("done")));
    expect(await heard).toBe("emitter");
  });

  it("runs every instance on one of Node's, so its promise hook copies one store per promise", () => {
    const run = vi.spyOn(AsyncLocalStorage.prototype, "run");
    const enterWith = vi.spyOn(AsyncLocalStorage.prototype, "enterWith");
    const storages = Array.from({ length: 5 }, () => new SharedAsyncLocalStorage<number>());
    storages.forEach((s, i) => s.run(i, () => s.enterWith(i + 1)));
    const carriers = new Set([...run.mock.contexts, ...enterWith.mock.contexts]);
    expect(run).toHaveBeenCalledTimes(5);
    expect(carriers.size).toBe(1);
  });
});
