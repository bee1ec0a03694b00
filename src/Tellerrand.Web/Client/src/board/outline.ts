// The accessible twin of the canvas: frames as headings, notes as list items with their votes, editable with the
// keyboard alone. It is redrawn from the same view as the canvas; focus, open edit forms and drafts survive a redraw,
// so a live update never takes the text a person is typing or the place they are at.

import { type BoardRecord, type BoardState, textOf } from "./model";
import { format, type Strings } from "./strings";
import type { BoardActions } from "./actions";

export class OutlineView {
  readonly element: HTMLElement;
  private readonly editing = new Map<string, string>();
  private readonly drafts = new Map<string, string>();
  private signature = "";

  constructor(
    private readonly strings: Strings,
    private readonly actions: BoardActions,
  ) {
    this.element = document.createElement("section");
    this.element.className = "board-outline";
    this.element.setAttribute("aria-labelledby", "board-outline-heading");
    this.element.addEventListener("click", (e) => this.onClick(e));
    this.element.addEventListener("submit", (e) => this.onSubmit(e));
    this.element.addEventListener("input", (e) => this.onInput(e));
    this.element.addEventListener("keydown", (e) => {
      const target = e.target as HTMLElement;
      if (e.key === "Escape" && target.dataset.edit) {
        this.editing.delete(target.dataset.edit);
        this.render(true, `edit:${target.dataset.edit}`);
      }
    });
  }

  render(force = false, focusKey?: string): void {
    const view = this.actions.view;
    const sections = this.sections(view);
    const signature = JSON.stringify([sections.map((s) => [s.frame?.id, s.frame && textOf(s.frame, "title"), s.notes.map((n) => this.noteSignature(view, n))]), [...this.editing.keys()], view.isFrozen, view.voteState]);
    if (!force && signature === this.signature) return;
    this.signature = signature;
    const active = document.activeElement as HTMLElement | null;
    const keep = focusKey ?? (active && this.element.contains(active) ? active.dataset.key : undefined);
    const readOnly = !this.actions.canEdit;

    const heading = el("h2", { id: "board-outline-heading" }, this.strings.outlineHeading);
    const parts: HTMLElement[] = [heading];
    for (const section of sections) {
      const title = section.frame ? textOf(section.frame, "title") : this.strings.boardLevel;
      const id = `outline-${section.frame?.id ?? "board"}`;
      const part = el("section", { "aria-labelledby": id, class: "board-outline-section" });
      // Template frames are locked but take notes (AZ3), so the lock is not part of the heading.
      part.append(el("h3", { id }, title));
      if (section.notes.length === 0) part.append(el("p", {}, this.strings.noNotes));
      else {
        const list = el("ul", {});
        for (const note of section.notes) list.append(this.item(view, note, readOnly));
        part.append(list);
      }
      if (!readOnly) part.append(this.newNoteForm(section.frame, title));
      parts.push(part);
    }
    this.element.replaceChildren(...parts);
    if (keep) {
      const target = this.element.querySelector<HTMLElement>(`[data-key="${CSS.escape(keep)}"]`);
      target?.focus();
    }
  }

  private noteSignature(view: BoardState, note: BoardRecord): unknown {
    return [note.id, textOf(note, "text"), note.props.locked, this.actions.votesOn(view, note.id)];
  }

  private sections(view: BoardState): { frame: BoardRecord | null; notes: BoardRecord[] }[] {
    const sections: { frame: BoardRecord | null; notes: BoardRecord[] }[] = [];
    const notesOf = (parent: string | null) => view.childrenOf(parent).filter((r) => r.kind === "sticky" || r.kind === "text");
    const visit = (parent: string | null) => {
      for (const frame of view.childrenOf(parent).filter((r) => r.kind === "frame")) {
        sections.push({ frame, notes: notesOf(frame.id) });
        visit(frame.id);
      }
    };
    visit(null);
    const loose = notesOf(null);
    if (loose.length > 0 || sections.length === 0) sections.push({ frame: null, notes: loose });
    return sections;
  }

