import { describe, expect, it } from 'vitest';
import { caseViewFor, caseViewForAccused, caseViewForPublic } from '../../../src/domain/access/case-view-for.ts';
import {
  caseActs,
  caseParts,
  caseStageOf,
  mayAct,
  mayPickPartner,
  maySee,
  relationTo,
  stateShownTo,
  type CaseAct,
  type CasePart,
  type CaseRelation,
  type CaseStage,
} from '../../../src/domain/access/case-visibility.ts';
import { reportsAs } from '../../../src/domain/access/reporting-as.ts';
import type { StaffRole } from '../../../src/domain/access/roles.ts';

/** The stages a case passes through; each where a partner reported it, and (from the notice on) where staff did. */
const stages = {
  'partner report, awaiting screening': { byPartner: true, noticeSent: false, outcomeAnnounced: false, published: false },
  'partner report, in procedure': { byPartner: true, noticeSent: true, outcomeAnnounced: false, published: false },
  'partner report, dismissed after notice': { byPartner: true, noticeSent: true, outcomeAnnounced: true, published: false },
  'partner report, decided and published': { byPartner: true, noticeSent: true, outcomeAnnounced: true, published: true },
  'staff report, in procedure': { byPartner: false, noticeSent: true, outcomeAnnounced: false, published: false },
  'staff report, dismissed after notice': { byPartner: false, noticeSent: true, outcomeAnnounced: true, published: false },
  'staff report, decided and published': { byPartner: false, noticeSent: true, outcomeAnnounced: true, published: true },
} satisfies Record<string, CaseStage>;
type StageName = keyof typeof stages;

/** When a part is visible: always, never, or from a point of the procedure on. */
type When = 'always' | 'never' | 'after notice' | 'after notice, staff report' | 'once announced' | 'once published';

const holds: Record<When, (s: CaseStage) => boolean> = {
  always: () => true,
  never: () => false,
  'after notice': (s) => s.noticeSent,
  'after notice, staff report': (s) => s.noticeSent && !s.byPartner,
  'once announced': (s) => s.outcomeAnnounced,
  'once published': (s) => s.published,
};

/** R-CONFIDENTIAL, part by part. Staff see everything. */
const expected: Record<Exclude<CaseRelation, 'staff'>, Record<CasePart, When>> = {
  // "the notice, their own replies, objections and evidence, the processing notice and the formal decision with its
  // grounds; never who reported them when a partner did, nor proposals, rejected determinations, internal reasons or comments"
  accused: {
    existence: 'after notice', summary: 'after notice', facts: 'after notice', reporter: 'after notice, staff report', notice: 'after notice',
    suspension: 'after notice', deadlines: 'after notice', replies: 'after notice', objections: 'after notice', proposals: 'never',
    rejected: 'never', grounds: 'after notice', processingNotice: 'after notice', formalDecision: 'after notice', screening: 'never',
    outcome: 'once announced', publicNotice: 'once published', deliveries: 'never',
  },
  // "that their report was received, whether it was dismissed (with the reason) or taken up, and the outcome once it is
  // announced; never the accused partner's replies, evidence or objections"
  reporter: {
    existence: 'always', summary: 'always', facts: 'always', reporter: 'always', notice: 'never', suspension: 'never', deadlines: 'never',
    replies: 'never', objections: 'never', proposals: 'never', rejected: 'never', grounds: 'never', processingNotice: 'never',
    formalDecision: 'never', screening: 'always', outcome: 'once announced', publicNotice: 'once published', deliveries: 'never',
  },
  // "Anyone else sees nothing of a case (it does not exist for them) until its public announcement."
  other: {
    existence: 'once published', summary: 'once published', facts: 'never', reporter: 'never', notice: 'never', suspension: 'never',
    deadlines: 'never', replies: 'never', objections: 'never', proposals: 'never', rejected: 'never', grounds: 'never',
    processingNotice: 'never', formalDecision: 'never', screening: 'never', outcome: 'once published', publicNotice: 'once published',
    deliveries: 'never',
  },
};

const relations: CaseRelation[] = ['staff', 'accused', 'reporter', 'other'];

