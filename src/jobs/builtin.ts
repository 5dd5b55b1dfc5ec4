// The jobs every Zhitong runs, and the queues the owner creates for them.
import type { JobQueueSpec } from '../store/pgboss.js';
import { auditAnchorJob, auditSealJob, auditVerifyJob } from './audit.jobs.js';
import { clockSweepJob, searchIndexJob, statsRollupJob } from './casework.jobs.js';
import { guardPruneJob } from './guards.job.js';
import type { JobDefinition } from './job.js';
import { outboxRelayJob } from './outbox-relay.js';

export const BUILTIN_JOBS: readonly JobDefinition[] = [auditSealJob, auditAnchorJob, auditVerifyJob, guardPruneJob, outboxRelayJob, clockSweepJob, searchIndexJob, statsRollupJob];

export const BUILTIN_JOB_QUEUES: readonly JobQueueSpec[] = BUILTIN_JOBS.map((j) => j.queue);
