import type { PersonSummary } from '@/lib/model/types';

/** From loosest to closest. Derived from real personal contact, never set by hand. */
export const STAGES = ['connected', 'acquainted', 'in-touch', 'close'] as const;
export type Stage = (typeof STAGES)[number];

/**
 * What each stage needs, over the last 12 months. Checked from `close` down; the
 * first that matches wins.
 *
 * - acquainted: at least one personal touch. A single real conversation is what
 *   separates someone you know from a name in the list.
 * - in-touch: about one a quarter (4), the slowest built-in rhythm ("network",
 *   90 days), and at least one of them from them: contact that only ever goes one
 *   way is attention, not being in touch.
 * - close: about one a month (12), the "friends" rhythm, with at least one in four
 *   started by them, so it is a relationship both sides keep up.
 */
export const STAGE_THRESHOLDS: ReadonlyArray<{
  stage: Exclude<Stage, 'connected'>;
  minPersonal12m: number;
  minInbound12m: number;
  /** inbound12m / personal12m at least this. */
  minInboundShare: number;
}> = [
  { stage: 'close', minPersonal12m: 12, minInbound12m: 1, minInboundShare: 1 / 4 },
  { stage: 'in-touch', minPersonal12m: 4, minInbound12m: 1, minInboundShare: 0 },
  { stage: 'acquainted', minPersonal12m: 1, minInbound12m: 0, minInboundShare: 0 },
];

export function stageOf(summary: Pick<PersonSummary, 'personal12m' | 'inbound12m'>): Stage {
  const { personal12m, inbound12m } = summary;
  for (const t of STAGE_THRESHOLDS) {
    if (personal12m >= t.minPersonal12m && inbound12m >= t.minInbound12m && (personal12m === 0 ? 0 : inbound12m / personal12m) >= t.minInboundShare) {
      return t.stage;
    }
  }
  return 'connected';
}
