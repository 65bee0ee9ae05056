import MarkdownIt from 'markdown-it';
import katexModule from '@vscode/markdown-it-katex';
import hljs from 'highlight.js';

type Md = InstanceType<typeof MarkdownIt>;
type RenderRule = NonNullable<Md['renderer']['rules']['link_open']>;

// The plugin is CommonJS; under Node's ESM loader its default export arrives wrapped.
const katexPlugin = ((katexModule as unknown as { default?: typeof katexModule }).default ??
  katexModule) as unknown as (md: Md, options: Record<string, unknown>) => void;

/**
 * Markdown to HTML, at build time only. Raw HTML in the source is escaped (html: false),
 * links are limited to http(s) and mailto and open in a new tab, math is rendered by
 * KaTeX with `trust: false` (no \href, \url or HTML extensions), code is highlighted by
 * highlight.js. No page ships a Markdown parser or KaTeX's JavaScript.
 */
function makeRenderer(): Md {
  const md: Md = new MarkdownIt({
    html: false,
    linkify: false,
    typographer: false,
    highlight(code: string, lang: string): string {
      const language = lang && hljs.getLanguage(lang) ? lang : 'plaintext';
      const html = hljs.highlight(code, { language, ignoreIllegals: true }).value;
      return `<pre class="hljs"><code class="language-${md.utils.escapeHtml(language)}">${html}</code></pre>`;
    },
  });
  const defaultValidate = md.validateLink.bind(md);
  md.validateLink = (url: string) => defaultValidate(url) && /^(https?:|mailto:|#)/i.test(url.trim());
  // The plugin turns a KaTeX error into an error span (and logs it when throwOnError is set);
  // `failOnMathErrors` below turns that span into a build failure instead.
  md.use(katexPlugin, { throwOnError: false, trust: false, strict: 'ignore', output: 'html' });
  const renderLink = md.renderer.rules.link_open;
  const openLink: RenderRule = (tokens, i, options, env, self) => {
    tokens[i]!.attrSet('target', '_blank');
    tokens[i]!.attrSet('rel', 'noopener noreferrer');
    return renderLink ? renderLink(tokens, i, options, env, self) : self.renderToken(tokens, i, options);
  };
  md.renderer.rules.link_open = openLink;
  return md;
}

let renderer: Md | undefined;

/** Throws on any formula KaTeX could not parse, so broken math fails the build instead of shipping. */
function failOnMathErrors(html: string): string {
  const m = /class="[^"]*katex-error[^"]*" title="([^"]*)"/.exec(html);
  if (m) {
    const detail = m[1]!
      .replace(/&#x27;|&#039;/g, "'")
      .replace(/\s+/g, ' ')
      .trim();
    throw new Error(`KaTeX could not render a formula: ${detail.slice(0, 160)}`);
  }
  return html;
}

export function renderMarkdown(src: string): string {
  renderer ??= makeRenderer();
  return failOnMathErrors(renderer.render(src));
}

/** One-line Markdown (a question): no surrounding paragraph. */
export function renderInline(src: string): string {
  renderer ??= makeRenderer();
  return failOnMathErrors(renderer.renderInline(src));
}

export function hasMath(html: string): boolean {
  return html.includes('class="katex');
}
