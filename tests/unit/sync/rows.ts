/**
 * Rows as they travel in sync documents, for the tests that apply them: a
 * message touch as an import writes it (its source key is what two devices that
 * imported the same file share, under different ids).
 */
export function importedTouch(now: number, id: string, personId: string, sourceKey: string, note: string) {
  return {
    id,
    personId,
    depth: 'personal',
    direction: 'in',
    channel: 'message',
    at: now - 1000,
    note,
    source: 'import',
    sourceKey,
    createdAt: now,
    updatedAt: now,
  };
}
