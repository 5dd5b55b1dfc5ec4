// A WeChat conversation becomes one inbox item (issue 8): each message is a line of its transcript, with
// the local time it arrived and what kind it was, so the clerk reads one conversation, not ten items.
export type TranscriptEntry =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'voice'; readonly recognition: string | null }
  | { readonly kind: 'image' | 'video' }
  | { readonly kind: 'location'; readonly label: string | null; readonly x: string; readonly y: string }
  | { readonly kind: 'link'; readonly title: string | null; readonly url: string | null };

const KIND_TAGS = { voice: '[语音]', image: '[图片]', video: '[视频]', location: '[位置]', link: '[链接]' } as const;

/** One line: "[10:31] 文字" or "[10:32] [语音] 识别：…". `time` is HH:MM in the bureau's zone. */
export function transcriptLine(time: string, entry: TranscriptEntry): string {
  const body = ((): string => {
    switch (entry.kind) {
      case 'text':
        return entry.text;
      case 'voice':
        return entry.recognition === null || entry.recognition === '' ? KIND_TAGS.voice : `${KIND_TAGS.voice} 识别：${entry.recognition}`;
      case 'image':
      case 'video':
        return KIND_TAGS[entry.kind];
      case 'location':
        return `${KIND_TAGS.location} ${entry.label ?? ''}（${entry.x}，${entry.y}）`.replace('  ', ' ');
      case 'link':
        return [KIND_TAGS.link, entry.title, entry.url].filter((p) => p !== null && p !== '').join(' ');
    }
  })();
  return `[${time}] ${body}`;
}

/** The transcript is capped like any inbox text; later lines still count as messages of the item. */
export const TRANSCRIPT_MAX_CHARS = 100_000;

export function appendToTranscript(transcript: string, line: string): string {
  const next = transcript === '' ? line : `${transcript}\n${line}`;
  return next.length > TRANSCRIPT_MAX_CHARS ? transcript : next;
}
