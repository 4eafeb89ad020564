/** The command line of a bench script: its options plus -h/--help, which prints the help and exits. */
import { parseArgs, type ParseArgsConfig } from 'node:util';

const HELP_OPTION = { help: { type: 'boolean', short: 'h', default: false } } as const;

/** Parses process.argv by `options`; on -h/--help prints `help` and exits 0. */
export function benchArgs<O extends NonNullable<ParseArgsConfig['options']>>(help: string, options: O) {
  const { values } = parseArgs<{ options: O & typeof HELP_OPTION }>({ options: { ...options, ...HELP_OPTION } });
  if ((values as { help?: boolean }).help) {
    process.stdout.write(help + '\n');
    process.exit(0);
  }
  return values;
}
