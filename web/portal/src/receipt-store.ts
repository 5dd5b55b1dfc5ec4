// The number and code of the report just filed, held in memory only: the code never goes into a URL,
// sessionStorage or localStorage (DESIGN §7.4), so leaving the receipt page forgets it.
export interface Receipt {
  readonly caseNumber: string;
  readonly queryCode: string;
  readonly realName: boolean;
}

let current: Receipt | null = null;

export function keepReceipt(r: Receipt): void {
  current = r;
}

export function lastReceipt(): Receipt | null {
  return current;
}
