import { describe, expect, it } from 'vitest';
import type { Channel, TouchDepth } from '@/lib/model/types';
import { ALL_CHANNELS, BROADCAST_CHANNELS, depthOfChannel, effectiveDepth, PASSIVE_CHANNELS, PERSONAL_CHANNELS } from '@/lib/relationship/touches';

describe('depthOfChannel', () => {
  it.each<[Channel, TouchDepth | undefined]>([
    ['call', 'personal'],
    ['video', 'personal'],
    ['meeting', 'personal'],
    ['voice', 'personal'],
    ['help', 'personal'],
    ['message', 'personal'],
    ['email', 'personal'],
    ['like', 'passive'],
    ['wish', 'passive'],
    ['endorsement', 'passive'],
    ['repost', 'passive'],
    ['promo', 'broadcast'],
    ['newsletter', 'broadcast'],
    ['mass-message', 'broadcast'],
    ['connected', undefined],
  ])('%s -> %s', (channel, depth) => {
    expect(depthOfChannel(channel)).toBe(depth);
  });

  it('picker arrays agree with depthOfChannel and list every channel once', () => {
    for (const c of PERSONAL_CHANNELS) expect(depthOfChannel(c)).toBe('personal');
    for (const c of PASSIVE_CHANNELS) expect(depthOfChannel(c)).toBe('passive');
    for (const c of BROADCAST_CHANNELS) expect(depthOfChannel(c)).toBe('broadcast');
    expect(new Set(ALL_CHANNELS).size).toBe(ALL_CHANNELS.length);
    expect(ALL_CHANNELS).toHaveLength(15);
  });
});

describe('effectiveDepth', () => {
  it.each<[Channel, TouchDepth, TouchDepth | undefined]>([
    ['message', 'broadcast', 'broadcast'], // a templated message, as the classifier said
    ['email', 'personal', 'personal'],
    ['connected', 'personal', undefined], // always neutral
    ['like', 'passive', 'passive'],
  ])('%s stored as %s counts as %s', (channel, depth, out) => {
    expect(effectiveDepth({ channel, depth })).toBe(out);
  });
});
