// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { zipSync } from 'fflate';
import { mergePlan, parseConnections, parseLinkedInZip, parseVCards, type ExistingPerson, type MergePlan, type ParseResult } from '@/lib/import';
import { profileKey } from '@/lib/sites/identity';
import { NOW, VARIANTS, buildFile, fixtureBytes, fixtureText, realHeader } from './helpers';

/** Applies a plan to an in-memory "database", as the db layer would. */
function apply(db: { people: ExistingPerson[]; touchKeys: Set<string> }, plan: MergePlan) {
  let n = db.people.length;
  const idOfNew = new Map<string, string>();
  for (const p of plan.newPeople) {
    const id = `p${++n}`;
    idOfNew.set(p.key, id);
    db.people.push({
      id,
      name: p.name,
      emails: [...p.emails],
      phones: [...p.phones],
      profileKeys: p.profiles.map((x) => profileKey(x.site, x.handle)),
      ...(p.headline ? { headline: p.headline } : {}),
      ...(p.company ? { company: p.company } : {}),
      ...(p.birthday ? { birthday: p.birthday } : {}),
      ...(p.howWeMet ? { howWeMet: p.howWeMet } : {}),
      ...(p.connectedAt !== undefined ? { connectedAt: p.connectedAt } : {}),
    });
  }
  for (const u of plan.updates) {
    const e = db.people.find((x) => x.id === u.personId)!;
    const { emails, phones, profiles, ...scalars } = u.fill;
    Object.assign(e, scalars);
    e.emails.push(...(emails ?? []));
    e.phones.push(...(phones ?? []));
    e.profileKeys.push(...(profiles ?? []).map((x) => profileKey(x.site, x.handle)));
  }
  for (const t of plan.touches) {
    expect(t.personId ?? idOfNew.get(t.newPersonKey!)).toBeDefined();
    db.touchKeys.add(t.sourceKey);
  }
}

const v = VARIANTS[0]!;
function exportZip(era: '2022-09_complete' | '2024-12_complete'): Uint8Array {
  const y = era.slice(0, 4);
  return zipSync({
    'Connections.csv': buildFile(realHeader(era, 'Connections'), fixtureText(`synthetic/connections-${y}.rows.csv`), v),
    'messages.csv': buildFile(realHeader(era, 'messages'), fixtureText(`synthetic/messages-${y}.rows.csv`), v),
    'Invitations.csv': buildFile(realHeader(era, 'Invitations'), fixtureText(`synthetic/invitations-${y === '2022' ? '2018' : '2024'}.rows.csv`), v),
  });
}

