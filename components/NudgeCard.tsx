/**
 * The nudge card itself, shared by the side panel (`NudgeBanner`) and
 * the opt-in in-page nudge (`InPageNudge`): the same words in both places.
 * Presentational: everything comes in as props; page-derived text only as text.
 */
import { useId } from 'react';
import type { CurrentNudge } from '@/lib/nudges/session';
import type { Signal } from '@/lib/nudges/classify';
import { telHref } from '@/lib/ui/safe-url';
import { useT, type TFunction } from './i18n';

function signalWords(t: TFunction, signals: readonly Signal[]): string {
  return signals.map((s) => t(`nudge_signal_${s.replace('-', '_')}` as never)).join(', ');
}

/** The nudge's headline, as the side panel and the in-page card both say it. Pure. */
export function nudgeWords(t: TFunction, nudge: Pick<CurrentNudge, 'kind' | 'occasion' | 'signals'>, name: string): string {
  switch (nudge.kind) {
    case 'like':
      return t('nudge_like', { name });
    case 'wish':
      return t(nudge.occasion === 'anniversary' ? 'nudge_wish_anniversary' : nudge.occasion === 'new-job' ? 'nudge_wish_new_job' : 'nudge_wish_birthday', {
        name,
      });
    case 'promo':
      return t('nudge_promo', { name, signals: signalWords(t, nudge.signals ?? []) });
    case 'pitch':
      return t('nudge_pitch', { name });
  }
}

export interface NudgeCardProps {
  nudge: CurrentNudge;
  name: string;
  phone?: string | undefined;
  /** The last listening note, for a pitch. */
  lastHeard?: string | undefined;
  /** Dismiss, or with "not for this person" / "not this kind". */
  onDismiss: (mute?: 'person' | 'kind') => void;
}

export function NudgeCard({ nudge, name, phone, lastHeard, onDismiss }: NudgeCardProps) {
  const t = useT();
  const id = useId();
  const tel = phone ? telHref(phone) : undefined;
  return (
    <aside className="nudge-card stack" aria-labelledby={`${id}-text`} data-testid="nudge-banner" data-kind={nudge.kind}>
      <p className="muted small">{t('nudge_banner_label')}</p>
      <p id={`${id}-text`} className="nudge" role="status">
        {nudgeWords(t, nudge, name)}
      </p>
      {nudge.kind === 'pitch' ? (
        lastHeard && <p className="small">{t('nudge_pitch_heard', { text: lastHeard })}</p>
      ) : (
        <p>
          {nudge.kind === 'promo' ? t('nudge_promo_hint') : t('nudge_call_instead')}{' '}
          {tel ? (
            <a href={tel} data-testid="nudge-call">
              {t('nudge_call_number', { phone: phone ?? '' })}
            </a>
          ) : (
            <span className="muted">{t('nudge_no_phone')}</span>
          )}
        </p>
      )}
      <div className="row">
        <button type="button" onClick={() => onDismiss()}>
          {t('nudge_dismiss')}
        </button>
        <button type="button" className="link" onClick={() => onDismiss('person')}>
          {t('nudge_mute_person')}
        </button>
        <button type="button" className="link" onClick={() => onDismiss('kind')}>
          {t('nudge_mute_kind')}
        </button>
      </div>
    </aside>
  );
}
