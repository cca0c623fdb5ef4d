import type { ReactNode } from 'react';
import { DEFAULT_SETTINGS } from '@/lib/model/settings';
import { ErrorBoundary, type WayOut } from './ErrorBoundary';

/**
 * The ways out a page of the extension has (it reaches storage and the database),
 * loaded only when the error screen is used: the popup's first chunk stays small.
 */
export const PAGE_WAY_OUT: WayOut = {
  // Onboarded stays true: the welcome page is not forced on someone who reset.
  resetSettings: () => import('@/lib/settings/store').then((m) => m.updateSettings(() => ({ ...DEFAULT_SETTINGS, onboarded: true }))),
  exportData: () => import('./export-backup').then((m) => m.downloadBackupNow()),
};

/** The error boundary of an extension page (popup, side panel, options, welcome). */
export function PageErrorBoundary({ children }: { children: ReactNode }) {
  return <ErrorBoundary wayOut={PAGE_WAY_OUT}>{children}</ErrorBoundary>;
}
