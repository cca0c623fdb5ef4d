import { mountInPageCard } from '../../components/InPageCard';
import { mountInPageNudges } from '../../components/InPageNudge';
import css from '../../components/kith.css?inline';
import { siteRow } from '../../lib/sites/table';

/**
 * The opt-in in-page card. Not in the manifest: the background registers it only
 * when the user chose "inside the page" for LinkedIn, so the script on every
 * LinkedIn page stays small and React-free by default.
 */
export default defineContentScript({
  matches: [...siteRow('linkedin').matches],
  registration: 'runtime',
  // CSS comes in as text (below), never fetched: nothing of Kith is web-accessible.
  cssInjectionMode: 'manual',
  main(ctx) {
    mountInPageNudges(ctx, css);
    void mountInPageCard(ctx, css);
  },
});
