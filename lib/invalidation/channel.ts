import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterCommit } from "../db/after-commit";
import { db, pgConfig } from "../db";
import { env } from "../env";
import type { Prisma } from "../generated/prisma/client";
import { logger } from "../log";
import { outageLog } from "../log-outage";
import { processSingleton } from "../process-singleton";
import { redisPrefix, sharedRedis } from "../redis";

/**
 * The invalidation channel: how one instance of the app tells every instance — itself included — that something
 * they may hold in memory changed, so that each drops its copy. For caches of rows that change (unfinished
 * generations; operators' price lists and provider switches), never for work: delivery is at most once.
 *
 *   const prices = invalidationTopic("prices");          // any module, any bundle: one topic per name and process
 *   prices.subscribe("price-cache", {                    // the cache's owner, once (a second call replaces the first)
 *     changed: (keys) => keys.forEach((k) => cache.delete(k)),
 *     reset: () => cache.clear(),                        // messages may have been missed: forget everything
 *   });
 *   prices.live()                                        // true while every instance's messages reach this one:
 *                                                        //   serve from the cache only then
 *   await prices.publish("plan-pro")                     // the change is committed: tell everyone
 *   await prices.publishOnCommit(tx, "plan-pro")         // the change is in `tx`: told when (and only if) it commits
 *
 * What a subscriber can rely on:
 * - This instance's handlers run before `publish` resolves, and for `publishOnCommit` before `$transaction`
 *   resolves (read-your-writes on the instance that made the change).
 * - Other instances hear it moments later: the message leaves at the commit (PostgreSQL) or within a Redis round
 *   trip after it, before `publish` (or `$transaction`) resolves unless the transport is failing, but each
 *   instance reads its listening connection when its event loop gets to it, so it may answer a request or two
 *   from its copy first (seen in CI under load). A caller that needs another instance's change at once reads
 *   the database (or asks the instance that made the change).
 * - `reset` runs every time the channel becomes live again (first connection, reconnection): whatever was sent
 *   while this instance was not listening is lost, so a cache empties itself then, and serves nothing while not live.
 * - Handlers act on process-wide state (processSingleton): Next.js may load a subscriber's module more than once.
 *
 * Transports, chosen from the environment once per process:
 * - REDIS_URL: Redis pub/sub on `<DOITONG_REDIS_PREFIX>:invalidate` (a subscriber connection of its own).
 * - else DATABASE_URL (a real PostgreSQL): LISTEN/NOTIFY on `doitong_invalidate` (a connection of its own;
 *   publishOnCommit sends the NOTIFY inside the transaction, so it is delivered exactly when the change commits).
 * - else (the embedded PGlite, one instance): in-process only, always live.
 * What no transport notices — a process that changes rows without publishing (the admin command on PGlite, another
 * version of the app), a publish lost after its commit — is why a cache also bounds how old an entry may be.
 */

export interface Subscriber {
  changed(keys: string[]): void;
  reset(): void;
}

export interface InvalidationTopic {
  subscribe(name: string, subscriber: Subscriber): void;
  live(): boolean;
  publish(...keys: string[]): Promise<void>;
  publishOnCommit(tx: Prisma.TransactionClient, ...keys: string[]): Promise<void>;
}

interface Transport {
  /** Starts listening (once): a process that only publishes (a CLI command) never opens a listening connection. */
  live(): boolean;
  /** Sends a committed change to the other instances; never rejects (a failure is logged). */
  send(message: string): Promise<void>;
  /** Queues the message in the transaction, delivered at its commit (PostgreSQL). */
  sendInTransaction?(tx: Prisma.TransactionClient, message: string): Promise<void>;
  /** Stops listening for good (shutdown): no reconnection, no outage logged for it. */
  close?(): Promise<void>;
}

interface ChannelState {
  transport?: Transport;
  topics: Map<string, Map<string, Subscriber>>;
}

const state = processSingleton<ChannelState>("invalidation", () => ({ topics: new Map() }));
const log = logger("invalidation");
/** Tells this process's own messages apart when the transport echoes them back. */
const instanceId = randomUUID();
/** A send that has not gone through by then is left to finish (or fail) on its own: a commit never waits longer. */
const SEND_WAIT_MS = 250;
const PG_CHANNEL = "doitong_invalidate";
const KEYS_PER_MESSAGE = 100;

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export function invalidationTopic(name: string): InvalidationTopic {
  const subscribers = () => {
    let found = state.topics.get(name);
    if (!found) state.topics.set(name, (found = new Map<string, Subscriber>()));
    return found;
  };
  // A NOTIFY payload is at most 8000 bytes: a long list of keys goes as several messages.
  const messages = (keys: string[]) => chunks(keys, KEYS_PER_MESSAGE).map((part) => JSON.stringify([instanceId, name, part]));
  return {
    subscribe: (id, subscriber) => void subscribers().set(id, subscriber),
    live: () => transport().live(),
    async publish(...keys) {
      if (keys.length === 0) return;
      deliver(name, keys);
      const t = transport();
      await withinWait(Promise.all(messages(keys).map((m) => t.send(m))).then(() => undefined));
    },
    async publishOnCommit(tx, ...keys) {
      if (keys.length === 0) return;
      const t = transport();
      if (t.sendInTransaction) {
        for (const m of messages(keys)) await t.sendInTransaction(tx, m);
        afterCommit(tx, () => deliver(name, keys));
      } else {
        afterCommit(tx, () => {
          deliver(name, keys);
          return withinWait(Promise.all(messages(keys).map((m) => t.send(m))).then(() => undefined));
        });
      }
    },
  };
}

