// Command-line parsing for the project's scripts (`npm run token -- …`, `npm run demo -- …`):
// `--help` prints the usage and exits 0; a mistake (unknown option, missing value) is one
// line on stderr and exit 2, never a stack trace.
import { performance } from 'node:perf_hooks';
import { type ParseArgsConfig, parseArgs } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parses `args` strictly; `usage` is printed for --help (exit 0) and named after an error (exit 2). */
export function parseCommandLine<const O extends Options>(usage: string, options: O, args: string[] = process.argv.slice(2)) {
  let values: Record<string, unknown>;
  try {
    values = parseArgs({ args, options: { ...options, help: { type: 'boolean', short: 'h' } }, strict: true, allowPositionals: false }).values;
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error), usage);
  }
  if (values.help) {
    console.log(usage.trim());
    process.exit(0);
  }
  return values as ReturnType<typeof parseArgs<{ options: O; strict: true; allowPositionals: false }>>['values'];
}

/** One line on stderr, a pointer to --help, exit 2. */
export function fail(message: string, usage: string): never {
  const command = /^\s*(?:usage:\s*)?(.+?)(?:\s+\[|$)/im.exec(usage)?.[1] ?? 'the command';
  console.error(`${message.split('\n')[0]} (see: ${command} --help)`);
  process.exit(2);
}

/** A whole number ≥ min from an option's text, or a usage error naming the option. */
export function integerOption(name: string, value: string | undefined, usage: string, min = 1): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < min) fail(`--${name} must be a whole number of at least ${min}, not "${value}"`, usage);
  return number;
}

/**
 * Progress of a demo-data load on stderr: one line redrawn in place on a terminal, a line every
 * few seconds in a log (a load of minutes must never look like a hang).
 */
export function seedProgress(name: string, stream: NodeJS.WriteStream = process.stderr) {
  const started = performance.now();
  let lastLine = 0;
  return (done: number, total: number) => {
    const seconds = (performance.now() - started) / 1000;
    if (!stream.isTTY && done < total && seconds - lastLine < 5) return;
    lastLine = seconds;
    const rate = done / Math.max(seconds, 0.001);
    const eta = done < total ? `  about ${Math.ceil((total - done) / Math.max(rate, 1))} s left` : '';
    const line = `  ${name.padEnd(18)} ${((100 * done) / total).toFixed(0).padStart(3)}%  ${done}/${total} persons  ${Math.round(rate)}/s${eta}`;
    stream.write(stream.isTTY ? `\r\x1b[K${line}${done >= total ? '\n' : ''}` : `${line}\n`);
  };
}

/**
 * `{ seeded: true, persons: 2000, households: 700 }` → `persons 2000, households 700`; a nested
 * count per kind (monitoring's rows per feed) shows its total first:
 * `{ rows: { visits: 40, deaths: 3 } }` → `rows 43 (visits 40, deaths 3)`.
 */
export function describeCounts(result: unknown): string {
  if (!result || typeof result !== 'object') return '';
  return Object.entries(result)
    .flatMap(([key, value]) => {
      if (key === 'seeded') return [];
      if (typeof value === 'number') return [`${key} ${value}`];
      const parts = value && typeof value === 'object' ? Object.entries(value).filter((entry): entry is [string, number] => typeof entry[1] === 'number') : [];
      if (!parts.length) return [];
      return [`${key} ${parts.reduce((sum, [, count]) => sum + count, 0)} (${parts.map(([name, count]) => `${name} ${count}`).join(', ')})`];
    })
    .join(', ');
}
