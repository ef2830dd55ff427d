import fs from "node:fs";
import net from "node:net";
import type { PGlite } from "@electric-sql/pglite";
import { logger } from "../log";

/**
 * Serves one PGlite database to many PostgreSQL-protocol connections, correctly.
 *
 * PGlite is a single session. Extended-protocol messages (Parse/Bind/Execute/…/Sync) keep state in that session
 * (the unnamed statement and portal), so one connection's messages must never be interleaved with another's, and a
 * connection that opened a transaction must have the session to itself until it ends. (pglite-socket's own server
 * interleaves per message, which corrupts concurrent clients: "portal does not exist".) So this server:
 *  - buffers each connection's messages up to a Sync or a simple Query and runs that batch in one exclusive turn;
 *  - keeps the turn for a connection whose batch left a transaction open, and rolls back if it disconnects.
 *
 * Every statement of every process passes through here, so the owner learns of other processes' changes (the admin
 * command, a test's set-up) without asking: `onForeignWrite` runs once a connection that did not name itself
 * `ownName` in its start-up message has changed rows (a command tag INSERT/UPDATE/DELETE/MERGE/COPY of one row or
 * more) and no transaction is open any more — committed (or rolled back: a wake-up too many is harmless). The
 * owner's workers sleep until then instead of polling (lib/jobs). It also counts round trips.
 */
const SSL_REQUEST = 80877103;
const CANCEL_REQUEST = 80877102;
const PROTOCOL_3 = 196608;
const BATCH_END = new Set(["S", "Q", "X"]);

export interface PgliteServer {
  close(): Promise<void>;
  /** Batches run so far (each a client's round trip: a simple Query, or extended-protocol messages up to a Sync). */
  roundTrips(): number;
}

export interface ServeOptions {
  /** The application_name the owner's own connections give; every other connection is another process's. */
  ownName?: string;
  onForeignWrite?: () => void;
}

export async function servePglite(db: PGlite, listen: { path: string } | { host: string; port: number }, options: ServeOptions = {}): Promise<PgliteServer & { port: number }> {
  const turn = new Turn(options);
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    new Connection(db, socket, turn);
  });
  if ("path" in listen) fs.rmSync(listen.path, { force: true });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    if ("path" in listen) server.listen(listen.path, resolve);
    else server.listen(listen.port, listen.host, resolve);
  });
  const address = server.address();
  return {
    port: typeof address === "object" && address ? address.port : 0,
    roundTrips: () => turn.batches,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A FIFO lock over the database session, owned by one connection at a time. */
class Turn {
  private owner: Connection | undefined;
  private waiters: { who: Connection; grant: () => void }[] = [];
  batches = 0;

  constructor(readonly options: ServeOptions) {}

  acquire(who: Connection): Promise<void> {
    if (this.owner === who) return Promise.resolve();
    if (!this.owner) {
      this.owner = who;
      return Promise.resolve();
    }
    return new Promise((grant) => this.waiters.push({ who, grant }));
  }

  release(who: Connection): void {
    if (this.owner !== who) return;
    const next = this.waiters.shift();
    this.owner = next?.who;
    next?.grant();
  }

  forget(who: Connection): void {
    this.waiters = this.waiters.filter((w) => w.who !== who);
    this.release(who);
  }
}

class Connection {
  private buffer = Buffer.alloc(0);
  private started = false;
  private pending: Buffer[] = [];
  private chain: Promise<void> = Promise.resolve();
  private closed = false;
  /** Another process's connection (see ServeOptions.ownName); known from its start-up message. */
  private foreign = true;
  /** It changed rows in the transaction still open (or the batch still running). */
  private wrote = false;

  constructor(
    private readonly db: PGlite,
    private readonly socket: net.Socket,
    private readonly turn: Turn,
  ) {
    socket.setNoDelay(true);
    socket.on("data", (chunk) => this.onData(chunk));
    socket.on("error", () => socket.destroy());
    socket.on("close", () => {
      this.closed = true;
      this.chain = this.chain.then(() => this.cleanUp());
    });
  }

  private onData(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const message = this.nextMessage();
      if (!message) return;
      if (message === "skip") continue;
      this.pending.push(message);
      const type = this.started ? String.fromCharCode(message[0]) : "startup";
      if (type === "startup") {
        this.started = true;
        this.foreign = startupParameter(message, "application_name") !== this.turn.options.ownName;
      }
      if (type === "startup" || BATCH_END.has(type)) {
        const batch = this.pending;
        this.pending = [];
        this.chain = this.chain.then(() => this.run(batch));
      }
    }
  }

  /** The next complete message, "skip" for a handled pre-startup request, or undefined when incomplete. */
  private nextMessage(): Buffer | "skip" | undefined {
    if (!this.started) {
      if (this.buffer.length < 8) return undefined;
      const length = this.buffer.readInt32BE(0);
      if (this.buffer.length < length) return undefined;
      const code = this.buffer.readInt32BE(4);
      const message = this.buffer.subarray(0, length);
      this.buffer = this.buffer.subarray(length);
      if (code === SSL_REQUEST) {
        this.socket.write("N"); // no TLS on a local socket
        return "skip";
      }
      if (code === CANCEL_REQUEST) {
        this.socket.end();
        return "skip";
      }
      if (code !== PROTOCOL_3) this.socket.destroy();
      return message;
    }
    if (this.buffer.length < 5) return undefined;
    const length = 1 + this.buffer.readInt32BE(1);
    if (this.buffer.length < length) return undefined;
    const message = this.buffer.subarray(0, length);
    this.buffer = this.buffer.subarray(length);
    return message;
  }

  private async run(batch: Buffer[]): Promise<void> {
    if (this.closed || this.db.closed) return;
    await this.turn.acquire(this);
    let foreignWrite = false;
    try {
      this.turn.batches++;
      for (const message of batch) {
        if (message[0] === 0x58 /* X: Terminate */ && this.started) {
          this.socket.end();
          break;
        }
        const reply = await replyTo(this.db, message);
        if (reply.length > 0 && this.socket.writable) this.socket.write(reply);
        if (this.foreign && !this.wrote) this.wrote = changedRows(reply);
      }
      if (!this.db.isInTransaction()) {
        await this.db.syncToFs();
        foreignWrite = this.wrote;
        this.wrote = false;
      }
    } catch (error) {
      logger("db").error({ err: error }, "an embedded database connection failed; it is closed");
      this.socket.destroy();
    } finally {
      // A connection that left a transaction open keeps the session; if it has gone, cleanUp rolls back.
      if (this.db.closed || !this.db.isInTransaction()) this.turn.release(this);
    }
    if (foreignWrite) this.turn.options.onForeignWrite?.();
  }

  private async cleanUp(): Promise<void> {
    await this.turn.acquire(this);
    try {
      if (!this.db.closed && this.db.isInTransaction()) await this.db.exec("ROLLBACK");
    } finally {
      this.turn.forget(this);
    }
  }
}

