import { mountInPageCard } from '@/components/InPageCard';
import { mountInPageNudges } from '@/components/InPageNudge';
import { siteRow } from '@/lib/sites/table';

/**
 * The opt-in in-page card. Not in the manifest: the background registers it only
 * when the user chose "inside the page" for LinkedIn, so the script on every
 * LinkedIn page stays small and React-free by default. It only places Kith's own
 * frame (`card.html`) in the page; the card itself renders there.
 */
export default defineContentScript({
  matches: [...siteRow('linkedin').matches],
  registration: 'runtime',
  main(ctx) {
    mountInPageNudges(ctx);
    void mountInPageCard(ctx);
  },
});
