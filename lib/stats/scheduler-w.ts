import { default_w } from 'ts-fsrs';

/**
 * The parameters of the scheduler the background rates with (`makeScheduler`: ts-fsrs'
 * `generatorParameters` with no `w` of its own, so its defaults), for the pages that only
 * read the forgetting curve and must not load the scheduler. A unit test holds them equal
 * to `makeScheduler(...).parameters.w`.
 */
export const SCHEDULER_W: readonly number[] = default_w;
