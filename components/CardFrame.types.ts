/** What the in-page card's frame and the content script that placed it say to each other (nothing private goes frame → page). */
import type { NudgeShowMessage } from '@/lib/messages/types';

/** Content script → frame, over the channel. */
export type ToFrame = { type: 'card/toggle' } | { type: 'nudge'; show: NudgeShowMessage };
/** Frame → content script, over the channel: its height and a nudge's answer only. */
export type FromFrame = { type: 'height'; px: number } | { type: 'answer'; mute?: 'person' | 'kind' };

/** The message that hands the frame its end of the channel. */
export const PORT_HELLO = 'kith-frame-port';
