/**
 * A message to the background that fails: after Kith is updated or reloaded this
 * page's script is orphaned and reaches no one. Nothing to tell, nobody to tell
 * it to; the page's next load runs a fresh script.
 */
export const orphaned = (): undefined => undefined;
