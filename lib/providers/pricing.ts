import type { PriceBook, PriceList } from "../prices/price-book";
import type { GenerationType, ModelSpec, Options } from "./types";

/** What one output of a request costs us and what it is charged, under one price list version. */
export interface Quote {
  /** Integer credits for one output. */
  credits: number;
  /** The vendor's cost in US cents for one output (the formula with the list's numbers, before markup). */
  vendorCost: number;
  priceVersionId: string;
}

/**
 * Credits = the vendor's cost in US cents × the list's markup, rounded up. The product is rounded to 6 decimals
 * first, so a markup such as 1.1 does not add a credit for floating-point dust (60 × 1.1 = 66.00000000000001); with
 * markup 1 it is the formula's own result, which is how the first price list charges exactly what the code did.
 */
export function creditsFor(vendorCost: number, markup: number): number {
  return Math.max(0, Math.ceil(Number((vendorCost * markup).toFixed(6))));
}

export function quoteWith(model: ModelSpec, list: Pick<PriceList, "id" | "rates" | "markup">, options: Options, text: string): Quote {
  const vendorCost = model.cost(list.rates, options, text);
  return { credits: creditsFor(vendorCost, list.markup), vendorCost, priceVersionId: list.id };
}

/** The model's price list in force at `at`; a model without one cannot be sold (a broken deployment, not bad input). */
export function priceListOrThrow(book: PriceBook, providerId: string, type: GenerationType, at?: Date): PriceList {
  const list = book.at(providerId, type, at);
  if (!list) throw new Error(`No price list is in force for ${providerId} ${type}`);
  return list;
}

export function quote(book: PriceBook, providerId: string, type: GenerationType, model: ModelSpec, options: Options, text: string, at?: Date): Quote {
  return quoteWith(model, priceListOrThrow(book, providerId, type, at), options, text);
}

/** A request the console prices to preview a change: the defaults, then one option changed from them. */
export interface TypicalRequest {
  /** The option changed from the defaults and its value; absent for the defaults themselves. */
  change?: { option: string; value: string | number | boolean };
  options: Options;
  text: string;
}

/** A one-sentence prompt: what most requests send (speech models price by it). */
export const TYPICAL_PROMPT = "A short prompt of one ordinary sentence, as most requests send.";

/** The model's defaults and each allowed value of each option (numbers at their min and max), at most `limit`. */
export function typicalRequests(model: ModelSpec, defaults: Options, limit = 16): TypicalRequest[] {
  const out: TypicalRequest[] = [{ options: defaults, text: TYPICAL_PROMPT }];
  for (const o of model.options) {
    const values = o.allowedValues ? [...o.allowedValues] : o.min !== undefined && o.max !== undefined ? [o.min, o.max] : [];
    for (const raw of values) {
      const value = o.type === "INT" || o.type === "FLOAT" ? Number(raw) : o.type === "BOOLEAN" ? raw === "true" : raw;
      if (value === defaults[o.name]) continue;
      out.push({ change: { option: o.name, value }, options: { ...defaults, [o.name]: value }, text: TYPICAL_PROMPT });
    }
  }
  return out.slice(0, limit);
}
