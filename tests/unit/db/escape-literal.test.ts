import pg from "pg";
import { describe, expect, it } from "vitest";
import { escapeLiteral } from "@/lib/generations/admit-directly";

// An admission's statement is sent as text (the simple-query protocol takes no parameters), with its values written in
// as literals. escapeLiteral replaces pg's own escapeLiteral for speed; pg's is the reference it must equal, for
// every string a request can put there — prompts with quotes and backslashes, JSON of them, any Unicode.
describe("escapeLiteral", () => {
  it("writes every string exactly as pg.escapeLiteral does", () => {
    const cases = ["", "plain", "it's", "''", "a\\b", "\\", "\\'", "'\\", "E'x'", "line\nbreak\ttab", "Ночь над озером 🌙", "\u0000-free \u2028"];
    cases.push(JSON.stringify({ prompt: `He said "it's \\ done"`, options: { style: "noir" } }));
    for (const text of cases) expect(escapeLiteral(text), text).toBe(pg.escapeLiteral(text));
  });

  it("agrees with pg.escapeLiteral on random strings dense in quotes and backslashes", () => {
    const alphabet = ["'", "\\", '"', "a", " ", "é", "🌙", "\n", "E"];
    let seed = 42;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let n = 0; n < 2000; n++) {
      const text = Array.from({ length: next() % 40 }, () => alphabet[next() % alphabet.length]).join("");
      expect(escapeLiteral(text), JSON.stringify(text)).toBe(pg.escapeLiteral(text));
    }
  });
});
