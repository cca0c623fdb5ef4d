import { afterEach, describe, it } from 'vitest';
import { launchKith, type Kith } from './harness';

let kith: Kith | undefined;
afterEach(async () => {
  await kith?.close();
  kith = undefined;
});

describe('the built extension in Chromium', () => {
  it('loads, and its pages render in English', async () => {
    kith = await launchKith();
    const popup = await kith.open('popup.html');
    await popup.getByRole('heading', { name: 'Reach out today' }).waitFor();
    await popup.getByRole('button', { name: 'Open beside the page' }).waitFor();
  });
});
