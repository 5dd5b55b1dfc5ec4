// sharp's native library costs about 30 MB of resident memory once loaded; most processes (a quiet server,
// a jobs-only worker) never touch an image, so it is loaded on the first image and kept (DESIGN §9 idle budget).
import type sharpType from 'sharp';

let loading: Promise<typeof sharpType> | null = null;

export function loadSharp(): Promise<typeof sharpType> {
  loading ??= import('sharp').then((m) => m.default);
  return loading;
}
