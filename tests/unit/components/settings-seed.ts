/**
 * Component tests and the settings store: a component reads the settings from the
 * page's store (`useSettings(selector)`), not from a prop, so a test seeds the store
 * with the settings it wants, and a page test starts from an empty store as a page
 * does when it opens.
 */
import { settingsStore } from '@/components/settings-store';
import { DEFAULT_SETTINGS, type Settings } from '@/lib/model/settings';

export function seedSettings(settings: Settings = DEFAULT_SETTINGS): void {
  settingsStore.setState({ settings, loaded: true });
}

export function resetSettingsStore(): void {
  settingsStore.setState({ settings: DEFAULT_SETTINGS, loaded: false });
}
