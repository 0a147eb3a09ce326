import type { ClientError, IdeaPublic } from '@ideasphere/shared';
import { RETRYABLE_CODES } from '@ideasphere/shared/errors.js';
import { readStored, removeStored, storageKeys, writeStored } from './storage';

/** An idea typed on this phone and not yet confirmed by the server. */
export interface OutboxItem {
  /** Generated on submit; the server treats a resend with the same id as the same idea. */
  clientId: string;
  title: string;
  detail: string;
  category: string | null;
  /** When the guest submitted it (ISO), for ordering. */
  createdAt: string;
}

/** More would mean something is wrong; the oldest beyond this are dropped. */
export const OUTBOX_MAX_ITEMS = 50;

function isOutboxItem(value: unknown): value is OutboxItem {
  if (typeof value !== 'object' || value === null) return false;
  const item = value as Partial<OutboxItem>;
  return (
    typeof item.clientId === 'string' &&
    typeof item.title === 'string' &&
    typeof item.detail === 'string' &&
    (item.category === null || typeof item.category === 'string') &&
    typeof item.createdAt === 'string'
  );
}

/** Parses a stored outbox; anything unreadable counts as empty rather than breaking the page. */
export function parseOutbox(raw: string | null): OutboxItem[] {
  if (raw === null) return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? parsed.filter(isOutboxItem) : [];
  } catch {
    return [];
  }
}

export function readOutbox(code: string): OutboxItem[] {
  return parseOutbox(readStored(storageKeys.outbox(code)));
}

/** Persists the outbox (`ideasphere:outbox:<code>`), so a reload or a dead battery loses nothing. */
export function writeOutbox(code: string, items: readonly OutboxItem[]): void {
  if (items.length === 0) removeStored(storageKeys.outbox(code));
  else writeStored(storageKeys.outbox(code), JSON.stringify(items.slice(-OUTBOX_MAX_ITEMS)));
}

/** Adds or replaces an item by its client id, keeping submission order. */
export function withOutboxItem(items: readonly OutboxItem[], item: OutboxItem): OutboxItem[] {
  const others = items.filter((other) => other.clientId !== item.clientId);
  return [...others, item].slice(-OUTBOX_MAX_ITEMS);
}

export function withoutOutboxItems(items: readonly OutboxItem[], clientIds: ReadonlySet<string>): OutboxItem[] {
  return items.filter((item) => !clientIds.has(item.clientId));
}

/** A client id for a new submission: a UUID where the browser has one (it needs HTTPS or localhost). */
export function newClientId(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** What to do with an outbox item after one attempt to send it. */
export type Delivery =
  | { kind: 'delivered'; idea: IdeaPublic }
  /** Keep it and try again later: no answer, or the server asked to wait. */
  | { kind: 'retry'; slowDown: boolean }
  /** Drop it and tell the guest: retrying the same payload cannot succeed. */
  | { kind: 'refused'; error: ClientError };

/** Errors after which a resend may succeed. */

/** Decides an item's fate from the `idea:submit` ack (or `network` when none came). */
export function classifyDelivery(
  result: { ok: true; data: IdeaPublic } | { ok: false; error: ClientError },
): Delivery {
  if (result.ok) return { kind: 'delivered', idea: result.data };
  if (RETRYABLE_CODES.has(result.error.code)) return { kind: 'retry', slowDown: result.error.code === 'rate_limited' };
  return { kind: 'refused', error: result.error };
}
