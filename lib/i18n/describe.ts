/**
 * Turns the engine's reason codes into words in the user's language.
 */
import type { Reason } from '../relationship/reasons';
import type { Channel, Touch } from '../model/types';
import { effectiveDepth } from '../relationship/touches';
import { formatMonth, relativeTime, translate, type Lang } from './index';

export function reasonKey(code: string): string {
  return `reason_${code.replace(/-/g, '_')}`;
}

export function channelLabel(lang: Lang, channel: Channel): string {
  return translate(lang, `channel_${channel.replace(/-/g, '_')}`);
}

function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

export function describeReason(lang: Lang, reason: Reason, now: number, timeZone?: string): string {
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
  let key = reasonKey(reason.code);
  // Like-debt and overdue read differently when there was never a conversation.
  if ((reason.code === 'like-debt' || reason.code.startsWith('overdue')) && last === undefined) key += '_never';
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
  const parts = [...counts.entries()].map(([ch, n]) => translate(lang, `count_${ch.replace(/-/g, '_')}`, { count: n }));
  const list = new Intl.ListFormat(lang, { style: 'long', type: 'conjunction' }).format(parts);
  return translate(lang, since === undefined ? 'panel_since_never' : 'panel_since_last', { list });
}
