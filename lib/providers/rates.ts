import type { Rates } from "./types";

/**
 * One number of a model's price list (lib/prices): the vendor's cost formula inputs by name, e.g. `3.0.pro.per5s`.
 * A list without the number is a broken price list (an operator removed it), not a request error.
 */
export function rate(rates: Rates, key: string): number {
  const value = rates[key];
  if (typeof value !== "number" || !Number.isFinite(value)) throw new Error(`The price list has no rate "${key}"`);
  return value;
}

/** The dearest rate whose name starts with `prefix` and ends with `suffix`: the price of a combination without its own. */
export function dearest(rates: Rates, prefix: string, suffix = ""): number {
  const values = Object.entries(rates)
    .filter(([key]) => key.startsWith(prefix) && key.endsWith(suffix))
    .map(([, value]) => value);
  if (values.length === 0) throw new Error(`The price list has no rate "${prefix}…${suffix}"`);
  return Math.max(...values);
}
