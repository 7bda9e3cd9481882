// The browser side of exports: save a text as a file through a Blob URL and `<a download>` (works in extension
// pages of Chrome and Firefox without the downloads permission), and copy text to the clipboard.

/** Offers `text` as a download named `fileName`. */
export function downloadText(fileName: string, mimeType: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: mimeType }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  anchor.rel = 'noopener';
  anchor.style.display = 'none';
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  // Revoke on the next task: revoking synchronously can cancel the download in Firefox.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A file-name-safe slug of a campaign name: "Spring Sale (v2)!" → "spring-sale-v2". */
export function fileSlug(name: string | undefined, fallback = 'campaign'): string {
  const slug = (name ?? '')
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return slug || fallback;
}

export async function copyText(text: string): Promise<void> {
  if (!navigator.clipboard?.writeText) throw new Error('the clipboard is not available on this page');
  await navigator.clipboard.writeText(text);
}
