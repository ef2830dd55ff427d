import { randomBytes } from "node:crypto";

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZabcdefghjkmnpqrstvwxyz";

export type IdPrefix = "acct" | "usr" | "key" | "gen" | "led" | "evt" | "req" | "whe" | "msg" | "upload" | "sur";

/**
 * Prefixed ids from one function: `gen_…`, `acct_…`. A millisecond time part first keeps ids roughly
 * sortable by creation (handy in logs); 80 random bits after it keep them unguessable.
 */
export function newId(prefix: IdPrefix): string {
  let time = Date.now();
  let head = "";
  for (let i = 0; i < 8; i++) {
    head = ALPHABET[time % ALPHABET.length] + head;
    time = Math.floor(time / ALPHABET.length);
  }
  return `${prefix}_${head}${randomString(14)}`;
}

export function randomString(length: number): string {
  const bytes = randomBytes(length);
  let out = "";
  for (const b of bytes) out += ALPHABET[b % ALPHABET.length];
  return out;
}
