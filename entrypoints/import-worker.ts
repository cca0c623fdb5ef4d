// The import parser's worker: a shipped file, since extension pages may not start blob: workers.
import { serveParseRequests } from '@/lib/import/parse-worker';

export default defineUnlistedScript(() => {
  serveParseRequests(self as unknown as Parameters<typeof serveParseRequests>[0]);
});
