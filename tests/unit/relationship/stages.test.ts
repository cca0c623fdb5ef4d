import { describe, expect, it } from 'vitest';
import { type Stage, stageOf, STAGES } from '@/lib/relationship/stages';

describe('stageOf', () => {
  it.each<[number, number, Stage]>([
    [0, 0, 'connected'],
    [1, 0, 'acquainted'],
    [1, 1, 'acquainted'],
    [3, 3, 'acquainted'], // below 4 a year: not yet in touch
    [4, 0, 'acquainted'], // one-way: never from them
    [4, 1, 'in-touch'],
    [11, 11, 'in-touch'], // below 12 a year: not close
    [12, 2, 'in-touch'], // 2/12 < 1/4
    [12, 3, 'close'], // 3/12 = 1/4
    [16, 3, 'in-touch'],
    [16, 4, 'close'],
    [40, 9, 'in-touch'],
    [40, 10, 'close'],
    [50, 0, 'acquainted'],
  ])('personal12m=%i inbound12m=%i -> %s', (personal12m, inbound12m, stage) => {
    expect(stageOf({ personal12m, inbound12m })).toBe(stage);
  });

  it('orders stages from loosest to closest', () => {
    expect(STAGES).toEqual(['connected', 'acquainted', 'in-touch', 'close']);
  });
});
