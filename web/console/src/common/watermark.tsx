// The watermark over case screens (issue 4): name, police number and time, tiled under everything
// the user can photograph. Drawn on a canvas into a data: URL and set through the style object,
// which CSP allows (an inline style attribute would not be).
import { useEffect, useState, type ReactNode } from 'react';
import type { Me } from '../api/types.js';
import { watermarkTime } from './format.js';

const TILE = { width: 320, height: 200 };

function tile(lines: readonly string[]): string {
  const canvas = document.createElement('canvas');
  const ratio = window.devicePixelRatio || 1;
  canvas.width = TILE.width * ratio;
  canvas.height = TILE.height * ratio;
  const g = canvas.getContext('2d');
  if (g === null) return '';
  g.scale(ratio, ratio);
  g.translate(TILE.width / 2, TILE.height / 2);
  g.rotate((-20 * Math.PI) / 180);
  g.fillStyle = 'rgba(0, 0, 0, 0.07)';
  g.font = '14px "Noto Sans CJK SC", "Microsoft YaHei", sans-serif';
  g.textAlign = 'center';
  lines.forEach((line, i) => g.fillText(line, 0, (i - (lines.length - 1) / 2) * 22));
  return canvas.toDataURL('image/png');
}

export function Watermark(props: { me: Me }): ReactNode {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    // To the minute, as printed; a photo of the screen then dates itself.
    const timer = window.setInterval(() => setNow(new Date()), 60_000);
    return () => window.clearInterval(timer);
  }, []);
  const lines = [`${props.me.displayName} ${props.me.policeNumber ?? ''}`.trim(), watermarkTime(now)];
  const url = tile(lines);
  return <div className="zt-watermark" aria-hidden="true" data-watermark={lines.join(' ')} style={{ backgroundImage: `url(${url})`, backgroundSize: `${String(TILE.width)}px ${String(TILE.height)}px` }} />;
}
