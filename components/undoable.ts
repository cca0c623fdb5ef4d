import { getDb, type KithDB } from '@/lib/db/db';
import { applyUndo, undoChangesSomething, withUndo } from '@/lib/db/writes';
import { offerUndo } from './toast';

/**
 * Run a write the user may take back (Done, Snooze, Log, Add note, Delete,
 * Merge) with undo, then offer "Undo" in the page's toast. `text` says what was
 * done; `after` runs once the undo has put everything back (e.g. reopen the
 * person deleted). A write that changed nothing offers nothing.
 */
export async function runUndoable<T>(
  write: () => Promise<T>,
  text: string | ((result: T) => string),
  { after, db = getDb() }: { after?: () => void; db?: KithDB } = {},
): Promise<T> {
  const { result, undo } = await withUndo(db, write);
  if (undoChangesSomething(undo)) offerUndo(typeof text === 'string' ? text : text(result), () => applyUndo(db, undo), after);
  return result;
}
