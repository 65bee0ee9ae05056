/**
 * Which cards the person has chosen to study. Stored as exclusions, so a section or
 * topic that arrives with an update is studied until the person unticks it.
 */
export interface TopicFilter {
  disabledSections: readonly string[];
  /** `section/topic` keys. */
  disabledTopics: readonly string[];
}

/** Whether the filter turns nothing off. */
export function everyTopicOn(filter: TopicFilter): boolean {
  return filter.disabledSections.length === 0 && filter.disabledTopics.length === 0;
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
