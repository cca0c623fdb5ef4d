/**
 * Writes to notes: what the user heard and promised, a promise kept, a note
 * corrected or taken back. Part of the write module: see `./index.ts`.
 */
import type { Note, NoteKind, NoteSource } from '@/lib/model/types';
import { isLive } from '@/lib/relationship/people-list';
import type { KithDB } from '@/lib/db/db';
import { newId, refreshSummary, stampPerson, SUMMARY_TABLES, writeTx, type WriteContext } from './tx';

export interface NoteInput {
  personId: string;
  kind: NoteKind;
  text: string;
  dueAt?: number;
  /** The page a captured text came from. */
  source?: NoteSource | undefined;
}

export async function addNote(db: KithDB, input: NoteInput, ctx: WriteContext): Promise<Note> {
  return writeTx(db, SUMMARY_TABLES, async () => {
    const person = await db.people.get(input.personId);
    if (!person || !isLive(person)) throw new Error('no-such-person');
    const note: Note = {
      id: newId(),
      personId: input.personId,
      kind: input.kind,
      text: input.text.trim(),
      ...(input.kind === 'followup' && input.dueAt !== undefined ? { dueAt: input.dueAt } : {}),
      ...(input.source ? { source: input.source.title ? { url: input.source.url, title: input.source.title } : { url: input.source.url } } : {}),
      createdAt: ctx.now,
      updatedAt: ctx.now,
    };
    await db.notes.add(note);
    await stampPerson(db, person.id, ctx.now);
    await refreshSummary(db, person.id, ctx);
    return note;
  });
}

export async function setFollowUpDone(db: KithDB, noteId: string, done: boolean, ctx: WriteContext): Promise<void> {
  await writeTx(db, SUMMARY_TABLES, async () => {
    const note = await db.notes.get(noteId);
    if (!note || note.deletedAt) return;
    await db.notes.put({ ...note, doneAt: done ? ctx.now : undefined, updatedAt: ctx.now });
    await refreshSummary(db, note.personId, ctx);
  });
}

export async function deleteNote(db: KithDB, noteId: string, ctx: WriteContext): Promise<void> {
  await writeTx(db, SUMMARY_TABLES, async () => {
    const note = await db.notes.get(noteId);
    if (!note || note.deletedAt) return;
    // A tombstone keeps no content: the page it came from goes with the text.
    await db.notes.put({ ...note, text: '', source: undefined, deletedAt: ctx.now, updatedAt: ctx.now });
    await refreshSummary(db, note.personId, ctx);
  });
}

export async function updateNoteText(db: KithDB, noteId: string, text: string, ctx: WriteContext): Promise<void> {
  await writeTx(db, SUMMARY_TABLES, async () => {
    const note = await db.notes.get(noteId);
    if (!note || note.deletedAt) return;
    await db.notes.put({ ...note, text: text.trim(), updatedAt: ctx.now });
    // The summary carries the text of dated promises (today's list shows it).
    await refreshSummary(db, note.personId, ctx);
  });
}

export interface NotePatch {
  text?: string;
  /** Follow-ups only; `null` clears the due date. */
  dueAt?: number | null;
}

/** A note corrected from the timeline: its text and, for a promise, its due date, in one write. */
export async function editNote(db: KithDB, noteId: string, patch: NotePatch, ctx: WriteContext): Promise<void> {
  await writeTx(db, SUMMARY_TABLES, async () => {
    const note = await db.notes.get(noteId);
    if (!note || note.deletedAt) return;
    const next: Note = { ...note, updatedAt: ctx.now };
    if (patch.text !== undefined && patch.text.trim() !== '') next.text = patch.text.trim();
    if (note.kind === 'followup' && patch.dueAt !== undefined) {
      if (patch.dueAt === null) delete next.dueAt;
      else next.dueAt = patch.dueAt;
    }
    await db.notes.put(next);
    await refreshSummary(db, note.personId, ctx);
  });
}
