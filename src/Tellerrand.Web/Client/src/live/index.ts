// The lobby's live part: joins /hubs/live, keeps "where to be now" current and switches between plenary and room.
// Every sentence comes from the server page (#live-text), so this script holds no language of its own.
import { HubConnectionState } from "@microsoft/signalr";
import { liveConnection } from "./hub";
import { format, formatRemaining, isWarning, serverOffset } from "./clock";

type Stage = "NotStarted" | "Plenary" | "Room" | "Ended";

interface Snapshot {
  version: number;
  stage: Stage;
  phaseNumber: number;
  phaseCount: number;
  phaseTitle: string | null;
  phaseKind: string | null;
  phaseEndsAt: string | null;
  warningAt: string | null;
  nextTitle: string | null;
  round: number;
  broadcast: { id: string; text: string; at: string } | null;
  speaker: { name: string; line: string; lineEn: string; sentence: string | null; endsAt: string; number: number; count: number } | null;
  roomTimers: Record<string, string>;
  openHelp: string[];
  serverNow: string;
}

interface Place {
  kind: Stage;
  roomId: string | null;
}

interface Reply {
  refusal: string | null;
  requestId: string | null;
}

const root = document.getElementById("live");
if (root) {
  start(root);
}

function start(root: HTMLElement): void {
  const text = JSON.parse(document.getElementById("live-text")!.textContent ?? "{}") as Record<string, string>;
  const eventId = root.dataset.eventId!;
  // The room section the page holds; a live move or a breakout of another round swaps it in place.
  let renderedRoom = root.dataset.roomId || null;
  let renderedRound = Number(root.dataset.round ?? "1");
  let roomNumber = Number(root.dataset.roomNumber ?? "0");
  const english = root.dataset.lang === "en";
  const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T | null;

  let snapshot: Snapshot | null = null;
  let place: Place | null = null;
  let offset = 0;
  let warned = false;
  let helpRequest: string | null = sessionStorage.getItem(`live-help:${eventId}`);

  const connection = liveConnection();

  connection.on("Changed", (next: Snapshot) => void receive(next));
  connection.on("Moved", () => void relocate(true));
  connection.onreconnecting(() => setText("live-connection", text.Connection_Lost));
  connection.onreconnected(async () => {
    setText("live-connection", text.Connection_Back);
    await join();
  });
  connection.onclose(() => setText("live-connection", text.Connection_Lost));

  // A notice kept over a reload (when the room could not be swapped in place) is shown once the page is back.
  const pending = sessionStorage.getItem(`live-notice:${eventId}`);
  if (pending) {
    sessionStorage.removeItem(`live-notice:${eventId}`);
    notice(pending);
  }

  void connect();
  window.setInterval(tick, 1000);
  wireForms();
  wireRoom(document);

  async function connect(): Promise<void> {
    try {
      await connection.start();
      await join();
    } catch {
      setText("live-connection", text.Connection_Lost);
      window.setTimeout(() => void connect(), 3000);
    }
  }

  async function join(): Promise<void> {
    const joined = await connection.invoke<{ snapshot: Snapshot; place: Place }>("Join", eventId);
    place = joined.place;
    snapshot = null;
    await receive(joined.snapshot, true);
    root.dataset.joined = String(connection.state === HubConnectionState.Connected);
  }

  async function receive(next: Snapshot, initial = false): Promise<void> {
    if (snapshot && next.version < snapshot.version) return;
    const previous = snapshot;
    offset = serverOffset(next.serverNow, Date.now());
    snapshot = next;
    if (next.stage === "Room" && (renderedRoom === null || next.round !== renderedRound)) {
      // The page holds the person's room of one round (live moves swap it); a breakout in another round, or a person
      // without a room, asks where to go.
      if (await relocate(false)) return;
    } else if (next.stage !== "Room") {
      place = { kind: next.stage, roomId: null };
    } else {
      place = { kind: "Room", roomId: renderedRoom };
    }
    if (previous && previous.phaseNumber !== next.phaseNumber) {
      warned = false;
      notice(format(text.Notice_Phase, next.phaseTitle ?? text.Now_NoPhase) + " " + where(next.stage));
    }
    render(next, initial);
  }

  /**
   * Asks the server where this person has to be. A room this page does not hold (or, after a live move, any other room
   * of the round) is swapped in place like a phase change; only if that fails does the page reload.
   */
  async function relocate(moved: boolean): Promise<boolean> {
    const current = await connection.invoke<Place>("WhereAmI");
    const stale = current.kind === "Room" && current.roomId !== renderedRoom;
    if ((stale || moved) && !(await swapRoom()) && stale) {
      sessionStorage.setItem(`live-notice:${eventId}`, moved ? text.Notice_Moved : format(text.Notice_Phase, snapshot?.phaseTitle ?? ""));
      window.location.reload();
      return true;
    }
    place = current;
    if (moved) notice(text.Notice_Moved);
    if (snapshot) render(snapshot, false);
    return false;
  }

  /**
   * Replaces the room section with the one the server renders now, with the room's video, board, challenge and people.
   * The server page is the one place that renders a room, so the script fetches it rather than building a second copy;
   * everything else on the page (plenary video, help request, sound setting, connection) stays as it is.
   */
  async function swapRoom(): Promise<boolean> {
    try {
      const response = await fetch(window.location.href, { credentials: "same-origin", headers: { Accept: "text/html" } });
      if (!response.ok) return false;
      const fresh = new DOMParser().parseFromString(await response.text(), "text/html");
      const freshRoot = fresh.getElementById("live");
      if (!freshRoot) return false;
      const freshRoomId = freshRoot.dataset.roomId || null;
      if (freshRoomId !== renderedRoom) {
        const current = byId("live-room");
        const freshRoom = fresh.getElementById("live-room");
        if (freshRoom) {
          const adopted = document.importNode(freshRoom, true);
          if (current) current.replaceWith(adopted);
          else byId("live-plenary")!.after(adopted);
          wireRoom(adopted);
        } else {
          current?.remove();
        }
      }
      renderedRoom = freshRoomId;
      renderedRound = Number(freshRoot.dataset.round ?? "1");
      roomNumber = Number(freshRoot.dataset.roomNumber ?? "0");
      root.dataset.roomId = freshRoot.dataset.roomId ?? "";
      root.dataset.round = String(renderedRound);
      root.dataset.roomNumber = String(roomNumber);
      return true;
    } catch {
      return false;
    }
  }

  function where(stage: Stage): string {
    const kind = stage === "Room" && place?.kind !== "Room" ? "Plenary" : stage;
    return format(text[`Where_${kind}`], roomNumber);
  }

  function render(s: Snapshot, initial: boolean): void {
    const inRoom = s.stage === "Room" && place?.kind === "Room";
    setText("live-where", where(s.stage));
    setText("live-phase", s.phaseTitle ?? text.Now_NoPhase);
    setText("live-next", s.nextTitle ?? text.Now_NoNext);
    show("live-room", inRoom);
    show("live-plenary", !inRoom);

    const broadcast = byId("live-broadcast");
    if (s.broadcast) {
      setText("live-broadcast-text", s.broadcast.text);
      if (broadcast?.hidden && !initial) chime();
      show("live-broadcast", true);
    }

    show("live-intro", s.phaseKind === "IntroRound");
    if (s.phaseKind === "IntroRound") {
      setText("live-speaker-count", s.speaker ? format(text.Intro_Count, s.speaker.number, s.speaker.count) : text.Intro_Over);
      setText("live-speaker-name", s.speaker?.name ?? "");
      setText("live-speaker-line", s.speaker ? (english ? s.speaker.lineEn : s.speaker.line) : "");
      setText("live-speaker-sentence", s.speaker?.sentence ?? "");
    }

    if (helpRequest && !s.openHelp.includes(helpRequest)) {
      setText("live-help-status", text.Help_Answered);
      helpRequest = null;
      sessionStorage.removeItem(`live-help:${eventId}`);
    }
    tick();
  }

  function tick(): void {
    if (!snapshot) return;
    const now = Date.now() + offset;
    setText("live-timer", snapshot.phaseEndsAt ? formatRemaining(Date.parse(snapshot.phaseEndsAt) - now) ?? text.Timer_Over : "–");
    if (snapshot.speaker) {
      setText("live-speaker-timer", formatRemaining(Date.parse(snapshot.speaker.endsAt) - now) ?? text.Timer_Over);
    }
    const roomTimer = renderedRoom ? snapshot.roomTimers[renderedRoom] : undefined;
    setText("live-room-timer", roomTimer ? formatRemaining(Date.parse(roomTimer) - now) ?? text.Timer_Over : text.Room_TimerNone);
    const warning = snapshot.stage === "Room" && isWarning(now, snapshot.warningAt, snapshot.phaseEndsAt);
    show("live-warning", warning);
    if (warning && !warned) {
      warned = true;
      setText("live-warning", text.Warning_TwoMinutes);
      chime();
    }
  }

  function wireForms(): void {
    byId<HTMLFormElement>("live-help-form")?.addEventListener("submit", async (e) => {
      e.preventDefault();
      const note = byId<HTMLTextAreaElement>("live-help-note");
      try {
        const reply = await connection.invoke<Reply>("CallOrganiser", note?.value ?? "");
        if (reply.refusal) {
          setText("live-help-status", reply.refusal);
          return;
        }
        helpRequest = reply.requestId;
        if (helpRequest) sessionStorage.setItem(`live-help:${eventId}`, helpRequest);
        setText("live-help-status", text.Help_Sent);
        if (note) note.value = "";
      } catch {
        setText("live-help-status", text.Help_Failed);
      }
    });
    byId("live-next-speaker")?.addEventListener("click", async () => {
      const reply = await connection.invoke<Reply>("NextSpeaker");
      if (reply.refusal) notice(reply.refusal);
    });
  }

  /** Wires what the room section holds; called for the page and again for a room swapped in after a live move. */
  function wireRoom(scope: ParentNode): void {
    scope.querySelector<HTMLFormElement>("#live-room-timer-form")?.addEventListener("submit", async (e) => {
      e.preventDefault();
      const minutes = Number(byId<HTMLInputElement>("live-room-timer-minutes")?.value ?? "0");
      const reply = await connection.invoke<Reply>("SetRoomTimer", minutes);
      notice(reply.refusal ?? text.Room_TimerSaved);
    });
    wireVideo(scope);
  }

  /** Jitsi is embedded only when the person asks for it; if its script cannot load, the new-tab link is the way in. */
  function wireVideo(scope: ParentNode): void {
    scope.querySelectorAll<HTMLButtonElement>("[data-video-start]").forEach((button) => {
      button.addEventListener("click", () => {
        const panel = button.closest<HTMLElement>(".live-video")!;
        const status = panel.querySelector<HTMLElement>(".live-video-status")!;
        const frame = panel.querySelector<HTMLElement>(".live-video-frame")!;
        const domain = panel.dataset.jitsiDomain!;
        status.textContent = text.Video_Start;
        button.disabled = true;
        const fail = () => {
          status.textContent = text.Video_Blocked;
          button.disabled = false;
        };
        const embed = () => {
          const api = (window as unknown as { JitsiMeetExternalAPI?: new (domain: string, options: object) => unknown }).JitsiMeetExternalAPI;
          if (!api) return fail();
          frame.replaceChildren();
          new api(domain, { roomName: panel.dataset.jitsiRoom, jwt: panel.dataset.jitsiJwt || undefined, parentNode: frame, width: "100%", height: 420 });
          status.textContent = "";
        };
        const script = document.createElement("script");
        const timeout = window.setTimeout(fail, 10_000);
        script.src = `https://${domain}/external_api.js`;
        script.onload = () => {
          window.clearTimeout(timeout);
          embed();
        };
        script.onerror = () => {
          window.clearTimeout(timeout);
          fail();
        };
        document.head.appendChild(script);
      });
    });
  }

  function notice(message: string): void {
    setText("live-notice", message);
    chime();
  }

  /** A short tone, only when the person switched sound on. */
  function chime(): void {
    if (!byId<HTMLInputElement>("live-sound")?.checked) return;
    try {
      const audio = new AudioContext();
      const tone = audio.createOscillator();
      const gain = audio.createGain();
      tone.frequency.value = 660;
      gain.gain.setValueAtTime(0.2, audio.currentTime);
      gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 0.6);
      tone.connect(gain).connect(audio.destination);
      tone.start();
      tone.stop(audio.currentTime + 0.6);
    } catch {
      // No audio device or autoplay refused: the visible notice is what counts.
    }
  }

  function setText(id: string, value: string): void {
    const element = byId(id);
    if (element && element.textContent !== value) element.textContent = value;
  }

  function show(id: string, visible: boolean): void {
    const element = byId(id);
    if (element) element.hidden = !visible;
  }
}
