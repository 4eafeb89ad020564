/**
 * Turns the UN General Debate Corpus (tarball + speakers.csv) into a Verbatim library folder:
 * `<out>/<year>/<ISO>_<session>_<year>.txt` plus one manifest.csv per year folder.
 *
 *   npm run import-ungdc -- <out-dir> [--corpus DIR] [--from-unpacked DIR]
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { countryNameOn, normalizeCountry } from '../src/ingest/country.ts';

const HELP = `Usage: npm run import-ungdc -- <out-dir> [--corpus DIR] [--from-unpacked DIR]

Builds a library folder from the UN General Debate Corpus (1946–2024):
  <out-dir>/<year>/<ISO>_<session>_<year>.txt   one speech per file (text as in the corpus)
  <out-dir>/<year>/manifest.csv                 title, meeting, session, date, speaker, post,
                                                country, language for each speech

Options:
  --corpus DIR          folder holding ungdc-1946-2024.tar.xz and speakers.csv
                        (default: ../shared/corpora/ungdc next to the project)
  --from-unpacked DIR   use an already unpacked corpus (the folder holding TXT/) instead of
                        extracting the tarball into <out-dir>/.raw
  -h, --help            this text

The country code comes from the file name (speakers.csv has a few wrong codes); the country's
name is the one most speakers.csv rows give that code. Re-running rewrites the same files.`;

interface Args {
  out: string;
  corpus: string;
  unpacked?: string;
}

function parseArgs(argv: string[]): Args | string {
  let out: string | undefined;
  let corpus = path.resolve(import.meta.dirname, '../../shared/corpora/ungdc');
  let unpacked: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-h' || a === '--help') return 'help';
    if (a === '--corpus' || a === '--from-unpacked') {
      const v = argv[++i];
      if (!v) return `${a} needs a folder`;
      if (a === '--corpus') corpus = path.resolve(v);
      else unpacked = path.resolve(v);
    } else if (a?.startsWith('-')) return `unknown option ${a}`;
    else if (out === undefined && a) out = path.resolve(a);
    else return `unexpected argument ${a}`;
  }
  if (!out) return 'missing <out-dir>';
  return unpacked ? { out, corpus, unpacked } : { out, corpus };
}

const ORDINAL = (n: number): string => {
  const s = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${s}`;
};

function csvCell(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

interface SpeakerRow {
  speaker: string;
  post: string;
}

function main(): number {
  const args = parseArgs(process.argv.slice(2));
  if (args === 'help') {
    console.log(HELP);
    return 0;
  }
  if (typeof args === 'string') {
    console.error(`import-ungdc: ${args}\n\n${HELP}`);
    return 1;
  }
  const speakersPath = path.join(args.corpus, 'speakers.csv');
  if (!existsSync(speakersPath)) {
    console.error(`import-ungdc: ${speakersPath} not found (use --corpus DIR)`);
    return 1;
  }

  let txtRoot: string;
  if (args.unpacked) {
    txtRoot = existsSync(path.join(args.unpacked, 'TXT')) ? path.join(args.unpacked, 'TXT') : args.unpacked;
  } else {
    const raw = path.join(args.out, '.raw');
    txtRoot = path.join(raw, 'TXT');
    if (!existsSync(path.join(raw, '.done'))) {
      const tarball = path.join(args.corpus, 'ungdc-1946-2024.tar.xz');
      if (!existsSync(tarball)) {
        console.error(`import-ungdc: ${tarball} not found (use --corpus DIR or --from-unpacked DIR)`);
        return 1;
      }
      mkdirSync(raw, { recursive: true });
      console.log(`Extracting ${tarball} …`);
      execFileSync('tar', ['-xJf', tarball, '-C', raw], { stdio: 'inherit' });
      writeFileSync(path.join(raw, '.done'), new Date().toISOString());
    }
  }
  if (!existsSync(txtRoot)) {
    console.error(`import-ungdc: no TXT folder at ${txtRoot}`);
    return 1;
  }

  // speakers.csv: Year,Session,ISO Code,Country,Name of Person Speaking,Post
  const rows = parseCsv(readFileSync(speakersPath), { bom: true, relax_column_count: true, skip_empty_lines: true }) as string[][];
  const speakers = new Map<string, SpeakerRow>();
  const byNameKey = new Map<string, SpeakerRow>();
  const namesByCode = new Map<string, Map<string, number>>();
  for (const r of rows.slice(1)) {
    const [year, , code, country, speaker, post] = r.map((c) => (c ?? '').replace(/\s+/g, ' ').trim());
    if (!year || !code) continue;
    const entry = { speaker: speaker ?? '', post: post ?? '' };
    speakers.set(`${code}_${year}`, entry);
    // The row's country name gives a second key, for rows whose code is wrong.
    const byName = country ? normalizeCountry(country) : undefined;
    if (byName && !byNameKey.has(`${byName.code}_${year}`)) byNameKey.set(`${byName.code}_${year}`, entry);
    if (country) {
      const counts = namesByCode.get(code) ?? new Map<string, number>();
      counts.set(country, (counts.get(country) ?? 0) + 1);
      namesByCode.set(code, counts);
    }
  }
  const countryName = (code: string): string => {
    const known = normalizeCountry(code);
    if (known && known.code === code) return known.name;
    const counts = [...(namesByCode.get(code) ?? new Map<string, number>())].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    return counts[0]?.[0] ?? code;
  };

  const header = 'file,title,date,meeting,session,speaker,post,country,language,url';
  let speeches = 0;
  let noSpeaker = 0;
  let ignored = 0;
  const years = new Set<string>();
  for (const folder of readdirSync(txtRoot).sort()) {
    const fm = /^Session (\d+) - (\d{4})$/.exec(folder);
    if (!fm) continue;
    const session = String(Number(fm[1]));
    const year = fm[2] ?? '';
    const lines = [header];
    const outDir = path.join(args.out, year);
    mkdirSync(outDir, { recursive: true });
    for (const file of readdirSync(path.join(txtRoot, folder)).sort()) {
      const m = /^([A-Z]{2,3})_(\d+)_(\d{4})\.txt$/.exec(file);
      if (!m || file.startsWith('.')) {
        ignored++;
        continue;
      }
      const code = m[1] ?? '';
      const name = countryName(code);
      // speakers.csv codes some rows wrongly: the row under this file's code, else the row whose
      // country name means this code.
      const sp = speakers.get(`${code}_${year}`) ?? byNameKey.get(`${code}_${year}`);
      if (!sp) {
        noSpeaker++;
        if (process.env.UNGDC_DEBUG) console.log(`  no speakers.csv row for ${file}`);
      }
      const text = readFileSync(path.join(txtRoot, folder, file));
      writeFileSync(path.join(outDir, file), text);
      // the name the country spoke under that year (the USSR's speeches are filed under RUS)
      const title = `${countryNameOn(code, name, year)} — General Debate, ${ORDINAL(Number(session))} session (${year})`;
      lines.push(
        [file, title, year, 'UN General Assembly, General Debate', session, sp?.speaker ?? '', sp?.post ?? '', code, 'en', ''].map(csvCell).join(','),
      );
      speeches++;
    }
    writeFileSync(path.join(outDir, 'manifest.csv'), `${lines.join('\n')}\n`);
    years.add(year);
  }
  console.log(`Imported ${speeches} speeches into ${years.size} year folders under ${args.out}`);
  console.log(`  ${noSpeaker} without a speakers.csv row (speaker/post left empty), ${ignored} other files ignored`);
  return 0;
}

process.exitCode = main();
