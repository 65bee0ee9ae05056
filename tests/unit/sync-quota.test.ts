import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '@/lib/settings/model';
import type { Grade, SchedulingState } from '@/lib/srs/card-state';
import { gradeCard, newSchedulingState } from '@/lib/srs/schedule';
import { compact, compactToFit, withoutShared } from '@/lib/sync/compact';
import { bytesOf, itemsFor, QUOTA, settingsItem } from '@/lib/sync/format';
import { merge } from '@/lib/sync/merge';
import { cardKeyTable } from '@/lib/sync/pack';
import type { DeviceLog, SyncEvent } from '@/lib/sync/types';
import { decodeDevice } from '@/lib/sync/validate';
import { DAY, scheduler } from './sync-helpers';

const START = Date.UTC(2025, 0, 6);

/** A seeded generator, so the sizes printed are the same on every run. */
function random(seed: number) {
  let s = seed;
  return () => (s = (s * 16807) % 2147483647) / 2147483647;
}

/**
 * Daily study with FSRS as the extension does it: each day the due cards, oldest first, then
 * new cards (up to 10), about 50 ratings in all (10% Again, 5% Hard, 80% Good, 5% Easy),
 * some days skipped; every review id a UUID as the pages make them; ids as long as the bank's.
 */
function study(cardCount: number, days: number, devices: string[] = ['laptop']) {
  const rnd = random(cardCount * 7919 + days);
  const hex = (n: number) => Array.from({ length: n }, () => Math.floor(rnd() * 16).toString(16)).join('');
  const uuid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
  const ids = Array.from({ length: cardCount }, (_, i) => `attention-and-kv-cache-question-${i}`);
  const states = new Map<string, SchedulingState>();
  const logs = new Map(devices.map((d) => [d, [] as SyncEvent[]]));
  let introduced = 0;
  for (let day = 0; day < days; day++) {
    if (rnd() < 0.1) continue;
    const device = devices[day % devices.length]!;
    let t = START + day * DAY + 8 * 3_600_000 + Math.floor(rnd() * 3_600_000);
    const due = [...states]
      .filter(([, s]) => s.due <= t + 12 * 3_600_000)
      .sort((a, b) => a[1].due - b[1].due);
    const today = due.slice(0, 50).map(([id]) => id);
    for (let n = 0; n < 10 && today.length < 50 && introduced < cardCount; n++)
      today.push(ids[introduced++]!);
    for (const id of today) {
      t += 15_000 + Math.floor(rnd() * 45_000);
      const p = rnd();
      const rating = (p < 0.1 ? 1 : p < 0.15 ? 2 : p < 0.95 ? 3 : 4) as Grade;
      states.set(id, gradeCard(scheduler, states.get(id) ?? newSchedulingState(t), rating, t).state);
      logs.get(device)!.push({ kind: 'rating', id: uuid(), cardId: id, rating, at: t });
    }
    if (rnd() < 0.02)
      logs.get(device)!.push({ kind: 'suspend', cardId: ids[Math.floor(rnd() * introduced)]!, at: t + 1 });
    if (rnd() < 0.02)
      logs.get(device)!.push({
        kind: 'note',
        cardId: ids[Math.floor(rnd() * introduced)]!,
        at: t + 2,
        text: 'GQA shares K/V heads',
      });
  }
  const now = START + days * DAY + 20 * 3_600_000;
  return {
    ids,
    states,
    now,
    devices: [...logs].map(([deviceId, events]): DeviceLog => ({ deviceId, events, checkpoints: [] })),
  };
}

const settingsBytes = bytesOf(settingsItem(DEFAULT_SETTINGS, START, 'laptop'));

describe('what sync holds at 3,000 cards and two years of daily study', () => {
  it('stays under the quota after compaction, and reads back to the same schedules', () => {
    const rows: string[] = [];
    for (const cards of [200, 3000])
      for (const [label, days] of [
        ['one week', 7],
        ['two years', 730],
      ] as const) {
        const { ids, states, now, devices } = study(cards, days);
        const log = devices[0]!;
        const raw = bytesOf(itemsFor(log, now));
        const fit = compactToFit([log], log.deviceId, now, QUOTA.bytes - settingsBytes, scheduler);
        const total = fit.bytes + settingsBytes;
        rows.push(
          `${cards} cards, ${label}: ${log.events.length} ratings, ${raw} bytes as a raw log; ` +
            `${total} bytes in ${Object.keys(fit.items).length + 1} items after compaction ` +
            `(${fit.log.checkpoints.length} checkpoints, ${fit.log.events.length} events, ${fit.keepDays} days kept)`,
        );
        expect(fit.fits).toBe(true);
        expect(total).toBeLessThan(QUOTA.bytes);
        expect(Object.keys(fit.items).length + 1).toBeLessThanOrEqual(QUOTA.items);
        for (const [k, v] of Object.entries(fit.items))
          expect(bytesOf({ [k]: v })).toBeLessThanOrEqual(QUOTA.bytesPerItem);
        // Read back as another device would: every studied card's schedule is the one studying gave.
        const read = decodeDevice(
          JSON.parse(JSON.stringify(fit.items)) as Record<string, unknown>,
          'laptop',
          cardKeyTable(ids),
          now,
        );
        if (!read.ok) throw new Error(read.message);
        const merged = merge([read.value], scheduler);
        for (const [id, state] of states) expect(merged.cards.get(id)?.state, id).toEqual(state);
      }
    console.log(rows.join('\n'));
  }, 120_000);

  it('with two computers studying on alternate days, each card is held once', () => {
    const { now, devices } = study(3000, 730, ['home', 'work']);
    // Both have exchanged everything: each compacts its whole view; work leaves home's checkpoints to it.
    const everything = devices.flatMap((d) => d.events);
    const home = compact({ deviceId: 'home', events: everything, checkpoints: [] }, now, 3, scheduler);
    const work = compact({ deviceId: 'work', events: everything, checkpoints: [] }, now, 3, scheduler);
    const own = (log: DeviceLog, d: DeviceLog) => ({
      ...log,
      events: log.events.filter((e) => d.events.includes(e)),
    });
    const homeItems = itemsFor(own(home, devices[0]!), now);
    const workItems = itemsFor(withoutShared(own(work, devices[1]!), [home]), now);
    const total = bytesOf(homeItems) + bytesOf(workItems) + settingsBytes;
    console.log(`3000 cards, two years, two computers: ${total} bytes`);
    expect(total).toBeLessThan(QUOTA.bytes);
    expect(merge([home, withoutShared(work, [home])], scheduler).cards).toEqual(
      merge([home, work], scheduler).cards,
    );
  }, 120_000);
});
