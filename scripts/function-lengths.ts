// Lists functions longer than a limit (default 150 lines) in lib/, components/ and
// entrypoints/: `npx tsx scripts/function-lengths.ts [limit]`. A unit test holds the limit.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import ts from 'typescript';
import { filesUnder } from './package-bytes';

export interface LongFunction {
  file: string;
  name: string;
  lines: number;
}

/** Every function, method or arrow function of more than `limit` lines under the given folders. */
export function longFunctions(root: string, dirs: string[], limit: number): LongFunction[] {
  const out: LongFunction[] = [];
  for (const dir of dirs)
    for (const file of filesUnder(resolve(root, dir)).filter((f) => /\.tsx?$/.test(f))) {
      const text = readFileSync(file, 'utf8');
      const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
      const visit = (node: ts.Node) => {
        if (ts.isFunctionLike(node) && 'body' in node && node.body) {
          const start = source.getLineAndCharacterOfPosition(node.getStart()).line;
          const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
          const lines = end - start + 1;
          const name =
            (node.name && ts.isIdentifier(node.name) ? node.name.text : undefined) ??
            (ts.isVariableDeclaration(node.parent) && ts.isIdentifier(node.parent.name)
              ? node.parent.name.text
              : '(anonymous)');
          if (lines > limit) out.push({ file: file.slice(root.length + 1), name, lines });
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const limit = Number(process.argv[2] ?? 150);
  const root = resolve(import.meta.dirname, '..');
  for (const f of longFunctions(root, ['lib', 'components', 'entrypoints'], limit))
    console.log(`${f.lines}\t${f.file}\t${f.name}`);
}
