import { useLiveQuery } from 'dexie-react-hooks';
import { deletePeople, editPerson } from '@/lib/db/writes';
import { runUndoable } from '@/components/undoable';
import { personView } from '@/lib/db/read';
import { useId } from 'react';
import { getDb } from '@/lib/db/db';
import { stageOf } from '@/lib/relationship/stages';
import { useT } from '@/components/i18n';
import { STAGE_LABEL } from '@/components/options/PeopleList';
import { navigate } from '@/lib/ui/route';
import { useAction } from './useAction';
import { DetailsForm } from './DetailsForm';
import { Profiles } from './Profiles';
import { Touches } from './Touches';
import { Notes } from './Notes';
import { SnoozeAndNudges } from './SnoozeAndNudges';
import { MergeWith } from './MergeWith';
import { PersonDates } from '@/components/PersonDates';
import { Timeline } from '@/components/Timeline';
import { useNow } from '@/components/useSettings';
import { useSettings } from '@/components/settings-store';
import { resolveTimeZone } from '@/lib/settings/normalize';

export function PersonEditor({ id }: { id: string }) {
  const t = useT();
  const hid = useId();
  const view = useLiveQuery(async () => (await personView(getDb(), id)) ?? (await getDb().people.get(id)) ?? null, [id]);
  const { error, run } = useAction();
  const now = useNow();
  const timeZone = useSettings(resolveTimeZone);
  if (view === undefined) return <p className="loading">{t('loading')}</p>;
  const back = (
    <button type="button" className="link" onClick={() => navigate({ section: 'people' })}>
      {t('editor_back')}
    </button>
  );
  if (view === null || !('person' in view)) {
    const mergedInto = view?.mergedInto;
    return (
      <section className="stack">
        {back}
        <p>{t(mergedInto ? 'editor_merged' : 'editor_not_found')}</p>
        {mergedInto && (
          <div>
            <button type="button" onClick={() => navigate({ section: 'person', id: mergedInto })}>
              {t('editor_open_merged')}
            </button>
          </div>
        )}
      </section>
    );
  }
  const p = view.person;
  const remove = async () => {
    const db = getDb();
    await run(async (ctx) => {
      await runUndoable(() => deletePeople(db, [p.id], ctx), t('people_deleted', { count: 1 }), { after: () => navigate({ section: 'person', id: p.id }), db });
      navigate({ section: 'people' });
    });
  };
  return (
    <section className="stack" aria-labelledby={`${hid}-h`}>
      {back}
      <div className="row">
        <h2 id={`${hid}-h`} className="grow">
          {p.name}
        </h2>
        <span className="chip">{t(STAGE_LABEL[stageOf(p.summary)])}</span>
        {p.archived === 1 && <span className="chip">{t('people_archived')}</span>}
      </div>
      <div className="row">
        <button type="button" onClick={() => void run((ctx) => editPerson(getDb(), p.id, { archived: p.archived === 1 ? 0 : 1 }, ctx))}>
          {t(p.archived === 1 ? 'people_unarchive' : 'people_archive')}
        </button>
        <button type="button" className="danger" onClick={() => void remove()}>
          {t('opt_delete')}
        </button>
      </div>
      {error && <p className="error">{t(error)}</p>}
      <SnoozeAndNudges view={view} />
      <DetailsForm view={view} />
      <PersonDates person={p} now={now} timeZone={timeZone} />
      <Timeline view={view} now={now} timeZone={timeZone} />
      <Profiles view={view} />
      <Touches view={view} />
      <Notes view={view} />
      <MergeWith view={view} />
    </section>
  );
}
