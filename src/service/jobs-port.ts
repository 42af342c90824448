import type { Tx } from '../db/database.ts';

/**
 * The job queue as the service sees it: wake a worker at a time, inside the
 * caller's transaction so a rollback leaves no job behind. pg-boss implements
 * it (src/jobs/); without a queue, `cli sweep` does the same work.
 */
export interface JobScheduler {
  /** One wake-up per deadline, at its time; a step's deadlines go in one batch. */
  deadlinesDue(tx: Tx, due: readonly DeadlineDue[]): Promise<void>;
  /** One delivery job per outbox row. */
  outboxPending(tx: Tx, outboxIds: readonly number[]): Promise<void>;
}

export interface DeadlineDue {
  deadlineId: number;
  dueAt: Date;
}

/** No queue: deadlines wait for `cli sweep`, the outbox for `cli outbox deliver`. */
export const noJobScheduler: JobScheduler = {
  deadlinesDue: async () => {},
  outboxPending: async () => {},
};
