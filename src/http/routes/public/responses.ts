// Response schemas of the public API: serialisation keeps only what is listed here.
const bilingual = { type: 'object', additionalProperties: false, required: ['zh', 'en'], properties: { zh: { type: 'string' }, en: { type: 'string' } } } as const;

const taxonomyEntry = {
  type: 'object',
  additionalProperties: false,
  required: ['code', 'name', 'description'],
  properties: { code: { type: 'string' }, name: bilingual, description: bilingual },
} as const;

export const taxonomyResponse = {
  type: 'object',
  additionalProperties: false,
  required: ['types', 'scopes', 'policeBranches', 'regions'],
  properties: {
    types: { type: 'array', items: taxonomyEntry },
    scopes: { type: 'array', items: taxonomyEntry },
    policeBranches: { type: 'array', items: taxonomyEntry },
    regions: {
      type: 'array',
      items: { type: 'object', additionalProperties: false, required: ['name', 'townships'], properties: { name: bilingual, townships: { type: 'array', items: bilingual } } },
    },
  },
} as const;

export const challengeResponse = {
  type: 'object',
  additionalProperties: false,
  required: ['algorithm', 'challenge', 'salt', 'signature', 'maxnumber', 'required'],
  properties: {
    algorithm: { type: 'string' },
    challenge: { type: 'string' },
    salt: { type: 'string' },
    signature: { type: 'string' },
    maxnumber: { type: 'integer' },
    required: { type: 'boolean' },
  },
} as const;

export const submittedResponse = {
  type: 'object',
  additionalProperties: false,
  required: ['caseNumber', 'queryCode'],
  properties: { caseNumber: { type: 'string' }, queryCode: { type: 'string' } },
} as const;

const dated = { type: 'object', additionalProperties: false, required: ['at', 'text'], properties: { at: { type: 'string' }, text: { type: 'string' } } } as const;

export const publicViewResponse = {
  type: 'object',
  additionalProperties: false,
  required: ['caseNumber', 'stage', 'type', 'submittedAt', 'promisedBy', 'timeline', 'replies', 'messages', 'canRate'],
  properties: {
    caseNumber: { type: 'string' },
    stage: { type: 'object', additionalProperties: false, required: ['code', 'label'], properties: { code: { type: 'string' }, label: bilingual } },
    type: { type: 'string' },
    submittedAt: { type: 'string' },
    promisedBy: { type: ['string', 'null'] },
    timeline: {
      type: 'array',
      items: { type: 'object', additionalProperties: false, required: ['at', 'event', 'label'], properties: { at: { type: 'string' }, event: { type: 'string' }, label: bilingual } },
    },
    replies: {
      type: 'array',
      items: { type: 'object', additionalProperties: false, required: ['at', 'text', 'signedBy'], properties: { at: { type: 'string' }, text: { type: 'string' }, signedBy: bilingual } },
    },
    messages: { type: 'array', items: dated },
    canRate: { type: 'boolean' },
  },
} as const;
