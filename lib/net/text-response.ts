/**
 * A Response that remembers the text it was made from. Yoga builds every JSON answer from a string (its
 * fetchAPI.Response, lib/graphql/yoga.ts); the custom server writes that string as it is (lib/server/serve-node.ts)
 * instead of reading it back out of the body stream it became, which cost about as much as building the Request.
 * Everything else (Next's route handlers, headers, the stream itself) sees an ordinary Response.
 */
export class TextResponse extends Response {
  constructor(body?: BodyInit | null, init?: ResponseInit) {
    super(body, init);
    if (typeof body === "string") texts.set(this, body);
  }
}

const texts = new WeakMap<Response, string>();

/** The text a TextResponse was made from, while its body has not been read; undefined for any other Response. */
export function unreadTextOf(response: Response): string | undefined {
  return response.bodyUsed ? undefined : texts.get(response);
}
