import { LINKEDIN_WATCH } from '@/lib/content/linkedin-watch';
import { watchNudges } from '@/lib/content/nudges';
import { runSiteScript } from '@/lib/content/run-site';
import { siteRow } from '@/lib/sites/table';

export default defineContentScript({
  // All of LinkedIn: users land on /feed/ and navigate in-page to a profile.
  matches: [...siteRow('linkedin').matches],
  runAt: 'document_idle',
  main(ctx) {
    // Reads nothing while LinkedIn is off in the settings (the script is in the
    // manifest, so it starts on every LinkedIn page regardless).
    runSiteScript(ctx, LINKEDIN_WATCH, (signal, send) => watchNudges({ doc: document, signal, send }));
  },
});
