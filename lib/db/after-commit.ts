import type { Prisma, PrismaClient } from "../generated/prisma/client";
import { logger } from "../log";
import { processSingleton } from "../process-singleton";

/**
 * Work that must wait until a transaction has committed, registered from inside it: waking the webhook
 * dispatcher for the deliveries the transaction queued (before the commit it would find none), counting a state
 * change in the metrics. The callbacks run in order once `$transaction` has resolved, and are dropped if it rolls
 * back. Every interactive transaction of the client from db() supports it: installAfterCommit wraps that
 * client's `$transaction` (the array form passes through untouched). A callback that returns a promise (telling
 * other instances, lib/invalidation/channel.ts) is waited for before `$transaction` resolves.
 */
type Callbacks = (() => unknown)[];

// Per process, not per module copy: the client is shared by every bundle that loads this file.
const pending = processSingleton("after-commit", () => new WeakMap<object, Callbacks>());
const log = logger("db");

export function afterCommit(tx: Prisma.TransactionClient, callback: () => unknown): void {
  const callbacks = pending.get(tx);
  if (!callbacks) throw new Error("afterCommit needs an interactive transaction of the client from db()");
  callbacks.push(callback);
}

export function installAfterCommit(client: PrismaClient): void {
  const transaction = client.$transaction.bind(client) as (arg: unknown, options?: unknown) => Promise<unknown>;
  const withCallbacks = async (arg: unknown, options?: unknown): Promise<unknown> => {
    if (typeof arg !== "function") return transaction(arg, options);
    const fn = arg as (tx: Prisma.TransactionClient) => Promise<unknown>;
    const callbacks: Callbacks = [];
    const result = await transaction((tx: Prisma.TransactionClient) => {
      pending.set(tx, callbacks);
      return fn(tx);
    }, options);
    const waits: Promise<void>[] = [];
    // The transaction stands whatever happens here; only its follow-up failed.
    const failed = (err: unknown) => log.error({ err }, "a callback after a commit failed");
    for (const callback of callbacks) {
      try {
        const done = callback();
        if (done instanceof Promise) waits.push((done as Promise<unknown>).then(() => undefined, failed));
      } catch (err) {
        failed(err);
      }
    }
    if (waits.length > 0) await Promise.all(waits);
    return result;
  };
  Object.assign(client, { $transaction: withCallbacks });
}
