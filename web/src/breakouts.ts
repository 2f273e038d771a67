// Breakout rooms on the call page (docs/breakouts.md). livekit-server cannot move a participant
// (MoveParticipant: "not implemented"), so the page moves itself: the main room's metadata says
// `"breakouts": <set number>` (0 when closed), the page then asks for a token for its room again
// and reconnects where the answer says (call.ts). This file reads that metadata and draws the
// moderators' panel: open N breakouts, see who is in which, visit one, close them all.
import type { BreakoutRoom, BreakoutState, LiveKitToken } from '../client/src/index.js';
import { h, replace } from './dom.js';
import { errorBox } from './errors.js';
import type { App } from './main.js';

/** What the service announces in a room's metadata (room_metadata.h); null if not ours. */
export interface CallMetadata {
  /** The main room: the open breakout set's number, 0 (or absent) when none is open. */
  breakouts: number;
  /** End-to-end encrypted groups: the session key's index (docs/e2ee.md). */
  e2eeKeyIndex: number;
  /** A recording of the session runs (docs/recording.md). */
  recording: boolean;
}

export function parseMetadata(metadata: string | undefined): CallMetadata | null {
  let m: unknown;
  try {
    m = JSON.parse(metadata || '{}');
  } catch {
    return null; // metadata that is not ours
  }
  if (!m || typeof m !== 'object' || Array.isArray(m)) return null;
  const o = m as Record<string, unknown>;
  return {
    breakouts: Number(o.breakouts ?? 0) || 0,
    e2eeKeyIndex: Number(o.e2eeKeyIndex ?? 0) || 0,
    recording: o.recording === true,
  };
}

/** Words for where a token leads: "Breakout room 2" or "Main room". */
export function placeName(t: Pick<LiveKitToken, 'breakout'>): string {
  return t.breakout ? `Breakout room ${t.breakout.number}` : 'Main room';
}

export interface BreakoutPanelOptions {
  app: App;
  groupId: number;
  /** The room the page is connected to now (its LiveKit name). */
  currentRoom(): string;
  /** A person's name for a user id, as far as the call has seen them. */
  nameOf(userId: string): string;
  /** Goes to `roomName` (a breakout, or the main room). */
  goTo(roomName: string): Promise<void>;
  /** Shows an error box in the call's notice line. */
  show(el: HTMLElement): void;
  /** Each state read or changed (the page disables "End session" while breakouts are open). */
  onState(state: BreakoutState): void;
}

export interface BreakoutPanel {
  el: HTMLElement;
  /** Reads the state again now (after the room's metadata changed, after a move). */
  refresh(): Promise<void>;
  /** Reads it every few seconds until `stopped()` says so. */
  watch(stopped: () => boolean): Promise<void>;
}

/** The moderators' breakout panel (owners, moderators, admins only: the API refuses others). */
export function breakoutPanel(o: BreakoutPanelOptions): BreakoutPanel {
  const body = h('div', null);
  const el = h(
    'section',
    { 'data-section': 'breakouts', 'data-open': 'false' },
    h('h2', null, 'Breakout rooms'),
    body,
  );
  let state: BreakoutState | null = null;
  let drawn = ''; // what the panel shows, so a refresh that changes nothing keeps the form's input
  let busy = false;

  async function refresh(): Promise<void> {
    try {
      state = await o.app.client.getBreakouts(o.groupId);
    } catch (e) {
      o.show(errorBox('Could not read the breakout rooms', e));
      return;
    }
    draw();
    o.onState(state);
  }

  async function watch(stopped: () => boolean): Promise<void> {
    while (!stopped()) {
      await refresh();
      await new Promise((done) => setTimeout(done, 3000));
    }
  }

  async function act(what: string, f: () => Promise<unknown>): Promise<void> {
    if (busy) return;
    busy = true;
    el.querySelectorAll('button').forEach((b) => ((b as HTMLButtonElement).disabled = true));
    try {
      await f();
    } catch (e) {
      o.show(errorBox(what, e));
    } finally {
      busy = false;
      drawn = '';
      await refresh();
    }
  }

  function open(ev: Event): void {
    ev.preventDefault();
    const input = el.querySelector('input[name="count"]') as HTMLInputElement;
    const count = Number(input.value);
    void act('Could not open the breakout rooms', async () => {
      state = await o.app.client.openBreakouts(o.groupId, { count, mode: 'auto' });
    });
  }

  function close(): void {
    void act('Could not close the breakout rooms', async () => {
      state = await o.app.client.closeBreakouts(o.groupId);
    });
  }

  function draw(): void {
    const here = o.currentRoom();
    const key = JSON.stringify([
      here,
      state?.open,
      state?.rooms.map((b) => [b.roomName, b.members.map(o.nameOf)]),
    ]);
    if (key === drawn) return;
    drawn = key;
    el.dataset.open = String(!!state?.open);
    if (!state?.open) {
      replace(
        body,
        h(
          'form',
          { class: 'inline', 'data-form': 'open-breakouts', onsubmit: open },
          h(
            'label',
            null,
            'Rooms ',
            h('input', { name: 'count', type: 'number', min: 1, max: 50, value: 2 }),
          ),
          h('button', { type: 'submit' }, 'Open breakout rooms'),
        ),
        h('small', { class: 'muted' }, 'Members in the call now are shared out at random.'),
      );
      return;
    }
    const inMain = here === state.mainRoomName;
    replace(
      body,
      h(
        'ul',
        { class: 'participants', 'data-list': 'breakouts' },
        ...state.rooms.map((b) => roomItem(b, here)),
      ),
      h(
        'div',
        { class: 'actions' },
        inMain
          ? null
          : h(
              'button',
              {
                'data-action': 'return-main',
                onclick: () => void act('Could not go back', () => o.goTo(state!.mainRoomName)),
              },
              'Back to the main room',
            ),
        h(
          'button',
          { class: 'danger', 'data-action': 'close-breakouts', onclick: close },
          'Close breakout rooms',
        ),
      ),
    );
  }

  function roomItem(b: BreakoutRoom, here: string): HTMLElement {
    const names = b.members.map(o.nameOf);
    const visiting = b.roomName === here;
    return h(
      'li',
      {
        'data-room-name': b.roomName,
        'data-number': b.number,
        'data-members': b.members.join(' '),
        'data-here': visiting,
      },
      h('span', { class: 'name' }, `Room ${b.number}`, visiting ? h('small', null, ' (you are here)') : null),
      h('small', { class: 'muted' }, ' ' + (names.join(', ') || 'nobody')),
      visiting
        ? null
        : h(
            'span',
            { class: 'mod' },
            h(
              'button',
              {
                class: 'small',
                'data-action': 'visit-breakout',
                onclick: () => void act('Could not visit the breakout room', () => o.goTo(b.roomName)),
              },
              'Visit',
            ),
          ),
    );
  }

  return { el, refresh, watch };
}