/**
 * Stops listening, before the process closes its database (a graceful shutdown, a test dropping its database):
 * otherwise the listening connection, cut by the server, is logged as an outage and reconnected.
 */
export async function closeInvalidationChannel(): Promise<void> {
  const t = state.transport;
  state.transport = undefined;
  await t?.close?.();
}

/** Runs this process's subscribers of a topic (for its own changes, and for other instances' messages). */
function deliver(topic: string, keys: string[]): void {
  for (const subscriber of state.topics.get(topic)?.values() ?? []) {
    try {
      subscriber.changed(keys);
    } catch (err) {
      log.error({ err, topic }, "an invalidation subscriber failed");
    }
  }
}

function resetAll(): void {
  for (const subscribers of state.topics.values()) for (const subscriber of subscribers.values()) subscriber.reset();
}

function receive(raw: string): void {
  try {
    const [from, topic, keys] = JSON.parse(raw) as [string, string, string[]];
    if (from !== instanceId && Array.isArray(keys)) deliver(topic, keys);
  } catch (err) {
    log.warn({ err }, "an invalidation message that does not parse was ignored");
  }
}

function withinWait(sent: Promise<void>): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, SEND_WAIT_MS);
    void sent.finally(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

function transport(): Transport {
  if (!state.transport) {
    const { REDIS_URL, DATABASE_URL } = env();
    state.transport = REDIS_URL ? redisTransport(REDIS_URL) : DATABASE_URL ? postgresTransport() : { live: () => true, send: () => Promise.resolve() };
  }
  return state.transport;
}

function redisTransport(url: string): Transport {
  const channel = `${redisPrefix()}:invalidate`;
  const outages = {
    subscription: outageLog(log, "Listening for other instances' invalidations in Redis (caches of changing rows are bypassed meanwhile)"),
    publish: outageLog(log, "Publishing invalidations to Redis (other instances' caches expire by age meanwhile)"),
  };
  let live = false;
  let listening = false;
  let stop: (() => Promise<void>) | undefined;
  function listen(): void {
    listening = true;
    const subscriber = sharedRedis(url).duplicate();
    stop = () =>
      subscriber.quit().then(
        () => undefined,
        () => subscriber.disconnect(),
      );
    subscriber.on("error", (err: unknown) => outages.subscription.failed(err));
    subscriber.on("close", () => {
      live = false;
    });
    // Subscribed on every (re)connection: ioredis re-subscribes only what once succeeded, and the first try may fail.
    subscriber.on("ready", () => {
      subscriber.subscribe(channel).then(
        () => {
          resetAll();
          live = true;
          outages.subscription.succeeded();
        },
        (err: unknown) => outages.subscription.failed(err),
      );
    });
    subscriber.on("message", (_channel: string, raw: string) => receive(raw));
  }
  return {
    live: () => {
      if (!listening) listen();
      return live;
    },
    close: async () => {
      live = false;
      await stop?.();
    },
    send: (message) =>
      sharedRedis(url)
        .publish(channel, message)
        .then(
          () => outages.publish.succeeded(),
          (err: unknown) => outages.publish.failed(err),
        ),
  };
}

function postgresTransport(): Transport {
  const outages = {
    listen: outageLog(log, "Listening for other instances' invalidations in PostgreSQL (caches of changing rows are bypassed meanwhile)"),
    notify: outageLog(log, "Sending invalidations through PostgreSQL (other instances' caches expire by age meanwhile)"),
  };
  let live = false;
  let closed = false;
  let current: pg.Client | undefined;
  const lost = (client: pg.Client) => {
    if (current !== client || closed) return;
    current = undefined;
    live = false;
    client.end().catch(() => undefined);
    setTimeout(() => void listen(), 1_000).unref();
  };
  async function listen(): Promise<void> {
    if (closed) return;
    let config: pg.ClientConfig;
    try {
      config = await pgConfig();
    } catch (err) {
      outages.listen.failed(err);
      setTimeout(() => void listen(), 1_000).unref();
      return;
    }
    const client = new pg.Client(config);
    current = client;
    client.on("error", (err) => {
      if (closed) return;
      outages.listen.failed(err);
      lost(client);
    });
    client.on("end", () => lost(client));
    client.on("notification", (n) => {
      if (n.channel === PG_CHANNEL && n.payload) receive(n.payload);
    });
    try {
      await client.connect();
      // A listening connection must not keep a finished process (a CLI command, a test) alive.
      (client as unknown as { connection?: { stream?: { unref?: () => void } } }).connection?.stream?.unref?.();
      await client.query(`LISTEN ${PG_CHANNEL}`);
      if (current !== client || closed) return;
      resetAll();
      live = true;
      outages.listen.succeeded();
    } catch (err) {
      outages.listen.failed(err);
      lost(client);
    }
  }
  let listening = false;
  const notify = async (client: Pick<Prisma.TransactionClient, "$executeRaw">, message: string) => {
    await client.$executeRaw`SELECT pg_notify(${PG_CHANNEL}, ${message})`;
  };
  return {
    live: () => {
      if (!listening) {
        listening = true;
        void listen();
      }
      return live;
    },
    send: async (message) => {
      try {
        await notify(await db(), message);
        outages.notify.succeeded();
      } catch (err) {
        outages.notify.failed(err);
      }
    },
    sendInTransaction: (tx, message) => notify(tx, message),
    close: async () => {
      closed = true;
      live = false;
      const client = current;
      current = undefined;
      await client?.end().catch(() => undefined);
    },
  };
}
