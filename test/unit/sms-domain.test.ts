import { describe, expect, it } from 'vitest';
import { capDay, decideDailyCap } from '../../src/domain/sms/daily-cap.js';
import { SmsRuleError } from '../../src/domain/sms/errors.js';
import { parseFollowupReply } from '../../src/domain/sms/followup-reply.js';
import { renderSms } from '../../src/domain/sms/render.js';
import { countSegments, splitUcs2 } from '../../src/domain/sms/segments.js';
import { buildTemplateSet, placeholdersOf, SMS_TEMPLATE_KEYS, SMS_TEMPLATES, templateProblems } from '../../src/domain/sms/templates.js';

const codeOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (err) {
    if (err instanceof SmsRuleError) return err.code;
    throw err;
  }
  return 'none';
};

describe('SMS templates', () => {
  it('has a default text for every key that passes its own rules', () => {
    for (const key of SMS_TEMPLATE_KEYS) expect(templateProblems(key, SMS_TEMPLATES[key].text)).toEqual([]);
    const set = buildTemplateSet();
    expect(set.signature).toBe('示例市公安局');
    expect(set.texts['followup.question']).toContain('回复1满意 2基本满意 3不满意');
  });

  it('lets no template carry case content, names or units: only whitelisted placeholders', () => {
    for (const name of ['content', 'reporterName', 'subjectName', 'unitName', 'summary', 'phone', 'address']) {
      const text = `您反映的事项（编号{caseNumber}）{${name}}已办结答复。`;
      expect(codeOf(() => buildTemplateSet({ overrides: { 'reporter.reply': text } }))).toBe('TEMPLATE_PLACEHOLDER_UNKNOWN');
      expect(codeOf(() => buildTemplateSet({ overrides: { 'staff.chased': `件{caseNumber}{${name}}已被催办。` } }))).toBe('TEMPLATE_PLACEHOLDER_UNKNOWN');
    }
  });

  it('keeps the query code to the acknowledgement and requires each template\'s own placeholders', () => {
    expect(codeOf(() => buildTemplateSet({ overrides: { 'reporter.reply': '编号{caseNumber}，查询码{queryCode}已办结。' } }))).toBe('TEMPLATE_PLACEHOLDER_NOT_ALLOWED');
    expect(codeOf(() => buildTemplateSet({ overrides: { 'reporter.acknowledgement': '您反映的事项已受理，编号{caseNumber}。' } }))).toBe('TEMPLATE_PLACEHOLDER_MISSING');
    expect(codeOf(() => buildTemplateSet({ overrides: { 'staff.due_soon': '件{caseNumber}将到期。' } }))).toBe('TEMPLATE_PLACEHOLDER_MISSING');
  });

  it('keeps reporter texts neutral, refuses broken syntax, a written signature and unknown keys', () => {
    expect(codeOf(() => buildTemplateSet({ overrides: { 'reporter.reply': '您的举报（编号{caseNumber}）已办结。' } }))).toBe('TEMPLATE_WORD_FORBIDDEN');
    expect(templateProblems('staff.chased', '举报件{caseNumber}已被催办。')).toEqual([]);
    expect(codeOf(() => buildTemplateSet({ overrides: { 'staff.chased': '件{caseNumber已被催办。' } }))).toBe('TEMPLATE_SYNTAX');
    expect(codeOf(() => buildTemplateSet({ overrides: { 'staff.chased': '【示例】件{caseNumber}已被催办。' } }))).toBe('TEMPLATE_SYNTAX');
    expect(codeOf(() => buildTemplateSet({ overrides: { 'case.secret': '{caseNumber}' } }))).toBe('TEMPLATE_UNKNOWN');
    expect(codeOf(() => buildTemplateSet({ signature: '【示例市公安局】' }))).toBe('SIGNATURE_INVALID');
    expect(codeOf(() => buildTemplateSet({ overrides: { 'staff.chased': `件{caseNumber}${'很'.repeat(130)}` } }))).toBe('TEMPLATE_TOO_LONG');
  });

  it('orders placeholders by first appearance', () => {
    expect(placeholdersOf('a{dueDate}b{caseNumber}c{dueDate}')).toEqual(['dueDate', 'caseNumber']);
  });
});

