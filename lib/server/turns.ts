import type { IncomingMessage, ServerResponse } from "node:http";

/**
 * Requests take turns of the event loop, so that a busy server still accepts new connections (issue 22).
 *
 * Node 20's libuv accepts one connection per turn of the event loop, and a turn runs every request whose bytes
 * arrived during it. On a loaded server a turn takes ~50 requests × ~0.4 ms: a burst of 50 new connections (a
 * client pool opening, a load balancer after a deploy, every `wrk` run) waited up to 50 turns, ~0.5 s, for its
 * first answer while the connections already open were served. Measured on this machine with strace: one
 * `accept4` per turn; wrk's p99 (which counts such a stall as the requests it held back) was 234–294 ms for a
 * plain node:http server doing 0.35 ms of work a request, and 25–73 ms with turns of 1–2 ms.
 *
 * So a turn starts requests until it has spent TURN_MS; the rest wait, in arrival order, for the next turn
 * (setImmediate: after the next poll, which accepts a connection and reads what arrived meanwhile). A request that
 * arrives while others wait queues behind them. Nothing is dropped and the order is kept, and answers to requests
 * waiting on the database or Redis, which are read in the poll phase, no longer wait behind a whole turn of new
 * requests either. The extra turns cost an epoll_wait each: the spinning server served as many requests as before,
 * and ours twice as many for the same CPU (a bare graphql-yoga 70 % more), which smaller turns' working set may
 * explain; measured, not proven.
 */
export type ServeRequest = (req: IncomingMessage, res: ServerResponse) => unknown;
export type TakeTurn = (serve: ServeRequest, req: IncomingMessage, res: ServerResponse) => void;

/** How much of a turn of the event loop the requests it starts may take, in ms. */
export const TURN_MS = 1;

export interface TurnOptions {
  turnMs?: number;
  /** The clock, in ms (performance.now). */
  now?: () => number;
  /** Runs a function after the next poll of the event loop (setImmediate). */
  later?: (run: () => void) => void;
  /** A request's handler threw: by default rethrown as an uncaught exception, as if Node had called it. */
  onError?: (error: unknown) => void;
}

export function createTurns(options: TurnOptions = {}): TakeTurn {
  const turnMs = options.turnMs ?? TURN_MS;
  const now = options.now ?? (() => performance.now());
  const later = options.later ?? ((run: () => void) => void setImmediate(run));
  const onError =
    options.onError ??
    ((error: unknown) =>
      queueMicrotask(() => {
        throw error;
      }));
  // Waiting requests: a queue read from `head` (shift() would copy the array on every request under overload).
  const waiting: [ServeRequest, IncomingMessage, ServerResponse][] = [];
  let head = 0;
  let turnStart = 0;
  // A continuation is scheduled: the current turn has started; it ends in the check phase.
  let scheduled = false;

  const run = (serve: ServeRequest, req: IncomingMessage, res: ServerResponse) => {
    try {
      serve(req, res);
    } catch (error) {
      onError(error);
    }
  };

  const nextTurn = () => {
    scheduled = false;
    turnStart = now();
    while (head < waiting.length && now() - turnStart < turnMs) {
      const [serve, req, res] = waiting[head];
      waiting[head++] = undefined as never;
      run(serve, req, res);
    }
    if (head === waiting.length) {
      waiting.length = 0;
      head = 0;
    } else {
      if (head > 1024 && head * 2 > waiting.length) {
        waiting.splice(0, head);
        head = 0;
      }
      scheduled = true;
      later(nextTurn);
    }
  };

  return (serve, req, res) => {
    const t = now();
    if (!scheduled) {
      // The first request of this turn: the turn is timed from here and ends after the poll phase.
      turnStart = t;
      scheduled = true;
      later(nextTurn);
    }
    if (head < waiting.length || t - turnStart >= turnMs) waiting.push([serve, req, res]);
    else run(serve, req, res);
  };
}
