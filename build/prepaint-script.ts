import { resolve } from 'node:path';
import { build, type Rollup } from 'vite';

/**
 * prepaint.js, bundled and minified on its own as a plain classic script: it runs before the
 * first paint of every new tab, so it carries nothing but its own code (a WXT unlisted
 * script would add a loader and a logger to it).
 */
export async function prepaintScript(): Promise<string> {
  const out = await build({
    configFile: false,
    logLevel: 'warn',
    resolve: { alias: { '@': resolve(import.meta.dirname, '..') } },
    build: {
      write: false,
      target: 'es2022',
      minify: true,
      lib: {
        entry: resolve(import.meta.dirname, '../lib/study/prepaint-script.ts'),
        formats: ['iife'],
        name: 'prepaint',
        fileName: () => 'prepaint.js',
      },
    },
  });
  const chunks = (Array.isArray(out) ? out : [out]).flatMap((o) => (o as Rollup.RollupOutput).output);
  const script = chunks.find((c): c is Rollup.OutputChunk => c.type === 'chunk');
  if (!script) throw new Error('prepaint.js: the build produced no script');
  return script.code;
}
