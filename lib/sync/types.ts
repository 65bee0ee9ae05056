import type { Grade, SchedulingState } from '../srs/card-state';

/** One thing a person did on one device, as sync carries it. Times are epoch ms on that device's clock. */
export type SyncEvent =
  | { kind: 'rating'; id: string; cardId: string; rating: Grade; at: number }
  /** Takes the rating `reviewId` back, on every device. */
  | { kind: 'undo'; reviewId: string; at: number }
  | { kind: 'suspend' | 'unsuspend' | 'reset'; cardId: string; at: number }
  /** Buried until `until`; `until` undefined: unburied. */
  | { kind: 'bury'; cardId: string; at: number; until?: number }
  | { kind: 'note'; cardId: string; at: number; text: string };

/** What the person set on a card besides its schedule. */
export interface CardSettings {
  suspended: boolean;
  buriedUntil?: number;
  note?: string;
  resetAt?: number;
}

/** A card as of `horizon`: its schedule replayed from every rating up to then, and its settings. */
export interface Checkpoint extends CardSettings {
  cardId: string;
  state: SchedulingState;
}

/** One device's part of sync: its recent events, and checkpoints of everything older than `horizon`. */
export interface DeviceLog {
  deviceId: string;
  /** Checkpoints hold everything up to and including this time; undefined when there are none. */
  horizon?: number;
  events: SyncEvent[];
  checkpoints: Checkpoint[];
}
