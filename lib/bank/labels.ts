import type { CompiledQuestion } from './types';

/**
 * The names of a question's section and topics in `lang`, from the labels compiled into it
 * (ids when a question has none).
 *
 * @example
 * questionLabels(q, 'en') // { section: 'Basics', topics: 'Attention / Normalization' }
 */
export function questionLabels(
  q: Pick<CompiledQuestion, 'section' | 'topics' | 'labels'>,
  lang: 'zh' | 'en',
): { section: string; topics: string } {
  return {
    section: q.labels?.section[lang] ?? q.section,
    topics: q.topics.map((topic, i) => q.labels?.topics[i]?.[lang] ?? topic).join(' / '),
  };
}