describe('who sees what of a case (R-CONFIDENTIAL): every part, every relation, every stage', () => {
  for (const relation of relations) {
    for (const part of caseParts) {
      it(`${relation} · ${part}`, () => {
        for (const [name, stage] of Object.entries(stages) as [StageName, CaseStage][]) {
          const want = relation === 'staff' ? true : holds[expected[relation][part]](stage);
          expect(maySee(relation, part, stage), `${relation} · ${part} · ${name}`).toBe(want);
        }
      });
    }
  }
});

const actsExpected: Record<CaseRelation, readonly CaseAct[]> = {
  staff: ['determine', 'approve', 'send_notice', 'dismiss', 'suspend', 'answer_objection'],
  accused: ['reply', 'object'],
  reporter: [],
  other: [],
};

describe('which actions each relation is offered (R-CONFIDENTIAL, R-REPLY, R-NOTICE)', () => {
  for (const relation of relations) {
    for (const act of caseActs) {
      it(`${relation} · ${act}`, () => expect(mayAct(relation, act)).toBe(actsExpected[relation].includes(act)));
    }
  }
});

describe('a viewer’s relation to a case', () => {
  const partnerReport = { partnerId: 'P-ACC', reportedBy: 'slack:UREP', reporterPartnerId: 'P-REP' };
  const staffReport = { partnerId: 'P-ACC', reportedBy: 'slack:UOFF', reporterPartnerId: null };
  const viewer = (key: string, partnerIds: string[] = [], staff = false) => ({ key, partnerIds, staff });

  it('staff wins over every other tie, even a contact of the accused', () => {
    expect(relationTo(viewer('slack:UX', ['P-ACC'], true), partnerReport)).toBe('staff');
  });
  it('the accused partner’s contacts are the accused', () => {
    expect(relationTo(viewer('slack:UA', ['P-ACC']), partnerReport)).toBe('accused');
  });
  it('a person on both sides is treated as the accused, who is never shown the reporter', () => {
    expect(relationTo(viewer('slack:UB', ['P-REP', 'P-ACC']), partnerReport)).toBe('accused');
  });
  it('the person who reported and every contact of the reporting partner are the reporter', () => {
    expect(relationTo(viewer('slack:UREP'), partnerReport)).toBe('reporter');
    expect(relationTo(viewer('slack:UREP2', ['P-REP']), partnerReport)).toBe('reporter');
  });
  it('anyone else is other, including a former officer who filed a staff report', () => {
    expect(relationTo(viewer('slack:UZ', ['P-OTHER']), partnerReport)).toBe('other');
    expect(relationTo(viewer('slack:UOFF'), staffReport)).toBe('other');
  });
});

describe('a case’s stage, from its record', () => {
  const at = new Date('2026-06-01T02:00:00Z');
  it('a partner report awaiting screening has not reached the accused', () => {
    expect(caseStageOf({ state: 'reported', reporterPartnerId: 'P-REP', noticeSentAt: null, decidedAt: null })).toEqual(stages['partner report, awaiting screening']);
  });
  it('a report dismissed at screening stays unannounced (R-SCREEN)', () => {
    expect(caseStageOf({ state: 'dismissed', reporterPartnerId: 'P-REP', noticeSentAt: null, decidedAt: null }).outcomeAnnounced).toBe(false);
  });
  it('a dismissal after the notice is an announced outcome, not a public one', () => {
    expect(caseStageOf({ state: 'dismissed', reporterPartnerId: 'P-REP', noticeSentAt: at, decidedAt: null })).toEqual(stages['partner report, dismissed after notice']);
  });
  it('the formal decision is announced and published', () => {
    expect(caseStageOf({ state: 'collecting', reporterPartnerId: null, noticeSentAt: at, decidedAt: at })).toEqual(stages['staff report, decided and published']);
  });
});

