// Recordings are fetched only from the PBX itself (issue 6): a URL in a signed event could still point
// anywhere if the PBX were misconfigured or its adapter tricked, and our server must not become a way
// to reach other hosts of the police network.

/** Audio the platform keeps from the PBX: what Asterisk and FreeSWITCH write (wav, mp3, ogg, gsm). */
export const RECORDING_TYPES = ['audio/wav', 'audio/x-wav', 'audio/wave', 'audio/mpeg', 'audio/ogg', 'audio/gsm', 'audio/x-gsm'] as const;

/** The stored media type for each accepted one (wav variants become audio/wav, as uploads do). */
export function storedRecordingType(contentType: string): string | null {
  const base = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (!(RECORDING_TYPES as readonly string[]).includes(base)) return null;
  if (base === 'audio/x-wav' || base === 'audio/wave') return 'audio/wav';
  if (base === 'audio/x-gsm') return 'audio/gsm';
  return base;
}

/**
 * Same scheme, host and port as the configured PBX origin, no credentials. The URL is parsed, so
 * `https://pbx@evil`, a default port written out, or a differently cased host are judged by what
 * they are, not by how they are spelled.
 */
export function isPbxRecordingUrl(raw: string, pbxOrigin: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.username !== '' || url.password !== '') return false;
  return url.origin === new URL(pbxOrigin).origin;
}
