#!/usr/bin/python3
"""Writes the binary fixtures in test/fixtures/formats/ from the plain-text sources beside them.

Run through scripts/make-fixtures.sh (which installs the Debian packages this needs). Uses Debian's
python3-reportlab (PDF layout), python3-pil (the "scanned" page image), python3-docx (Word) and qpdf
(encryption). Output is deterministic apart from the encrypted file's random salt.
"""

import io
import os
import re
import sys

from docx import Document
from PIL import Image, ImageDraw, ImageFont
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, 'test', 'fixtures', 'formats')
SRC = os.path.join(OUT, 'source')
PAGE_W, PAGE_H = A4
VOWELS = set('aeiouy')
BREAKS = []  # (fixture, word as broken) for the README


def read_paragraphs(name):
    with open(os.path.join(SRC, name), encoding='utf-8') as f:
        return [p.strip() for p in f.read().split('\n') if p.strip()]


def split_word(word, font, size, room):
    """Split `word` so that its head plus a hyphen fits in `room` points, as a typesetter would.

    Breaks at an existing hyphen when there is one (a compound: the hyphen is real), else between a
    vowel and a consonant with at least three letters on each side (a soft hyphenation break).
    Returns (head_with_hyphen, tail) or None.
    """
    candidates = []
    if '-' in word.strip('-'):
        for i, ch in enumerate(word):
            if ch == '-' and 0 < i < len(word) - 1:
                candidates.append((word[: i + 1], word[i + 1:]))
    else:
        m = re.match(r'^([A-Za-z]+)(\W*)$', word)
        if m and len(m.group(1)) >= 7:
            letters = m.group(1)
            low = letters.lower()
            for i in range(3, len(letters) - 2):
                v_cv = low[i - 1] in VOWELS and low[i] not in VOWELS and low[i + 1] in VOWELS
                vc_cv = (low[i - 2] in VOWELS and low[i - 1] not in VOWELS
                         and low[i] not in VOWELS and low[i + 1] in VOWELS)
                if v_cv or vc_cv:
                    candidates.append((letters[:i] + '-', word[i:]))
    fitting = [c for c in candidates if stringWidth(c[0], font, size) <= room]
    return fitting[-1] if fitting else None


def wrap(text, font, size, width, first_indent=0.0, fixture=''):
    """Greedy line breaking with hyphenation. Returns lines as (words, is_last_line_of_paragraph)."""
    words = text.split()
    lines = []
    cur = []
    indent = first_indent
    while words:
        w = words.pop(0)
        trial = ' '.join(cur + [w])
        if stringWidth(trial, font, size) <= width - indent:
            cur.append(w)
            continue
        room = width - indent - stringWidth(' '.join(cur + ['']), font, size)
        parts = split_word(w, font, size, room) if cur else None
        if parts:
            cur.append(parts[0])
            words.insert(0, parts[1])
            BREAKS.append((fixture, parts[0] + parts[1]))
        else:
            words.insert(0, w)
        lines.append((cur, False, indent))
        cur = []
        indent = 0.0
    if cur:
        lines.append((cur, True, indent))
    return lines


def draw_line(c, words, x, y, width, font, size, justify):
    text = ' '.join(words)
    t = c.beginText(x, y)
    t.setFont(font, size)
    if justify and len(words) > 1:
        slack = width - stringWidth(text, font, size)
        t.setWordSpace(slack / (len(words) - 1))
    t.textOut(text)
    c.drawText(t)


def statement_pdf():
    """Three A4 pages, one column, justified with hyphenation, a running header and footer."""
    paras = read_paragraphs('ury-76-2021.txt')
    path = os.path.join(OUT, 'statement-3-pages.pdf')
    c = canvas.Canvas(path, pagesize=A4, invariant=1)
    c.setTitle('Address by the President of the Eastern Republic of Uruguay')
    c.setAuthor('Verbatim test fixture')
    font, size, leading, gap = 'Times-Roman', 12, 18, 9
    left, right, top, bottom = 110, PAGE_W - 110, PAGE_H - 100, 90
    width = right - left
    total = 3
    page = [1]

    def furniture():
        c.setFont('Helvetica', 8.5)
        c.drawString(left, PAGE_H - 50, 'A/76/PV.5')
        c.drawRightString(right, PAGE_H - 50, 'General Assembly — Seventy-sixth session — 22/09/2021')
        c.line(left, PAGE_H - 56, right, PAGE_H - 56)
        c.drawString(left, 45, '21-26213 (E)')
        c.drawRightString(right, 45, f'{page[0]}/{total}')

    furniture()
    y = top
    c.setFont('Helvetica-Bold', 13)
    c.drawString(left, y, 'Address by Mr. Luis Lacalle Pou, President of the')
    y -= 16
    c.drawString(left, y, 'Eastern Republic of Uruguay')
    y -= 30
    for p in paras:
        for words, last, indent in wrap(p, font, size, width, fixture='statement-3-pages.pdf'):
            if y < bottom:
                c.showPage()
                page[0] += 1
                furniture()
                y = top
            draw_line(c, words, left + indent, y, width - indent, font, size, not last)
            y -= leading
        y -= gap
    c.showPage()
    c.save()
    if page[0] != total:
        sys.exit(f'statement-3-pages.pdf has {page[0]} pages, expected {total}: adjust the layout')


