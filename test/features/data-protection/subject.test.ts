import assert from 'node:assert/strict';
import { eraseSubject, exportSubject } from '../../../src/features/data-protection/subject.js';
import type { StoredData } from '../../../src/store/store.js';
import { complaintRecord, emptyData, sharingRecord } from './fixtures.js';

const JO_AAD = '00000000-0000-0000-0000-0000000000j0';
const JO_EMPLOYEE = 'E1001';
const OTHER = '00000000-0000-0000-0000-0000000000b2';

function council(): StoredData {
  return {
    ...emptyData(),
    employees: [
      { employeeId: JO_EMPLOYEE, name: 'Jo Bloggs', email: 'jo@council.example', aadObjectId: JO_AAD, worksWithChildrenOrVulnerable: 'yes', remoteOrFlexible: 'yes', devices: [], updatedAt: '2026-01-01T00:00:00.000Z' },
      { employeeId: 'E2002', name: 'Sam Other', email: 'sam@council.example', aadObjectId: OTHER, managerId: JO_EMPLOYEE, worksWithChildrenOrVulnerable: 'no', remoteOrFlexible: 'yes', devices: [], updatedAt: '2026-01-01T00:00:00.000Z' }
    ],
    profiles: [{ aadObjectId: JO_AAD, worksWithChildrenOrVulnerable: 'yes', remoteOrFlexible: 'yes', devices: ['laptop'], updatedAt: '2026-01-01T00:00:00.000Z' }],
    reports: [
      complaintRecord('DC-2026-000001', '2026-01-10T00:00:00.000Z', JO_AAD),
      complaintRecord('DC-2026-000002', '2026-01-11T00:00:00.000Z', JO_AAD),
      complaintRecord('DC-2026-000003', '2026-01-12T00:00:00.000Z', OTHER),
      sharingRecord('NS-2026-000001', OTHER, JO_AAD),
      sharingRecord('NS-2026-000002', JO_AAD, JO_AAD)
    ],
    conversations: [{ aadObjectId: JO_AAD, reference: { user: { id: '29:jo' } }, updatedAt: '2026-01-01T00:00:00.000Z' }],
    feedback: [
      { id: 'f1', at: '2026-01-01T00:00:00.000Z', question: 'can I use hotmail', answered: true },
      { id: 'f2', at: '2026-01-02T00:00:00.000Z', question: 'can jo tether at home', answered: true, askerId: JO_AAD }
    ],
    audit: [{ at: '2026-01-01T00:00:00.000Z', actorId: JO_AAD, action: 'profile.saved', outcome: 'done' }],
    roles: [{ aadObjectId: JO_AAD, role: 'foi-officer', grantedBy: OTHER, grantedAt: '2026-01-01T00:00:00.000Z' }],
    policyLinks: [
      { id: 'l1', question: 'can I use hotmail', target: 'webmail', linkedBy: JO_AAD, linkedAt: '2026-01-03T00:00:00.000Z' },
      { id: 'l2', question: 'can I bring my bike', target: 'out-of-scope', linkedBy: OTHER, linkedAt: '2026-01-04T00:00:00.000Z' }
    ]
  };
}

/** Distinct people with a complaint, as FOI question e counts them. */
const distinctReporters = (data: StoredData) => new Set(data.reports.filter((r) => r.kind === 'device-complaint').map((r) => r.reporterId)).size;

describe('subject access: export', () => {
  for (const id of [JO_AAD, JO_EMPLOYEE, JO_AAD.toUpperCase()]) {
    it(`finds everything held about the person by ${id === JO_EMPLOYEE ? 'employee id' : 'Entra object id'}`, () => {
      const held = exportSubject(council(), id);
      assert.equal(held.roster.length, 1);
      assert.equal(held.profile.length, 1);
      assert.deepEqual(held.reportsMade.map((r) => r.id).sort(), ['DC-2026-000001', 'DC-2026-000002', 'NS-2026-000002']);
      assert.deepEqual(held.reportsNamingThem.map((r) => r.id), ['NS-2026-000001']);
      assert.equal(held.conversation.length, 1);
      assert.equal(held.roleGrants.length, 1);
      assert.equal(held.audit.length, 1);
      assert.deepEqual(held.feedback.map((f) => f.id), ['f2']);
      assert.deepEqual(held.policyLinks.map((l) => l.id), ['l1'], 'the policy links they made');
    });
  }

  it('withholds who reported them', () => {
    const [about] = exportSubject(council(), JO_AAD).reportsNamingThem;
    assert.doesNotMatch(JSON.stringify(about), new RegExp(OTHER));
  });
});

describe('subject access: erasure', () => {
  it('removes their profile, roster row, conversation and grants, and leaves no id or free text of theirs', () => {
    const before = council();
    const { data, counts } = eraseSubject(before, JO_EMPLOYEE, 'erased-test');
    assert.deepEqual(counts.removed, { roster: 1, profile: 1, conversation: 1, roleGrants: 1, feedback: 1 });
    assert.deepEqual(data.feedback.map((f) => f.id), ['f1'], 'their question goes, others stay');
    assert.equal(counts.anonymised.reports, 4);
    assert.equal(counts.anonymised.policyLinks, 1);
    assert.deepEqual(
      data.policyLinks.map((l) => [l.id, l.linkedBy, l.target]),
      [
        ['l1', 'erased-test', 'webmail'],
        ['l2', OTHER, 'out-of-scope']
      ],
      'links stay, as the policy owner\u2019s work, without their id'
    );
    const text = JSON.stringify(data);
    const theirs = JSON.stringify(data.reports.filter((r) => r.id !== 'DC-2026-000003'));
    assert.doesNotMatch(text, new RegExp(`${JO_AAD}|${JO_EMPLOYEE}|Jo Bloggs|jo@council|07700`, 'i'));
    assert.doesNotMatch(theirs, /home visit/);
    assert.equal(data.employees.find((e) => e.employeeId === 'E2002')?.managerId, 'erased-test');
    const othersOwn = data.reports.find((r) => r.id === 'DC-2026-000003');
    assert.equal(othersOwn?.kind === 'device-complaint' && othersOwn.description, 'The VPN dropped during a home visit', 'someone else\u2019s own report keeps its text');
  });

  it('keeps the FOI figures: same reports, same statuses and cohorts, same count of distinct people', () => {
    const before = council();
    const { data } = eraseSubject(before, JO_AAD, 'erased-test');
    assert.equal(data.reports.length, before.reports.length);
    assert.equal(distinctReporters(data), distinctReporters(before));
    assert.deepEqual(data.reports.map((r) => [r.kind, r.status, r.submittedAt, r.cohort]), before.reports.map((r) => [r.kind, r.status, r.submittedAt, r.cohort]));
    const sharers = (d: StoredData) => new Set(d.reports.flatMap((r) => (r.kind === 'number-sharing' && r.sharerId ? [r.sharerId] : []))).size;
    assert.equal(sharers(data), sharers(before));
  });

  it('does nothing for someone it holds nothing about, and never touches values that are not ids', () => {
    const before = council();
    const { data, counts } = eraseSubject(before, 'yes', 'erased-test');
    assert.deepEqual(data, before);
    assert.equal(Object.values(counts.removed).concat(Object.values(counts.anonymised)).every((n) => n === 0), true);
  });
});
