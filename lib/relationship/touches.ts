import type { Channel, Touch, TouchDepth } from '@/lib/model/types';

/**
 * The depth of each channel (docs/architecture.md, "Touches"). A Record, so adding a Channel
 * without deciding its depth fails to compile.
 */
const DEPTH_OF: Record<Channel, TouchDepth | undefined> = {
  call: 'personal',
  video: 'personal',
  meeting: 'personal',
  voice: 'personal',
  help: 'personal',
  // Default only: the classifier or importer may mark a templated one 'broadcast'.
  message: 'personal',
  email: 'personal',
  like: 'passive',
  wish: 'passive',
  endorsement: 'passive',
  repost: 'passive',
  promo: 'broadcast',
  newsletter: 'broadcast',
  'mass-message': 'broadcast',
  // Starts the relationship; neither resets the clock nor counts as passive.
  connected: undefined,
};

export function depthOfChannel(channel: Channel): TouchDepth | undefined {
  return DEPTH_OF[channel];
}

/** For pickers, in display order. */
export const PERSONAL_CHANNELS = ['call', 'video', 'meeting', 'message', 'email', 'voice', 'help'] as const satisfies readonly Channel[];
export const PASSIVE_CHANNELS = ['like', 'wish', 'endorsement', 'repost'] as const satisfies readonly Channel[];
export const BROADCAST_CHANNELS = ['promo', 'newsletter', 'mass-message'] as const satisfies readonly Channel[];
export const NEUTRAL_CHANNELS = ['connected'] as const satisfies readonly Channel[];
export const ALL_CHANNELS: readonly Channel[] = [...PERSONAL_CHANNELS, ...PASSIVE_CHANNELS, ...BROADCAST_CHANNELS, ...NEUTRAL_CHANNELS];

/**
 * The depth a stored touch counts with. The stored `depth` is trusted (it carries
 * the classifier's decision for messages), except that a `connected` touch is
 * always neutral whatever depth it was written with.
 */
export function effectiveDepth(touch: Pick<Touch, 'channel' | 'depth'>): TouchDepth | undefined {
  return touch.channel === 'connected' ? undefined : touch.depth;
}
