// The connection to /hubs/live as the lobby and the board's broadcast banner both open it.
import { HubConnection, HubConnectionBuilder, LogLevel } from "@microsoft/signalr";

export function liveConnection(): HubConnection {
  return new HubConnectionBuilder()
    .withUrl("/hubs/live")
    .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (c) => Math.min(1000 * 2 ** c.previousRetryCount, 10_000) })
    .configureLogging(LogLevel.Warning)
    .build();
}
