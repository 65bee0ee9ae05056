import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBank } from '@/build/bank/compile';
import { datedFacts, monthBefore, monthsSince, staleOptions, staleReport } from '@/build/bank/stale';

/** A question file with `body` after the frontmatter (the body starts on line 9). */
function entry(body: string, checked = '2026-11'): string {
  return `---
id: sample-entry
section: basics
topics: [attention]
difficulty: 2
checked: ${checked}
refs: [{ title: "vLLM 0.6 docs (2024), as of June 2024", url: "https://docs.vllm.ai/en/v0.6.0/" }]
---
${body}`;
}

/** The excerpts of the dated facts in `body`. */
function hits(body: string): string[] {
  return datedFacts(entry(body)).map((f) => f.excerpt);
}

// 7 December 2026, local time (vitest runs in Asia/Shanghai)
const NOW = new Date(2026, 11, 7, 12);

describe('monthsSince', () => {
  it('counts whole months from the checked month to the month of now', () => {
    expect(monthsSince('2026-12', NOW)).toBe(0);
    expect(monthsSince('2026-03', NOW)).toBe(9);
    expect(monthsSince('2026-02', NOW)).toBe(10);
    expect(monthsSince('2024-12', NOW)).toBe(24);
    expect(monthsSince('2025-12', new Date(2026, 0, 1))).toBe(1);
  });

  it('rejects what is not YYYY-MM', () => {
    expect(() => monthsSince('2026-1', NOW)).toThrow(/YYYY-MM/);
  });

  it('names the first month that is not stale', () => {
    expect(monthBefore(NOW, 9)).toBe('2026-03');
    expect(monthBefore(new Date(2026, 1, 28), 3)).toBe('2025-11');
  });
});

describe('datedFacts in English', () => {
  it('finds "as of", "the latest", versions, a year in parentheses and a month and year', () => {
    expect(hits('The default is 0.9 as of 2024.')).toEqual(['The default is 0.9 as of 2024.']);
    expect(hits('Use the latest release.')).toEqual(['Use the latest release.']);
    expect(hits('In vLLM 0.6 the block size is 16.')).toHaveLength(1);
    expect(hits('Added in v0.11.0, off by default.')).toHaveLength(1);
    expect(hits('PyTorch 2.1 added it.')).toHaveLength(1);
    expect(hits('TRL 1.9 defaults to 8.')).toHaveLength(1);
    expect(hits('It fits 140K tokens of context (2024).')).toHaveLength(1);
    expect(hits('Released in June 2024, it changed the API.')).toHaveLength(1);
    expect(hits('Structured Outputs (2024-08) uses constrained decoding.')).toHaveLength(1);
    expect(hits('By late 2025 SGLang used it.')).toHaveLength(1);
    expect(hits('No prompt-level defence is reliable today.')).toHaveLength(1);
  });

  it('gives the line in the file and the text around the fact', () => {
    const text = entry(
      '\n# en answer\n\nA short answer.\n\nThe cap is 16 (as of vLLM 0.10); MLA forces more.\n',
    );
    expect(datedFacts(text)).toEqual([
      { line: 14, excerpt: 'The cap is 16 (as of vLLM 0.10); MLA forces more.' },
    ]);
    const long = `${'x'.repeat(50)} as of 2025 ${'y'.repeat(50)}`;
    expect(hits(long)).toEqual([`…${'x'.repeat(29)} as of 2025 ${'y'.repeat(29)}…`]);
  });

  it('makes one fact of hits close together, and two of hits far apart', () => {
    expect(hits('In vLLM 0.11 (late 2025) the sizes are 1, 2, 4.')).toHaveLength(1);
    expect(hits(`vLLM 0.6 ${'and then some more words about it '.repeat(2)}as of 2025.`)).toHaveLength(2);
    expect(datedFacts(entry('as of 2024\n\nthe latest')).map((f) => f.line)).toEqual([9, 11]);
  });

  it('does not report code, math, URLs, citations, the frontmatter or lookalikes', () => {
    expect(hits('```python\n# as of vLLM 0.6, the latest\nx = 1\n```')).toEqual([]);
    expect(hits('- item\n\n  ```bash\n  pip install vllm==0.6.3  # v0.6.3 (2024)\n  ```')).toEqual([]);
    expect(hits('Set `vllm==0.6.0` and read `latest_checkpoint` (the latest_step file).')).toEqual([]);
    expect(hits('$$\n\\text{as of } 2024\n$$\n\nInline $v0.1 (2024)$ math.')).toEqual([]);
    expect(hits('See [the docs](https://docs.vllm.ai/en/v0.6.0/) or <https://x.org/v1.2/2024-06>.')).toEqual(
      [],
    );
    expect(hits('See https://github.com/vllm-project/vllm/releases/tag/v0.11.0 for details.')).toEqual([]);
    expect(
      hits("Kaplan et al. (2020), Kudo (2018), Gloeckle et al.'s (2024); the paper (2023) says so."),
    ).toEqual([]);
    expect(
      hits('It is as of the same expert; load the latest checkpoint and the latest training weights.'),
    ).toEqual([]);
    expect(hits('LLaVA-v1.5, Llama 3.1, GPT-3.5 and H100 at 3.35 TB/s are names and numbers.')).toEqual([]);
    expect(hits('A dollar sign \\$5 and a date-less line.')).toEqual([]);
  });
});

