import { deleteStoredFolder } from "../storage/streams";

/**
 * Deletes every file of a generation: all its outputs and anything derived from them, which all live under
 * `<accountId>/<generationId>/` (lib/generations/attempt-provider.ts names them so), in the folder or the bucket.
 * Deleting what is already gone is fine, so a purge and a deletion may race.
 */
export async function eraseGenerationMedia(g: { id: string; accountId: string }): Promise<number> {
  return deleteStoredFolder(`${g.accountId}/${g.id}`);
}
