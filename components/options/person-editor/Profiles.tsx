import { useState, type FormEvent } from 'react';
import { unlinkProfile, linkProfile } from '@/lib/db/writes';
import { type PersonView } from '@/lib/db/read';
import { getDb } from '@/lib/db/db';
import type { MessageKey } from '@/lib/i18n';
import type { SiteId } from '@/lib/model/types';
import { linkedInHandleFromUrl } from '@/lib/sites/identity';
import { safeHref } from '@/lib/ui/safe-url';
import { useT } from '@/components/i18n';
import { SITE_LABEL } from '@/lib/sites/table';
import { SITES } from '@/components/options/sites';
import { useAction } from './useAction';

/** A typed profile address or handle -> site handle. */
export function handleFrom(site: SiteId, input: string): string | undefined {
  const s = input.trim();
  if (!s) return undefined;
  if (site === 'linkedin') return linkedInHandleFromUrl(s) ?? (/^[^\s/]+$/.test(s) ? s : undefined);
  if (/^https?:\/\//i.test(s)) {
    try {
      const first = new URL(s).pathname.split('/').filter(Boolean)[0];
      return first ? first.replace(/^@/, '') : undefined;
    } catch {
      return undefined;
    }
  }
  return /^@?[^\s/]+$/.test(s) ? s.replace(/^@/, '') : undefined;
}

export function Profiles({ view }: { view: PersonView }) {
  const t = useT();
  const [site, setSite] = useState<SiteId>('linkedin');
  const [text, setText] = useState('');
  const [bad, setBad] = useState<MessageKey>();
  const { error, run } = useAction();
  const add = async (e: FormEvent) => {
    e.preventDefault();
    setBad(undefined);
    const handle = handleFrom(site, text);
    if (!handle) return setBad('editor_profile_invalid');
    const url = safeHref(text.trim());
    const ok = await run((ctx) => linkProfile(getDb(), view.person.id, { site, handle, url: url ?? '' }, ctx));
    if (ok) setText('');
  };
  return (
    <section className="stack">
      <h3>{t('editor_profiles')}</h3>
      {view.profiles.length === 0 ? (
        <p className="muted">{t('editor_no_profiles')}</p>
      ) : (
        <ul className="plain-list">
          {view.profiles.map((pr) => {
            const href = safeHref(pr.url);
            return (
              <li key={pr.id} className="row">
                <span className="grow">
                  {`${t(SITE_LABEL[pr.site])}: `}
                  {href ? (
                    <a href={href} target="_blank" rel="noopener noreferrer">
                      {pr.handle}
                    </a>
                  ) : (
                    pr.handle
                  )}
                </span>
                <button type="button" onClick={() => void run((ctx) => unlinkProfile(getDb(), pr.id, ctx))}>
                  {t('editor_profile_remove')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <form className="row" onSubmit={add}>
        <label className="field">
          <span>{t('people_site')}</span>
          <select value={site} onChange={(e) => setSite(e.target.value as SiteId)}>
            {SITES.map((s) => (
              <option key={s} value={s}>
                {t(SITE_LABEL[s])}
              </option>
            ))}
          </select>
        </label>
        <label className="field grow">
          <span>{t('editor_profile_address')}</span>
          <input value={text} onChange={(e) => setText(e.target.value)} />
        </label>
        <button type="submit" disabled={!text.trim()}>
          {t('editor_profile_add')}
        </button>
      </form>
      {bad && <p className="error">{t(bad)}</p>}
      {error && <p className="error">{t(error === 'error_generic' ? 'editor_profile_taken' : error)}</p>}
    </section>
  );
}
