/**
 * The order new cards come in. Pure: no browser, no clock. The sensible order is computed
 * at build time (build/bank/compile.ts) and shipped as each question's `sensible` rank;
 * the shuffled order is computed by the worker from a seed kept per install.
 */

import type { BankIndexEntry } from '../db/cards';

/** A question as the build bundles it for the worker: its bank place and its sensible rank. */
export interface BundledBankEntry extends BankIndexEntry {
  /** Its place in the sensible order of new cards (0 first), from `sensibleOrder`. */
  sensible: number;
}

/**
 * The ten questions the product started from (the bank's QUESTIONS.md lists them by their
 * text; no entry marks itself as one). The sensible order brings them, and what they build
 * on, first.
 */
export const STARTER_IDS: readonly string[] = [
  'open-source-model-families',
  'prefix-lm-vs-causal-lm',
  'llm-repetition-causes',
  'llm-repetition-mitigation',
  'bert-vs-llama-chatglm-choice',
  'what-is-langchain',
  'llm-training-frameworks',
  'inference-gpu-memory-grows-and-stays',
  'llm-inference-gpu-vs-cpu-speed',
  'int8-vs-fp16-inference-speed',
];

/** What the order needs of an entry: given in bank order. */
export interface OrderEntry {
  id: string;
  section: string;
  /** 1 (recall), 2 (explain), 3 (derive / design). */
  difficulty: number;
  /** Ids of the entries to know first. */
  buildsOn: readonly string[];
}

interface Placed {
  e: OrderEntry;
  at: number;
  depth: number;
  level: number;
  early: boolean;
}

/** Depth (longest chain of foundations below) and level (hardest difficulty on it) of each entry. */
function measure(entries: readonly OrderEntry[], starters: ReadonlySet<string>): Map<string, Placed> {
  const byId = new Map(entries.map((e, at) => [e.id, { e, at }]));
  const out = new Map<string, Placed>();
  const visiting = new Set<string>();
  const visit = (id: string): Placed => {
    const known = out.get(id);
    if (known) return known;
    if (visiting.has(id)) throw new Error(`builds_on has a cycle through ${id}`);
    visiting.add(id);
    const { e, at } = byId.get(id)!;
    const deps = e.buildsOn.filter((d) => byId.has(d)).map(visit);
    const p: Placed = {
      e,
      at,
      depth: Math.max(-1, ...deps.map((d) => d.depth)) + 1,
      level: Math.max(e.difficulty, ...deps.map((d) => d.level)),
      early: false,
    };
    visiting.delete(id);
    out.set(id, p);
    return p;
  };
  for (const e of entries) visit(e.id);
  // A starter comes early, and so does everything it builds on.
  const mark = (id: string): void => {
    const p = out.get(id);
    if (!p || p.early) return;
    p.early = true;
    p.e.buildsOn.forEach(mark);
  };
  starters.forEach(mark);
  return out;
}

/**
 * Interleaves one group's entries across sections, each section in its own order, in
 * proportion to their sizes, an entry only once everything it builds on is placed.
 */
function interleave(group: Placed[], placed: Set<string>, known: ReadonlySet<string>, out: string[]): void {
  const lanes = new Map<string, Placed[]>();
  for (const p of group) lanes.set(p.e.section, [...(lanes.get(p.e.section) ?? []), p]);
  const state = [...lanes.values()].map((lane) => ({
    lane: lane.sort((a, b) => a.depth - b.depth || a.at - b.at),
    size: lane.length,
    taken: 0,
  }));
  for (let left = group.length; left > 0; left--) {
    const ready = state.filter(
      // Foundations outside the bank count as known.
      (s) => s.taken < s.size && s.lane[s.taken]!.e.buildsOn.every((d) => placed.has(d) || !known.has(d)),
    );
    // Cannot happen: within a group a foundation is shallower than what builds on it.
    if (ready.length === 0) throw new Error('builds_on leaves no entry to place');
    const next = ready.reduce((best, s) =>
      (s.taken + 0.5) / s.size < (best.taken + 0.5) / best.size ? s : best,
    );
    const p = next.lane[next.taken++]!;
    placed.add(p.e.id);
    out.push(p.e.id);
  }
}

/**
 * The sensible order of new cards, as ids, first to last:
 * - the starter questions, and what they build on, first;
 * - then by level: an entry's difficulty, raised to the hardest of what it builds on, so a
 *   section's cards come easier first and never before their foundations;
 * - within a level, sections interleaved in proportion to their sizes, and in each section
 *   foundations first (fewest steps of `builds_on` below), then bank order.
 * Every entry comes after everything it builds on (ids no entry has are ignored).
 *
 * @example
 * sensibleOrder([
 *   { id: 'b', section: 'basics', difficulty: 1, buildsOn: ['a'] },
 *   { id: 'a', section: 'basics', difficulty: 2, buildsOn: [] },
 * ]) // ['a', 'b']
 */
export function sensibleOrder(entries: readonly OrderEntry[], starters: readonly string[] = []): string[] {
  const measured = measure(entries, new Set(starters));
  const groups = new Map<number, Placed[]>();
  for (const p of measured.values()) {
    const key = (p.early ? 0 : 10) + p.level;
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  const out: string[] = [];
  const placed = new Set<string>();
  const known = new Set(measured.keys());
  for (const key of [...groups.keys()].sort((a, b) => a - b))
    interleave(groups.get(key)!, placed, known, out);
  return out;
}

/** FNV-1a of `text`, then a final mix so nearby seeds give unrelated orders. */
function hash32(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * The ids in an order fixed by `seed`: each id's place depends only on the seed and the id,
 * so a question added to the bank later slips in without moving the others.
 *
 * @example
 * shuffledOrder(['a', 'b', 'c'], 42) // the same three, in the same order on every call
 */
export function shuffledOrder(ids: readonly string[], seed: number): string[] {
  const keyed = ids.map((id, at) => ({ id, at, key: hash32(`${seed}:${id}`) }));
  return keyed.sort((a, b) => a.key - b.key || a.at - b.at).map((k) => k.id);
}
