import type { Tx } from '../db/database.ts';

/**
 * The job queue as the service sees it: wake a worker at a time, inside the
 * caller's transaction so a rollback leaves no job behind. pg-boss implements
 * it (src/jobs/); without a queue, `cli sweep` does the same work.
 */
export interface JobScheduler {
  deadlineDue(tx: Tx, deadlineId: number, dueAt: Date): Promise<void>;
  outboxPending(tx: Tx, outboxId: number): Promise<void>;
}

/** No queue: deadlines wait for `cli sweep`, the outbox for `cli outbox deliver`. */
export const noJobScheduler: JobScheduler = {
  deadlineDue: async () => {},
  outboxPending: async () => {},
};
