/** The options page's toasts are the shared ones (`components/toast.tsx`). */
export { ToastHost, useToasts } from '@/components/toast';
