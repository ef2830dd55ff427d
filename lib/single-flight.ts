/**
 * One run per key at a time: callers that ask for a key while its run is under way share that run's promise
 * instead of starting their own. The caches in front of the database use it so that an entry expiring under load
 * costs one read, not one per request that arrives before the new read is back (API keys, generations, the price
 * book, the speed tables).
 *
 * A run is begun with a mark (the cache's epoch when it began, say) and shared only while `joinable(mark)` holds:
 * a cache whose contents changed after a run began must not hand that run's older answer to a caller that came
 * after the change. A settled run is forgotten, so the map holds only runs under way.
 */
export class SingleFlight<V, Mark = undefined> {
  private readonly pending = new Map<string, { promise: Promise<V>; mark: Mark }>();

  constructor(private readonly joinable: (mark: Mark) => boolean = () => true) {}

  /** Whether `key` has a run under way that a caller would share now. */
  running(key: string): boolean {
    const run = this.pending.get(key);
    return run !== undefined && this.joinable(run.mark);
  }

  /** The run of `key` under way when it may be shared, else `start()`, remembered with `mark` until it settles. */
  run(key: string, mark: Mark, start: () => Promise<V>): Promise<V> {
    const under = this.pending.get(key);
    if (under && this.joinable(under.mark)) return under.promise;
    const promise = start().finally(() => {
      if (this.pending.get(key)?.promise === promise) this.pending.delete(key);
    });
    this.pending.set(key, { promise, mark });
    return promise;
  }
}
