/**
 * Save text as a file: a Blob URL on a detached <a download>. The element is never
 * rendered, and the URL is Kith's own blob, so it does not go through safeHref
 * (which rightly refuses blob: for links built from data).
 */
export function downloadText(fileName: string, text: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // Chrome reads the blob asynchronously after click(): revoke later.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** "2026-03-01" in local time, for file names. */
export function dayStamp(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
