import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixZhPunctuation } from '@/build/bank/fix-punctuation';
import { parseEntry } from '@/build/bank/parse';
import { renderMarkdown } from '@/build/bank/render';
import { halfWidthInChinese, toFullWidth } from '@/build/bank/zh-punctuation';

/** Converts, and checks the fix is stable and leaves nothing for the checker. */
function fix(src: string): string {
  const out = toFullWidth(src);
  expect(toFullWidth(out), `idempotent: ${src}`).toBe(out);
  expect(halfWidthInChinese(out), `clean: ${out}`).toEqual([]);
  return out;
}

describe('toFullWidth', () => {
  it('converts the marks of Chinese prose', () => {
    expect(fix('不使用任何位置嵌入,而是…')).toBe('不使用任何位置嵌入，而是…');
    expect(fix('区别是什么?单卡够吗?')).toBe('区别是什么？单卡够吗？');
    expect(fix('三种:A;B!')).toBe('三种：A；B！');
    expect(fix('显存(VRAM)不够')).toBe('显存（VRAM）不够');
    expect(fix('叫做"暗知识"')).toBe('叫做“暗知识”');
    expect(fix('这是结论.\n下一段.')).toBe('这是结论。\n下一段。');
  });

  it('keeps the space after a bold label, so the bold still closes', () => {
    const out = fix('**常见误区:** 把 prefix LM 说成"前缀向量"。');
    expect(out).toBe('**常见误区：** 把 prefix LM 说成“前缀向量”。');
    expect(renderMarkdown(out)).toContain('<strong>常见误区：</strong>');
    expect(fix('- **直觉**: 相似度高就扣分')).toBe('- **直觉**：相似度高就扣分');
  });

  it('drops the space a full-width mark no longer needs, but not a list marker or a table pad', () => {
    expect(fix('显存 (VRAM) 是瓶颈, 所以')).toBe('显存（VRAM）是瓶颈，所以');
    expect(fix('- (1) 保留一份副本')).toBe('- （1）保留一份副本');
    expect(fix('1. (可选) 预热')).toBe('1. （可选）预热');
    expect(fix('| Q4_0(旧式) | 32 个一块,FP16 scale |')).toBe('| Q4_0（旧式） | 32 个一块，FP16 scale |');
    expect(fix('把 "adapter" 当作统称')).toBe('把“adapter”当作统称');
    expect(fix('加一句 "Let\'s think step by step" 诱导')).toBe("加一句“Let's think step by step”诱导");
  });

  it('keeps a space when dropping it would change how bold opens or closes', () => {
    for (const src of [
      '注意: **(a)** 是关键',
      '见 **表(1)** (附录)',
      '**a,** (注)文字',
      '结论是 **对的** ,因为',
    ]) {
      const strong = (html: string) => html.match(/<strong>/g)?.length ?? 0;
      expect(strong(renderMarkdown(fix(src))), src).toBe(strong(renderMarkdown(src)));
    }
  });

  it('converts both parentheses of a pair, nested ones too', () => {
    expect(fix('GLM 中 Part A(被挖空的文本)双向可见')).toBe('GLM 中 Part A（被挖空的文本）双向可见');
    expect(fix('Tao et al. (2024) 发现')).toBe('Tao et al.（2024）发现');
    expect(fix('Swish(SiLU)作门')).toBe('Swish（SiLU）作门');
    expect(fix('模型(如 GPT(OpenAI))很大')).toBe('模型（如 GPT（OpenAI））很大');
    expect(fix('经验:(1) 先做;(2) 再做')).toBe('经验：（1）先做；（2）再做');
    expect(fix('为 $p$(交错调度时为 $pv$)整除')).toBe('为 $p$（交错调度时为 $pv$）整除');
  });

  it('leaves function notation, calls and English asides alone', () => {
    expect(fix('复杂度是 O(n) 的')).toBe('复杂度是 O(n) 的');
    expect(fix('(见 f(x) 的定义)')).toBe('（见 f(x) 的定义）');
    expect(fix('LLM.int8() 这类方法')).toBe('LLM.int8() 这类方法');
    expect(fix('如 "Therefore, the answer (arabic numerals) is" 一句')).toBe(
      '如“Therefore, the answer (arabic numerals) is”一句',
    );
  });

  it('leaves code, math, link URLs and autolinks untouched', () => {
    const code = '```python\n# 中文注释,逗号:冒号\nx = f(a, b)  # "字符串"\n```';
    expect(fix(`例如:\n\n${code}\n\n然后,运行.`)).toBe(`例如：\n\n${code}\n\n然后，运行。`);
    expect(fix('用 `apply_chat_template(tokenize=False)`,再分词')).toBe(
      '用 `apply_chat_template(tokenize=False)`，再分词',
    );
    expect(fix('其中$f(x)=a,b$,且 $$g(y)$$ 成立')).toBe('其中$f(x)=a,b$，且 $$g(y)$$ 成立');
    const display = '$$\n\\begin{aligned}\n\\text{中文}&: (2+K)\\Psi,\\\\\nx&=1\n\\end{aligned}\n$$';
    expect(fix(`公式如下:\n\n${display}\n\n其中,$K=12$.`)).toBe(`公式如下：\n\n${display}\n\n其中，$K=12$。`);
    expect(fix('见[论文](https://example.com/a,b?q=1:2)。')).toBe(
      '见[论文](https://example.com/a,b?q=1:2)。',
    );
    expect(fix('见 <https://example.com/a,b> 和 https://example.com/x;y 。')).toBe(
      '见 <https://example.com/a,b> 和 https://example.com/x;y 。',
    );
    expect(fix('换成 [MASK](Part A),再拼接')).toBe('换成 [MASK]（Part A），再拼接');
  });

  it('leaves numbers, Latin words and English clauses alone', () => {
    expect(fix('共 1,000 个样本,约 3.5 倍')).toBe('共 1,000 个样本，约 3.5 倍');
    expect(fix('Llama 3.1 的词表为 128,256')).toBe('Llama 3.1 的词表为 128,256');
    expect(fix('Sennrich et al. 在词尾加标记,e.g. 中文')).toBe('Sennrich et al. 在词尾加标记，e.g. 中文');
    expect(fix('格式为 "key: value, other: x"')).toBe('格式为“key: value, other: x”');
    expect(fix('比较 "Answer:" 之后的概率')).toBe('比较“Answer:”之后的概率');
    expect(fix('使正确答案总是 "(A)"')).toBe('使正确答案总是“(A)”');
    expect(fix('见 arXiv:2201.11990 与 16:9')).toBe('见 arXiv:2201.11990 与 16:9');
    expect(fix('The loss, in English: fine.')).toBe('The loss, in English: fine.');
    expect(fix('a,b')).toBe('a,b');
  });

  it('treats a mark glued between Latin words or formulas in a Chinese block as Chinese', () => {
    expect(fix('挡住未来的 key,padding 掩码')).toBe('挡住未来的 key，padding 掩码');
    expect(fix('其中 $a$,$b$ 同理')).toBe('其中 $a$，$b$ 同理');
    expect(fix('为什么都用 Pre-LN?')).toBe('为什么都用 Pre-LN？');
    expect(fix('按公式:\n  - ZeRO-1:$4\\Psi$ GB')).toBe('按公式：\n  - ZeRO-1：$4\\Psi$ GB');
    expect(fix('作者 Li & Liang,2021')).toBe('作者 Li & Liang，2021');
    expect(fix('如 (query, key) 对')).toBe('如（query, key）对');
  });

  it('converts single quotes around Chinese, not apostrophes', () => {
    expect(fix('"在提示里写上\'不要理会\'就够了。"这只是')).toBe('“在提示里写上‘不要理会’就够了。”这只是');
    expect(fix("it's 中文")).toBe("it's 中文");
  });
});

