import 'fake-indexeddb/auto';
import { configure } from '@testing-library/react';

// findBy*/waitFor wait 1 s by default; a shared 2-core machine under load can take
// longer than that for a write and the live query that re-renders after it. Waiting
// longer changes no assertion: what must appear still has to appear.
configure({ asyncUtilTimeout: 5000 });
