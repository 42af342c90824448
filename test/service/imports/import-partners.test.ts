import { expect, it } from 'vitest';
import { partnerProfile } from '../../../src/db/repositories/partners.repository.ts';
import { importPartners } from '../../../src/service/imports/import-partners.ts';
import { describeEachBackend } from '../../support/databases.ts';
import { sql } from 'drizzle-orm';
import { badRowsOf, domainErrorOf, partnersCsv, query, rowCounts, serviceWorld } from '../../support/service-fixtures.ts';

describeEachBackend('importing partners (R-CAT)', (getDb) => {
  it('a partner in two categories gets one level per category and every contact split on ";"', async () => {
    const w = await serviceWorld(getDb());
    const r = await importPartners(
      w.deps,
      partnersCsv([
        ['P1', 'Cloud One', 'consulting_sales', 'gold', 'U01AAA; U02BBB'],
        ['P1', 'Cloud One', 'service', 'silver', 'U03CCC'],
        ['P2', 'Two Ltd', 'marketplace', 'standard', ''],
      ]),
    );
    expect(r).toMatchObject({ kind: 'partners', rows: 3, imported: true, changed: 2 });
    const p1 = await partnerProfile(w.db, 'P1');
    expect(p1).toMatchObject({ name: 'Cloud One', status: 'active' });
    expect(p1?.categories).toEqual([
      { category: 'consulting_sales', level: 'gold' },
      { category: 'service', level: 'silver' },
    ]);
    expect(p1?.contacts).toEqual(['U01AAA', 'U02BBB', 'U03CCC']);
    const p2 = await partnerProfile(w.db, 'P2');
    expect(p2?.categories).toEqual([{ category: 'marketplace', level: 'standard' }]);
    expect(p2?.contacts).toEqual([]);
  });

  it('a later file is the truth for each partner it names and leaves the others alone', async () => {
    const w = await serviceWorld(getDb());
    await importPartners(
      w.deps,
      partnersCsv([
        ['P1', 'Cloud One', 'consulting_sales', 'gold', 'U01AAA;U02BBB'],
        ['P1', 'Cloud One', 'service', 'silver', ''],
        ['P2', 'Two Ltd', 'service', 'gold', 'U09ZZZ'],
      ]),
    );
    await importPartners(w.deps, partnersCsv([['P1', 'Cloud One Renamed', 'service', 'platinum', 'U07NEW']], 'partners-2.csv'));
    const p1 = await partnerProfile(w.db, 'P1');
    expect(p1?.name).toBe('Cloud One Renamed');
    expect(p1?.categories).toEqual([{ category: 'service', level: 'platinum' }]);
    expect(p1?.contacts).toEqual(['U07NEW']);
    const p2 = await partnerProfile(w.db, 'P2');
    expect(p2).toMatchObject({ name: 'Two Ltd', categories: [{ category: 'service', level: 'gold' }], contacts: ['U09ZZZ'] });
  });

  it('a file with several bad rows writes nothing and lists every bad row with its line and reason', async () => {
    const w = await serviceWorld(getDb());
    const before = await rowCounts(w.db);
    const e = await domainErrorOf(
      importPartners(
        w.deps,
        partnersCsv([
          ['P1', 'Cloud One', 'consulting_sales', 'gold', 'U01AAA'], // line 2: fine
          ['P1', 'Cloud One', 'reseller', 'gold', ''], // line 3
          ['P2', '', 'service', 'gold', ''], // line 4
          ['P3', 'Three', 'service', 'gold', 'alice;U05EEE'], // line 5
          ['P1', 'Cloud Uno', 'service', 'gold', ''], // line 6
          ['P1', 'Cloud One', 'consulting_sales', 'silver', ''], // line 7
          ['P4', 'Four', 'service', '', ''], // line 8
        ]),
      ),
    );
    expect(e.code).toBe('import.bad_rows');
    const rows = badRowsOf(e);
    expect(rows.map((r) => r.line)).toEqual([3, 4, 5, 6, 7, 8]);
    expect(rows[0]!.reason).toMatch(/category "reseller"/);
    expect(rows[1]!.reason).toMatch(/name is empty/);
    expect(rows[2]!.reason).toMatch(/"alice"/);
    expect(rows[3]!.reason).toMatch(/differs from "Cloud One" on line 2/);
    expect(rows[4]!.reason).toMatch(/listed twice/);
    expect(rows[5]!.reason).toMatch(/level is empty/);
    expect(await rowCounts(w.db)).toEqual(before);
  });

  it('an optional contact_dingtalk_ids column adds DingTalk contacts beside the Slack ones; one person may have both (issue 12)', async () => {
    const w = await serviceWorld(getDb());
    const header = 'partner_id,name,category,level,contact_slack_ids,contact_dingtalk_ids';
    await importPartners(w.deps, { name: 'p.csv', text: `${header}\nP1,Cloud One,service,gold,U01AAA,0123; manager4567\nP2,Two Ltd,service,gold,,\n` });
    expect((await partnerProfile(w.db, 'P1'))?.contacts).toEqual(['dingtalk:0123', 'U01AAA', 'dingtalk:manager4567']);
    const contacts = await query<{ platform: string; user_id: string }>(w.db, sql`select platform, user_id from contacts where partner_id = 'P1' order by platform, user_id`);
    expect(contacts).toEqual([
      { platform: 'dingtalk', user_id: '0123' },
      { platform: 'dingtalk', user_id: 'manager4567' },
      { platform: 'slack', user_id: 'U01AAA' },
    ]);
    // The Slack-only file still works and replaces the contacts it names.
    await importPartners(w.deps, partnersCsv([['P1', 'Cloud One', 'service', 'gold', 'U01AAA']]));
    expect((await partnerProfile(w.db, 'P1'))?.contacts).toEqual(['U01AAA']);
  });

  it('a bad DingTalk userId is refused with the line, and nothing is written', async () => {
    const w = await serviceWorld(getDb());
    const before = await rowCounts(w.db);
    const e = await domainErrorOf(importPartners(w.deps, { name: 'p.csv', text: 'partner_id,name,category,level,contact_slack_ids,contact_dingtalk_ids\nP1,One,service,gold,U01AAA,bad id!\n' }));
    expect(badRowsOf(e)).toEqual([{ line: 2, reason: expect.stringMatching(/contact_dingtalk_ids "bad id!" are not DingTalk userIds/) }]);
    expect(await rowCounts(w.db)).toEqual(before);
  });

  it('a file with a wrong header is refused as a whole', async () => {
    const w = await serviceWorld(getDb());
    const e = await domainErrorOf(importPartners(w.deps, { name: 'p.csv', text: 'id,name,category,level\nP1,One,service,gold\n' }));
    expect(e.code).toBe('import.bad_rows');
    expect(badRowsOf(e)).toEqual([{ line: 1, reason: expect.stringMatching(/the header must be "partner_id,name,category,level,contact_slack_ids"/) }]);
  });

  it('importing the same file twice changes nothing', async () => {
    const w = await serviceWorld(getDb());
    const file = partnersCsv([
      ['P1', 'Cloud One', 'consulting_sales', 'gold', 'U01AAA;U02BBB'],
      ['P2', 'Two Ltd', 'service', 'gold', ''],
    ]);
    await importPartners(w.deps, file);
    const after = await rowCounts(w.db);
    const again = await importPartners(w.deps, file);
    expect(again).toMatchObject({ imported: false, changed: 0 });
    expect(await rowCounts(w.db)).toEqual(after);
  });
});
