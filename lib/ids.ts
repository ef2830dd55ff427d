import { customAlphabet } from "nanoid";

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZabcdefghjkmnpqrstvwxyz";

export type IdPrefix = "acct" | "usr" | "key" | "gen" | "led" | "evt" | "req" | "whe" | "msg" | "upload" | "sur" | "aud" | "inv" | "ops";

/**
 * Uniform random strings over our alphabet. nanoid draws bytes and rejects the values past the largest multiple
 * of the alphabet's size (the alphabet has 54 characters, not a power of two): `byte % 54` instead made the first
 * 40 characters more likely than the last 14, which costs guessing resistance for nothing.
 */
const random = customAlphabet(ALPHABET);

/**
 * Prefixed ids from one function: `gen_…`, `acct_…`. A millisecond time part first keeps ids roughly
 * sortable by creation (handy in logs); 14 random characters (80 bits) after it keep them unguessable.
 */
export function newId(prefix: IdPrefix): string {
  let time = Date.now();
  let head = "";
  for (let i = 0; i < 8; i++) {
    head = ALPHABET[time % ALPHABET.length] + head;
    time = Math.floor(time / ALPHABET.length);
  }
  return `${prefix}_${head}${random(14)}`;
}

export function randomString(length: number): string {
  return random(length);
}
