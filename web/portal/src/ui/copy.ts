/** Copies text; `navigator.clipboard` is missing on plain-HTTP pages and in older WeChat builds. */
export async function copyText(text: string): Promise<boolean> {
  try {
    // Absent outside secure contexts, whatever the DOM typings say.
    const clipboard = navigator.clipboard as Clipboard | undefined;
    if (clipboard !== undefined) {
      await clipboard.writeText(text);
      return true;
    }
  } catch {
    // Refused (no permission): fall through to the selection copy.
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.className = 'zt-offscreen';
  document.body.appendChild(area);
  area.select();
  let copied: boolean;
  try {
    // The only copy WeChat's older in-app browsers and plain-HTTP pages offer.
    // eslint-disable-next-line @typescript-eslint/no-deprecated
    copied = document.execCommand('copy');
  } catch {
    copied = false;
  }
  area.remove();
  return copied;
}