def two_column_pdf():
    """Two columns of justified text under a full-width title; paragraphs marked by indent only."""
    paras = read_paragraphs('prt-76-2021.txt')
    path = os.path.join(OUT, 'two-columns.pdf')
    c = canvas.Canvas(path, pagesize=A4, invariant=1)
    c.setTitle('Statement by Portugal')
    font, size, leading = 'Times-Roman', 10.5, 13
    margin, gutter = 50, 22
    col_w = (PAGE_W - 2 * margin - gutter) / 2
    cols = [margin, margin + col_w + gutter]
    top, bottom = PAGE_H - 150, 70
    page = [1]

    def furniture():
        c.setFont('Helvetica', 8)
        c.drawString(margin, PAGE_H - 40, 'A/76/PV.6')
        c.drawRightString(PAGE_W - margin, PAGE_H - 40, '22/09/2021')
        c.drawCentredString(PAGE_W / 2, 35, str(page[0]))

    furniture()
    c.setFont('Helvetica-Bold', 15)
    c.drawString(margin, PAGE_H - 80, 'Statement by Mr. Marcelo Rebelo de Sousa,')
    c.drawString(margin, PAGE_H - 99, 'President of the Portuguese Republic')
    c.setFont('Helvetica-Oblique', 9)
    c.drawString(margin, PAGE_H - 118, 'General debate of the seventy-sixth session of the General Assembly')
    col = 0
    y = top
    for p in paras:
        for words, last, indent in wrap(p, font, size, col_w, first_indent=14, fixture='two-columns.pdf'):
            if y < bottom:
                col += 1
                y = top if page[0] == 1 else PAGE_H - 70
                if col == 2:
                    c.showPage()
                    page[0] += 1
                    furniture()
                    col = 0
                    y = PAGE_H - 70
            draw_line(c, words, cols[col] + indent, y, col_w - indent, font, size, not last)
            y -= leading
    c.showPage()
    c.save()


def scanned_pdf():
    """A page of text rendered to a greyscale image and wrapped in a PDF: no text layer at all."""
    paras = read_paragraphs('gnb-76-2021.txt')[:3]
    dpi = 100
    w, h = int(PAGE_W / 72 * dpi), int(PAGE_H / 72 * dpi)
    img = Image.new('L', (w, h), 255)
    draw = ImageDraw.Draw(img)
    fnt = ImageFont.truetype('/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf', 15)
    x0, y = 100, 110
    for p in paras:
        line = ''
        for word in p.split():
            trial = (line + ' ' + word).strip()
            if draw.textlength(trial, font=fnt) > w - 2 * x0:
                draw.text((x0, y), line, font=fnt, fill=0)
                y += 22
                line = word
            else:
                line = trial
        draw.text((x0, y), line, font=fnt, fill=0)
        y += 36
    img = img.convert('1')
    buf = io.BytesIO()
    img.save(buf, format='PNG')
    buf.seek(0)
    c = canvas.Canvas(os.path.join(OUT, 'scanned.pdf'), pagesize=A4, invariant=1)
    c.drawImage(ImageReader(buf), 0, 0, PAGE_W, PAGE_H)
    c.showPage()
    c.save()


def corrupt_pdf():
    """The three-page statement cut off after 45 % of its bytes (a broken download)."""
    with open(os.path.join(OUT, 'statement-3-pages.pdf'), 'rb') as f:
        data = f.read()
    with open(os.path.join(OUT, 'truncated.pdf'), 'wb') as f:
        f.write(data[: int(len(data) * 0.45)])


def statement_docx():
    """The CND sample report as a Word file with a title, section headings and body paragraphs."""
    paras = read_paragraphs('cnd-64-intersessional-2021-10.txt')
    doc = Document()
    doc.core_properties.title = 'First intersessional meeting of the 64th session of the CND'
    doc.core_properties.author = 'Verbatim test fixture'
    doc.add_heading('Commission on Narcotic Drugs: first intersessional meeting, 64th session', level=1)
    doc.add_paragraph('UNODC/CND/2021/CRP.1')
    doc.add_paragraph(paras[0])
    doc.add_heading('Links between drug trafficking and organized crime', level=2)
    doc.add_paragraph(paras[1])
    doc.add_heading('Money-laundering arising from drug trafficking', level=2)
    doc.add_paragraph(paras[2])
    doc.add_heading('Cybercrime', level=2)
    doc.add_paragraph(paras[3])
    doc.core_properties.created = __import__('datetime').datetime(2021, 10, 22)
    doc.core_properties.modified = __import__('datetime').datetime(2021, 10, 22)
    doc.save(os.path.join(OUT, 'cnd-report.docx'))


