import { Doitong, DoitongError, InvalidInputError, RateLimitError } from "doitong";

const doitong = new Doitong({ apiKey: process.env.DOITONG_API_KEY!, baseUrl: process.env.DOITONG_URL });

try {
  await doitong.generate({ type: "VIDEO", provider: "local", input: { text: "Waves" }, options: { duration: 999 } });
} catch (error) {
  if (error instanceof InvalidInputError) {
    // Fix the request: `field` names what was refused
    console.log(error.code, error.field, error.message);
  } else if (error instanceof RateLimitError) {
    // generate() already retried; wait retryAfter seconds before the next attempt
    console.log(error.code, error.retryAfter);
  } else if (error instanceof DoitongError) {
    // Every error carries its code and the request id to quote to support
    console.log(error.code, error.requestId);
  } else throw error;
}
