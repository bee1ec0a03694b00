import { describe, expect, it } from "vitest";
import { format, formatRemaining, isWarning, serverOffset } from "./clock";

describe("lobby clock", () => {
  it("counts down in minutes and seconds, rounding up so 0:00 is never shown while time is left", () => {
    expect(formatRemaining(75 * 60_000)).toBe("1:15:00");
    expect(formatRemaining(125_000)).toBe("2:05");
    expect(formatRemaining(400)).toBe("0:01");
    expect(formatRemaining(0)).toBeNull();
    expect(formatRemaining(-5_000)).toBeNull();
  });

  it("estimates the server's clock from one timestamp", () => {
    expect(serverOffset("2026-11-28T10:00:05.000Z", Date.parse("2026-11-28T10:00:00.000Z"))).toBe(5_000);
  });

  it("warns from two minutes before the end until the end", () => {
    const warnAt = "2026-11-28T10:58:00.000Z";
    const end = "2026-11-28T11:00:00.000Z";
    expect(isWarning(Date.parse("2026-11-28T10:57:59.000Z"), warnAt, end)).toBe(false);
    expect(isWarning(Date.parse("2026-11-28T10:58:00.000Z"), warnAt, end)).toBe(true);
    expect(isWarning(Date.parse("2026-11-28T11:00:00.000Z"), warnAt, end)).toBe(false);
    expect(isWarning(Date.parse("2026-11-28T10:59:00.000Z"), null, end)).toBe(false);
  });

  it("fills numbered placeholders of server texts", () => {
    expect(format("Person {0} von {1}", 2, 9)).toBe("Person 2 von 9");
    expect(format("Neue Phase: {0}.", "Breakout")).toBe("Neue Phase: Breakout.");
  });
});