describe('mergePlan', () => {
  it('importing the same files twice: second time zero new, zero updates, zero touches', () => {
    for (const inputs of [
      () => parseLinkedInZip(exportZip('2024-12_complete'), { now: NOW }),
      () => parseLinkedInZip(exportZip('2022-09_complete'), { now: NOW }),
      () => [
        parseConnections(buildFile(realHeader('2018-11_complete_legacy', 'Connections'), fixtureText('synthetic/connections-2018.rows.csv'), v), { now: NOW }),
      ],
      () => [parseVCards(fixtureBytes('synthetic/apple-ios17.vcf')), parseVCards(fixtureBytes('vcard/ez-vcard/John_Doe_ANDROID.vcf'))],
    ]) {
      const db = { people: [] as ExistingPerson[], touchKeys: new Set<string>() };
      const first = mergePlan({ people: db.people, existingTouchKeys: db.touchKeys }, inputs());
      expect(first.counts.new).toBeGreaterThan(0);
      apply(db, first);
      const second = mergePlan({ people: db.people, existingTouchKeys: db.touchKeys }, inputs());
      expect(second.counts).toMatchObject({ new: 0, updated: 0, touches: 0 });
      expect(second.counts.duplicateTouches).toBe(first.counts.touches);
    }
  });

  it('matches by profile, then e-mail, then phone; never overwrites; fills empty; adds new addresses', () => {
    const existing: ExistingPerson[] = [
      { id: 'a', name: 'Ada L.', emails: [], phones: [], profileKeys: ['linkedin:ada-lovelace-0a1b2c'], company: 'My own words' },
      { id: 'c', name: 'Chiara', emails: ['Chiara.Rossi@example.it'], phones: [], profileKeys: [] },
      { id: 'b', name: 'Björn', emails: [], phones: ['+46 70 123 45 67'], profileKeys: [], userEdited: ['headline'] },
    ];
    const vc = parseVCards(fixtureBytes('synthetic/android-21-qp.vcf'));
    const conn = parseConnections(buildFile(realHeader('2024-12_complete', 'Connections'), fixtureText('synthetic/connections-2024.rows.csv'), v), {
      now: NOW,
    });
    const plan = mergePlan({ people: existing }, [conn, vc]);
    const upd = new Map(plan.updates.map((u) => [u.personId, u.fill]));
    expect(upd.get('a')).toEqual({ headline: 'Chief Mathematician', connectedAt: Date.UTC(2024, 9, 9), emails: ['ada@example.com'] });
    expect(upd.get('c')).toMatchObject({ company: 'Studio Rossi', profiles: [{ site: 'linkedin', handle: 'chiara-rossi-42' }] });
    expect(upd.get('c')!.emails).toBeUndefined();
    // Björn matched by phone from the vCard: birthday and e-mail filled, name kept
    expect(upd.get('b')).toMatchObject({ birthday: { year: 1985, month: 7, day: 14 }, emails: ['bjorn@fjord.example'] });
    expect(upd.get('b')!.name).toBeUndefined();
    // The LinkedIn Björn has no phone or e-mail: he is new (no guessing on names when identifiers exist)
    expect(plan.newPeople.map((p) => p.name).sort()).toEqual(['+39 333 000 1111', 'Björn 🚀 Ångström', 'Cut Short', 'Min-jun Park, CFA, FRM']);
    expect(plan.skipped).toEqual([
      { row: 4, reason: 'hidden-profile', kind: 'linkedin-connections' },
      { row: 3, reason: 'no-name', kind: 'vcard' },
    ]);
  });

  it('does not steal a profile key owned by someone else; userEdited lists are left alone', () => {
    const existing: ExistingPerson[] = [
      { id: 'x', name: 'Other', emails: [], phones: [], profileKeys: ['x:adaengines'] },
      { id: 'a', name: 'Ada', emails: ['ada@example.com'], phones: [], profileKeys: ['linkedin:ada-lovelace-0a1b2c'], userEdited: ['phones'] },
    ];
    const plan = mergePlan({ people: existing }, [parseVCards(fixtureBytes('synthetic/apple-ios17.vcf'))]);
    expect(plan.updates.find((u) => u.personId === 'x')).toBeUndefined();
    const fill = plan.updates.find((u) => u.personId === 'a')!.fill;
    expect(fill.profiles?.map((p) => `${p.site}:${p.handle}`)).toEqual(['github:ada-engines']);
    expect(fill.emails).toEqual(['ada.lovelace@engines.example']);
    expect(fill.phones).toBeUndefined();
  });

  it('people across files of one import are merged, and touches point at them', () => {
    const results: ParseResult[] = parseLinkedInZip(exportZip('2024-12_complete'), { now: NOW });
    const plan = mergePlan({ people: [] }, results);
    const keys = new Set(plan.newPeople.map((p) => p.key));
    expect(plan.newPeople.filter((p) => p.key === 'linkedin:ada-lovelace-0a1b2c')).toHaveLength(1);
    expect(plan.touches.every((t) => t.newPersonKey !== undefined && keys.has(t.newPersonKey))).toBe(true);
    const ada = plan.newPeople.find((p) => p.key === 'linkedin:ada-lovelace-0a1b2c')!;
    expect(ada.howWeMet).toContain('great talk');
    expect(ada.emails).toEqual(['ada@example.com']);
  });

  it('namesakes without identifiers map one-to-one', () => {
    const csv = 'First Name,Last Name,Email Address,Company,Position,Connected On\nJohn,Smith,,A,,09 Oct 2024\nJohn,Smith,,B,,10 Oct 2024\n';
    const db = { people: [] as ExistingPerson[], touchKeys: new Set<string>() };
    apply(db, mergePlan({ people: db.people }, [parseConnections(csv, { now: NOW })]));
    expect(db.people).toHaveLength(2);
    const again = mergePlan({ people: db.people }, [parseConnections(csv, { now: NOW })]);
    expect(again.counts).toMatchObject({ new: 0, updated: 0 });
  });
});
