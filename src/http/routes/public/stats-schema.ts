// The response schema of the public statistics (issue 5): every count published or withheld, never both.
import { bilingual, bool, int, obj, str } from '../common.js';

const count = obj({ value: { type: ['integer', 'null'] }, suppressed: bool });
const rate = { type: ['number', 'null'] } as const;
const figures = obj({ received: count, closed: count, onTimeRate: rate, satisfactionRate: rate });
const cells = { type: 'array', items: figures } as const;

export const publicStatsResponse = obj({
  year: int,
  asOf: str,
  smallCountMax: int,
  types: { type: 'array', items: obj({ code: str, label: bilingual }) },
  rows: { type: 'array', items: obj({ month: str, cells, total: figures }) },
  total: obj({ cells, total: figures }),
});
