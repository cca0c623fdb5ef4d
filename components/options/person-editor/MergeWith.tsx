import { useMemo, useState } from 'react';
import { mergePeople } from '@/lib/db/writes';
import { type PersonView } from '@/lib/db/read';
import { fold } from '@/lib/relationship/people-list';
import { getDb } from '@/lib/db/db';
import { useT } from '@/components/i18n';
import { usePeopleRows } from '@/components/options/usePeople';
import { useAction } from './useAction';
import { runUndoable } from '@/components/undoable';

export function MergeWith({ view }: { view: PersonView }) {
  const t = useT();
  const rows = usePeopleRows();
  const [q, setQ] = useState('');
  const [other, setOther] = useState<{ id: string; name: string }>();
  const { error, run } = useAction();
  const matches = useMemo(() => {
    const terms = fold(q).split(/\s+/).filter(Boolean);
    if (!rows || terms.length === 0) return [];
    return rows.filter((r) => r.id !== view.person.id && terms.every((x) => r.hay.includes(x))).slice(0, 8);
  }, [rows, q, view.person.id]);
  return (
    <section className="stack">
      <h3>{t('merge_title')}</h3>
      <p className="muted small">{t('merge_hint', { name: view.person.name })}</p>
      {other ? (
        <div className="row">
          <span className="grow">{t('merge_confirm_text', { other: other.name, name: view.person.name })}</span>
          <button
            type="button"
            className="primary"
            onClick={() =>
              void run((ctx) => runUndoable(() => mergePeople(getDb(), view.person.id, other.id, ctx), t('undo_merged', { name: view.person.name }))).then(
                (ok) => ok && setOther(undefined),
              )
            }
          >
            {t('merge_confirm')}
          </button>
          <button type="button" onClick={() => setOther(undefined)}>
            {t('opt_cancel')}
          </button>
        </div>
      ) : (
        <>
          <label className="field">
            <span>{t('merge_search')}</span>
            <input type="search" value={q} onChange={(e) => setQ(e.target.value)} />
          </label>
          {matches.length > 0 && (
            <ul className="plain-list">
              {matches.map((m) => (
                <li key={m.id}>
                  <button type="button" className="link" onClick={() => setOther({ id: m.id, name: m.name })}>
                    {m.company ? t('merge_candidate', { name: m.name, company: m.company }) : m.name}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      {error && <p className="error">{t(error)}</p>}
    </section>
  );
}
