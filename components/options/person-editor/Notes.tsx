import { useEffect, useState, type FormEvent } from 'react';
import { updateNoteText, addNote, deleteNote, setFollowUpDone } from '@/lib/db/writes';
import { type PersonView } from '@/lib/db/read';
import { getDb } from '@/lib/db/db';
import { formatDate } from '@/lib/i18n';
import type { Note, NoteKind } from '@/lib/model/types';
import { NoteSourceLink } from '@/components/NoteSourceLink';
import { useLang, useT } from '@/components/i18n';
import { fromLocalInput } from '@/components/TouchFields';
import { useAction } from './useAction';
import { runUndoable } from '@/components/undoable';

function NoteRow({ note }: { note: Note }) {
  const t = useT();
  const lang = useLang();
  const [text, setText] = useState(note.text);
  useEffect(() => setText(note.text), [note.text]);
  const { error, run } = useAction();
  return (
    <li className="stack note-row">
      <span className="muted small">
        {t(note.kind === 'followup' ? 'note_kind_followup' : 'note_kind_listening')}
        {note.dueAt !== undefined && ` · ${t('panel_due', { date: formatDate(lang, note.dueAt) })}`}
      </span>
      <NoteSourceLink source={note.source} />
      <textarea rows={2} value={text} onChange={(e) => setText(e.target.value)} aria-label={t('editor_note_text')} />
      <div className="row">
        {note.kind === 'followup' && (
          <label className="inline">
            <input
              type="checkbox"
              checked={note.doneAt !== undefined}
              onChange={(e) => void run((ctx) => setFollowUpDone(getDb(), note.id, e.target.checked, ctx))}
            />{' '}
            {t('editor_done')}
          </label>
        )}
        <button
          type="button"
          disabled={text.trim() === note.text || !text.trim()}
          onClick={() => void run((ctx) => updateNoteText(getDb(), note.id, text, ctx))}
        >
          {t('opt_save')}
        </button>
        <button type="button" onClick={() => void run((ctx) => deleteNote(getDb(), note.id, ctx))}>
          {t('opt_delete')}
        </button>
      </div>
      {error && <p className="error">{t(error)}</p>}
    </li>
  );
}

export function Notes({ view }: { view: PersonView }) {
  const t = useT();
  const [kind, setKind] = useState<NoteKind>('listening');
  const [text, setText] = useState('');
  const [due, setDue] = useState('');
  const { error, run } = useAction();
  const add = async (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim()) return;
    const dueAt = due ? fromLocalInput(`${due}T12:00`) : undefined;
    const ok = await run((ctx) =>
      runUndoable(
        () => addNote(getDb(), { personId: view.person.id, kind, text, ...(kind === 'followup' && dueAt !== undefined ? { dueAt } : {}) }, ctx),
        t('undo_note_added', { name: view.person.name }),
      ),
    );
    if (ok) {
      setText('');
      setDue('');
    }
  };
  return (
    <section className="stack">
      <h3>{t('editor_notes')}</h3>
      <form className="stack" onSubmit={add} aria-label={t('panel_add_note')}>
        <div className="row">
          <label className="field">
            <span>{t('field_note_kind')}</span>
            <select value={kind} onChange={(e) => setKind(e.target.value as NoteKind)}>
              <option value="listening">{t('note_kind_listening')}</option>
              <option value="followup">{t('note_kind_followup')}</option>
            </select>
          </label>
          {kind === 'followup' && (
            <label className="field">
              <span>{t('field_due')}</span>
              <input type="date" value={due} onChange={(e) => setDue(e.target.value)} />
            </label>
          )}
        </div>
        <label className="field">
          <span>{t(kind === 'followup' ? 'field_promised' : 'field_heard')}</span>
          <textarea rows={2} value={text} onChange={(e) => setText(e.target.value)} />
        </label>
        <div>
          <button type="submit" disabled={!text.trim()}>
            {t('panel_add_note_button')}
          </button>
        </div>
      </form>
      {error && <p className="error">{t(error)}</p>}
      {view.notes.length === 0 ? (
        <p className="muted">{t('panel_no_notes')}</p>
      ) : (
        <ul className="plain-list">
          {view.notes.map((n) => (
            <NoteRow key={n.id} note={n} />
          ))}
        </ul>
      )}
    </section>
  );
}
