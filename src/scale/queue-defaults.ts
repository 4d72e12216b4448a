/**
 * Defaults of the queue connection, in a module of their own with no imports: the CLI shows them
 * in `score --distributed` and `worker` help, which must start without loading ioredis.
 */
export const DEFAULT_REDIS = 'redis://127.0.0.1:6379';
/** BullMQ key prefix: every key clientseg makes in Redis starts with it (tests use their own). */
export const DEFAULT_PREFIX = 'clientseg';