describe('the partner picker (R-EVIDENCE, R-CONFIDENTIAL)', () => {
  const as = (roles: StaffRole[], partnerIds: string[]) => ({ roles: new Set(roles), partnerIds });
  it('a partner contact cannot pick its own partner to report, but may pick another', () => {
    expect(mayPickPartner(as([], ['P-A']), 'P-A')).toBe(false);
    expect(mayPickPartner(as([], ['P-A']), 'P-B')).toBe(true);
  });
  it('an officer reports as staff and may pick any partner, its own included; a person with no role none', () => {
    expect(reportsAs(as(['officer'], ['P-A']))).toBe('staff');
    expect(mayPickPartner(as(['officer'], ['P-A']), 'P-A')).toBe(true);
    expect(reportsAs(as([], []))).toBeNull();
    expect(mayPickPartner(as([], []), 'P-B')).toBe(false);
  });
  it('an approver who is a contact of P-A reports as P-A, so the picker never offers P-A', () => {
    expect(reportsAs(as(['approver'], ['P-A']))).toBe('partner');
    expect(mayPickPartner(as(['approver'], ['P-A']), 'P-A')).toBe(false);
    expect(mayPickPartner(as(['approver', 'finance'], ['P-A']), 'P-B')).toBe(true);
  });
  it('staff without the officer role and no partner cannot report, so pick nothing', () => {
    for (const role of ['approver', 'finance', 'admin'] as const) {
      expect(reportsAs(as([role], []))).toBeNull();
      expect(mayPickPartner(as([role], []), 'P-B')).toBe(false);
    }
  });
});

describe('the state each relation is told (R-CONFIDENTIAL, R-SCREEN)', () => {
  const s = (name: StageName) => stages[name];
  it('the accused never learns that a proposal waits for approval', () => {
    expect(stateShownTo('accused', 'determination_proposed', s('partner report, in procedure'))).toBe('awaiting_determination');
    expect(stateShownTo('accused', 'objection_answer_proposed', s('partner report, in procedure'))).toBe('objection_raised');
    expect(stateShownTo('accused', 'awaiting_objection', s('partner report, in procedure'))).toBe('awaiting_objection');
  });
  it('the reporter learns received, dismissed at screening, taken up, then the outcome', () => {
    expect(stateShownTo('reporter', 'reported', s('partner report, awaiting screening'))).toBe('reported');
    expect(stateShownTo('reporter', 'dismissed', s('partner report, awaiting screening'))).toBe('dismissed');
    expect(stateShownTo('reporter', 'objection_raised', s('partner report, in procedure'))).toBe('taken_up');
    expect(stateShownTo('reporter', 'dismissed', s('partner report, dismissed after notice'))).toBe('dismissed');
    expect(stateShownTo('reporter', 'collecting', s('partner report, decided and published'))).toBe('decided');
  });
  it('staff see the state as it is; anyone else only that it was decided', () => {
    expect(stateShownTo('staff', 'determination_proposed', s('partner report, in procedure'))).toBe('determination_proposed');
    expect(stateShownTo('other', 'collecting', s('staff report, decided and published'))).toBe('decided');
  });
});

describe('a message’s view of a case, cut for its reader (R-CONFIDENTIAL)', () => {
  const view = {
    caseId: 'V-000001', partnerId: 'P-ACC', partnerName: 'Acc', itemId: 'SVC-09', itemClass: 2 as const, itemTextZh: '', itemTextEn: '', occurredOn: '2026-05-20',
    facts: 'facts', reportedByPartner: true,
    evidence: [
      { kind: 'link' as const, ref: 'https://r', purpose: 'report' as const, addedBy: 'slack:UREP', addedAt: 'x' },
      { kind: 'link' as const, ref: 'https://d', purpose: 'dispute' as const, addedBy: 'slack:UA', addedAt: 'x' },
      { kind: 'link' as const, ref: 'https://o', purpose: 'objection' as const, addedBy: 'slack:UA', addedAt: 'x' },
    ],
  };
  it('the accused keeps all the evidence but not who added the report’s', () => {
    expect(caseViewForAccused(view).evidence.map((e) => [e.ref, e.addedBy])).toEqual([['https://r', null], ['https://d', 'slack:UA'], ['https://o', 'slack:UA']]);
    expect(caseViewForAccused({ ...view, reportedByPartner: false }).evidence[0]!.addedBy).toBe('slack:UREP');
  });
  it('the reporter keeps only the report’s evidence', () => {
    expect(caseViewFor(view, 'reporter', stages['partner report, in procedure']).evidence.map((e) => e.ref)).toEqual(['https://r']);
  });
  it('a public channel gets neither facts nor evidence', () => {
    expect(caseViewForPublic(view)).toMatchObject({ facts: '', evidence: [] });
  });
});
