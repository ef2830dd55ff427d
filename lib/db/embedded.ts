import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import { type PgliteServer, servePglite } from "./pglite-server";
import { processSingleton, processSlot } from "../process-singleton";

/**
 * The embedded database. PGlite is single-process: exactly one process (the "owner", normally the app) opens the
 * data directory and serves it over the PostgreSQL wire protocol on a Unix socket; every client — the owner's own
 * Prisma client, `npm run admin`, tests — connects through that socket with the ordinary `pg` driver. So the same
 * adapter (@prisma/adapter-pg) runs here and in production; pglite-server.ts keeps each connection's batches and
 * transactions to itself. Ownership is an O_EXCL lock file holding the owner's pid and address; a lock whose pid
 * is dead (kill -9) is stale and taken over.
 */

export interface PgAddress {
  host: string; // a directory (Unix socket) or 127.0.0.1
  port: number;
}

interface LockFile extends PgAddress {
  pid: number;
}

interface Owned {
  db: PGlite;
  server: PgliteServer;
  lockPath: string;
}

const MAX_UNIX_SOCKET_PATH = 100;
const SHARED_BUFFERS = "32MB";

export async function connectEmbedded(dir: string, timeoutMs = 30_000): Promise<PgAddress> {
  fs.mkdirSync(dir, { recursive: true });
  const lockPath = path.join(dir, "owner.lock");
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const lock = readLock(lockPath);
    if (lock && lock.pid === process.pid) {
      if (owner.get()) return lock;
      // Our own pid but not opened by us: a previous process that had the same pid (containers restart as pid 1).
      fs.rmSync(lockPath, { force: true });
      continue;
    }
    if (lock && isAlive(lock.pid)) {
      if (lock.port && (await canConnect(lock))) return lock;
    } else if (lock || fs.existsSync(lockPath)) {
      removeStaleLock(lockPath, lock);
    } else {
      const taken = await tryBecomeOwner(dir, lockPath);
      if (taken) return taken;
    }
    if (Date.now() > deadline) {
      throw new Error(`The embedded database in ${dir} is held by process ${lock?.pid ?? "?"} and does not answer.`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

// Per process: Next.js can load this module twice in one process, and both copies must agree on ownership.
const owner = processSlot<Owned>("embedded-db");

async function tryBecomeOwner(dir: string, lockPath: string): Promise<LockFile | undefined> {
  let fd: number;
  try {
    fd = fs.openSync(lockPath, "wx");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return undefined;
    throw error;
  }
  // Write our pid at once (port 0 = starting) so a racing process waits instead of taking over.
  fs.writeSync(fd, JSON.stringify({ pid: process.pid, host: "", port: 0 }));
  fs.closeSync(fd);
  try {
    const { PGlite } = await import("@electric-sql/pglite");
    // PostgreSQL's default 128 MB of shared buffers lives in the WASM heap, which only grows: a laptop's database
    // is served as well from 32 MB plus the OS page cache, for ~100 MB less resident memory.
    const db = await PGlite.create(path.join(dir, "pgdata"), { startParams: [...PGlite.defaultStartParams, "-c", `shared_buffers=${SHARED_BUFFERS}`] });
    const socketPath = path.join(dir, ".s.PGSQL.5432");
    const useUnix = socketPath.length <= MAX_UNIX_SOCKET_PATH;
    const server = await servePglite(db, useUnix ? { path: socketPath } : { host: "127.0.0.1", port: 0 }, {
      ownName: ownerConnectionName(),
      onForeignWrite: () => {
        for (const listener of foreignListeners.values()) listener();
      },
    });
    const address: PgAddress = useUnix ? { host: dir, port: 5432 } : { host: "127.0.0.1", port: server.port };
    fs.writeFileSync(lockPath, JSON.stringify({ pid: process.pid, ...address }));
    owner.set({ db, server, lockPath });
    process.once("exit", () => releaseLockSync(lockPath));
    return { pid: process.pid, ...address };
  } catch (error) {
    releaseLockSync(lockPath);
    throw error;
  }
}

/** Closes the embedded database if this process owns it (graceful shutdown, end of a CLI command). */
export async function closeEmbedded(): Promise<void> {
  const owned = owner.get();
  if (!owned) return;
  owner.clear();
  await owned.server.close();
  await owned.db.close();
  releaseLockSync(owned.lockPath);
}

export function ownsEmbeddedDatabase(): boolean {
  return owner.get() !== undefined;
}

/** The application_name of the owner's own connections (lib/db/index.ts): the server tells other processes' apart. */
export function ownerConnectionName(): string {
  return `doitong-owner-${process.pid}`;
}

const foreignListeners = processSingleton("embedded-foreign-listeners", () => new Map<string, () => void>());

/**
 * Calls `listener` (one per `name`; a second call replaces it) whenever another process — `npm run admin`, a test's
 * own connection — has changed rows of the database this process owns, once committed. With this the owner's
 * workers know of every change without polling: their own process's changes signal them directly.
 */
export function onForeignChange(name: string, listener: () => void): void {
  foreignListeners.set(name, listener);
}

/** Round trips the embedded database has served (every process's), or undefined when this process does not own it. */
export function embeddedRoundTrips(): number | undefined {
  return owner.get()?.server.roundTrips();
}

function readLock(lockPath: string): LockFile | undefined {
  try {
    const parsed = JSON.parse(fs.readFileSync(lockPath, "utf8")) as LockFile;
    return typeof parsed.pid === "number" ? parsed : undefined;
  } catch {
    return undefined; // missing, or being written right now
  }
}

function removeStaleLock(lockPath: string, lock: LockFile | undefined): void {
  if (!lock) {
    // Unreadable: either mid-write (young) or garbage (old). Only remove it when it has been stale a while.
    const age = Date.now() - (fs.statSync(lockPath, { throwIfNoEntry: false })?.mtimeMs ?? 0);
    if (age < 2_000) return;
  }
  fs.rmSync(lockPath, { force: true });
}

function releaseLockSync(lockPath: string): void {
  const lock = readLock(lockPath);
  if (lock?.pid === process.pid) fs.rmSync(lockPath, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function canConnect(address: PgAddress): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = address.host.startsWith("/") ? net.connect(path.join(address.host, `.s.PGSQL.${address.port}`)) : net.connect(address.port, address.host);
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}
