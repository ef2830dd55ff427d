import { invalidationTopic } from "../invalidation/channel";

/**
 * Every instance's cue to forget its copy of a generation row (lib/generations/get-generation.ts caches them).
 * Published, by id, by whatever changes a row a client can see: each state change with its event
 * (record-generation-event.ts), progress, the attempt log and a reroute while it runs, and the purge and deletion
 * of a finished one's media.
 */
export const generationChanges = invalidationTopic("generation");
