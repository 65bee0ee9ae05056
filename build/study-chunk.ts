import type { Plugin } from 'vite';

/** What Rolldown's `manualChunks` is told about the module graph (the part used here). */
interface ChunkMeta {
  getModuleInfo: (id: string) => { importers: readonly string[] } | null;
}

const NEWTAB_ENTRY = /\/entrypoints\/newtab\/main\.tsx$/;

/**
 * Puts every module the new tab imports at start (statically, at any depth) into one chunk,
 * `study`. Gzip compresses one stream better than several: the new tab's code in one chunk
 * is about 1.1 KB smaller than the same code split into the chunks Rollup shares between
 * pages. The other pages load that chunk for the modules they share with the new tab
 * (Preact, idb, the settings), and with it some study code they do not run: local files,
 * a few milliseconds of parsing, on pages that are not opened every minute.
 * The strings of each language stay chunks of their own (loaded with `import()`).
 */
export function studyChunk(id: string, meta: ChunkMeta): string | undefined {
  if (NEWTAB_ENTRY.test(id)) return undefined;
  const seen = new Set<string>();
  const stack = [id];
  while (stack.length) {
    const m = stack.pop()!;
    if (seen.has(m)) continue;
    seen.add(m);
    for (const importer of meta.getModuleInfo(m)?.importers ?? []) {
      if (NEWTAB_ENTRY.test(importer)) return 'study';
      stack.push(importer);
    }
  }
  return undefined;
}

/** Applies `studyChunk` to the pages' build (not to the service worker's, which is one file). */
export function studyChunkPlugin(): Plugin {
  return {
    name: 'study-chunk',
    outputOptions(opts) {
      const options = opts as typeof opts & { codeSplitting?: boolean };
      if (options.codeSplitting === false || options.inlineDynamicImports) return opts;
      return { ...opts, manualChunks: studyChunk };
    },
  };
}
