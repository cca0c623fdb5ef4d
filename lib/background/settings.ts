/** Keeps the worker's copy of the settings (`state.settings`) current: read at start, then every change. */
import type { BackgroundEnv } from './env';
import { warnFailed } from '@/lib/platform/warn';

export function register(env: BackgroundEnv): void {
  env.settings.watch((s) => {
    env.state.settings = s;
  });
  void env.settings
    .get()
    .then((s) => {
      env.state.settings ??= s;
    })
    .catch(warnFailed('reading the settings'));
}
