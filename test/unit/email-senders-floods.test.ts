// Pure parts of the e-mail channel's sender handling (issue 7): the sender read from the raw header for
// the message key, the text a flood group gains per mail, and the console's flood tag.
import { describe, expect, it } from 'vitest';
import { floodAddition } from '../../src/channels/email/flood.js';
import { rawSender } from '../../src/channels/email/keys.js';
import { floodTag } from '../../web/console/src/intake/inbox-types.js';

const raw = (head: string): Buffer => Buffer.from(`${head}\r\nSubject: x\r\n\r\nbody From: body@else.example\r\n`, 'latin1');

describe('the sender of a raw message', () => {
  it('takes the bracketed address over a display name that looks like one, lower-cased', () => {
    expect(rawSender(raw('From: "boss@gaj.example.gov.cn" <Someone@Mail.Example.CN>'))).toBe('someone@mail.example.cn');
    expect(rawSender(raw('FROM: plain@mail.example.cn'))).toBe('plain@mail.example.cn');
  });

  it('reads a folded field and never the body', () => {
    expect(rawSender(raw('From: =?UTF-8?B?5byg5LiJ?=\r\n <zhang@mail.example.cn>'))).toBe('zhang@mail.example.cn');
    expect(rawSender(raw('To: 12389@gaj.example.gov.cn'))).toBeNull();
  });
});

describe('flood groups', () => {
  it('appends each mail under a numbered separator with its subject', () => {
    expect(floodAddition(4, '又一封', '内容')).toBe('\n\n—— 第4封：又一封 ——\n内容');
    expect(floodAddition(2, '', '内容')).toBe('\n\n—— 第2封 ——\n内容');
  });

  it('tags a flood group with its count in the console, and nothing else', () => {
    expect(floodTag({ floodCount: 7 })).toEqual({ zh: '疑似批量来信（7封）', en: 'Possible bulk mail (7 mails)' });
    expect(floodTag({})).toBeNull();
  });
});
