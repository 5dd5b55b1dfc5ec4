// The number and code of the report just filed, held in memory only: the code never goes into a URL,
// sessionStorage or localStorage (DESIGN §7.4). Leaving the receipt forgets it, so the next person at
// this phone cannot go Back to it; "查询进度" hands it to the track form once.
export interface Receipt {
  readonly caseNumber: string;
  readonly queryCode: string;
  readonly realName: boolean;
}

let current: Receipt | null = null;
let handedToTrack: Receipt | null = null;

export function keepReceipt(r: Receipt): void {
  current = r;
}

export function lastReceipt(): Receipt | null {
  return current;
}

export function forgetReceipt(): void {
  current = null;
}

/** The receipt page's way to the track form: the one reader takes it, and it is gone. */
export function handToTrack(r: Receipt): void {
  handedToTrack = r;
}

export function takeHandedReceipt(): Receipt | null {
  const r = handedToTrack;
  handedToTrack = null;
  return r;
}
