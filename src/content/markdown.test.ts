import { describe, expect, it } from 'vitest';
import { dropForeignImages, markdownToText, renderMarkdown, sanitize } from './markdown.ts';

describe('markdown', () => {
  it('renders ordinary formatting', () => {
    const html = renderMarkdown(
      '# Nyt fra HR\n\nVi har **nye** regler for *ferie*.\n\n- Én\n- To\n\n[Læs mere](https://skovlund.dk/ferie)',
    );
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
      expect(html, a).not.toMatch(
        /<script|<iframe|<svg|<style|<[^>]*\son\w+=|<[^>]*\sstyle=|(href|src)="(javascript|data):/i,
      );
      expect(html, a).not.toMatch(/<img[^>]+evil/);
    }
  });

  it('keeps images only from the routes that serve uploaded images', () => {
    expect(renderMarkdown('![Rådhuset](/news/12/image?v=0123456789abcdef)')).toContain(
      '<img src="/news/12/image?v=0123456789abcdef" alt="Rådhuset" />',
    );
    expect(renderMarkdown('![Plan](/rooms/3/files/7/versions/2?inline=1)')).toContain(
      '<img src="/rooms/3/files/7/versions/2?inline=1" alt="Plan" />',
    );
    expect(renderMarkdown('![Anne](/people/anne.m/photo?v=abcdef)')).toContain(
      '<img src="/people/anne.m/photo?v=abcdef" alt="Anne" />',
    );
  });

  it('never lets an image fetch a case, a document or anything else (the reader would "view" it)', () => {
    const sources = [
      '/cases/97',
      '/cases/97/documents/1/versions/1/file',
      '/cases/97/documents/1/versions/1/file?inline=1',
      '/cases/search?q=hansen',
      '/admin/audit',
      '/files/abc',
      'https://evil.example/track.png',
      'http://localhost/news/1/image',
      '//evil.example/a.png',
      '/\\evil.example/a.png',
      '/static/../cases/1',
      '/news/1/image/../../../cases/1',
      '/news/1/%2e%2e/%2e%2e/cases/1',
      '/news/1/image?v=abc&x=/cases/1',
      '/news/1/image#/cases/1',
      '/rooms/1/files/2/versions/3/../../../../../cases/1',
      'data:image/png;base64,iVBORw0KGgo=',
    ];
    for (const src of sources) {
      const html = renderMarkdown(`Se ![kortet](${src}) her`);
      expect(html, src).not.toContain('<img');
      // The alt text stays, as text, and nothing around it is lost.
      expect(html, src).toContain('Se kortet her');
    }
    // Raw HTML is never passed through, and the sanitiser drops such an image on its own too.
    expect(renderMarkdown('<img src="/cases/97">')).not.toContain('<img');
    expect(sanitize('<p><img src="/cases/97" alt="x"><img src="/news/1/image" alt="y"></p>')).toBe(
      '<p><img src="/news/1/image" alt="y" /></p>',
    );
  });

  it('drops images from elsewhere in HTML stored before the rule, keeping the alt text', () => {
    const stored =
      '<p>Se <img src="/cases/97" alt="kortet &quot;A&quot;" /> og <img src="/cases/97/documents/1/versions/1/file?inline=1&amp;x=1" alt="bilag" title="t" />' +
      ' men <img src="/news/3/image?v=0123456789abcdef" alt="nyhed" /> og <a href="/people/journal" class="mention">@journal</a></p>';
    expect(dropForeignImages(stored)).toBe(
      '<p>Se kortet &quot;A&quot; og bilag men <img src="/news/3/image?v=0123456789abcdef" alt="nyhed" /> og <a href="/people/journal" class="mention">@journal</a></p>',
    );
    expect(dropForeignImages('<p>intet billede</p>')).toBe('<p>intet billede</p>');
  });

  it('turns markdown into plain text', () => {
    expect(markdownToText('# Overskrift\n\nTekst med **fed** & <b>mere</b>.')).toBe(
      'Overskrift\nTekst med fed & <b>mere</b>.',
    );
  });
});
