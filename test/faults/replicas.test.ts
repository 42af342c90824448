// Issue #10: two replicas on one PostgreSQL database (see replicas-scenario.ts).
// The suite files 60 cases (6 of them submitted to both replicas at once);
// `npm run faults -- replicas` runs the same scenario with 1,000 and prints it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPrivatePostgres, type PrivatePostgres } from '../support/private-postgres.ts';
import { runReplicas } from './replicas-scenario.ts';

const CASES = 60;

describe('two replicas on one PostgreSQL database, requests alternating between them', () => {
  let server: PrivatePostgres;
  beforeAll(async () => {
    server = await startPrivatePostgres();
  }, 60_000);
  afterAll(async () => {
    await server?.destroy();
  });

  it(`files ${CASES} cases once each, processes every deadline once and sends every notification once`, { timeout: 240_000 }, async () => {
    const f = await runReplicas(server.url, { cases: CASES });
    expect(f.badAnswers).toEqual([]);
    // Both replicas served, and a submission sent to both at once filed one case.
    expect(f.answeredBy[0]).toBeGreaterThan(CASES / 2 - 1);
    expect(f.answeredBy[1]).toBeGreaterThan(CASES / 2 - 1);
    expect(f.twinSubmissions).toBe(CASES / 10);
    expect(f.casesInDatabase).toBe(CASES);
    expect(f.reportCommands).toBe(CASES);
    // A reply lapse and two reminders per case, all processed; their effects recorded once.
    expect(f.deadlines).toBe(3 * CASES);
    expect(f.deadlinesOpen).toBe(0);
    expect(f.deadlinesProcessedBy[0] + f.deadlinesProcessedBy[1]).toBe(3 * CASES);
    expect(f.duplicateDeadlineEffects).toBe(0);
    // Notice, two reminders and the lapse (to the reporter) per case, each posted to Slack exactly once.
    expect(f.outboxRows).toBe(4 * CASES);
    expect(f.outboxNotDelivered).toBe(0);
    expect(f.duplicateOutboxRows).toBe(0);
    expect(f.notificationPosts).toBe(4 * CASES);
    expect(f.notificationsPostedTwice).toBe(0);
    expect(f.deliveredButNotPosted).toBe(0);
  });
});
