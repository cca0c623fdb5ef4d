import { createRoot } from 'react-dom/client';
import { PopupApp } from '../../components/PopupApp';
import { preloadSettings } from '../../components/useSettings';
import { preloadSnapshot } from '../../lib/ui/reach-snapshot';

// Both reads start before React renders; the first paint waits for nothing else.
preloadSettings();
preloadSnapshot();
createRoot(document.getElementById('root')!).render(<PopupApp />);
