import { describe, expect, it } from 'vitest';
import { CASE_STATES, PUBLIC_STAGE_LABELS, STATE_INFO, publicStageOf } from '../../src/domain/case-states.js';
import { codePointLength, generatedTitle, isAccusation } from '../../src/domain/classification.js';
import { CASE_SCOPES, CASE_TYPES } from '../../src/domain/data/taxonomy.js';
import { LIFECYCLE, transitionFor } from '../../src/domain/lifecycle.js';
import { rolesAreSeparated } from '../../src/domain/roles.js';

describe('taxonomy', () => {
  it('has the six public types and the nine seed scopes, each with Chinese text', () => {
    expect(CASE_TYPES.map((t) => t.code)).toEqual(['accusation', 'complaint', 'suggestion', 'praise', 'consultation', 'other']);
    expect(CASE_SCOPES.map((s) => s.code)).toEqual(['opinion', 'social_info', 'team_building', 'misconduct', 'business_environment', 'decision_feedback', 'praise', 'internal_affairs', 'other']);
    for (const e of [...CASE_TYPES, ...CASE_SCOPES]) {
      expect(e.name.zh).toMatch(/^[\u4e00-\u9fff、/]+$/u);
      expect(e.description.zh).toMatch(/[\u4e00-\u9fff]/u);
      expect(e.description.zh.endsWith('。')).toBe(true);
    }
  });
});

describe('states and public stages', () => {
  it('maps every internal state to a public stage the reporter may see (merged shows the master)', () => {
    for (const s of CASE_STATES) {
      const stage = publicStageOf(s);
      if (s === 'merged') expect(stage).toBeNull();
      else expect(Object.keys(PUBLIC_STAGE_LABELS)).toContain(stage);
    }
    expect(STATE_INFO.archived.publicStage).toBe('closed');
    expect(publicStageOf('under_review')).toBe('in_progress');
  });

  it('lets the reporter add information only while the case is open', () => {
    expect(transitionFor('registered', 'add_information', 'reporter')).not.toBeNull();
    expect(transitionFor('closed', 'add_information', 'reporter')).toBeNull();
    expect(transitionFor('registered', 'add_information', 'intake')).toBeNull();
    expect(Object.keys(LIFECYCLE).sort()).toEqual([...CASE_STATES].sort());
  });
});

describe('classification', () => {
  it('treats accusations, misconduct scopes and cases with subjects (but praise) as accusations', () => {
    expect(isAccusation({ type: 'accusation', scope: null, subjectCount: 0 })).toBe(true);
    expect(isAccusation({ type: 'complaint', scope: 'internal_affairs', subjectCount: 0 })).toBe(true);
    expect(isAccusation({ type: 'complaint', scope: null, subjectCount: 1 })).toBe(true);
    expect(isAccusation({ type: 'praise', scope: 'praise', subjectCount: 2 })).toBe(false);
    expect(isAccusation({ type: 'suggestion', scope: 'opinion', subjectCount: 0 })).toBe(false);
  });

  it('counts code points, not UTF-16 units, and titles long content with an ellipsis', () => {
    expect(codePointLength('😀😀')).toBe(2);
    expect(codePointLength('举报')).toBe(2);
    expect(generatedTitle('短内容')).toBe('短内容');
    expect(Array.from(generatedTitle('很'.repeat(50))).length).toBe(31);
  });
});

describe('roles', () => {
  it('never mixes admin and case roles on one user', () => {
    expect(rolesAreSeparated(['liaison', 'handler'])).toBe(true);
    expect(rolesAreSeparated(['secadmin'])).toBe(true);
    expect(rolesAreSeparated(['secadmin', 'intake'])).toBe(false);
  });
});