def text_encodings():
    """Small .txt files in UTF-16LE (with BOM) and Windows-1252, for the text decoder's tests."""
    paras = read_paragraphs('ury-76-2021.txt')[:2]
    text = '\r\n\r\n'.join(paras) + '\r\n'
    with open(os.path.join(OUT, 'utf16le-bom.txt'), 'wb') as f:
        f.write(b'\xff\xfe' + text.encode('utf-16-le'))
    paras = read_paragraphs('ury-76-2021.txt')[5:7]
    text = '\r\n\r\n'.join(paras) + '\r\n'
    with open(os.path.join(OUT, 'windows-1252.txt'), 'wb') as f:
        f.write(text.encode('cp1252'))


def saved_html():
    """A news-site page as a browser saves it: navigation, a script, a cookie banner, a footer,
    canonical and Open Graph metadata around the statement. Plus a small Windows-1252 page that
    declares its charset only in a <meta> tag."""
    paras = read_paragraphs('rwa-76-2021.txt')
    salutations = [p.lstrip('\u2022').strip() for p in paras if p.startswith('\u2022')]
    body = [p for p in paras if not p.startswith('\u2022')]
    half = len(body) // 2
    esc = lambda t: t.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')
    ps = lambda items: '\n'.join(f'      <p>{esc(p)}</p>' for p in items)
    page = f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Rwanda at the General Debate, 76th session | UN News Digest</title>
  <meta property="og:title" content="Statement by President Paul Kagame at the General Debate of the 76th session">
  <meta property="og:url" content="https://news.example.org/2021/09/rwanda-general-debate?utm_source=feed">
  <meta property="article:published_time" content="2021-09-22T14:30:00Z">
  <link rel="canonical" href="https://news.example.org/2021/09/rwanda-general-debate">
  <link rel="stylesheet" href="site.css">
  <script>window.dataLayer = window.dataLayer || []; function gtag(){{dataLayer.push(arguments);}} gtag('js', new Date()); var trackingNotice = 'TRACKING-SCRIPT-TEXT';</script>
</head>
<body>
  <header class="site-header">
    <a class="logo" href="/">UN News Digest</a>
    <nav class="main-nav">
      <ul>
        <li><a href="/">Home</a></li>
        <li><a href="/topics/peace">Peace and Security</a></li>
        <li><a href="/topics/climate">Climate Change</a></li>
        <li><a href="/topics/health">Global Health</a></li>
        <li><a href="/subscribe">Subscribe to our newsletter</a></li>
      </ul>
    </nav>
  </header>
  <div class="cookie-banner">We use cookies to improve your experience. <button>Accept all cookies</button></div>
  <main>
    <article>
      <h1>Statement by H.E. Paul Kagame, President of the Republic of Rwanda</h1>
      <p class="byline">General Assembly, A/76/PV.4 · <time datetime="2021-09-22">22 September 2021</time></p>
      <h2>Salutations</h2>
      <ul>
{chr(10).join(f'        <li>{esc(s)}</li>' for s in salutations)}
      </ul>
      <h2>The pandemic and global solidarity</h2>
{ps(body[:half])}
      <h2>Climate, youth and the road ahead</h2>
{ps(body[half:])}
    </article>
  </main>
  <aside class="related">
    <h3>Related stories</h3>
    <ul>
      <li><a href="/2021/09/covax">COVAX ships its billionth dose</a></li>
      <li><a href="/2021/09/cop26">What to expect from COP26</a></li>
    </ul>
  </aside>
  <footer class="site-footer">
    <p>© 2021 UN News Digest. All rights reserved. Privacy policy · Terms of use · Contact the editors</p>
  </footer>
  <script src="analytics.js"></script>
  <script>document.querySelectorAll('a').forEach(a => a.dataset.track = 'SECOND-SCRIPT-TEXT');</script>
</body>
</html>
"""
    with open(os.path.join(OUT, 'saved-page.html'), 'w', encoding='utf-8', newline='\n') as f:
        f.write(page)

    gnb = read_paragraphs('gnb-76-2021.txt')[:2]
    legacy = f"""<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">
<title>Guinea-Bissau \u2013 General Debate 2021</title>
</head>
<body>
<h1>Statement by Guinea-Bissau</h1>
{chr(10).join(f'<p>{esc(p)}</p>' for p in gnb)}
<p>Translated \u201cunofficially\u201d \u2014 the delegation\u2019s own text prevails. Bissau, caf\u00e9 \u00e0 la une.</p>
</body>
</html>
"""
    with open(os.path.join(OUT, 'windows-1252.html'), 'wb') as f:
        f.write(legacy.encode('cp1252'))


if __name__ == '__main__':
    statement_pdf()
    two_column_pdf()
    scanned_pdf()
    corrupt_pdf()
    statement_docx()
    text_encodings()
    saved_html()
    for fixture, word in BREAKS:
        print(f'{fixture}: line broken inside "{word}"')
