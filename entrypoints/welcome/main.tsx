import { createRoot } from 'react-dom/client';
import { WelcomeApp } from '@/components/WelcomeApp';

createRoot(document.getElementById('root')!).render(<WelcomeApp />);
