import { describe, expect, it } from 'vitest';
import { markdownToText, renderMarkdown } from './markdown.ts';

describe('markdown', () => {
  it('renders ordinary formatting', () => {
    const html = renderMarkdown('# Nyt fra HR\n\nVi har **nye** regler for *ferie*.\n\n- Én\n- To\n\n[Læs mere](https://skovlund.dk/ferie)');
    expect(html).toContain('<h2>Nyt fra HR</h2>');
    expect(html).toContain('<strong>nye</strong>');
    expect(html).toContain('<li>Én</li>');
    expect(html).toContain('<a href="https://skovlund.dk/ferie" rel="noopener noreferrer">Læs mere</a>');
  });

  it('lets no script survive, however it is written', () => {
    const attacks = [
      '<script>alert(1)</script>',
      '<img src=x onerror=alert(1)>',
      '[klik](javascript:alert(1))',
      '[klik](JaVaScRiPt:alert(1))',
      '[klik](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
      '<a href="javascript:alert(1)">x</a>',
      '<iframe src="https://evil.example"></iframe>',
      '<svg onload=alert(1)>',
      '![x](https://evil.example/track.png)',
      '<style>body{display:none}</style>',
      '<div style="background:url(javascript:alert(1))">x</div>',
      '<a href="https://x" onclick="alert(1)">x</a>',
    ];
    for (const a of attacks) {
      const html = renderMarkdown(a);
      // Text that merely shows the attack (escaped) is fine; a live tag or attribute is not.
      expect(html, a).not.toMatch(/<script|<iframe|<svg|<style|<[^>]*\son\w+=|<[^>]*\sstyle=|(href|src)="(javascript|data):/i);
      expect(html, a).not.toMatch(/<img[^>]+evil/);
    }
  });

  it('keeps images from our own origin only', () => {
    expect(renderMarkdown('![Rådhuset](/files/abc)')).toContain('<img src="/files/abc" alt="Rådhuset" />');
    expect(renderMarkdown('![x](//evil.example/a.png)')).not.toContain('<img');
  });

  it('turns markdown into plain text', () => {
    expect(markdownToText('# Overskrift\n\nTekst med **fed** & <b>mere</b>.')).toBe('Overskrift\nTekst med fed & <b>mere</b>.');
  });
});
