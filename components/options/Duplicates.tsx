import { useMemo, useState } from 'react';
import { getDb } from '@/lib/db/db';
import { mergePeople } from '@/lib/db/writes';
import { suggestDuplicates, type DuplicateReason, type PersonRow } from '@/lib/relationship/people-list';
import type { MessageKey } from '@/lib/i18n';
import { currentWriteCtx } from '@/components/settings-store';
import { useT } from '@/components/i18n';
import { runUndoable } from '@/components/undoable';
import { failureKey } from '@/lib/ui/failure-words';

const REASON: Record<DuplicateReason, MessageKey> = {
  email: 'dupes_reason_email',
  phone: 'dupes_reason_phone',
  name: 'dupes_reason_name',
};

/** Suggested duplicates, each with "keep this one" buttons. */
export function Duplicates({ rows }: { rows: PersonRow[] }) {
  const t = useT();
  const [error, setError] = useState<MessageKey>();
  const byId = useMemo(() => new Map(rows.map((r) => [r.id, r])), [rows]);
  const pairs = useMemo(() => suggestDuplicates(rows), [rows]);
  const merge = async (keep: PersonRow, drop: PersonRow) => {
    setError(undefined);
    try {
      await runUndoable(() => mergePeople(getDb(), keep.id, drop.id, currentWriteCtx()), t('merge_done', { kept: keep.name, other: drop.name }));
    } catch (err) {
      setError(failureKey(err));
    }
  };
  return (
    <div className="dupes stack" role="region" aria-label={t('people_find_duplicates')}>
      {error && <p className="error">{t(error)}</p>}
      {pairs.length === 0 ? (
        <p className="muted">{t('dupes_none')}</p>
      ) : (
        <ul className="dupe-list">
          {pairs.map(({ a, b, reason }) => {
            const ra = byId.get(a);
            const rb = byId.get(b);
            if (!ra || !rb) return null;
            return (
              <li key={`${a}|${b}`} className="row">
                <span className="grow">
                  {t('dupes_pair', { a: ra.name, b: rb.name })} <span className="muted small">{t(REASON[reason])}</span>
                </span>
                <button type="button" onClick={() => void merge(ra, rb)}>
                  {t('dupes_keep', { name: ra.name })}
                </button>
                <button type="button" onClick={() => void merge(rb, ra)}>
                  {t('dupes_keep', { name: rb.name })}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
