import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { sectionById } from '@/lib/bank/taxonomy';
import type { Lang } from '@/lib/settings/model';

/** A row of figures for a section, with the same figures for each of its topics. */
export type SectionRow<R> = R & { key: string; topics: readonly (R & { key: string })[] };

/**
 * A table of figures overall, per section and per topic, the topics folded under their
 * section until the person opens it (a button with `aria-expanded`). The statistics page's
 * retention and readiness tables are this table with their own columns.
 *
 * @example
 * <FoldingTable columns={['Section', 'Recent']} overall={data.overall} sections={data.sections}
 *   overallLabel="Overall" cells={(r) => <td>{r.recent}</td>} idOf={(k) => `topics-${k}`} lang="en" />
 */
export function FoldingTable<R>({
  class: className,
  columns,
  overallLabel,
  overall,
  sections,
  cells,
  idOf,
  lang,
}: {
  class: string;
  columns: readonly ComponentChildren[];
  overallLabel: ComponentChildren;
  overall: R;
  sections: readonly SectionRow<R>[];
  /** The `<td>`s of one row. */
  cells: (row: R) => ComponentChildren;
  /** The id of a section's `<tbody>`, which its fold button controls. */
  idOf: (sectionKey: string) => string;
  lang: Lang;
}) {
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggle = (key: string) =>
    setOpen((o) => {
      const next = new Set(o);
      if (!next.delete(key)) next.add(key);
      return next;
    });
  return (
    <table class={className}>
      <thead>
        <tr>
          {columns.map((c, i) => (
            <th scope="col" key={i}>
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        <tr class="overall" data-key="all">
          <th scope="row">{overallLabel}</th>
          {cells(overall)}
        </tr>
      </tbody>
      {sections.map((s) => {
        const def = sectionById(s.key);
        const id = idOf(s.key);
        return (
          <tbody key={s.key} id={id}>
            <tr class="section-row" data-key={s.key}>
              <th scope="row">
                <button
                  type="button"
                  class="fold"
                  aria-expanded={open.has(s.key)}
                  aria-controls={id}
                  onClick={() => toggle(s.key)}
                >
                  {def?.label[lang] ?? s.key}
                </button>
              </th>
              {cells(s)}
            </tr>
            {open.has(s.key) &&
              s.topics.map((topic) => {
                const tid = topic.key.slice(s.key.length + 1);
                return (
                  <tr class="topic-row" key={topic.key} data-key={topic.key}>
                    <th scope="row">{def?.topics[tid]?.[lang] ?? tid}</th>
                    {cells(topic)}
                  </tr>
                );
              })}
          </tbody>
        );
      })}
    </table>
  );
}
