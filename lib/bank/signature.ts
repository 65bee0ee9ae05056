import type { BankIndexEntry } from '../db/cards';

/** A short fingerprint of the bank's index, so a start-up can tell whether a sync is needed. */
export function bankSignature(index: readonly BankIndexEntry[]): string {
  const text = JSON.stringify(index);
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return `${index.length}:${(h >>> 0).toString(16)}`;
}
