/**
 * THE write path: every write to people, profiles, touches, notes and the nudge
 * mutes goes through the named operations exported here, and nothing else in
 * the code base calls Dexie's write methods on those tables
 * (`tests/unit/db/single-write-path.test.ts` fails when something does).
 *
 * What every operation does, so that no caller has to remember it:
 * - runs inside `writeTx` (`./tx.ts`), the one helper that opens the read-write
 *   transaction and turns storage failures into a `StorageError`; an operation
 *   called from another joins its transaction. A hook that must see every change,
 *   such as a sync outbox, goes into `writeTx` and sees them all;
 * - checks liveness one way (`isLive`: neither deleted nor merged away);
 * - stamps `updatedAt` on every row it changes (and on the person, when one of
 *   their profiles, touches or notes is added);
 * - keeps each person's summary right in the same transaction (`refreshSummary`,
 *   `refreshSummaries` for many people at once); the reach buckets follow from
 *   the people rows by themselves (the middleware in `../reach-buckets.ts`);
 * - records in `userEdited` every fillable field the user changes
 *   (`editPerson`, wherever the edit is made), so that an import
 *   (`applyImport`, `editPersonByImport`) never fills it again.
 *
 * Deletes are tombstones (`deletedAt`, content wiped), so that a later sync can
 * pass a delete on. Reads are in `../read.ts` and `../queries.ts`; the pure list
 * code in `lib/relationship/people-list.ts`.
 */
export { guarded, newId, type WriteContext } from './tx';
export {
  addPerson,
  addPersonByHand,
  addToPersonByHand,
  bulkEdit,
  dismissDate,
  removeDate,
  saveDate,
  editPerson,
  linkProfile,
  markDone,
  refreshCircle,
  refreshSummariesOf,
  setArchived,
  snooze,
  unlinkProfile,
  unsnooze,
  type BulkOp,
  type DateInput,
  type ByHandInput,
  type NewPersonInput,
  type PersonPatch,
  type ProfileIdentity,
} from './people';
export { deleteAllData, deletePeople, mergePeople, undoDelete, type DeletedSnapshot } from './remove';
export { editTouch, logTouch, makeTouch, reclassifyMessage, removeTouch, updateTouch, type TouchInput, type TouchPatch } from './touches';
export { addNote, deleteNote, editNote, setFollowUpDone, updateNoteText, type NoteInput, type NotePatch } from './notes';
export { setPersonMuted } from './mutes';
export { applyUndo, sameRow, undoChangesSomething, UndoConflict, withUndo, type UndoRecord, type UndoRow } from './undo';
export { applyImport, editPersonByImport, fillFromImport, ImportCancelled, type ApplyOptions, type ApplyProgress, type ApplyReport } from './import';
export {
  keepRestore,
  mergeCircles,
  NeedsPassphrase,
  pendingRestoreUndo,
  readBackup,
  restoreBackup,
  undoRestore,
  type RestoreMode,
  type RestoreOptions,
  type RestoreReport,
} from './restore';
export {
  ackOutbox,
  applySyncDocs,
  isSyncDoc,
  outboxCount,
  readOutbox,
  refreshDeferredSummaries,
  setSyncRecording,
  SUMMARIES_DEFERRED_KEY,
  type SyncApplyOptions,
  type SyncApplyReport,
} from './sync-apply';
export { outboxKey, type OutboxEntry } from './outbox';
