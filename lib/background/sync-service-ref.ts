/**
 * Where the background's message handlers find the sync engine. The engine sets
 * itself here when the background starts; until then (or in a build without it)
 * the handlers answer that sync is off. The one piece of module-level state the
 * sync messages need: the engine is created once per worker.
 */
import type { SyncService } from '@/lib/sync/contract';

let service: SyncService | undefined;

export function setSyncService(s: SyncService | undefined): void {
  service = s;
}

export function getSyncService(): SyncService | undefined {
  return service;
}
