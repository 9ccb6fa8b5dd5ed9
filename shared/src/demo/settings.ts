/** A demo-data size or seed: the option, else the environment variable, else the default. */
export function demoSetting(value: number | undefined, env: string | undefined, fallback: number, name: string): number {
  const resolved = value ?? (env ? Number(env) : fallback);
  if (!Number.isSafeInteger(resolved) || resolved < 0) throw new RangeError(`${name} must be a non-negative integer, got ${value ?? env}`);
  return resolved;
}