describe('datedFacts in Chinese', () => {
  it('finds 截至, 最新, 目前, versions, a year in parentheses and a month and year', () => {
    expect(hits('`beta` 默认值为 0.1（截至 2025 年的版本）。')).toEqual([
      '`beta` 默认值为 0.1（截至 2025 年的版本）。',
    ]);
    expect(hits('截至 vLLM 0.10，`fp8` 即 `fp8_e4m3`。')).toHaveLength(1);
    expect(hits('decode 用不上最新 GPU 的算力。')).toHaveLength(1);
    expect(hits('目前没有可靠的提示层防御。')).toHaveLength(1);
    expect(hits('PyTorch 2.5 起 `F.scaled_dot_product_attention` 支持 GQA。')).toHaveLength(1);
    expect(hits('在线量化（0.5 版文档起）把权重按张量量化。')).toHaveLength(1);
    expect(hits('能放下 140K token 的上下文（2024）。')).toHaveLength(1);
    expect(hits('由 Tülu 3 在 2024 年 11 月命名。')).toHaveLength(1);
    expect(hits('到 2025 年底已接入 SGLang。')).toHaveLength(1);
    expect(hits('LangChain 1.0（2025-10）把 agent 统一。')).toHaveLength(1);
  });

  it('does not report citations, deadlines, checkpoints or code', () => {
    expect(hits('Kaplan et al.（2020）主张；Cui 等（2025）观察到；论文（2023）报告。')).toEqual([]);
    expect(hits('在截止日期之后的新题上评测。')).toEqual([]);
    expect(hits('启动时先加载最新检查点，同步最新的训练权重，只有写完才标记为“最新”。')).toEqual([]);
    expect(hits('```yaml\n# 截至 2025 年的最新默认值\nversion: 0.6\n```')).toEqual([]);
    expect(hits('用 8 张 A100 训练 7B 模型，显存约 3.5 倍。')).toEqual([]);
  });
});

describe('staleReport', () => {
  const files = [
    {
      file: 'questions/basics/old.md',
      checked: '2026-02',
      text: entry('As of 2025, X.\n\n目前是 Y。', '2026-02'),
    },
    { file: 'questions/basics/nine.md', checked: '2026-03', text: entry('Nothing dated.', '2026-03') },
    { file: 'questions/basics/new.md', checked: '2026-12', text: entry('In vLLM 0.6, Z.', '2026-12') },
  ];

  it('lists old entries and dated facts, grouped per entry, with a count at the end', () => {
    const r = staleReport(files, NOW, 9);
    expect(r.lines).toEqual([
      'questions/basics/old.md: checked 2026-02, 10 months ago',
      'questions/basics/old.md: line 9: "As of 2025, X."',
      'questions/basics/old.md: line 11: "目前是 Y。"',
      '',
      'questions/basics/new.md: line 9: "In vLLM 0.6, Z."',
      '',
      '1 of 3 entries checked more than 9 months ago (before 2026-03); 3 dated or drifting facts in 2 entries.',
    ]);
    expect(r).toMatchObject({ oldEntries: 1, facts: 3, entriesWithFacts: 2 });
  });

  it('takes the number of months and the date', () => {
    expect(staleReport(files, NOW, 8).oldEntries).toBe(2);
    expect(staleReport(files, NOW, 0).oldEntries).toBe(2);
    expect(staleReport(files, new Date(2027, 11, 1), 9).oldEntries).toBe(3);
    expect(staleReport(files, new Date(2026, 10, 30), 9).oldEntries).toBe(0);
    expect(staleReport([], NOW, 9).lines).toEqual([
      '0 of 0 entries checked more than 9 months ago (before 2026-03); 0 dated or drifting facts in 0 entries.',
    ]);
  });

  it('reads the real bank', () => {
    const root = resolve(import.meta.dirname, '../../questions');
    const { entries } = readBank(root);
    const r = staleReport(
      entries.map((e) => ({
        file: `questions/${e.section}/${e.id}.md`,
        checked: e.checked,
        text: readFileSync(join(root, e.section, `${e.id}.md`), 'utf8'),
      })),
      NOW,
      9,
    );
    expect(r.lines.at(-1)).toMatch(/^\d+ of \d+ entries checked more than 9 months ago/);
    for (const l of r.lines.slice(0, -1))
      expect(l).toMatch(
        /^$|^questions\/[a-z]+\/[a-z0-9-]+\.md: (checked \d{4}-\d\d, \d+ months ago|line \d+: ".+")$/,
      );
  });
});

describe('staleOptions', () => {
  it('reads --months N, 9 by default', () => {
    expect(staleOptions([])).toEqual({ months: 9 });
    expect(staleOptions(['--months', '6'])).toEqual({ months: 6 });
    expect(staleOptions(['--months=12'])).toEqual({ months: 12 });
    expect(staleOptions(['--months', '0'])).toEqual({ months: 0 });
  });

  it('rejects anything else', () => {
    expect(() => staleOptions(['--months'])).toThrow(/whole number/);
    expect(() => staleOptions(['--months', '-1'])).toThrow(/whole number/);
    expect(() => staleOptions(['--months', '1.5'])).toThrow(/whole number/);
    expect(() => staleOptions(['--weeks', '3'])).toThrow(/unknown option "--weeks"/);
  });
});
