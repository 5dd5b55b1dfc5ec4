import { describe, expect, it } from 'vitest';
import { concatInfo, decodeMessage, isReceipt, messageStateName, parseReceiptText, Reassembler, receiptIdCandidates, receiptStatus, submitBodies } from '../../src/channels/sms/smpp-pdu.js';

describe('SMPP pieces', () => {
  it('puts a short text in one UCS-2 body and a long one in UDH parts with one reference', () => {
    expect(submitBodies('【示例】好', 'udh', 7)).toEqual([{ esm_class: 0, short_message: Buffer.from('3010793a4f8b3011597d', 'hex') }]);
    const parts = submitBodies('中'.repeat(100), 'udh', 0x1ff);
    expect(parts).toHaveLength(2);
    expect(parts.map((p) => [...p.short_message.subarray(0, 6)])).toEqual([[5, 0, 3, 0xff, 2, 1], [5, 0, 3, 0xff, 2, 2]]);
    expect(parts[0]!.short_message.length).toBe(6 + 67 * 2);
    const payload = submitBodies('中'.repeat(100), 'payload', 1);
    expect(payload).toHaveLength(1);
    expect(payload[0]!.message_payload!.length).toBe(200);
  });

  it('reads receipts from text or TLVs and maps their states', () => {
    expect(parseReceiptText('id:MSG0001 sub:001 dlvrd:001 submit date:2401011200 done date:2401011201 stat:DELIVRD err:000 text:')).toEqual({ id: 'MSG0001', stat: 'DELIVRD', err: '000' });
    expect(parseReceiptText('stat:DELIVRD')).toBeNull();
    expect(messageStateName(5)).toBe('UNDELIV');
    expect(receiptStatus('DELIVRD')).toBe('delivered');
    expect(receiptStatus('UNDELIV')).toBe('failed');
    expect(receiptStatus('ACCEPTD')).toBe('unknown');
    expect(isReceipt(0x04)).toBe(true);
    expect(isReceipt(0x44)).toBe(true);
    expect(isReceipt(0x00)).toBe(false);
  });

  it('matches receipt ids across hex, decimal and leading zeros', () => {
    expect(receiptIdCandidates('a001')).toContain('40961');
    expect(receiptIdCandidates('0000040961')).toContain('a001');
    expect(receiptIdCandidates('MSG-1')).toEqual(['msg-1']);
  });

  it('decodes GBK and raw UCS-2 the library leaves as bytes', () => {
    expect(decodeMessage({ message: Buffer.from('c2fad2e2', 'hex') }, 0x0f)).toEqual({ text: '满意', udh: [] });
    expect(decodeMessage({ message: Buffer.from('6ee1610f', 'hex') }, 0x18)).toEqual({ text: '满意', udh: [] });
    expect(decodeMessage('x', 0)).toBeNull();
  });

  it('reassembles long inbound messages and forgets stale parts', () => {
    const r = new Reassembler(1000);
    const udh = [Buffer.from([0x00, 0x03, 9, 2, 2])];
    const info = concatInfo(udh)!;
    expect(info).toEqual({ ref: 9, total: 2, seq: 2 });
    expect(r.add('a:9', info, '后半', 0)).toBeNull();
    expect(r.add('a:9', { ...info, seq: 1 }, '前半', 10)).toBe('前半后半');
    expect(r.add('b:1', { total: 2, seq: 1 }, 'x', 0)).toBeNull();
    expect(r.add('c:1', { total: 2, seq: 1 }, 'y', 5000)).toBeNull();
    expect(r.size).toBe(1);
    expect(concatInfo([Buffer.from([0x08, 0x04, 1, 2, 3, 1])])).toEqual({ ref: 258, total: 3, seq: 1 });
  });
});
