import { createRoot } from 'react-dom/client';
import { CardFrameApp } from '@/components/CardFrame';

createRoot(document.getElementById('root')!).render(<CardFrameApp />);
