/**
 * Which cards the person has chosen to study. Stored as exclusions, so a section or
 * topic that arrives with an update is studied until the person unticks it.
 */
export interface TopicFilter {
  disabledSections: readonly string[];
  /** `section/topic` keys. */
  disabledTopics: readonly string[];
}

/** No section or topic turned off. */
export const EVERY_TOPIC: TopicFilter = { disabledSections: [], disabledTopics: [] };

/** Whether two filters turn off the same sections and topics (in any order). */
export function sameScope(a: TopicFilter, b: TopicFilter): boolean {
  const same = (x: readonly string[], y: readonly string[]) =>
    x.length === y.length && [...x].sort().join('\n') === [...y].sort().join('\n');
  return same(a.disabledSections, b.disabledSections) && same(a.disabledTopics, b.disabledTopics);
}

/** Just the filter's own fields (settings carry many more), as stored with the queue keys. */
export function scopeOf(filter: TopicFilter): TopicFilter {
  return { disabledSections: [...filter.disabledSections], disabledTopics: [...filter.disabledTopics] };
}

export interface Scoped {
  section: string;
  topics: readonly string[];
}

export function topicKey(section: string, topic: string): string {
  return `${section}/${topic}`;
}

/**
 * A card is in scope when its section is on and at least one of its topics is on.
 *
 * @example
 * inScope({ section: 'basics', topics: ['attention'] }, { disabledSections: [], disabledTopics: [] }) // true
 */
export function inScope(card: Scoped, filter: TopicFilter): boolean {
  if (filter.disabledSections.includes(card.section)) return false;
  if (card.topics.length === 0) return true;
  return card.topics.some((t) => !filter.disabledTopics.includes(topicKey(card.section, t)));
}
