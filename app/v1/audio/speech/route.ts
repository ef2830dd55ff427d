import { readBody } from "@/lib/openai/read-body";
import { createSpeech } from "@/lib/openai/speech";
import { SPEECH_PARAMS } from "@/lib/openai/to-generate-input";
import { v1Route } from "@/lib/openai/v1-route";

// POST /v1/audio/speech — OpenAI's audio.speech.create; waits, then answers the audio bytes.
export const POST = v1Route(SPEECH_PARAMS, async (ctx) => createSpeech(ctx, await readBody(ctx.request)));