/**
 * PGlite's reply to one protocol message, as the bytes it wrote. Not `execProtocolRaw`: it also parses every reply
 * into JavaScript messages and keeps them until the next `execProtocol` call, which this server never makes, so the
 * heap held every row ever read (PGlite 0.5.14, and 0.6.1 still: its `#C.results`). A heap snapshot of a server
 * after ~45,000 `generate`s held 43,489 copies of their rows' routing JSON, 111 MB of strings; the heap grew by
 * ~6 MB a second under load. `execProtocolRawStream` hands over the bytes as they are written and parses nothing.
 * Every message goes through it, the start-up packet too: PGlite writes that reply through the same callback.
 */
async function replyTo(db: PGlite, message: Buffer): Promise<Buffer> {
  const chunks: Buffer[] = [];
  // The chunk is a view of the WASM memory, reused by the next write: copied.
  await db.execProtocolRawStream(new Uint8Array(message), { syncToFs: false, onRawData: (chunk) => void chunks.push(Buffer.from(chunk)) });
  return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
}

/** A parameter of a start-up message: length, protocol, then name\0value\0 pairs up to a final \0. */
function startupParameter(message: Buffer, name: string): string | undefined {
  const fields = message.subarray(8).toString("utf8").split("\0");
  for (let i = 0; i + 1 < fields.length; i += 2) if (fields[i] === name) return fields[i + 1];
  return undefined;
}

const WRITE_TAG = /^(INSERT \d+|UPDATE|DELETE|MERGE|COPY) (\d+)$/;

/** Whether a reply holds a CommandComplete ('C') whose tag says rows were written. */
function changedRows(reply: Uint8Array): boolean {
  const view = Buffer.from(reply.buffer, reply.byteOffset, reply.byteLength);
  for (let i = 0; i + 5 <= view.length;) {
    const length = view.readInt32BE(i + 1);
    if (view[i] === 0x43) {
      const tag = WRITE_TAG.exec(view.toString("latin1", i + 5, i + length).replace(/\0$/, ""));
      if (tag && Number(tag[2]) > 0) return true;
    }
    i += 1 + length;
  }
  return false;
}