describe('halfWidthInChinese', () => {
  it('reports each mark with its line and the text around it', () => {
    expect(halfWidthInChinese('第一行。\n不使用任何位置嵌入,而是')).toEqual([
      { line: 2, excerpt: '不使用任何位置嵌入,而是' },
    ]);
    const hits = halfWidthInChinese('**常见误区:** 显存(VRAM)');
    expect(hits.map((h) => h.line)).toEqual([1, 1, 1]);
    expect(hits[0]!.excerpt).toContain('常见误区:');
  });

  it('finds nothing in code, math, URLs, numbers or English', () => {
    expect(
      halfWidthInChinese(
        '```\n中文,逗号\n```\n\n`中,文` $中,文$ [链接](https://a.b/中,文) 1,000 3.5 e.g. x: y Llama 3.1',
      ),
    ).toEqual([]);
  });
});

describe('toFullWidth on any text', () => {
  const pieces = [
    '中',
    '文',
    '模型',
    'GPT',
    'x',
    '1',
    '3.5',
    ' ',
    ' ',
    '\n',
    '\n\n',
    ',',
    ':',
    ';',
    '?',
    '!',
    '.',
    '(',
    ')',
    '"',
    "'",
    '**',
    '*',
    '_',
    '`',
    '`code, x`',
    '$',
    '$a,b$',
    '$$\nx,y\n$$',
    '- ',
    '| ',
    '（',
    '）',
    '，',
    '“',
    '”',
    '[a](https://e.com/x,y)',
    '```\nx,(y)\n```\n',
    '~',
    '<https://a.b/c,d>',
    '&amp;',
    '1. ',
  ];
  const text = fc.array(fc.constantFrom(...pieces), { maxLength: 30 }).map((a) => a.join(''));

  it('is idempotent and leaves nothing for the checker', () => {
    fc.assert(
      fc.property(text, (src) => {
        const out = toFullWidth(src);
        expect(toFullWidth(out)).toBe(out);
        expect(halfWidthInChinese(out)).toEqual([]);
      }),
      { numRuns: 1500 },
    );
  });

  it('keeps the Markdown structure: lists, tables, bold, code, math, links', () => {
    const tags = (src: string) =>
      renderMarkdown(src).match(/<\/?(p|ul|ol|li|table|tr|td|th|strong|em|code|pre|a|blockquote)\b/g) ?? [];
    fc.assert(
      fc.property(text, (src) => {
        let before: string[];
        try {
          before = tags(src);
        } catch {
          return; // math KaTeX rejects, before any change
        }
        expect(tags(toFullWidth(src))).toEqual(before);
      }),
      { numRuns: 500 },
    );
  });

  it('only converts marks and drops spaces', () => {
    fc.assert(
      fc.property(text, (src) => {
        const out = toFullWidth(src);
        const strip = (s: string) =>
          s
            .replace(/[ ]/g, '')
            .replace(
              /[，。：；？！（）“”‘’]/g,
              (ch) => ',.:;?!()""\'\''['，。：；？！（）“”‘’'.indexOf(ch)]!,
            );
        expect(strip(out)).toBe(strip(src));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('fixZhPunctuation', () => {
  const file = `---
id: sample-entry
section: basics
topics: [attention]
difficulty: 2
checked: 2026-11
refs:
  - title: "Vaswani et al., Attention (Is) All: You Need, arXiv:1706.03762"
    url: https://arxiv.org/abs/1706.03762
---

# zh question

为什么要除以 $\\sqrt{d_k}$?

# zh answer

为了让方差保持在 1 附近(否则 softmax 饱和)。

\`\`\`python
# 注释,不改
scores = q @ k.T / d_k ** 0.5
\`\`\`

**常见误区:** 以为"越大越好"。

# en question

Why divide by $\\sqrt{d_k}$ (the key size)?

# en answer

To keep the variance near 1: otherwise, "softmax" saturates.
`;

  it('rewrites only the Chinese parts', () => {
    const { text, marks } = fixZhPunctuation(file);
    expect(marks).toBe(6); // ? ( ) : " "
    const before = parseEntry('questions/basics/sample-entry.md', file);
    const after = parseEntry('questions/basics/sample-entry.md', text);
    expect(after.zh.question).toBe('为什么要除以 $\\sqrt{d_k}$？');
    expect(after.zh.answer).toBe(
      '为了让方差保持在 1 附近（否则 softmax 饱和）。\n\n```python\n# 注释,不改\nscores = q @ k.T / d_k ** 0.5\n```\n\n**常见误区：** 以为“越大越好”。',
    );
    expect(after.en).toEqual(before.en);
    expect(text.slice(0, text.indexOf('# zh question'))).toBe(file.slice(0, file.indexOf('# zh question')));
    expect(text.slice(text.indexOf('# en question'))).toBe(file.slice(file.indexOf('# en question')));
    expect(fixZhPunctuation(text)).toEqual({ text, marks: 0 });
  });

  it('leaves a file without the four parts alone', () => {
    expect(fixZhPunctuation('# zh question\n\n什么?')).toEqual({ text: '# zh question\n\n什么?', marks: 0 });
  });
});

describe('the interface strings in Chinese', () => {
  const files = [
    ...readdirSync('lib/i18n').map((f) => `lib/i18n/${f}`),
    'lib/bank/taxonomy.ts',
    'lib/backup/describe.ts',
    'lib/browse/filter.ts',
    'components/stats-format.ts',
    'public/_locales/zh_CN/messages.json',
  ];

  it('take full-width punctuation next to a Chinese character, in every catalog', () => {
    const han = '[\\u4e00-\\u9fff]';
    const mark = new RegExp(`${han}[,:;?!(]|[,:;?!)]${han}`);
    const found = files.flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/(['"`])((?:\\.|(?!\1)[^\\\n])*)\1/g)]
        .map((m) => m[2]!)
        .filter((s) => mark.test(s))
        .map((s) => `${file}: ${s}`),
    );
    expect(found).toEqual([]);
  });
});
