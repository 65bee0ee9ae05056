import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  buildsOnProblems,
  compileBank,
  compileEntry,
  readBank,
  zhPunctuationProblems,
} from '@/build/bank/compile';
import { questionLabels } from '@/lib/bank/labels';
import { STARTER_IDS } from '@/lib/bank/new-order';
import { EntryError, parseEntry } from '@/build/bank/parse';
import { renderMarkdown } from '@/build/bank/render';
import { SECTIONS } from '@/lib/bank/taxonomy';

const GOOD = `---
id: sample-entry
section: basics
topics: [attention]
difficulty: 2
checked: 2026-11
refs:
  - title: "Vaswani et al., Attention Is All You Need, arXiv:1706.03762"
    url: https://arxiv.org/abs/1706.03762
---

# zh question

为什么要除以 $\\sqrt{d_k}$?

# zh answer

为了让点积的方差保持在 1 附近。

\`\`\`python
# a comment that looks like a heading
scores = q @ k.T / d_k ** 0.5
\`\`\`

# en question

Why divide by $\\sqrt{d_k}$?

# en answer

To keep the dot products' variance near 1.

$$
\\mathrm{softmax}\\left(\\frac{QK^\\top}{\\sqrt{d_k}}\\right)V
$$
`;

const FILE = 'questions/basics/sample-entry.md';

function problemsOf(text: string, file = FILE): string[] {
  try {
    parseEntry(file, text);
  } catch (e) {
    expect(e).toBeInstanceOf(EntryError);
    return (e as EntryError).problems;
  }
  return [];
}

describe('parseEntry', () => {
  it('reads a well-formed entry, ignoring # lines inside code fences', () => {
    const e = parseEntry(FILE, GOOD);
    expect(e.id).toBe('sample-entry');
    expect(e.checked).toBe('2026-11');
    expect(e.zh.question).toBe('为什么要除以 $\\sqrt{d_k}$?');
    expect(e.zh.answer).toContain('# a comment that looks like a heading');
    expect(e.en.answer).toContain('softmax');
  });

  it('names the file and every problem in a malformed entry', () => {
    const bad = GOOD.replace('difficulty: 2', 'difficulty: 5')
      .replace('topics: [attention]', 'topics: [attention, kv-cache]')
      .replace('url: https://arxiv.org/abs/1706.03762', 'url: http://example.com')
      .replace('checked: 2026-11', 'checked: November');
    const problems = problemsOf(bad);
    expect(problems.join('\n')).toMatch(/difficulty/);
    expect(problems.join('\n')).toMatch(/"kv-cache" is not a topic of basics/);
    expect(problems.join('\n')).toMatch(/https/);
    expect(problems.join('\n')).toMatch(/YYYY-MM/);
    expect(() => parseEntry(FILE, bad)).toThrow(/questions\/basics\/sample-entry\.md/);
  });

  it('requires both languages, in order', () => {
    const noEnglish = GOOD.slice(0, GOOD.indexOf('# en question'));
    expect(problemsOf(noEnglish).join()).toMatch(/exactly the headings/);
    const emptyAnswer = GOOD.replace('为了让点积的方差保持在 1 附近。', '').replace(
      /```python[\s\S]*?```/,
      '',
    );
    expect(problemsOf(emptyAnswer).join()).toMatch(/"# zh answer" is empty/);
  });

  it('requires the id to match the file and the section its folder', () => {
    expect(problemsOf(GOOD, 'questions/basics/other.md').join()).toMatch(/file name/);
    expect(problemsOf(GOOD, 'questions/llm/sample-entry.md').join()).toMatch(/folder/);
  });

  it('rejects missing frontmatter, bad YAML and missing references', () => {
    expect(problemsOf('# zh question\nx')).toEqual(['missing YAML frontmatter between --- lines']);
    expect(problemsOf(GOOD.replace('topics: [attention]', 'topics: [attention'))[0]).toMatch(/YAML/);
    const noRefs = GOOD.replace(/refs:[\s\S]*?1706\.03762\n/, 'refs: []\n');
    expect(problemsOf(noRefs).join()).toMatch(/at least one reference/);
  });
});

