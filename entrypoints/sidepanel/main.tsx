import { createRoot } from 'react-dom/client';
import { SidePanelApp } from '@/components/SidePanelApp';
import { syncOnOpen } from '@/lib/ui/sync-words';

// What another device changed arrives while the page is open.
syncOnOpen();
createRoot(document.getElementById('root')!).render(<SidePanelApp />);
