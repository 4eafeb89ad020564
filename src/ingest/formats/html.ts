import { Readability } from '@mozilla/readability';
import iconv from 'iconv-lite';
import { parseHTML } from 'linkedom';
import type { DocumentMeta, DocumentExtractor } from '../../types.ts';
import { paragraphsFromDom, removeNoteReferences } from './blocks.ts';
import { checkSize } from './size-limit.ts';
import { findSymbol } from './symbol.ts';

/**
 * Decodes an HTML file's bytes: a BOM wins, then a charset declared in a <meta> tag within the
 * first 4 KB, then UTF-8 — or Windows-1252 when the bytes are not valid UTF-8.
 */
export function decodeHtml(bytes: Uint8Array): string {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return buf.subarray(3).toString('utf8');
  if (buf[0] === 0xff && buf[1] === 0xfe) return iconv.decode(buf.subarray(2), 'utf-16le');
  if (buf[0] === 0xfe && buf[1] === 0xff) return iconv.decode(buf.subarray(2), 'utf-16be');
  const head = buf.subarray(0, 4096).toString('latin1');
  const declared = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head)?.[1]?.toLowerCase();
  if (declared && !/^utf-?8$/.test(declared) && iconv.encodingExists(declared)) return iconv.decode(buf, declared);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    return iconv.decode(buf, 'windows-1252');
  }
}

const BANNER = /(?:^|[\s_-])(?:cookies?|consent|gdpr|cc-banner|cookie-?(?:banner|notice|bar|law))(?:$|[\s_-])/i;

interface Removable {
  remove(): void;
}

const absolute = (url: string | null | undefined) => (url && /^https?:\/\/\S+$/i.test(url.trim()) ? url.trim() : undefined);

/** `YYYY-MM-DD`, `YYYY-MM` or `YYYY` from an ISO-like date-time. */
function isoDate(value: string | null | undefined): string | undefined {
  const m = /^\s*(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(value ?? '');
  if (!m) return undefined;
  return [m[1], m[2], m[3]].filter(Boolean).join('-');
}

/**
 * HTML extractor (linkedom + Mozilla Readability): the page's main text without navigation,
 * scripts or boilerplate, as paragraphs from <p>, <li> and the like, each carrying the h1–h3
 * heading in force. Meta: title (og:title, else <title>), url (canonical link, else og:url),
 * date (article:published_time, else the first <time datetime>), UN symbol.
 */
export const extractHtml: DocumentExtractor = async (bytes, _path, limits) => {
  checkSize(bytes, limits);
  const html = decodeHtml(bytes);
  const { document } = parseHTML(html);
  const attr = (selector: string, name: string) => document.querySelector(selector)?.getAttribute(name) ?? undefined;

  const meta: DocumentMeta = {};
  const title = (attr('meta[property="og:title"]', 'content') ?? document.querySelector('title')?.textContent ?? '').replace(/\s+/g, ' ').trim();
  if (title) meta.title = title;
  const url = absolute(attr('link[rel~="canonical"]', 'href')) ?? absolute(attr('meta[property="og:url"]', 'content'));
  if (url) meta.url = url;
  const date =
    isoDate(attr('meta[property="article:published_time"]', 'content')) ??
    isoDate(attr('meta[name="date"]', 'content')) ??
    isoDate(attr('time[datetime]', 'datetime'));
  if (date) meta.date = date;
  const lang = document.documentElement?.getAttribute('lang');
  if (lang && /^[a-z]{2,3}(?:-[A-Za-z0-9]+)*$/.test(lang)) meta.language = lang;

  for (const el of Array.from(document.querySelectorAll('script,style,noscript,template,iframe,svg')) as Removable[]) el.remove();
  // Cookie and consent banners are no part of the page's text, however plainly they are marked up.
  for (const el of Array.from(document.querySelectorAll('[class],[id]')) as (Removable & { getAttribute(n: string): string | null })[]) {
    if (BANNER.test(`${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`)) el.remove();
  }
  removeNoteReferences(document.body);
  const bodyText = (document.body?.textContent ?? '').replace(/\s+/g, ' ').trim();

  let article: { content?: string | null | undefined } | null = null;
  try {
    article = new Readability(document as never, { charThreshold: 200 }).parse();
  } catch {
    article = null;
  }
  let root = article?.content ? parseHTML(`<html><body>${article.content}</body></html>`).document.body : undefined;
  if (!root || !(root.textContent ?? '').trim()) {
    const { document: fallback } = parseHTML(html);
    const boilerplate = 'script,style,noscript,template,iframe,svg,nav,header,footer,aside,form,button';
    for (const el of Array.from(fallback.querySelectorAll(boilerplate)) as Removable[]) el.remove();
    for (const el of Array.from(fallback.querySelectorAll('[class],[id]')) as (Removable & { getAttribute(n: string): string | null })[]) {
      if (BANNER.test(`${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`)) el.remove();
    }
    removeNoteReferences(fallback.body);
    root = fallback.body;
  }
  const { paragraphs, firstHeading } = paragraphsFromDom(root);
  if (!meta.title && firstHeading) meta.title = firstHeading;
  const symbol = findSymbol(bodyText);
  if (symbol) meta.symbol = symbol;
  if (!paragraphs.length) {
    const text = (root.textContent ?? '').trim();
    if (!text) throw new Error('no text found in the HTML page');
    return { meta, text };
  }
  return { meta, paragraphs };
};
