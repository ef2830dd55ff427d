// Every AsyncLocalStorage of the process carried by one of Node's (issue 22). Plain JavaScript: server.mjs puts it
// on the async_hooks module before Next loads, where Next (through the global it sets from there), React's
// renderers and lib/request-context.ts take theirs.
//
// Why: on Node 20 each enabled AsyncLocalStorage adds work to every promise the process creates (a promise hook
// copies each instance's store onto each new promise, one property per instance). Next and React enable four of
// their own at the first page a server renders, beside our request id's one, and never disable them: from then on
// every API request paid for five. An awaited call cost 0.74-0.84 µs with one instance enabled and 2.08-2.21 µs
// with five (node, a loop of 200,000 awaits). Here one of Node's instances carries a small map from each instance to
// its store, so propagation costs one instance's, whatever the number; run() and enterWith() copy the map instead.
import { AsyncLocalStorage as NodeAsyncLocalStorage } from "node:async_hooks";

// Node's own class, taken before server.mjs puts this one in its place on the async_hooks module.
const AsyncLocalStorage = NodeAsyncLocalStorage;

/** The one instance Node's hooks know; its store maps each SharedAsyncLocalStorage to that instance's store. */
const carrier = new AsyncLocalStorage();

/** A copy of `stores` with `storage`'s store set, or removed when undefined. The maps are never changed once made. */
function withStore(stores, storage, store) {
  const next = new Map(stores);
  if (store === undefined) next.delete(storage);
  else next.set(storage, store);
  return next;
}

/** The API of Node's AsyncLocalStorage (run, exit, enterWith, getStore, disable, and the static bind and snapshot). */
export class SharedAsyncLocalStorage {
  #disabled = false;

  /** A function that runs in the async context of where bind() was called, every instance's store included. */
  static bind(fn) {
    return AsyncLocalStorage.bind(fn);
  }

  /** A function that runs a callback in the async context of where snapshot() was called. */
  static snapshot() {
    return AsyncLocalStorage.snapshot();
  }

  getStore() {
    return this.#disabled ? undefined : carrier.getStore()?.get(this);
  }

  run(store, callback, ...args) {
    this.#disabled = false;
    return carrier.run(withStore(carrier.getStore(), this, store), callback, ...args);
  }

  exit(callback, ...args) {
    return carrier.run(withStore(carrier.getStore(), this, undefined), callback, ...args);
  }

  enterWith(store) {
    this.#disabled = false;
    carrier.enterWith(withStore(carrier.getStore(), this, store));
  }

  /** getStore() answers undefined until the next run() or enterWith(), as Node's does. */
  disable() {
    this.#disabled = true;
  }
}
