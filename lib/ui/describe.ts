/**
 * Turns the engine's reason codes into words in the user's language.
 */
import type { Reason, ReasonCode } from '@/lib/relationship/reasons';
import type { Channel, PersonDate, PersonDateKind, Touch } from '@/lib/model/types';
import { effectiveDepth } from '@/lib/relationship/touches';
import { formatMonth, relativeTime, translate, type Lang, type MessageKey } from '@/lib/i18n';

const REASON_KEYS: Readonly<Record<ReasonCode, MessageKey>> = {
  'followup-due': 'reason_followup_due',
  'birthday-today': 'reason_birthday_today',
  'birthday-tomorrow': 'reason_birthday_tomorrow',
  'date-today': 'date_reason_today',
  'date-soon': 'date_reason_soon',
  'date-after': 'date_reason_after',
  'overdue-red': 'reason_overdue_red',
  'overdue-amber': 'reason_overdue_amber',
  'like-debt': 'reason_like_debt',
  'broadcast-imbalance': 'reason_broadcast_imbalance',
  welcome: 'reason_welcome',
  rekindle: 'reason_rekindle',
};

/** Like-debt and overdue read differently when there was never a conversation. */
const REASON_NEVER_KEYS: Readonly<Partial<Record<ReasonCode, MessageKey>>> = {
  'overdue-red': 'reason_overdue_red_never',
  'overdue-amber': 'reason_overdue_amber_never',
  'like-debt': 'reason_like_debt_never',
};

const CHANNEL_KEYS: Readonly<Record<Channel, MessageKey>> = {
  call: 'channel_call',
  video: 'channel_video',
  meeting: 'channel_meeting',
  message: 'channel_message',
  email: 'channel_email',
  voice: 'channel_voice',
  help: 'channel_help',
  like: 'channel_like',
  wish: 'channel_wish',
  endorsement: 'channel_endorsement',
  repost: 'channel_repost',
  promo: 'channel_promo',
  newsletter: 'channel_newsletter',
  'mass-message': 'channel_mass_message',
  connected: 'channel_connected',
};

/** "5 likes": the passive and broadcast channels, the ones counted since the last personal touch. */
const COUNT_KEYS: Readonly<Partial<Record<Channel, MessageKey>>> = {
  like: 'count_like',
  wish: 'count_wish',
  endorsement: 'count_endorsement',
  repost: 'count_repost',
  promo: 'count_promo',
  newsletter: 'count_newsletter',
  'mass-message': 'count_mass_message',
};

export function reasonKey(code: ReasonCode): MessageKey {
  return REASON_KEYS[code];
}

export function channelLabel(lang: Lang, channel: Channel): string {
  return translate(lang, CHANNEL_KEYS[channel]);
}

function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

const DATE_KIND_KEYS: Readonly<Record<PersonDateKind, MessageKey>> = {
  nameday: 'date_kind_nameday',
  wedding: 'date_kind_wedding',
  work: 'date_kind_work',
  child: 'date_kind_child',
  other: 'date_kind_other',
};

export function dateKindLabel(lang: Lang, kind: PersonDateKind): string {
  return translate(lang, DATE_KIND_KEYS[kind] ?? 'date_kind_other');
}

/** What a date is called: the user's label, else its kind's words ("Wedding anniversary"). */
export function dateName(lang: Lang, d: Pick<PersonDate, 'kind' | 'label' | 'once'>): string {
  if (d.label) return d.label;
  return d.once ? translate(lang, 'date_kind_event') : dateKindLabel(lang, d.kind);
}

function capitalized(s: string): string {
  return s.charAt(0).toLocaleUpperCase() + s.slice(1);
}

/** A date's reason in words: "Name day today: …", "Wedding anniversary in 3 days", "Her exam was yesterday: ask how it went". */
function describeDateReason(lang: Lang, reason: Reason): string {
  const p = reason.params;
  const kind = (typeof p.kind === 'string' ? p.kind : 'other') as PersonDateKind;
  const what = dateName(lang, { kind, ...(typeof p.label === 'string' ? { label: p.label } : {}), once: p.once === 1 });
  const days = num(p.days) ?? 0;
  const years = num(p.years);
  if (reason.code === 'date-today') {
    if (kind === 'nameday' && typeof p.label !== 'string') return translate(lang, 'nameday_reason_today');
    return capitalized(
      translate(lang, years !== undefined ? 'date_reason_today_years' : 'date_reason_today', { what, ...(years !== undefined ? { years } : {}) }),
    );
  }
  return capitalized(translate(lang, reason.code === 'date-soon' ? 'date_reason_soon' : 'date_reason_after', { what, count: days }));
}

export function describeReason(lang: Lang, reason: Reason, now: number, timeZone?: string): string {
  if (reason.code === 'date-today' || reason.code === 'date-soon' || reason.code === 'date-after') return describeDateReason(lang, reason);
  const p = reason.params;
  const last = num(p.lastPersonalAt);
  const params: Record<string, string | number> = { ...p };
  if (last !== undefined) {
    params.when = relativeTime(lang, last, now);
    params.month = formatMonth(lang, last, timeZone);
  }
  if (typeof p.channel === 'string') params.channel = channelLabel(lang, p.channel as Channel);
  const count = num(p.count);
  if (count !== undefined) params.count = count;
  const key = (last === undefined ? REASON_NEVER_KEYS[reason.code] : undefined) ?? REASON_KEYS[reason.code];
  return translate(lang, key, params);
}

/** "5 likes and 1 promo" from the touches since the last personal one. */
export function describeSince(lang: Lang, touches: Touch[], since: number | undefined): string | undefined {
  const counts = new Map<Channel, number>();
  for (const t of touches) {
    const depth = effectiveDepth(t);
    if (t.deletedAt || depth === undefined || depth === 'personal') continue;
    if (since !== undefined && t.at <= since) continue;
    counts.set(t.channel, (counts.get(t.channel) ?? 0) + 1);
  }
  if (counts.size === 0) return undefined;
  // A personal channel stored with another depth has no count words: it shows its key, as it always has.
  const parts = [...counts.entries()].map(([ch, n]) => {
    const key = COUNT_KEYS[ch];
    return key ? translate(lang, key, { count: n }) : `count_${ch.replace(/-/g, '_')}`;
  });
  const list = new Intl.ListFormat(lang, { style: 'long', type: 'conjunction' }).format(parts);
  return translate(lang, since === undefined ? 'panel_since_never' : 'panel_since_last', { list });
}
