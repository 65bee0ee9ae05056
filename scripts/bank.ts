// The question-bank tool.
//   npm run --silent bank -- export   the compiled bank (Markdown sources) as one JSON document on stdout
//   npm run bank -- check             validate every entry and report every problem (exit 1 if any),
//                                     half-width punctuation in the Chinese parts included
//   npm run bank -- stats             counts per section and topic
//   npm run bank -- fix-punctuation   full-width punctuation in the Chinese parts of every file
//   npm run bank -- stale [--months N] entries checked more than N (9) months ago, and dated or
//                                     drifting facts ("as of 2025", "vLLM 0.6", "最新"); reports only
import { existsSync, readdirSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildsOnProblems, compileEntry, readBank, zhPunctuationProblems } from '../build/bank/compile';
import { fixZhPunctuation } from '../build/bank/fix-punctuation';
import { staleOptions, staleReport } from '../build/bank/stale';
import { SECTIONS } from '../lib/bank/taxonomy';
import { topicKey } from '../lib/srs/scope';

const root = resolve(import.meta.dirname, '../questions');
const command = process.argv[2];
const { entries, errors } = readBank(root);

function fail(lines: string[]): never {
  // Synchronously: a pipe would lose what console.error had not flushed at process.exit.
  writeSync(2, lines.map((l) => l + '\n').join(''));
  process.exit(1);
}

switch (command) {
  case 'export': {
    if (errors.length) fail(errors.map((e) => e.message));
    const out = entries.map((e) => ({
      id: e.id,
      section: e.section,
      topics: e.topics,
      difficulty: e.difficulty,
      refs: e.refs,
      checked: e.checked,
      builds_on: e.buildsOn,
      zh: e.zh,
      en: e.en,
    }));
    process.stdout.write(JSON.stringify(out, null, 2) + '\n');
    break;
  }
  case 'check': {
    const problems = errors.map((e) => e.message);
    problems.push(...buildsOnProblems(entries));
    for (const e of entries) {
      const file = `questions/${e.section}/${e.id}.md`;
      try {
        compileEntry(e);
      } catch (err) {
        problems.push(`${file}: ${(err as Error).message}`);
      }
      for (const p of zhPunctuationProblems(e)) problems.push(`${file}: ${p}`);
    }
    if (problems.length) fail([`${problems.length} problem(s):`, ...problems]);
    console.log(`${entries.length} entries, all valid.`);
    break;
  }
  case 'stats': {
    const counts = new Map<string, number>();
    for (const e of entries) {
      counts.set(e.section, (counts.get(e.section) ?? 0) + 1);
      for (const t of e.topics)
        counts.set(topicKey(e.section, t), (counts.get(topicKey(e.section, t)) ?? 0) + 1);
    }
    console.log(`total: ${entries.length}`);
    for (const s of SECTIONS) {
      console.log(`\n${s.id} (${s.label.zh}): ${counts.get(s.id) ?? 0}`);
      for (const t of Object.keys(s.topics)) {
        const n = counts.get(topicKey(s.id, t)) ?? 0;
        console.log(`  ${t.padEnd(26)} ${String(n).padStart(3)}${n === 0 ? '  <- not covered' : ''}`);
      }
    }
    if (errors.length) fail([`\n${errors.length} malformed entries (run: npm run bank -- check)`]);
    break;
  }
  case 'fix-punctuation': {
    if (errors.length) fail([...errors.map((e) => e.message), 'fix these first (npm run bank -- check)']);
    let files = 0;
    let marks = 0;
    for (const s of SECTIONS) {
      const dir = join(root, s.id);
      if (!existsSync(dir)) continue;
      for (const f of readdirSync(dir).filter((x) => x.endsWith('.md'))) {
        const text = readFileSync(join(dir, f), 'utf8');
        const fixed = fixZhPunctuation(text);
        marks += fixed.marks;
        if (fixed.text !== text) {
          writeFileSync(join(dir, f), fixed.text);
          files++;
        }
      }
    }
    console.log(`${marks} half-width mark(s) in Chinese made full-width, in ${files} file(s).`);
    break;
  }
  case 'stale': {
    let months: number;
    try {
      ({ months } = staleOptions(process.argv.slice(3)));
    } catch (err) {
      fail([(err as Error).message]);
    }
    const files = entries.map((e) => {
      const file = `questions/${e.section}/${e.id}.md`;
      return { file, checked: e.checked, text: readFileSync(join(root, e.section, `${e.id}.md`), 'utf8') };
    });
    const report = staleReport(files, new Date(), months);
    console.log(report.lines.join('\n'));
    if (errors.length)
      console.log(`${errors.length} malformed entries not read (run: npm run bank -- check)`);
    break;
  }
  default:
    fail(['usage: npm run bank -- export | check | stats | fix-punctuation | stale [--months N]']);
}
