/**
 * State that must exist once per process: connections, caches, workers. Next.js loads a module once per bundle
 * (the server's route handlers, instrumentation, each page), so a module-level `let` can exist several times in
 * one process — two database pools, two runners. These slots live on globalThis, which every bundle shares.
 *
 * Every slot's name is listed here, so two modules cannot pick the same name for different things, and the
 * process's shared state can be read in one place.
 */
export type SlotName =
  | "after-commit"
  | "api-dispatch"
  | "api-key-cache"
  | "backoffs"
  | "bucket"
  | "callback-signals"
  | "db"
  | "embedded-db"
  | "embedded-foreign-listeners"
  | "generation-cache"
  | "health-store"
  | "invalidation"
  | "limiter"
  | "local-workers"
  | "mail"
  | "media-purger"
  | "progress-budget"
  | "provider-listings"
  | "provider-switches"
  | "recent-errors"
  | "metrics"
  | "price-book"
  | "redis"
  | "request-context"
  | "request-turns"
  | "runner"
  | "sandbox"
  | "secret"
  | "speed-tables"
  | "bucket-base"
  | "stripe"
  | "upload-sweeper"
  | "webhook-dispatcher"
  | "worker-status"
  | "yoga";

const STORE = Symbol.for("doitong.process-slots");
const slots = ((globalThis as { [STORE]?: Map<SlotName, unknown> })[STORE] ??= new Map<SlotName, unknown>());

export interface ProcessSlot<T> {
  get(): T | undefined;
  set(value: T): void;
  clear(): void;
  /** The value, created by `create` the first time (a failed create leaves the slot empty). */
  getOrCreate(create: () => T): T;
}

/** A slot for state that comes and goes (a worker started and stopped, a connection reopened after a failure). */
export function processSlot<T>(name: SlotName): ProcessSlot<T> {
  return {
    // The one unchecked cast of this module: a name always holds what its one owner stored under it.
    get: () => slots.get(name) as T | undefined,
    set: (value) => void slots.set(name, value),
    clear: () => void slots.delete(name),
    getOrCreate(create) {
      if (!slots.has(name)) slots.set(name, create());
      return slots.get(name) as T;
    },
  };
}

/** The process's one value for `name`, created on first use. */
export function processSingleton<T>(name: SlotName, create: () => T): T {
  return processSlot<T>(name).getOrCreate(create);
}

/**
 * The slots that hold a value now. The domain test harness runs test file after test file in one process, each on
 * a database of its own: it checks what a file leaves here for the next (tests/helpers/domain.ts).
 */
export function filledProcessSlots(): SlotName[] {
  return [...slots.keys()];
}
