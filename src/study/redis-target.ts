/**
 * `--queue redis://HOST:PORT[/DB][?name=QUEUE]`: where the BullMQ queue lives. Each BullMQ part
 * that blocks (Worker, QueueEvents) gets a connection of its own.
 */
import { Redis } from 'ioredis';
import { UsageError } from '../errors.js';

export interface RedisTarget {
  host: string;
  port: number;
  db: number;
  /** BullMQ queue name: studies on one Redis that should not mix use different names. */
  queue: string;
}

export const DEFAULT_QUEUE = 'privdiff-apps';

export function parseRedisTarget(text: string): RedisTarget {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`--queue takes redis://HOST:PORT (got "${text}")`);
  }
  if (url.protocol !== 'redis:' || !url.hostname) throw new UsageError(`--queue takes redis://HOST:PORT (got "${text}")`);
  const db = url.pathname.replace(/^\//, '');
  if (db !== '' && !/^\d+$/.test(db)) throw new UsageError(`--queue: the path of ${text} must be a database number`);
  const queue = url.searchParams.get('name') ?? DEFAULT_QUEUE;
  if (!/^[A-Za-z0-9._-]+$/.test(queue)) throw new UsageError(`--queue: the queue name "${queue}" may hold only letters, digits, '.', '_' and '-'`);
  return { host: url.hostname.replace(/^\[|\]$/g, ''), port: url.port ? Number(url.port) : 6379, db: db ? Number(db) : 0, queue };
}

/** A new connection; BullMQ wants maxRetriesPerRequest null on connections it blocks on. */
export function redisConnection(target: RedisTarget): Redis {
  return new Redis({ host: target.host, port: target.port, db: target.db, maxRetriesPerRequest: null, lazyConnect: false });
}
