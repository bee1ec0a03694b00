// Pure time helpers for the lobby: the server sends end times, every lobby counts down locally against its own
// estimate of the server's clock, so all lobbies agree to within the network delay.

/** Milliseconds to add to Date.now() to get the server's time, from a server timestamp received at `receivedAt`. */
export function serverOffset(serverNowIso: string, receivedAt: number): number {
  return Date.parse(serverNowIso) - receivedAt;
}

/** "m:ss" (or "h:mm:ss") for a remaining time; null once it has run out. */
export function formatRemaining(ms: number): string | null {
  if (ms <= 0) return null;
  const total = Math.ceil(ms / 1000);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const ss = seconds.toString().padStart(2, "0");
  return hours > 0 ? `${hours}:${minutes.toString().padStart(2, "0")}:${ss}` : `${minutes}:${ss}`;
}

/** True while the two-minute warning is due: after the warning time and before the end. */
export function isWarning(nowMs: number, warningAtIso: string | null, endsAtIso: string | null): boolean {
  if (!warningAtIso || !endsAtIso) return false;
  return nowMs >= Date.parse(warningAtIso) && nowMs < Date.parse(endsAtIso);
}

/** Fills "{0}", "{1}" … in a localized text rendered by the server. */
export function format(text: string, ...args: (string | number)[]): string {
  return text.replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)] ?? ""));
}
