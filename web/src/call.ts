// The call: POST /api/livekit/token -> Room.connect(serverUrl, token) -> camera and microphone.
// Approval groups: a member waits (the token request answers 202) until a moderator admits them;
// moderators see the waiting room and can lock the session. End-to-end encrypted groups: the
// token answer's e2eeKey goes to an ExternalE2EEKeyProvider, and a new key index in the room's
// metadata (after a removal) makes the page ask for the new key.
// Breakout rooms (docs/breakouts.md): the server cannot move anyone, so the page moves itself. A
// new `breakouts` set number in the main room's metadata makes it ask for a token again; an
// answer for another room (the member's breakout) makes it leave this room and connect there, a
// new Room with the new token's own key. A breakout room deleted under it makes it look at the
// main room: still live, the breakouts closed and it goes back there; gone, the whole session
// ended (the service deletes the main room first). Moderators get breakouts.ts's panel.
// A tile per participant (and per screen share), the participant list with the moderators'
// controls (mute, remove, end the session: REST calls), chat over LiveKit text streams.
import {
  DisconnectReason,
  ExternalE2EEKeyProvider,
  type Participant,
  type RemoteParticipant,
  type RemoteTrack,
  type RemoteTrackPublication,
  Room,
  RoomEvent,
  Track,
  type TrackPublication,
} from 'livekit-client';

import {
  ApiError,
  ErrorCodes,
  isWaiting,
  type BreakoutState,
  type LiveKitToken,
  type StudyGroup,
  type TokenWaiting,
} from '../client/src/index.js';
import { breakoutPanel, type CallMetadata, parseMetadata, placeName } from './breakouts.js';
import { h, replace } from './dom.js';
import { errorBox } from './errors.js';
import type { App } from './main.js';
import { isAdmin } from './session.js';

/** The topic of LiveKit's chat components, so their apps and this page can talk. */
const kChatTopic = 'lk.chat';

const kDisconnectWords: Partial<Record<DisconnectReason, string>> = {
  [DisconnectReason.CLIENT_INITIATED]: 'You left the call.',
  [DisconnectReason.PARTICIPANT_REMOVED]: 'A moderator removed you from this call.',
  [DisconnectReason.ROOM_DELETED]: 'The session was ended for everyone.',
  [DisconnectReason.DUPLICATE_IDENTITY]: 'You joined this call from another tab or device.',
  [DisconnectReason.SERVER_SHUTDOWN]: 'The video server shut down.',
  [DisconnectReason.ROOM_CLOSED]: 'The call ended.',
};

interface Tile {
  el: HTMLElement;
  video: HTMLVideoElement;
  track?: Track;
}

interface CallState {
  /** the view was left (navigation): stop, and disconnect without a word */
  left: boolean;
  /** the room the page is in now (a move replaces it) */
  room: Room | null;
  /** its E2EE worker (the page's to end: livekit-client never terminates it) */
  worker?: Worker;
}

/** The user id in a participant identity of ours (`user_<id>`), or ''. */
function userIdOf(identity: string): string {
  return identity.startsWith('user_') ? identity.slice(5) : '';
}

/** Renders the call into `root` and joins it; returns what leaves it (run on navigation). */
export function renderCall(root: HTMLElement, app: App, groupId: number): () => void {
  const state: CallState = { left: false, room: null };
  void joinCall(root, app, groupId, state);
  return () => {
    state.left = true;
    const worker = state.worker;
    void state.room?.disconnect().then(() => worker?.terminate());
  };
}

