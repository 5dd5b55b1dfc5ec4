// A recording played in the page. preload="none": opening a screen fetches nothing, so the audited read
// (and, for voicemail, the "listened" mark) happens only when someone presses play.
import type { ReactNode } from 'react';

export const PLAYABLE_AUDIO: ReadonlySet<string> = new Set(['audio/wav', 'audio/x-wav', 'audio/wave', 'audio/mpeg', 'audio/ogg', 'audio/mp4', 'audio/aac']);

/** `onHeard` fires once bytes arrive, i.e. after the server has written its audit row. */
export function AudioPlayer(props: { src: string; label: string; onHeard?: () => void }): ReactNode {
  return (
    <audio className="zt-audio" controls preload="none" src={props.src} aria-label={props.label} onPlaying={props.onHeard} data-testid="audio-player" />
  );
}