describe('rendering', () => {
  const set = buildTemplateSet();

  it('fills placeholders and puts the signature in front', () => {
    const r = renderSms(set, 'reporter.acknowledgement', { caseNumber: 'SL2026000123', queryCode: '0123456789' });
    expect(r.text).toBe('【示例市公安局】您反映的事项已受理，受理编号SL2026000123，查询码0123456789。请妥善保管查询码，凭编号和查询码可查询办理进展。');
    expect(r.body.startsWith('您反映')).toBe(true);
    expect(r.named).toEqual({ caseNumber: 'SL2026000123', queryCode: '0123456789' });
    expect(r.ordered).toEqual(['SL2026000123', '0123456789']);
    expect(r.segments).toEqual({ encoding: 'ucs2', units: r.text.length, segments: 2 });
  });

  it('refuses missing, unknown and ill-shaped values', () => {
    expect(codeOf(() => renderSms(set, 'reporter.acknowledgement', { caseNumber: 'SL1' }))).toBe('PARAM_MISSING');
    expect(codeOf(() => renderSms(set, 'reporter.reply', { caseNumber: 'SL1', name: '张三' }))).toBe('PARAM_UNKNOWN');
    expect(codeOf(() => renderSms(set, 'reporter.reply', { caseNumber: '张三' }))).toBe('PARAM_INVALID');
    expect(codeOf(() => renderSms(set, 'reporter.acknowledgement', { caseNumber: 'SL1', queryCode: '12345' }))).toBe('PARAM_INVALID');
    expect(codeOf(() => renderSms(set, 'staff.due_soon', { caseNumber: 'SL1', dueDate: 'tomorrow' }))).toBe('PARAM_INVALID');
    expect(renderSms(set, 'staff.due_soon', { caseNumber: 'SL1', dueDate: '2026年12月1日' }).body).toContain('2026年12月1日');
  });

  it('refuses a text whose placeholders no longer match its key', () => {
    const tampered = { ...set, texts: { ...set.texts, 'reporter.reply': '{caseNumber}{unitName}' } };
    expect(codeOf(() => renderSms(tampered, 'reporter.reply', { caseNumber: 'SL1' }))).toBe('TEMPLATE_PLACEHOLDER_UNKNOWN');
  });
});

describe('segments', () => {
  it('counts GSM-7 and UCS-2 with the multipart limits', () => {
    expect(countSegments('a'.repeat(160))).toEqual({ encoding: 'gsm7', units: 160, segments: 1 });
    expect(countSegments('a'.repeat(161))).toEqual({ encoding: 'gsm7', units: 161, segments: 2 });
    expect(countSegments('€'.repeat(80))).toEqual({ encoding: 'gsm7', units: 160, segments: 1 });
    expect(countSegments('中'.repeat(70))).toEqual({ encoding: 'ucs2', units: 70, segments: 1 });
    expect(countSegments('中'.repeat(71))).toEqual({ encoding: 'ucs2', units: 71, segments: 2 });
    expect(countSegments('中'.repeat(134))).toEqual({ encoding: 'ucs2', units: 134, segments: 2 });
    expect(countSegments('中'.repeat(135)).segments).toBe(3);
    // One Chinese character makes the whole text UCS-2, signature included.
    expect(countSegments(`【示例市公安局】${'a'.repeat(62)}`)).toEqual({ encoding: 'ucs2', units: 70, segments: 1 });
    expect(countSegments(`【示例市公安局】${'a'.repeat(63)}`).segments).toBe(2);
  });

  it('splits UCS-2 into parts of 67 without breaking a surrogate pair', () => {
    expect(splitUcs2('中'.repeat(70))).toHaveLength(1);
    const parts = splitUcs2('中'.repeat(140));
    expect(parts.map((p) => p.length)).toEqual([67, 67, 6]);
    const emoji = splitUcs2(`${'中'.repeat(66)}😀${'中'.repeat(10)}`);
    expect(emoji[0]).toHaveLength(66);
    expect(emoji[1]!.startsWith('😀')).toBe(true);
  });
});

describe('follow-up replies', () => {
  it.each([
    ['1', 'satisfied'], ['１', 'satisfied'], [' 1 ', 'satisfied'], ['满意', 'satisfied'], ['1。', 'satisfied'], ['1、满意', 'satisfied'],
    ['2', 'basically_satisfied'], ['２', 'basically_satisfied'], ['基本满意', 'basically_satisfied'],
    ['3', 'dissatisfied'], ['不满意', 'dissatisfied'], ['　３　', 'dissatisfied'],
  ])('reads %j as %s', (text, rating) => {
    expect(parseFollowupReply(text)).toBe(rating);
  });

  it.each(['', '4', '12', '1 2', '满意吗', '不太满意', '1，但是民警态度不好', 'constructor', '__proto__'])('leaves %j to the inbox', (text) => {
    expect(parseFollowupReply(text)).toBeNull();
  });
});

describe('daily cap', () => {
  it('allows up to the cap and counts the local day', () => {
    expect(decideDailyCap(0, 3)).toEqual({ allowed: true, remaining: 2 });
    expect(decideDailyCap(2, 3)).toEqual({ allowed: true, remaining: 0 });
    expect(decideDailyCap(3, 3)).toEqual({ allowed: false, remaining: 0 });
    expect(decideDailyCap(0, 0).allowed).toBe(false);
    expect(() => decideDailyCap(-1, 3)).toThrow(RangeError);
    // 16:30 UTC is already the next day in Shanghai.
    expect(capDay(new Date('2026-11-30T16:30:00Z'), 'Asia/Shanghai')).toBe('2026-12-01');
    expect(capDay(new Date('2026-11-30T15:59:59Z'), 'Asia/Shanghai')).toBe('2026-11-30');
  });
});