describe('renderMarkdown', () => {
  it('renders math with KaTeX and code with highlight.js at build time', () => {
    const q = compileEntry(parseEntry(FILE, GOOD));
    expect(q.hasMath).toBe(true);
    expect(q.en.question).toContain('class="katex"');
    expect(q.zh.answer).toContain('<pre class="hljs"><code class="language-python">');
    expect(q.zh.answer).toContain('hljs-comment');
  });

  it('leaves raw HTML, event handlers and javascript: links inert', () => {
    const html = renderMarkdown(
      'a <script>alert(1)</script> b <img src=x onerror="alert(2)"> [x](javascript:alert(3)) [ok](https://arxiv.org)',
    );
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/href="javascript:/i);
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('href="https://arxiv.org" target="_blank" rel="noopener noreferrer"');
  });

  it('fails the build on a formula the Markdown rule did not pick up', () => {
    const entry = parseEntry(FILE, GOOD.replace('To keep', 'It is not $8\\times7=56$B; to keep'));
    expect(() => compileEntry(entry)).toThrow(/en answer: a \$ was left unrendered/);
  });

  it('fails the build on bold that does not close, but not on ** in code', () => {
    const answer = '为了让点积的方差保持在 1 附近。';
    const broken = parseEntry(FILE, GOOD.replace(answer, `**常见误区：**${answer}`));
    expect(() => compileEntry(broken)).toThrow(
      /zh answer: a \*\* was left unrendered near "\*\*常见误区：\*\*为了/,
    );
    const closed = parseEntry(FILE, GOOD.replace(answer, `**常见误区：** ${answer} \`2 ** 3\``));
    expect(compileEntry(closed).zh.answer).toContain('<strong>常见误区：</strong> 为了');
    // The Python block in GOOD holds `d_k ** 0.5`.
    expect(compileEntry(closed).zh.answer).toContain('**');
  });

  it('does not let KaTeX make links or HTML', () => {
    const html = renderMarkdown('$\\href{javascript:alert(1)}{x}$ and $\\htmlId{a}{b}$');
    expect(html).not.toMatch(/href="javascript:/i);
    expect(html).not.toMatch(/id="a"/);
  });
});

describe('compileBank', () => {
  it('fails with every malformed file named, and catches duplicate ids', () => {
    const root = join(mkdtempSync(join(tmpdir(), 'bank-')), 'questions');
    mkdirSync(join(root, 'basics'), { recursive: true });
    mkdirSync(join(root, 'llm'), { recursive: true });
    writeFileSync(join(root, 'basics', 'sample-entry.md'), GOOD);
    writeFileSync(
      join(root, 'basics', 'broken.md'),
      GOOD.replace('id: sample-entry', 'id: broken').replace('# en answer', '# English answer'),
    );
    writeFileSync(
      join(root, 'llm', 'sample-entry.md'),
      GOOD.replace('section: basics', 'section: llm').replace('topics: [attention]', 'topics: [rag]'),
    );
    writeFileSync(
      join(root, 'basics', 'bad-math.md'),
      GOOD.replace('id: sample-entry', 'id: bad-math').replace('\\mathrm{softmax}', () => '\\frac{{softmax}'),
    );
    expect(() => compileBank(root)).toThrow(/3 malformed entries/);
    try {
      compileBank(root);
    } catch (e) {
      const message = (e as Error).message;
      expect(message).toMatch(/questions\/basics\/broken\.md: body must have exactly the headings/);
      expect(message).toMatch(
        /questions\/llm\/sample-entry\.md: id "sample-entry" is already used by questions\/basics\/sample-entry\.md/,
      );
      expect(message).toMatch(/questions\/basics\/bad-math\.md: .*KaTeX/);
    }
  });
});

describe('the bundled bank', () => {
  const bank = compileBank(resolve(__dirname, '../../questions'));

  it('compiles every entry, each with both languages and a reference', () => {
    expect(bank.questions.length).toBeGreaterThanOrEqual(10);
    for (const q of bank.questions) {
      expect(q.zh.question.length, q.id).toBeGreaterThan(0);
      expect(q.en.answer.length, q.id).toBeGreaterThan(0);
      expect(q.refs.length, q.id).toBeGreaterThan(0);
    }
  });

  it('holds the ten questions the product started from', () => {
    const ids = new Set(bank.questions.map((q) => q.id));
    expect(STARTER_IDS).toHaveLength(10);
    for (const id of STARTER_IDS) {
      expect(ids.has(id), id).toBe(true);
    }
  });

  it('places every question in a known section, in taxonomy order', () => {
    const order = SECTIONS.map((s) => s.id);
    const sections = bank.index.map((e) => order.indexOf(e.section as (typeof order)[number]));
    expect(sections.every((s) => s >= 0)).toBe(true);
    expect([...sections].sort((a, b) => a - b)).toEqual(sections);
    expect(bank.index.map((e) => e.order)).toEqual(bank.index.map((_, i) => i));
  });

  it('names its section and topics in each question, as the study card shows them', () => {
    for (const q of bank.questions) {
      expect(q.labels?.section, q.id).toEqual(section(q.section).label);
      expect(q.labels?.topics, q.id).toEqual(q.topics.map((t) => section(q.section).topics[t]));
    }
    const q = bank.questions.find((x) => x.id === 'prefix-lm-vs-causal-lm')!;
    const names = section(q.section).topics;
    expect(questionLabels(q, 'zh')).toEqual({
      section: section(q.section).label.zh,
      topics: q.topics.map((t) => names[t]!.zh).join(' / '),
    });
    // A question without labels (from an older build) falls back to the ids.
    expect(questionLabels({ section: 'basics', topics: ['attention', 'ffn'] }, 'en')).toEqual({
      section: 'basics',
      topics: 'attention / ffn',
    });
  });
});

describe('zhPunctuationProblems', () => {
  it('names the Chinese part, the line and the text around each half-width mark', () => {
    expect(zhPunctuationProblems(parseEntry(FILE, GOOD))).toEqual([
      'zh question line 1: half-width punctuation in Chinese: "$\\sqrt{d_k}$?"',
    ]);
    const e = parseEntry(
      FILE,
      GOOD.replace('$?', '$？').replace('附近。', '附近。\n\n**常见误区:** 以为"越大越好"'),
    );
    expect(zhPunctuationProblems(e)).toEqual([
      'zh answer line 3: half-width punctuation in Chinese: "**常见误区:** 以为"越大越好""',
      'zh answer line 3: half-width punctuation in Chinese: "**常见误区:** 以为"越大越好""',
      'zh answer line 3: half-width punctuation in Chinese: "区:** 以为"越大越好""',
    ]);
  });

  it('finds none in the bundled bank', () => {
    const { entries } = readBank(resolve(__dirname, '../../questions'));
    expect(entries.flatMap((e) => zhPunctuationProblems(e).map((p) => `${e.id}: ${p}`))).toEqual([]);
  });
});

function section(id: string) {
  return SECTIONS.find((s) => s.id === id)!;
}

describe('builds_on', () => {
  it('names ids no entry has, an entry naming itself, and cycles', () => {
    const e = (id: string, buildsOn: string[]) => ({ id, buildsOn });
    expect(buildsOnProblems([e('a', ['b']), e('b', [])])).toEqual([]);
    expect(buildsOnProblems([e('a', ['zzz'])])).toEqual(['a: builds_on names "zzz", which is no entry']);
    expect(buildsOnProblems([e('a', ['a'])])).toEqual(['builds_on has a cycle: a -> a']);
    expect(buildsOnProblems([e('a', ['b']), e('b', ['c']), e('c', ['a'])])).toEqual([
      'builds_on has a cycle: a -> b -> c -> a',
    ]);
  });

  it('is read from the frontmatter and an unknown id fails the compile', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bank-'));
    mkdirSync(join(dir, 'basics'));
    writeFileSync(
      join(dir, 'basics', 'a.md'),
      GOOD.replace('id: sample-entry', 'id: a').replace('difficulty: 2', 'difficulty: 2\nbuilds_on: [nope]'),
    );
    expect(readBank(dir).entries[0]?.buildsOn).toEqual(['nope']);
    expect(() => compileBank(dir)).toThrow(/builds_on names "nope"/);
  });
});
