/**
 * The section ids, apart from their labels (taxonomy.ts), so that a page that only checks
 * an id does not carry every label of the bank.
 */
export const SECTION_IDS = ['basics', 'advanced', 'llm', 'distributed', 'inference'] as const;
export type SectionId = (typeof SECTION_IDS)[number];
