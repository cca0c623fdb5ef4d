/**
 * The popup loads React and its app only after the rows painted from the snapshot are
 * on screen, and never later than that: with nothing painted it loads at once, and a
 * page that draws no frames still gets its app.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { afterFirstRows, FIRST_ROWS_WAIT_MS } from '@/lib/ui/popup-first-rows';

let frames: FrameRequestCallback[];

beforeEach(() => {
  vi.useFakeTimers();
  frames = [];
  vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => frames.push(cb));
  document.body.innerHTML = '<div id="root"></div>';
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

/** Whether the promise has settled after the microtasks queued so far. */
async function settled(p: Promise<void>): Promise<boolean> {
  let done = false;
  void p.then(() => (done = true));
  await vi.advanceTimersByTimeAsync(0);
  return done;
}

function paintFromSnapshot(): void {
  document.getElementById('root')!.innerHTML = '<main class="popup-main" data-prepaint><ul><li class="reach-row">Ada</li></ul></main>';
}

describe('when the popup loads its app', () => {
  it('at once when there was no boot script', async () => {
    expect(await settled(afterFirstRows(undefined))).toBe(true);
  });

  it('at once when the boot reads painted nothing (no snapshot, or not today’s)', async () => {
    expect(await settled(afterFirstRows(Promise.resolve([{}, undefined])))).toBe(true);
    expect(frames).toHaveLength(0);
  });

  it('at once when the boot reads failed', async () => {
    expect(await settled(afterFirstRows(Promise.reject(new Error('no storage'))))).toBe(true);
  });

  it('after the frame that paints the rows from the snapshot, not before', async () => {
    const reads = Promise.resolve([{}, {}]);
    // The boot script's own reaction to its reads comes first and paints.
    void reads.then(paintFromSnapshot);
    const p = afterFirstRows(reads);
    expect(await settled(p)).toBe(false);
    expect(frames).toHaveLength(1);
    frames[0]!(performance.now());
    expect(await settled(p)).toBe(true);
  });

  it('even when the page draws no frames', async () => {
    const reads = Promise.resolve([{}, {}]);
    void reads.then(paintFromSnapshot);
    const p = afterFirstRows(reads);
    expect(await settled(p)).toBe(false);
    await vi.advanceTimersByTimeAsync(FIRST_ROWS_WAIT_MS);
    expect(await settled(p)).toBe(true);
  });
});