  private item(view: BoardState, note: BoardRecord, readOnly: boolean): HTMLElement {
    const li = el("li", { class: "board-outline-note" });
    const text = textOf(note, "text");
    const votes = this.actions.votesOn(view, note.id);
    if (this.editing.has(note.id)) {
      const form = el("form", { "data-form": "edit", "data-id": note.id });
      const areaId = `outline-edit-${note.id}`;
      form.append(el("label", { for: areaId }, this.strings.editNote));
      const area = el("textarea", { id: areaId, "data-key": `edit:${note.id}`, "data-edit": note.id, rows: "3", class: "form-control" }) as HTMLTextAreaElement;
      area.value = this.editing.get(note.id)!;
      form.append(area, el("button", { type: "submit", class: "btn btn-primary btn-sm", "data-key": `save:${note.id}` }, this.strings.save));
      form.append(el("button", { type: "button", class: "btn btn-secondary btn-sm", "data-action": "cancel", "data-id": note.id, "data-key": `cancel:${note.id}` }, this.strings.cancel));
      li.append(form);
      return li;
    }
    li.append(el("span", { class: "board-outline-text" }, text));
    if (votes.shown !== null) li.append(" ", el("span", { class: "board-outline-votes" }, `(${format(this.strings, "votes", votes.shown)})`));
    if (note.props.locked) li.append(" ", el("span", {}, `(${this.strings.locked})`));
    if (votes.canVote) {
      li.append(" ", el("button", { type: "button", class: "btn btn-outline-primary btn-sm", "data-action": votes.mine ? "unvote" : "vote", "data-id": note.id, "data-key": `vote:${note.id}`, "aria-label": `${votes.mine ? this.strings.unvote : this.strings.vote}: ${text}` }, votes.mine ? this.strings.unvote : this.strings.vote));
    }
    if (!readOnly && this.actions.canChange(note)) {
      li.append(" ", el("button", { type: "button", class: "btn btn-outline-secondary btn-sm", "data-action": "edit", "data-id": note.id, "data-key": `editbtn:${note.id}`, "aria-label": `${this.strings.edit}: ${text}` }, this.strings.edit));
      li.append(" ", el("button", { type: "button", class: "btn btn-outline-danger btn-sm", "data-action": "delete", "data-id": note.id, "data-key": `delete:${note.id}`, "aria-label": `${this.strings.delete}: ${text}` }, this.strings.delete));
    }
    return li;
  }

  private newNoteForm(frame: BoardRecord | null, title: string): HTMLElement {
    const key = frame?.id ?? "";
    const form = el("form", { "data-form": "new", "data-frame": key, class: "board-outline-new" });
    const areaId = `outline-new-${key || "board"}`;
    form.append(el("label", { for: areaId }, format(this.strings, "newNote", title)));
    const area = el("textarea", { id: areaId, rows: "2", class: "form-control", "data-key": `new:${key}`, "data-draft": key }) as HTMLTextAreaElement;
    area.value = this.drafts.get(key) ?? "";
    form.append(area, el("button", { type: "submit", class: "btn btn-primary btn-sm", "data-key": `add:${key}` }, this.strings.add));
    return form;
  }

  private onInput(e: Event): void {
    const target = e.target as HTMLTextAreaElement;
    if (target.dataset.edit) this.editing.set(target.dataset.edit, target.value);
    if (target.dataset.draft !== undefined) this.drafts.set(target.dataset.draft, target.value);
  }

  private onClick(e: Event): void {
    const button = (e.target as HTMLElement).closest<HTMLElement>("button[data-action]");
    if (!button) return;
    const id = button.dataset.id!;
    switch (button.dataset.action) {
      case "edit":
        this.editing.set(id, textOf(this.actions.view.get(id)!, "text"));
        this.render(true, `edit:${id}`);
        break;
      case "cancel":
        this.editing.delete(id);
        this.render(true, `editbtn:${id}`);
        break;
      case "delete": {
        // Focus moves to the next note's delete button, or the frame's new-note field, so the keyboard stays in place.
        const item = button.closest("li");
        const next = (item?.nextElementSibling ?? item?.previousElementSibling)?.querySelector<HTMLElement>("[data-action=delete]")?.dataset.key;
        const fallback = button.closest("section")?.querySelector<HTMLElement>("textarea[data-draft]")?.dataset.key;
        this.actions.remove([id]);
        this.render(true, next ?? fallback);
        break;
      }
      case "vote":
      case "unvote":
        this.actions.toggleVote(id);
        this.render(true, `vote:${id}`);
        break;
    }
  }

  private onSubmit(e: Event): void {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    if (form.dataset.form === "edit") {
      const id = form.dataset.id!;
      if (this.actions.setText(id, this.editing.get(id) ?? "")) {
        this.editing.delete(id);
        this.render(true, `editbtn:${id}`);
      }
    } else {
      const frame = form.dataset.frame || null;
      const text = this.drafts.get(frame ?? "") ?? "";
      if (text.trim() === "") return;
      if (this.actions.addNoteIn(frame, text)) {
        this.drafts.delete(frame ?? "");
        this.render(true, `new:${frame ?? ""}`);
      }
    }
  }
}

export function el(tag: string, attributes: Record<string, string>, text?: string): HTMLElement {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  if (text !== undefined) element.textContent = text;
  return element;
}
