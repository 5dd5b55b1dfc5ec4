// The screening forms (accept, reclassify) list subjects, each keeping its record by `id`. The field schema
// has that id as a bare UUID; for this case it is one of the subjects already recorded, so the offer names
// them (DESIGN §10: choices the server restricts are in the schema) and the console draws a select.
import { choice, withProperty, type JsonSchema } from '../../domain/forms/schema.js';
import type { Bilingual } from '../../domain/i18n-text.js';
import type { ActionOffer } from '../../domain/policies.js';
import type { SubjectDetail } from './case-parts.js';

/** 被反映人1：尤某（警号910102） — the position keeps two unnamed subjects apart. */
function subjectLabel(s: SubjectDetail, i: number): Bilingual {
  const n = String(i + 1);
  const zh = [s.name, s.policeNumber === null ? null : `（警号${s.policeNumber}）`].filter((x) => x !== null).join('');
  const en = [s.name, s.policeNumber === null ? null : ` (No. ${s.policeNumber})`].filter((x) => x !== null).join('');
  return { zh: `被反映人${n}${zh === '' ? '' : `：${zh}`}`, en: `Subject ${n}${en === '' ? '' : `: ${en}`}` };
}

export function withSubjectRecords(offers: readonly ActionOffer[], subjects: readonly SubjectDetail[]): ActionOffer[] {
  if (subjects.length === 0) return [...offers];
  const labels = Object.fromEntries(subjects.map((s, i) => [s.id, subjectLabel(s, i)]));
  return offers.map((o) => {
    const list = o.fields.properties?.subjects;
    const item: JsonSchema | undefined = list?.items;
    const id = item?.properties?.id;
    if (list === undefined || item === undefined || id === undefined) return o;
    const narrowed = choice(id['x-label'] ?? { zh: '被反映人记录', en: 'Subject record' }, labels);
    return { ...o, fields: withProperty(o.fields, 'subjects', { ...list, items: withProperty(item, 'id', narrowed) }) };
  });
}
