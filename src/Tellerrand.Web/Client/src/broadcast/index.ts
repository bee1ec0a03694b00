// The organiser's broadcast on a board page (#board-broadcast, rendered by BoardPage.razor with the current one).
// It joins the event's lobby hub (/hubs/live) itself rather than being fed by the lobby around an embedded board: the
// board page is also opened on its own (a new tab, a second screen), and the hub's Join already checks the person's
// magic-link session against the event, so no new endpoint or cross-frame messaging is needed. Only the broadcast
// is used here; where the person has to be stays the lobby's business.
import { liveConnection } from "../live/hub";

interface Broadcast {
  id: string;
  text: string;
}

interface Snapshot {
  version: number;
  broadcast: Broadcast | null;
}

const region = document.getElementById("board-broadcast");
if (region?.dataset.eventId) {
  start(region, region.dataset.eventId);
}

function start(region: HTMLElement, eventId: string): void {
  const banner = region.querySelector<HTMLElement>(".board-broadcast")!;
  const text = region.querySelector<HTMLElement>(".board-broadcast-text")!;
  let version = -1;

  const connection = liveConnection();

  connection.on("Changed", (next: Snapshot) => show(next));
  connection.onreconnected(() => void join());

  void connect();

  async function connect(): Promise<void> {
    try {
      await connection.start();
      await join();
    } catch {
      // The banner rendered with the page stays; the next try may find the server back.
      window.setTimeout(() => void connect(), 5000);
    }
  }

  async function join(): Promise<void> {
    const joined = await connection.invoke<{ snapshot: Snapshot }>("Join", eventId);
    version = -1;
    show(joined.snapshot);
    region.dataset.joined = "true";
  }

  function show(next: Snapshot): void {
    if (next.version < version) return;
    version = next.version;
    if (!next.broadcast) return;
    if (text.textContent !== next.broadcast.text) text.textContent = next.broadcast.text;
    banner.hidden = false;
  }
}
