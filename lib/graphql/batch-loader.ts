/**
 * Batching for a field resolved once per parent — a page of 100 generations each asking for its `attempts` — so
 * the keys asked for together are loaded with one query instead of one each (N+1). The resolvers of a list's items
 * run in the same turn of the event loop; the batch is sent on the next (setImmediate), after all of them have
 * added their key. Made per request (createContext), so nothing is kept across requests or callers. What DataLoader
 * does, in the few lines this needs.
 */
export function batchLoader<K, V>(loadMany: (keys: readonly K[]) => Promise<ReadonlyMap<K, V>>, otherwise: () => V): (key: K) => Promise<V> {
  let open: { keys: K[]; loaded: Promise<ReadonlyMap<K, V>> } | undefined;
  const start = () => {
    const keys: K[] = [];
    const loaded = new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
      open = undefined;
      return loadMany(keys);
    });
    return { keys, loaded };
  };
  return async (key) => {
    const batch = (open ??= start());
    batch.keys.push(key);
    return (await batch.loaded).get(key) ?? otherwise();
  };
}
