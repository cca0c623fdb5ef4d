/**
 * For a failure nobody waits on (a background chore, a message whose answer does
 * not matter): say in the console what failed, where a maintainer or a bug report
 * finds it, and carry on. A failed user action is shown to the user instead.
 */
export function warnFailed(what: string): (err: unknown) => void {
  return (err) => console.warn(`Kith: ${what} failed`, err);
}