async function joinCall(root: HTMLElement, app: App, groupId: number, state: CallState): Promise<void> {
  const status = h('div', { class: 'status', role: 'status' }, 'Asking for a token…');
  const view = h(
    'section',
    { class: 'call', 'data-view': 'call', 'data-state': 'joining', 'data-group-id': groupId },
    status,
  );
  replace(root, h('p', null, h('a', { href: `#/group/${groupId}` }, '← Back to the group')), view);

  let group: StudyGroup;
  let moderator = app.session ? isAdmin(app.session) : false;
  let token: LiveKitToken;
  try {
    group = await app.client.getGroup(groupId);
    try {
      const members = await app.client.listMembers(groupId);
      const me = members.members.find((m) => m.userId === app.session?.userId);
      moderator ||= me?.role === 'owner' || me?.role === 'moderator';
    } catch {
      // not a member: the token request below says so in words
    }
    if (!group.useLiveKit || !group.livekitRoomName)
      throw new ApiError(409, 'not_livekit', `study group ${groupId} meets on Google Meet`);
    // An approval group's waiting room: ask again as the answer says until a moderator decides.
    for (;;) {
      const answer = await app.client.createToken({
        roomName: group.livekitRoomName,
        participantName: app.session?.name,
      });
      if (!isWaiting(answer)) {
        token = answer;
        break;
      }
      view.dataset.state = 'waiting';
      replace(status, 'Waiting for a moderator to let you in…');
      await new Promise((done) => setTimeout(done, Math.max(1, answer.retryAfterSeconds) * 1000));
      if (state.left) return;
    }
  } catch (e) {
    if (e instanceof ApiError && e.code === 'unauthenticated') {
      app.signOut(e.message);
      return;
    }
    fail('Could not join the call', e);
    return;
  }
  if (state.left) return;
  // The room the page is in (a breakout's name while in one) and the group's main room.
  let roomName = token.roomName;
  const home = group.livekitRoomName ?? token.roomName;

  // --- the layout ---
  const stage = h('div', { class: 'stage' });
  const audio = h('div', { class: 'audio', hidden: true });
  const people = h('ul', { class: 'participants', 'data-list': 'participants' });
  const messages = h('ol', { class: 'messages', 'data-list': 'chat' });
  const notice = h('div', { class: 'status' });
  const chatInput = h('input', {
    name: 'chat',
    placeholder: 'Message everyone',
    autocomplete: 'off',
    maxlength: 2000,
  });
  const micButton = h('button', {
    'data-action': 'toggle-mic',
    'data-device': 'mic',
    onclick: () => void toggle('mic'),
  });
  const camButton = h('button', {
    'data-action': 'toggle-camera',
    'data-device': 'camera',
    onclick: () => void toggle('camera'),
  });
  const shareButton = h('button', {
    'data-action': 'toggle-screen-share',
    'data-device': 'screen',
    onclick: () => void toggle('screen'),
  });
  // Ends the main session, and its breakout rooms with it (the server closes them first).
  const endButton = moderator
    ? h(
        'button',
        {
          class: 'danger',
          'data-action': 'end-session',
          onclick: () => void moderate(() => app.client.deleteRoom(home), 'Could not end the session'),
        },
        'End session for everyone',
      )
    : null;
  const controls = h(
    'div',
    { class: 'controls' },
    micButton,
    camButton,
    shareButton,
    h('button', { class: 'danger', 'data-action': 'leave', onclick: () => void r.disconnect() }, 'Leave'),
    moderator
      ? h(
          'button',
          { 'data-action': 'toggle-lock', onclick: () => void toggleLock() },
          group.locked ? 'Unlock session' : 'Lock session',
        )
      : null,
    endButton,
  );
  // Moderators of an approval group: who knocks on this session, with Admit and Deny.
  const knocks = h('ul', { class: 'participants', 'data-list': 'knocks' });
  const waitingRoom =
    moderator && group.admission === 'approval'
      ? h('section', { 'data-section': 'waiting-room' }, h('h2', null, 'Waiting room'), knocks)
      : null;
  const panel = moderator
    ? breakoutPanel({
        app,
        groupId,
        currentRoom: () => roomName,
        nameOf: (userId) => names.get(userId) ?? `user ${userId}`,
        goTo,
        show,
        onState: breakoutsChanged,
      })
    : null;
  const side = h(
    'aside',
    { class: 'side' },
    waitingRoom,
    panel?.el,
    h('h2', null, 'Participants'),
    people,
    h('h2', null, 'Chat'),
    messages,
    h(
      'form',
      { class: 'inline', 'data-form': 'chat', onsubmit: (ev: Event) => void sendChat(ev) },
      chatInput,
      h('button', { type: 'submit' }, 'Send'),
    ),
  );
  const tiles = new Map<string, Tile>();
  // User id -> name of everyone the call has shown (the breakout panel names members by them).
  const names = new Map<string, string>();
  if (app.session) names.set(app.session.userId, app.session.name || `user ${app.session.userId}`);
  const place = h('strong', { class: 'place' });
  const roomLabel = h('span', { class: 'muted' });
  const recording = h('span', { class: 'badge', 'data-recording': 'on', hidden: true }, '● Recording');

  // One Room per room the page is in: a move leaves it and connects a new one (connectTo).
  let r!: Room;
  // An encrypted group's session: frames are encrypted and decrypted in livekit-client's worker.
  let keys: ExternalE2EEKeyProvider | undefined;
  let keyIndex = 0;
  /** The main room's `breakouts` when last seen: a change means a set opened or closed. */
  let seenBreakouts = 0;
  /** The room being left on purpose (its Disconnected event says nothing). */
  let leaving: Room | null = null;
  /** What the user had on, to have it on again in the next room. */
  let media = { mic: true, cam: true };
  /** Moves one at a time: a metadata change during a visit waits for it. */
  let moves: Promise<void> = Promise.resolve();

  replace(status, 'Connecting…');
  try {
    await serially(() => connectTo(token));
  } catch (e) {
    if (!state.left) fail('Could not connect to the call', e);
    return;
  }
  if (state.left) return;
  view.dataset.state = 'connected';
  replace(
    view,
    h(
      'header',
      { class: 'call-head' },
      h('h1', null, group.title),
      place,
      roomLabel,
      keys ? h('span', { class: 'badge', 'data-e2ee': 'on' }, 'End-to-end encrypted') : null,
      recording,
    ),
    notice,
    h('div', { class: 'call-body' }, stage, side),
    controls,
    audio,
  );
  sync();
  if (waitingRoom) void watchKnocks();
  if (panel) void panel.watch(over);
  await serially(() => startMedia(true, true));
  return;

  // --- helpers ---

  /** A new Room for `t` (its key, if any, in a new key provider and worker), connected. */
  async function connectTo(t: LiveKitToken): Promise<void> {
    keys = t.e2eeKey ? new ExternalE2EEKeyProvider() : undefined;
    const worker = keys
      ? new Worker(new URL(__LKS_E2EE_WORKER__, document.baseURI), { type: 'module' })
      : undefined;
    const room = new Room({
      adaptiveStream: true,
      dynacast: true,
      ...(keys && worker && { e2ee: { keyProvider: keys, worker } }),
    });
    r = room;
    state.room = room;
    state.worker = worker;
    token = t;
    roomName = t.roomName;
    keyIndex = t.e2eeKeyIndex ?? 0;
    // Events of a room the page has left say nothing.
    const onSync = () => room === r && sync();
    room
      .on(RoomEvent.ParticipantConnected, onSync)
      .on(RoomEvent.ParticipantDisconnected, onSync)
      .on(RoomEvent.TrackSubscribed, (track, pub, p) => room === r && onSubscribed(track, pub, p))
      .on(RoomEvent.TrackUnsubscribed, (track) => room === r && onUnsubscribed(track))
      .on(RoomEvent.TrackPublished, onSync)
      .on(RoomEvent.TrackUnpublished, onSync)
      .on(RoomEvent.LocalTrackPublished, onSync)
      .on(RoomEvent.LocalTrackUnpublished, onSync)
      .on(RoomEvent.TrackMuted, onSync)
      .on(RoomEvent.TrackUnmuted, onSync)
      .on(RoomEvent.ActiveSpeakersChanged, onSync)
      .on(RoomEvent.RoomMetadataChanged, (metadata) => room === r && onMetadata(metadata))
      .on(RoomEvent.Disconnected, (reason) => onDisconnected(room, reason));
    if (keys) {
      room.on(RoomEvent.EncryptionError, (e) => show(errorBox('End-to-end encryption failed', e)));
    }
    room.registerTextStreamHandler(kChatTopic, (reader, from) => {
      void reader.readAll().then((text) => addMessage(from.identity, text));
    });
    if (keys && t.e2eeKey) {
      // The key as a string: PBKDF2, as every LiveKit SDK derives it (docs/e2ee.md).
      await keys.setKey(t.e2eeKey);
      await room.setE2EEEnabled(true);
    }
    await room.connect(t.serverUrl, t.token);
    const m = parseMetadata(room.metadata);
    seenBreakouts = m?.breakouts ?? 0;
    view.dataset.room = roomName;
    if (t.breakout) view.dataset.breakout = String(t.breakout.number);
    else delete view.dataset.breakout;
    if (keys) view.dataset.e2eeKeyIndex = String(keyIndex);
    replace(place, placeName(t));
    place.dataset.place = t.breakout ? 'breakout' : 'main';
    replace(roomLabel, roomName);
    showRecording(m);
    // A set opened between this token and the connection: ask once more where to be.
    if (!t.breakout && seenBreakouts > 0) void follow();
  }

  /** The room's metadata changed: a breakout set opened or closed, a new key, a recording. */
  function onMetadata(metadata: string): void {
    const m = parseMetadata(metadata);
    if (!m) return;
    showRecording(m);
    if (m.breakouts !== seenBreakouts) {
      seenBreakouts = m.breakouts;
      void panel?.refresh();
      void follow();
    } else if (keys && m.e2eeKeyIndex > keyIndex) {
      void follow();
    }
  }

  function showRecording(m: CallMetadata | null): void {
    recording.hidden = !m?.recording;
    view.dataset.recording = String(!!m?.recording);
  }

  /**
   * Asks for a token again (every check runs again) and goes where it leads: the member's
   * breakout once a set opened, the main room once the breakout room was deleted, or this room
   * with a new key after a removal.
   */
  function follow(): Promise<void> {
    return serially(async () => {
      if (over()) return;
      const gone = r.state === 'disconnected';
      let next: LiveKitToken | TokenWaiting;
      try {
        next = await app.client.createToken({
          roomName: gone ? home : roomName,
          participantName: app.session?.name,
        });
        if (isWaiting(next)) throw new ApiError(202, 'waiting', 'the server asks to wait for a moderator');
      } catch (e) {
        if (gone) showDisconnected(undefined, errorBox('Could not go back to the main room', e));
        else show(errorBox('Could not follow the call', e));
        return;
      }
      if (gone || next.roomName !== roomName) return moveTo(next);
      if (!keys || !next.e2eeKey || (next.e2eeKeyIndex ?? 0) <= keyIndex) return;
      keyIndex = next.e2eeKeyIndex ?? 0;
      await keys.setKey(next.e2eeKey);
      view.dataset.e2eeKeyIndex = String(keyIndex);
    }).catch((e) => show(errorBox('Could not get the new encryption key', e)));
  }

  /** A moderator's visit: a breakout room by name, or the main room. */
  function goTo(name: string): Promise<void> {
    return serially(async () => {
      const next = await app.client.createToken({ roomName: name, participantName: app.session?.name });
      if (isWaiting(next)) throw new ApiError(202, 'waiting', 'the server asks to wait for a moderator');
      if (next.roomName !== roomName || r.state === 'disconnected') await moveTo(next);
    });
  }

  function serially(f: () => Promise<void>): Promise<void> {
    const run = moves.then(f, f);
    moves = run.catch(() => undefined);
    return run;
  }

  /** Leaves this room and connects to `next`'s, with the camera and microphone as they were. */
  async function moveTo(next: LiveKitToken): Promise<void> {
    const old = r;
    leaving = old;
    view.dataset.state = 'moving';
    show(h('div', { class: 'notice', role: 'status' }, `Going to the ${placeName(next).toLowerCase()}…`));
    await old.disconnect();
    state.worker?.terminate();
    clearTiles();
    replace(audio);
    try {
      await connectTo(next);
    } catch (e) {
      if (!state.left) fail(`Could not join the ${placeName(next).toLowerCase()}`, e);
      return;
    } finally {
      leaving = null;
    }
    if (state.left) {
      void r.disconnect();
      return;
    }
    view.dataset.state = 'connected';
    const where = next.breakout ? `breakout room ${next.breakout.number}` : 'the main room';
    show(
      h(
        'div',
        { class: 'notice', role: 'status', 'data-moved': place.dataset.place },
        `You are in ${where}.`,
      ),
    );
    messages.append(h('li', { class: 'muted', 'data-place': roomName }, `— ${placeName(next)} —`));
    sync();
    void panel?.refresh();
    await startMedia(media.mic, media.cam);
  }

  async function startMedia(mic: boolean, cam: boolean): Promise<void> {
    const lp = r.localParticipant;
    try {
      if (mic && cam) await lp.enableCameraAndMicrophone();
      else if (mic) await lp.setMicrophoneEnabled(true);
      else if (cam) await lp.setCameraEnabled(true);
    } catch (e) {
      show(errorBox('Camera or microphone unavailable', e));
    }
    media = { mic: lp.isMicrophoneEnabled, cam: lp.isCameraEnabled };
    sync();
  }

  /** The call is over for this page: left, disconnected for good, or failed. */
  function over(): boolean {
    return state.left || view.dataset.state === 'disconnected' || view.dataset.state === 'error';
  }

  function breakoutsChanged(s: BreakoutState): void {
    view.dataset.breakoutsOpen = String(s.open);
  }

  function fail(what: string, e: unknown): void {
    view.dataset.state = 'error';
    replace(
      view,
      errorBox(what, e),
      h(
        'div',
        { class: 'actions' },
        h(
          'button',
          { 'data-action': 'retry', onclick: () => app.go(`#/group/${groupId}/call`) },
          'Try again',
        ),
        h('a', { class: 'button', href: `#/group/${groupId}` }, 'Back to the group'),
      ),
    );
  }

  function show(el: HTMLElement | string): void {
    replace(notice, el);
  }

  // The waiting room, refreshed every few seconds while the call lasts.
  async function watchKnocks(): Promise<void> {
    while (!over()) {
      try {
        const list = await app.client.listKnocks(groupId);
        replace(
          knocks,
          ...list.knocks
            .filter((k) => k.status === 'waiting')
            .map((k) =>
              h(
                'li',
                { 'data-user-id': k.userId },
                h('span', null, k.name || `user ${k.userId}`),
                h(
                  'span',
                  { class: 'actions' },
                  h(
                    'button',
                    {
                      'data-action': 'admit',
                      onclick: () => void decide(() => app.client.admitKnock(groupId, k.userId)),
                    },
                    'Admit',
                  ),
                  h(
                    'button',
                    {
                      class: 'danger',
                      'data-action': 'deny',
                      onclick: () => void decide(() => app.client.denyKnock(groupId, k.userId)),
                    },
                    'Deny',
                  ),
                ),
              ),
            ),
        );
      } catch (e) {
        show(errorBox('Could not read the waiting room', e));
      }
      await new Promise((done) => setTimeout(done, 3000));
    }
  }

  async function decide(f: () => Promise<unknown>): Promise<void> {
    await moderate(f, 'Could not decide the knock');
    knocks.querySelectorAll('button').forEach((b) => ((b as HTMLButtonElement).disabled = true));
  }

  async function toggleLock(): Promise<void> {
    const button = controls.querySelector('[data-action="toggle-lock"]') as HTMLButtonElement;
    try {
      const g = group.locked ? await app.client.unlockGroup(groupId) : await app.client.lockGroup(groupId);
      group = g;
      button.textContent = g.locked ? 'Unlock session' : 'Lock session';
      view.dataset.locked = String(!!g.locked);
    } catch (e) {
      show(errorBox('Could not change the lock', e));
    }
  }

  async function moderate(f: () => Promise<unknown>, what: string): Promise<void> {
    try {
      await f();
    } catch (e) {
      show(errorBox(what, e));
    }
  }

  async function toggle(what: 'mic' | 'camera' | 'screen'): Promise<void> {
    const lp = r.localParticipant;
    try {
      if (what === 'mic') await lp.setMicrophoneEnabled(!lp.isMicrophoneEnabled);
      if (what === 'camera') await lp.setCameraEnabled(!lp.isCameraEnabled);
      if (what === 'screen') await lp.setScreenShareEnabled(!lp.isScreenShareEnabled, { audio: false });
      media = { mic: lp.isMicrophoneEnabled, cam: lp.isCameraEnabled };
    } catch (e) {
      show(
        errorBox(
          what === 'screen'
            ? 'Could not share the screen'
            : `Could not switch the ${what === 'mic' ? 'microphone' : 'camera'}`,
          e,
        ),
      );
    }
    sync();
  }

  async function sendChat(ev: Event): Promise<void> {
    ev.preventDefault();
    const text = chatInput.value.trim();
    if (!text) return;
    try {
      await r.localParticipant.sendText(text, { topic: kChatTopic });
      addMessage(r.localParticipant.identity, text);
      chatInput.value = '';
    } catch (e) {
      show(errorBox('Could not send the message', e));
    }
  }

  function nameOf(identity: string): string {
    if (identity === r.localParticipant.identity) return 'You';
    const p = r.remoteParticipants.get(identity);
    return p?.name || identity;
  }

  function addMessage(identity: string, text: string): void {
    messages.append(h('li', { 'data-from': identity }, h('strong', null, nameOf(identity) + ': '), text));
    messages.scrollTop = messages.scrollHeight;
  }

  function onSubscribed(track: RemoteTrack, pub: RemoteTrackPublication, p: RemoteParticipant): void {
    if (track.kind === Track.Kind.Audio) {
      const el = track.attach();
      el.dataset.identity = p.identity;
      el.dataset.source = pub.source;
      audio.append(el);
    }
    sync();
  }

  function onUnsubscribed(track: RemoteTrack): void {
    if (track.kind === Track.Kind.Audio) track.detach().forEach((el) => el.remove());
    sync();
  }

  function clearTiles(): void {
    for (const t of tiles.values()) {
      t.track?.detach(t.video);
      t.el.remove();
    }
    tiles.clear();
  }

  function onDisconnected(room: Room, reason?: DisconnectReason): void {
    if (room !== r || room === leaving) return;
    clearTiles();
    if (state.left) return;
    // A breakout room deleted: the moderator closed the breakouts (back to the main room) or
    // ended the whole session, whose main room then went first (docs/breakouts.md).
    if (token.breakout && reason === DisconnectReason.ROOM_DELETED) {
      view.dataset.state = 'moving';
      void backToMain();
      return;
    }
    showDisconnected(reason);
  }

  /** After the breakout room was deleted: to the main room if it is still live. */
  async function backToMain(): Promise<void> {
    try {
      await app.client.getRoom(home);
    } catch (e) {
      if (state.left) return;
      // The main room is gone: the session ended; a token now would start a new one.
      if (e instanceof ApiError && e.code === ErrorCodes.roomNotActive) {
        showDisconnected(DisconnectReason.ROOM_DELETED);
      } else {
        showDisconnected(undefined, errorBox('Could not go back to the main room', e));
      }
      return;
    }
    if (state.left) return;
    show(
      h(
        'div',
        { class: 'notice', role: 'status' },
        'The breakout rooms closed: going back to the main room…',
      ),
    );
    await follow();
  }

  function showDisconnected(reason?: DisconnectReason, why?: HTMLElement): void {
    const words =
      (reason !== undefined && kDisconnectWords[reason]) || 'The connection to the call was lost.';
    view.dataset.state = 'disconnected';
    view.dataset.reason = reason !== undefined ? (DisconnectReason[reason] ?? String(reason)) : 'UNKNOWN';
    replace(
      view,
      h(
        'div',
        { class: 'notice', role: 'status', 'data-disconnect': view.dataset.reason },
        h('strong', null, words),
      ),
      why,
      h(
        'div',
        { class: 'actions' },
        h(
          'button',
          { class: 'primary', 'data-action': 'rejoin', onclick: () => app.go(`#/group/${groupId}/call`) },
          'Rejoin',
        ),
        h('a', { class: 'button', href: `#/group/${groupId}` }, 'Back to the group'),
      ),
    );
  }

  function tileFor(key: string, p: Participant, source: string): Tile {
    let t = tiles.get(key);
    if (!t) {
      const video = h('video', { autoplay: true, playsinline: true, muted: true });
      video.muted = true;
      const el = h(
        'figure',
        {
          class: 'tile',
          'data-identity': p.identity,
          'data-source': source,
          'data-local': p === r.localParticipant,
        },
        video,
        h('figcaption', null),
      );
      t = { el, video };
      tiles.set(key, t);
      stage.append(el);
    }
    return t;
  }

  function attach(t: Tile, pub: TrackPublication | undefined): void {
    const track = pub && !pub.isMuted ? pub.track : undefined;
    if (t.track === track) return;
    t.track?.detach(t.video);
    t.track = track;
    if (track) track.attach(t.video);
    t.el.dataset.video = track ? 'on' : 'off';
    // What the server says of the track: published end-to-end encrypted or not.
    if (pub) t.el.dataset.encrypted = String(pub.isEncrypted);
  }

  /** Brings tiles, the participant list and the buttons in line with the room. */
  function sync(): void {
    if (r.state === 'disconnected' && view.dataset.state !== 'connected') return;
    const everyone: Participant[] = [r.localParticipant, ...r.remoteParticipants.values()];
    for (const p of everyone) if (p.name && userIdOf(p.identity)) names.set(userIdOf(p.identity), p.name);
    const wanted = new Set<string>();
    for (const p of everyone) {
      const cam = p.getTrackPublication(Track.Source.Camera);
      const camKey = `${p.identity}:camera`;
      wanted.add(camKey);
      const t = tileFor(camKey, p, 'camera');
      attach(t, cam);
      const mic = p.getTrackPublication(Track.Source.Microphone);
      t.el.classList.toggle('speaking', p.isSpeaking);
      replace(
        t.el.querySelector('figcaption')!,
        p === r.localParticipant ? `${p.name || p.identity} (you)` : p.name || p.identity,
        !mic || mic.isMuted ? h('span', { class: 'badge' }, 'mic off') : null,
      );
      const screen = p.getTrackPublication(Track.Source.ScreenShare);
      if (screen) {
        const key = `${p.identity}:screen_share`;
        wanted.add(key);
        const s = tileFor(key, p, 'screen_share');
        s.el.classList.add('screen');
        attach(s, screen);
        replace(s.el.querySelector('figcaption')!, `${p.name || p.identity}'s screen`);
      }
    }
    for (const [key, t] of tiles) {
      if (wanted.has(key)) continue;
      t.track?.detach(t.video);
      t.el.remove();
      tiles.delete(key);
    }
    stage.dataset.count = String(tiles.size);
    replace(people, ...everyone.map(personItem));
    const lp = r.localParticipant;
    setButton(micButton, lp.isMicrophoneEnabled, 'Mute', 'Unmute');
    setButton(camButton, lp.isCameraEnabled, 'Stop camera', 'Start camera');
    setButton(shareButton, lp.isScreenShareEnabled, 'Stop sharing', 'Share screen');
  }

  function setButton(b: HTMLButtonElement, on: boolean, whenOn: string, whenOff: string): void {
    b.textContent = on ? whenOn : whenOff;
    b.setAttribute('aria-pressed', String(on));
  }

  function personItem(p: Participant): HTMLElement {
    const local = p === r.localParticipant;
    const mic = p.getTrackPublication(Track.Source.Microphone);
    const micOn = !!mic && !mic.isMuted;
    const li = h(
      'li',
      { 'data-identity': p.identity, 'data-mic': micOn ? 'on' : 'off' },
      h('span', { class: 'name' }, p.name || p.identity, local ? h('small', null, ' (you)') : null),
      h(
        'small',
        { class: 'muted' },
        ` ${micOn ? 'mic on' : 'mic off'}${p.isCameraEnabled ? ' · camera on' : ''}${p.isScreenShareEnabled ? ' · sharing' : ''}`,
      ),
    );
    // Moderation addresses the main room only (docs/breakouts.md, "Not built").
    if (moderator && !local && !token.breakout) {
      li.append(
        h(
          'span',
          { class: 'mod' },
          mic && micOn
            ? h(
                'button',
                {
                  class: 'small',
                  'data-action': 'mute',
                  onclick: () =>
                    void moderate(
                      () =>
                        app.client.muteTrack(roomName, {
                          participantIdentity: p.identity,
                          trackSid: mic.trackSid,
                          muted: true,
                        }),
                      'Could not mute',
                    ),
                },
                'Mute',
              )
            : null,
          h(
            'button',
            {
              class: 'small danger',
              'data-action': 'remove',
              onclick: () =>
                void moderate(() => app.client.removeParticipant(roomName, p.identity), 'Could not remove'),
            },
            'Remove',
          ),
        ),
      );
    }
    return li;
  }
}
