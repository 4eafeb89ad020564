/**
 * The command line as a newcomer and a script use it: real processes over the bundled library.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
let tmp: string;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** The entry point behind each npm script. */
const CLI = { search: 'src/cli/search.ts', index: 'src/cli/index-library.ts', trend: 'src/cli/trend.ts' } as const;

function run(script: keyof typeof CLI, args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      TSX,
      [path.join(ROOT, CLI[script]), ...args],
      { cwd: ROOT, env: { ...process.env, INDEX_CACHE: path.join(tmp, 'cache.bin'), ...env }, timeout: 60_000 },
      (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

beforeAll(() => {
  tmp = mkdtempSync(path.join(tmpdir(), 'verbatim-cli-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('npm run search', () => {
  it('finds the Pakistan passage of the sample first, with its source line', async () => {
    const r = await run('search', ['heroin smuggled Afghanistan']);
    expect(r.code).toBe(0);
    const first = r.stdout.split('\n\n')[1] ?? '';
    expect(first).toContain('Center for Governance Research (CGR) from Pakistan');
    expect(first).toContain('**heroin** was **smuggled** from **Afghanistan**');
    expect(first).toMatch(/Commission on Narcotic Drugs.*19 October 2021 · ¶ 2/);
  });

  it('prints the documented JSON shape, every source key present', async () => {
    const r = await run('search', ['coca cultivation', '--year', '2021', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { query: string; total: number; hits: Array<Record<string, unknown>> };
    expect(out.query).toBe('coca cultivation');
    expect(out.total).toBeGreaterThan(0);
    const hit = out.hits[0]!;
    expect(Object.keys(hit).sort()).toEqual(['copies', 'excerpt', 'id', 'marks', 'score', 'source', 'text']);
    const source = hit['source'] as Record<string, unknown>;
    for (const key of [
      'document',
      'title',
      'date',
      'speaker',
      'post',
      'organisation',
      'country',
      'countryName',
      'meeting',
      'session',
      'paragraph',
      'printedParagraph',
      'page',
      'pageEnd',
      'url',
    ]) {
      expect(source).toHaveProperty(key);
    }
    expect(String(hit['text'])).toContain('coca cultivation has increased by 97.4%');
  });

  it('warns once on stderr when the cache cannot be written, and still answers', async () => {
    const blocker = path.join(tmp, 'not-a-folder');
    writeFileSync(blocker, 'a file where the cache folder should be');
    const r = await run('search', ['coca cultivation', '--json'], { INDEX_CACHE: path.join(blocker, 'cache.bin') });
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { total: number }).total).toBeGreaterThan(0);
    expect(r.stderr.match(/could not save the index cache/g)).toHaveLength(1);
    expect(r.stderr).toContain('every run rebuilds the index until --cache or INDEX_CACHE names a writable place');
  });

  it('answers a batch one JSON line per query, with tookMs, and reports a bad line without stopping', async () => {
    const batch = path.join(tmp, 'batch.jsonl');
    writeFileSync(
      batch,
      [
        JSON.stringify({ id: 'a', query: 'money laundering Balkan route' }),
        'not json',
        'null',
        '[1]',
        JSON.stringify({ id: 'b', query: 'cybercrime', filters: { from: '2021-10-21', to: '2021-10-21' } }),
        JSON.stringify({ id: 'c', query: 'coca "organized crime' }),
        JSON.stringify({ id: 'd', query: 'coca year:21' }),
      ].join('\n'),
    );
    const r = await run('search', ['--batch', batch, '--json', '--limit', '3']);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(7);
    expect(lines[0]!['id']).toBe('a');
    expect(typeof lines[0]!['tookMs']).toBe('number');
    expect(JSON.stringify(lines[0]!['hits'])).toContain('Balkan route');
    expect(lines[1]!['error']).toMatch(/not valid JSON/);
    expect(lines[2]).toEqual({ line: 3, error: expect.stringMatching(/not a query/) });
    expect(lines[3]).toEqual({ line: 4, error: expect.stringMatching(/not a query/) });
    expect(lines[4]!['total']).toBe(1);
    expect(lines[5]!['notices']).toEqual([
      'The quote after “coca” is never closed: read as the phrase “organized crime”, up to the end of the query.',
    ]);
    expect(lines[5]!['error']).toBeUndefined();
    expect(lines[6]!['error']).toMatch(/not a year/);
    expect(r.code).toBe(1);
  });

  it('takes several values per filter (repeated flags, commas, batch arrays), -values and session ranges', async () => {
    const lib = path.join(ROOT, 'test/fixtures/ungdc-query');
    const cache = ['--data', lib, '--cache', path.join(tmp, 'ungdc-query.bin')];
    type Out = { total: number; hits: Array<{ source: { country: string; session: string } }> };
    const one = await run('search', ['peace', ...cache, '--country', 'COL', '--country', 'MEX', '--session', '70-76', '--json', '--limit', '100']);
    expect(one.code).toBe(0);
    const out = JSON.parse(one.stdout) as Out;
    expect(out.total).toBeGreaterThan(0);
    expect(out.hits).toHaveLength(out.total);
    for (const h of out.hits) {
      expect(['COL', 'MEX']).toContain(h.source.country);
      expect(Number(h.source.session)).toBeGreaterThanOrEqual(70);
      expect(Number(h.source.session)).toBeLessThanOrEqual(76);
    }
    const batch = path.join(tmp, 'multi.jsonl');
    writeFileSync(
      batch,
      [
        JSON.stringify({ id: 'arrays', query: 'peace', filters: { country: ['COL', 'Mexico'], session: '70-76' } }),
        JSON.stringify({ id: 'not', query: 'peace', filters: { country: '-USA' } }),
        JSON.stringify({ id: 'all', query: 'peace' }),
        JSON.stringify({ id: 'bad', query: 'peace', filters: { colour: 'red' } }),
      ].join('\n'),
    );
    const b = await run('search', ['--batch', batch, ...cache, '--json', '--limit', '100']);
    const lines = Object.fromEntries(
      b.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Out & { id: string; error?: string })
        .map((l) => [l.id, l]),
    );
    expect(lines['arrays']!.total).toBe(out.total);
    const usa = lines['all']!.hits.filter((h) => h.source.country === 'USA').length;
    expect(usa).toBeGreaterThan(0);
    expect(lines['not']!.total).toBe(lines['all']!.total - usa);
    expect(lines['not']!.hits.some((h) => h.source.country === 'USA')).toBe(false);
    expect(lines['bad']!.error).toMatch(/“colour” is not a filter/);
    // nothing in sessions 70-74 says "pandemic": the help names the part of --session to drop
    const none = await run('search', ['pandemic', ...cache, '--session=70-76,-75']);
    expect(none.code).toBe(0);
    expect(none.stdout).toMatch(/No passages match/);
    expect(none.stdout).toMatch(/Without -75 in --session: \d+ passages?\./);
  });

  it('says in one sentence which filter finds nothing, for filters alone typed or given as flags', async () => {
    // before: "No passages match “speaker:Arafat”." (and in the bot, advice on words the query does not have)
    const typed = await run('search', ['speaker:Arafat']);
    expect(typed.code).toBe(0);
    expect(typed.stdout).toBe('No passages from speaker “Arafat” in this library.\n');
    const flags = await run('search', ['--year', '2030', '--country', 'Serbia']);
    expect(flags.stdout).toBe('No passages dated 2030 in this library: its documents are all from 2021.\n');
    // each filter finds passages, but not together: which to drop, as for words
    const together = await run('search', ['country:PAK', 'org:Fundacion']);
    expect(together.stdout).toBe(
      'No passages match “country:PAK org:Fundacion”.\nWithout “country:PAK”: 1 passage.\nWithout “org:Fundacion”: 1 passage.\n',
    );
  });

  it('says what to fix for a bad query or flag, with exit code 1 and no stack trace', async () => {
    const lenient = await run('search', ['heroin "smuggled']);
    expect(lenient.code).toBe(0);
    expect(lenient.stdout).toContain('Note: The quote after “heroin” is never closed: read as the phrase “smuggled”, up to the end of the query.');
    const q = await run('search', ['coca year:twenty']);
    expect(q.code).toBe(1);
    expect(q.stderr).toMatch(/not a year/);
    expect(q.stderr).not.toMatch(/\bat .*\.ts:\d+/);
    const f = await run('search', ['heroin', '--limit', 'lots']);
    expect(f.code).toBe(1);
    expect(f.stderr).toMatch(/--limit takes a whole number/);
  });

  it('refuses a session that is no session number, range or session of the library, as the bot does (exit 1)', async () => {
    // before: "No passages match “coca session:abc”." and exit 0, where the bot refused with this message
    const message =
      '“session:abc” is not a session — write a session number or range, such as session:76 or session:70-76 (the library holds session 64).';
    for (const args of [['coca session:abc'], ['coca', '--session', 'abc'], ['coca', '--session', '64,abc', '--json'], ['--session', 'abc']]) {
      const r = await run('search', args);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim()).toBe(message);
    }
    const trend = await run('trend', ['coca session:abc', '--out', path.join(tmp, 'abc.png')]);
    expect(trend.code).toBe(1);
    expect(trend.stderr.trim()).toBe(message);
    // numbers, ordinals and ranges are sessions, whether or not the library holds them
    for (const query of ['coca session:64', 'coca session:64th', 'coca session:60-70', 'coca session:99']) {
      const r = await run('search', [query]);
      expect(r.code).toBe(0);
      expect(r.stderr).not.toMatch(/is not a session/);
    }
  });

  it('names an unknown or incomplete option in one line pointing to --help, in every command', async () => {
    // before: Unknown option '--bogus'. To specify a positional argument starting with a '-', place it at the end of the command after '--', as in '-- "--bogus"
    for (const [script, args, line] of [
      ['search', ['heroin', '--bogus'], 'Unknown option --bogus: see --help for the options.'],
      ['search', ['heroin', '--bogus=3'], 'Unknown option --bogus: see --help for the options.'],
      ['search', ['heroin', '--limit'], '--limit needs a value: see --help.'],
      ['search', ['heroin', '--json=yes'], '--json takes no value: see --help.'],
      ['trend', ['heroin', '--bogus'], 'Unknown option --bogus: see --help for the options.'],
      ['index', ['--bogus'], 'Unknown option --bogus: see --help for the options.'],
      ['index', ['heroin'], 'Unexpected argument “heroin”: this command takes options only (see --help).'],
      ['index', ["don't"], "Unexpected argument “don't”: this command takes options only (see --help)."],
      ['search', ['heroin', "--it's"], "Unknown option --it's: see --help for the options."],
      // a value opening with a dash needs "=": the message says how, not that the option takes none
      ['search', ['heroin', '--country', '-USA'], '--country needs a value (one starting with a dash is written --country=-USA): see --help.'],
      ['search', ['heroin', '--country', '--json'], '--country needs a value (one starting with a dash is written --country=-USA): see --help.'],
    ] as const) {
      const r = await run(script, [...args]);
      expect(r.code, `${script} ${args.join(' ')}`).toBe(1);
      expect(r.stderr, `${script} ${args.join(' ')}`).toBe(`${line}\n`);
    }
  });

  it('reads a query that opens with a dash as the query, not as an unknown option', async () => {
    // before: "Unknown option '-c'", a letter the user never typed, unless they put "--" first
    const leaveOut = await run('search', ['-cannabis heroin', '--json']);
    expect(leaveOut.code).toBe(0);
    const out = JSON.parse(leaveOut.stdout) as { query: string; total: number; hits: Array<{ text: string }> };
    expect(out.query).toBe('-cannabis heroin');
    expect(out.total).toBeGreaterThan(0);
    expect(out.hits.every((h) => !/cannabis/i.test(h.text))).toBe(true);
    const filter = await run('search', ['-country:PAK', 'drugs', '--json']);
    expect(filter.code).toBe(0);
    const hits = (JSON.parse(filter.stdout) as { hits: Array<{ source: { country?: string } }> }).hits;
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((h) => h.source.country !== 'PAK')).toBe(true);
    // an offset past the last hit says so (it printed "31–30 of 8")
    const past = await run('search', ['heroin', '--offset', '50']);
    expect(past.code).toBe(0);
    expect(past.stdout).toMatch(/^No passages from number 51 on: 1 passage for “heroin”/m);
    // -h is still help
    expect((await run('search', ['-h'])).stdout).toContain('Usage:');
  });

  it('names a phrase query in curly quotes in the results line, not quoted twice', async () => {
    // before: 1–1 of 1 passage for “"coca cultivation"”, then for "coca cultivation" (straight quotes)
    const phrase = await run('search', ['"coca cultivation"']);
    expect(phrase.code).toBe(0);
    expect(phrase.stdout).toMatch(/^1–\d+ of \d+ passages? for “coca cultivation” \(/m);
    const words = await run('search', ['coca cultivation']);
    expect(words.stdout).toMatch(/^1–\d+ of \d+ passages? for “coca cultivation” \(/m);
  });

  it('takes a document by its UN symbol or title words in --document and doc:, and names the documents a value names when several', async () => {
    // before: "No document “A/RES/55/2” in the library" (only the id A_RES_55_2 was taken)
    const lib = path.join(tmp, 'un');
    mkdirSync(lib);
    for (const f of ['A_RES_55_2.pdf', 'E_RES_2023_1-EN.xml', 'E_RES_2023_1-FR.xml']) {
      copyFileSync(path.join(ROOT, 'test/fixtures/un-documents', f), path.join(lib, f));
    }
    const data = ['--data', lib, '--cache', path.join(tmp, 'un.bin')];
    const documentsOf = (r: Run): string[] => [
      ...new Set((JSON.parse(r.stdout) as { hits: Array<{ source: { document: string } }> }).hits.map((h) => h.source.document)),
    ];
    const flag = await run('search', ['session', '--document', 'A/RES/55/2', '--json', ...data]);
    expect(flag.stderr).toBe('');
    expect(documentsOf(flag)).toEqual(['A_RES_55_2']);
    const inline = await run('search', ['session doc:a/res/55/2', '--json', ...data]);
    expect(documentsOf(inline)).toEqual(['A_RES_55_2']);
    const title = await run('search', ['session', '--document', 'Millennium Declaration', '--json', ...data]);
    expect(documentsOf(title)).toEqual(['A_RES_55_2']);
    const several = await run('search', ['session', '--document', 'E/RES/2023/1', ...data]);
    expect(several.code).toBe(1);
    expect(several.stderr).toContain(
      '“E/RES/2023/1” names 2 documents: E_RES_2023_1-EN (Working arrangements for the 2023 session of the Economic a…), E_RES_2023_1-FR (Organisation des travaux de la session de 2023 du Conseil é…) — pick one (symbol:E/RES/2023/1 finds them all).',
    );
  });

  it('exits 2 when nothing could be indexed, naming the files and reasons', async () => {
    const lib = path.join(tmp, 'broken');
    mkdirSync(lib);
    writeFileSync(path.join(lib, 'empty.txt'), '');
    writeFileSync(path.join(lib, 'binary.txt'), Buffer.from([0, 1, 2, 0, 255, 0, 3]));
    const r = await run('search', ['heroin', '--data', lib, '--cache', path.join(tmp, 'broken.bin')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Nothing could be indexed');
    expect(r.stderr).toContain('empty.txt');
    expect(r.stderr).toContain('binary.txt');
  });
});

describe('replies that say why (QA21 F11)', () => {
  it('names the sessions and dates the library holds when a filter finds nothing in it, with words too, in search and trends', async () => {
    // before: "No passages match “coca session:999”." and "Without “session:999”: …", naming no session
    const session = await run('search', ['coca session:999']);
    expect(session.code).toBe(0);
    expect(session.stdout).toMatch(
      /^No passages match “coca session:999”\.\nNo passages from session 999 in this library: its only session is 64\.\nWithout “session:999”: \d+ passages?\.\n$/,
    );
    // before: "No passages match “coca” with these filters; no chart written." alone
    const trend = await run('trend', ['coca', '--from', '2030', '--out', path.join(tmp, 'none.png')]);
    expect(trend.code).toBe(0);
    expect(trend.stdout).toBe(
      'No passages match “coca” with these filters; no chart written.\nNo passages dated from 2030 on in this library: its documents are all from 2021.\n',
    );
  });

  it('says an unclosed quote after a filter name is read as that filter’s value, as the next sentence reads it', async () => {
    // before: "read as the phrase “coca”", then "No passages from speaker “coca” …"
    const r = await run('search', ['speaker:" coca']);
    expect(r.stdout).toBe(
      'Note: The quote after “speaker:” is never closed: read as speaker “coca”, up to the end of the query.\nNo passages from speaker “coca” in this library.\n',
    );
  });

  it('gives a batch line or a JSON search that finds nothing the reason the text output gives', async () => {
    const batch = path.join(tmp, 'why.jsonl');
    writeFileSync(batch, [JSON.stringify({ filters: { year: '2030' }, query: 'coca' }), JSON.stringify({ query: 'year:2030' })].join('\n'));
    const r = await run('search', ['--batch', batch, '--json']);
    const [words, alone] = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    // before: {"total":0,"hits":[]} and no reason
    expect(words!['noHits']).toEqual([
      'No passages dated 2030 in this library: its documents are all from 2021.',
      expect.stringMatching(/^Without --year: \d+ passages?\.$/),
    ]);
    expect(alone!['noHits']).toEqual(['No passages dated 2030 in this library: its documents are all from 2021.']);
    const one = JSON.parse((await run('search', ['coca session:999', '--json'])).stdout) as Record<string, unknown>;
    expect(one['noHits']).toEqual([
      'No passages from session 999 in this library: its only session is 64.',
      expect.stringMatching(/^Without “session:999”: \d+ passages?\.$/),
    ]);
    const found = JSON.parse((await run('search', ['coca', '--json'])).stdout) as Record<string, unknown>;
    expect(found['noHits']).toBeUndefined();
  });

  it('only the matched words read as bold: the Markdown emphasis a text holds is gone (QA22 F6)', async () => {
    // RUS_79_2024 writes "In **2015**, the **UN Sustainable Development Summit** adopted …" (72 UNGDC texts hold "**");
    // the file's marks were escaped ("In \\*\\*2015\\*\\*"), and since QA22 F6 they are taken out when the file is read
    const lib = path.join(ROOT, 'test/fixtures/ungdc-page-heads');
    const r = await run('search', [
      'ambitious plans to combat poverty and inequality',
      '--limit',
      '1',
      '--data',
      lib,
      '--cache',
      path.join(tmp, 'heads.bin'),
    ]);
    const excerpt = r.stdout.split('\n').find((l) => l.includes('Sustainable Development Summit'))!;
    // before: "In **2015**, the **UN Sustainable Development Summit** adopted **ambitious** …", none of those matched
    expect(excerpt).toContain('In 2015, the UN Sustainable Development Summit adopted **ambitious** **plans**');
  });
});

describe('npm run index', () => {
  it('reports documents, passages and skipped files with reasons, and reuses the cache next time', async () => {
    const lib = path.join(tmp, 'mixed');
    mkdirSync(lib);
    copyFileSync(path.join(ROOT, 'data/cnd-64-intersessional-2021-10.txt'), path.join(lib, 'cnd.txt'));
    writeFileSync(path.join(lib, 'broken.md'), '---\ntitle: [unclosed\n---\nSome text about drugs.\n');
    const cache = path.join(tmp, 'mixed.bin');
    const first = await run('index', ['--data', lib, '--cache', cache, '--json']);
    expect(first.code).toBe(0);
    const report = JSON.parse(first.stdout) as {
      documents: number;
      passages: number;
      fromCache: boolean;
      skipped: Array<{ path: string; reason: string }>;
    };
    expect(report.documents).toBe(1);
    expect(report.passages).toBeGreaterThanOrEqual(4);
    expect(report.fromCache).toBe(false);
    expect(report.skipped.map((s) => s.path)).toEqual(['broken.md']);
    const second = await run('index', ['--data', lib, '--cache', cache, '--json']);
    expect((JSON.parse(second.stdout) as { fromCache: boolean }).fromCache).toBe(true);
  });

  it('writes each count with its noun, one in the singular (before: “1 documents”, “1 file(s) skipped”, “1 of 1 hits written”)', async () => {
    const lib = path.join(tmp, 'one-of-each');
    mkdirSync(lib);
    copyFileSync(path.join(ROOT, 'data/cnd-64-intersessional-2021-10.txt'), path.join(lib, 'cnd.txt'));
    copyFileSync(path.join(ROOT, 'data/cnd-64-intersessional-2021-10.txt.meta.json'), path.join(lib, 'cnd.txt.meta.json'));
    writeFileSync(path.join(lib, 'broken.md'), '---\ntitle: [unclosed\n---\nSome text about drugs.\n');
    const cache = path.join(tmp, 'one-of-each.bin');
    const index = await run('index', ['--data', lib, '--cache', cache]);
    expect(index.code).toBe(0);
    expect(index.stdout).toMatch(/^1 document, \d+ passages \(indexed in \d+ ms\)$/m);
    expect(index.stdout).toMatch(/^1 file skipped:$/m);
    const search = await run('search', ['coca session:64', '--data', lib, '--cache', cache]);
    expect(search.stderr).toMatch(/^1 file skipped \(npm run index/m);
    expect(search.stdout).toMatch(/^1–1 of 1 passage for “coca session:64” \(/m);
    const out = path.join(tmp, 'one.csv');
    const csv = await run('search', ['coca session:64', '--csv', '--out', out, '--data', lib, '--cache', cache]);
    expect(csv.stderr).toMatch(/^1 of 1 hit written to /m);
    const batch = path.join(tmp, 'one-bad.jsonl');
    writeFileSync(batch, '{"id":"a","query":"coca"}\nnot json\n');
    const b = await run('search', ['--batch', batch, '--json', '--data', lib, '--cache', cache]);
    expect(b.code).toBe(1);
    expect(b.stderr).toMatch(/^1 batch line could not be run/m);
  });

  it('runs an IR collection in BEIR form as it is: documents and queries by their "_id", queries by their "text"; its queries file is not indexed', async () => {
    const lib = path.join(tmp, 'beir');
    mkdirSync(lib);
    writeFileSync(
      path.join(lib, 'corpus.jsonl'),
      [
        {
          _id: 'd1',
          title: 'Boundary layer transition',
          text: 'Transition of the laminar boundary layer on swept wings at high speed.',
          metadata: {},
        },
        { _id: 'd2', title: 'Heat transfer', text: 'Heat transfer to a blunt body in hypersonic flow.', metadata: {} },
      ]
        .map((d) => JSON.stringify(d))
        .join('\n'),
    );
    // laid out as BEIR lays a collection out: the queries beside the corpus (indexed, each was its own first hit)
    const queries = path.join(lib, 'queries.jsonl');
    writeFileSync(
      queries,
      [JSON.stringify({ _id: 'q7', text: 'hypersonic heat transfer' }), JSON.stringify({ id: 8, text: 'swept wings' })].join('\n'),
    );
    const cache = path.join(tmp, 'beir.bin');
    const b = await run('search', ['--batch', queries, '--json', '--data', lib, '--cache', cache]);
    expect(b.code).toBe(0);
    const lines = b.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: unknown; hits: Array<{ source: { document: string } }> });
    expect(lines.map((l) => [l.id, l.hits[0]?.source.document])).toEqual([
      ['q7', 'd2'],
      [8, 'd1'],
    ]);
    expect(b.stderr).not.toMatch(/not text/);
  });
});
