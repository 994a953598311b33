/**
 * Resume key of an app: the SHA-256 of its inputs' contents, of the options that change its result,
 * and of the privdiff version. Same key → the stored result still holds and the app is skipped.
 * A policy given as a URL is keyed by the URL itself (fetching it just to hash it would cost as
 * much as the check).
 */
import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { fileErrorReason } from '../errors.js';
import type { StudyApp } from './app-job.js';

export interface AppKey {
  inputHash: string;
  runKey: string;
}

async function hashFile(hash: Hash, role: string, file: string): Promise<void> {
  const own = createHash('sha256');
  try {
    for await (const chunk of createReadStream(file)) own.update(chunk as Buffer);
  } catch (error) {
    throw new AppInputError(`${file}: ${fileErrorReason(error) ?? (error as Error).message} (the ${role})`);
  }
  hash.update(`${role}\u0000${own.digest('hex')}\u0000`);
}

/** An input of one app cannot be read: that app fails with this message, the study goes on. */
export class AppInputError extends Error {
  override name = 'AppInputError';
}

/** The options that change an app's result, in a fixed order. */
export function appOptions(app: StudyApp): Record<string, unknown> {
  return {
    region: app.region ?? null,
    jurisdictions: app.jurisdictions ?? null,
    appCategory: app.appCategory ?? null,
    consentAt: app.consentAt ?? null,
    firstParty: app.firstParty ?? null,
    identifiersInline: typeof app.identifiers === 'object' ? app.identifiers : null,
  };
}

export async function appKey(app: StudyApp, version: string): Promise<AppKey> {
  const inputs = createHash('sha256');
  if (/^https?:\/\//i.test(app.policy)) inputs.update(`policy-url\u0000${app.policy}\u0000`);
  else await hashFile(inputs, 'policy', app.policy);
  for (const capture of app.captures) await hashFile(inputs, 'capture', capture);
  if (typeof app.identifiers === 'string') await hashFile(inputs, 'identifiers file', app.identifiers);
  if (app.keylog) await hashFile(inputs, 'key log', app.keylog);
  const inputHash = inputs.digest('hex');
  const runKey = createHash('sha256').update(JSON.stringify({ inputHash, options: appOptions(app), version })).digest('hex');
  return { inputHash, runKey };
}
