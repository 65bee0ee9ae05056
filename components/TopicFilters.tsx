import { SavedNote } from './SavedNote';
import { SECTIONS } from '@/lib/bank/taxonomy';
import type { OptionsTranslate } from '@/lib/i18n/options-strings';
import type { Lang } from '@/lib/settings/model';
import { topicKey, type TopicFilter } from '@/lib/srs/scope';

export interface TopicFiltersProps {
  filter: TopicFilter;
  /** Questions per section and per `section/topic` key. */
  counts: Record<string, number>;
  lang: Lang;
  t: OptionsTranslate;
  /** `next`: the whole filter; `section`: the section whose box or topic was changed. */
  onChange: (next: TopicFilter, section: string) => void;
  /** Where the last change was saved: `topics-<section>` says "Saved" in that section. */
  savedIn?: string | null;
}

function toggle(list: readonly string[], key: string, on: boolean): string[] {
  const rest = list.filter((k) => k !== key);
  return on ? rest : [...rest, key];
}

/** The five sections and their topics as checkboxes, with how many questions each holds. */
export function TopicFilters({ filter, counts, lang, t, onChange, savedIn }: TopicFiltersProps) {
  return (
    <div class="topic-filters">
      {SECTIONS.map((s) => {
        const sectionOn = !filter.disabledSections.includes(s.id);
        return (
          <fieldset key={s.id} class="section-filter" data-section={s.id}>
            <legend>
              <label>
                <input
                  type="checkbox"
                  name={`section-${s.id}`}
                  checked={sectionOn}
                  onChange={(e) =>
                    onChange(
                      {
                        ...filter,
                        disabledSections: toggle(filter.disabledSections, s.id, e.currentTarget.checked),
                      },
                      s.id,
                    )
                  }
                />{' '}
                {s.label[lang]} <span class="count">{t('questionsCount', { n: counts[s.id] ?? 0 })}</span>
              </label>
            </legend>
            <div class="topics">
              {Object.entries(s.topics).map(([id, label]) => {
                const key = topicKey(s.id, id);
                return (
                  <label key={key} class={sectionOn ? '' : 'muted'}>
                    <input
                      type="checkbox"
                      name={`topic-${key}`}
                      disabled={!sectionOn}
                      checked={!filter.disabledTopics.includes(key)}
                      onChange={(e) =>
                        onChange(
                          {
                            ...filter,
                            disabledTopics: toggle(filter.disabledTopics, key, e.currentTarget.checked),
                          },
                          s.id,
                        )
                      }
                    />{' '}
                    {label[lang]} <span class="count">{counts[key] ?? 0}</span>
                  </label>
                );
              })}
            </div>
            <SavedNote shown={savedIn === `topics-${s.id}`} t={t} />
          </fieldset>
        );
      })}
    </div>
  );
}

/** Questions per section and per topic, from the bank's index. */
export function countTopics(index: readonly { section: string; topics: readonly string[] }[]) {
  const counts: Record<string, number> = {};
  for (const q of index) {
    counts[q.section] = (counts[q.section] ?? 0) + 1;
    for (const topic of q.topics) {
      const key = topicKey(q.section, topic);
      counts[key] = (counts[key] ?? 0) + 1;
    }
  }
  return counts;
}
