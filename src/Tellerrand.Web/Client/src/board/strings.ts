// The page renders the UI words from its .resx (German first, English second) into the board config; the client
// only formats them. A missing key shows the key itself, which a test would notice.

export type Strings = Record<string, string>;

export function format(strings: Strings, key: string, ...args: (string | number)[]): string {
  const template = strings[key] ?? key;
  return template.replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)] ?? ""));
}
