// A study group's page: what it is, who is in it, the call, and its attendance and usage.
import { ApiError, type Membership, type StudyGroup } from '../client/src/index.js';
import { formatTime, h, replace } from './dom.js';
import { errorBox } from './errors.js';
import type { App } from './main.js';

export function renderGroup(root: HTMLElement, app: App, id: number): () => void {
  const head = h('div', null, h('p', { class: 'muted' }, 'Loading…'));
  const members = h('div', { 'data-panel': 'members' });
  const usage = h('div', { 'data-panel': 'usage' });
  const actions = h('div', { class: 'actions' });
  const status = h('div', { class: 'status' });
  replace(
    root,
    h(
      'div',
      { 'data-view': 'group', 'data-group-id': id },
      h('p', null, h('a', { href: '#/groups' }, '← My groups')),
      h('section', { class: 'card' }, head, actions, status),
      h(
        'div',
        { class: 'columns' },
        h('section', { class: 'card' }, h('h2', null, 'Members'), members),
        h('section', { class: 'card' }, h('h2', null, 'Attendance and usage'), usage),
      ),
    ),
  );
  let alive = true;
  void load();
  return () => {
    alive = false;
  };

  async function load(): Promise<void> {
    let group: StudyGroup;
    try {
      group = await app.client.getGroup(id);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'unauthenticated') return app.signOut(e.message);
      replace(head, errorBox('Could not open the group', e));
      return;
    }
    if (!alive) return;
    replace(
      head,
      h('h1', null, group.title),
      group.description ? h('p', null, group.description) : null,
      h(
        'dl',
        { class: 'facts' },
        fact('Group id', String(group.id)),
        fact('Capacity', `${group.maxParticipants} members`),
        fact('Starts', formatTime(group.scheduledTime)),
        fact('Duration', `${group.durationMinutes} minutes`),
        fact('Video', group.useLiveKit ? 'LiveKit call' : 'Google Meet'),
        group.livekitRoomName ? fact('Room', group.livekitRoomName) : null,
      ),
    );
    let mine: Membership | undefined;
    try {
      const list = await app.client.listMembers(id);
      mine = list.members.find((m) => m.userId === app.session?.userId);
      replace(
        members,
        h(
          'ul',
          { class: 'members' },
          ...list.members.map((m) =>
            h(
              'li',
              { 'data-user-id': m.userId },
              `User ${m.userId}`,
              h('span', { class: 'role ' + m.role }, m.role),
              m.userId === app.session?.userId ? h('small', null, ' (you)') : null,
            ),
          ),
        ),
      );
    } catch (e) {
      replace(members, errorBox('Members are visible to members', e));
    }
    if (!alive) return;
    replace(actions);
    if (group.useLiveKit) {
      actions.append(
        h(
          'button',
          { class: 'primary', 'data-action': 'open-call', onclick: () => app.go(`#/group/${id}/call`) },
          'Join the call',
        ),
      );
    } else if (group.meetLink) {
      actions.append(
        h(
          'a',
          { class: 'button primary', href: group.meetLink, target: '_blank', rel: 'noopener' },
          'Open Google Meet',
        ),
      );
    }
    if (!mine) {
      actions.append(
        h(
          'button',
          {
            'data-action': 'join-group',
            onclick: () => void act(() => app.client.joinGroup(id), 'Could not join the group'),
          },
          'Become a member',
        ),
      );
    } else if (mine.role !== 'owner') {
      actions.append(
        h(
          'button',
          {
            class: 'link',
            'data-action': 'leave-group',
            onclick: () => void act(() => app.client.leaveGroup(id), 'Could not leave the group'),
          },
          'Leave the group',
        ),
      );
    }
    await loadUsage();
  }

  async function act(f: () => Promise<unknown>, what: string): Promise<void> {
    replace(status);
    try {
      await f();
      await load();
    } catch (e) {
      replace(status, errorBox(what, e));
    }
  }

  async function loadUsage(): Promise<void> {
    try {
      const [u, a] = await Promise.all([app.client.getUsage(id), app.client.getAttendance(id)]);
      if (!alive) return;
      const sessions = a.sessions.slice().reverse();
      replace(
        usage,
        h(
          'p',
          { class: 'totals' },
          h('strong', { 'data-total': 'participant-minutes' }, u.participantMinutes.toFixed(2)),
          ' participant-minutes · estimated ',
          h('strong', { 'data-total': 'cost' }, `${u.estimatedCost.toFixed(4)} ${u.currency}`),
          h('small', null, ` at ${u.ratePerParticipantMinute} ${u.currency} per participant-minute`),
        ),
        sessions.length === 0 ? h('p', { class: 'muted' }, 'No sessions yet.') : null,
        ...sessions.map((s) =>
          h(
            'div',
            { class: 'session', 'data-room-sid': s.roomSid },
            h(
              'h3',
              null,
              `Session ${formatTime(s.startedAt)}`,
              h('small', null, s.endedAt ? ` – ${formatTime(s.endedAt)}` : ' · live'),
            ),
            h(
              'table',
              { class: 'attendance' },
              h(
                'thead',
                null,
                h(
                  'tr',
                  null,
                  h('th', null, 'Participant'),
                  h('th', null, 'Joined'),
                  h('th', null, 'Left'),
                  h('th', null, 'Minutes'),
                ),
              ),
              h(
                'tbody',
                null,
                ...s.attendance.map((r) =>
                  h(
                    'tr',
                    { 'data-identity': r.identity },
                    h('td', null, r.userId ? `User ${r.userId}` : r.identity),
                    h('td', null, formatTime(r.joinedAt)),
                    h('td', null, r.leftAt ? formatTime(r.leftAt) : 'in the call'),
                    h(
                      'td',
                      { 'data-minutes': r.participantMinutes ?? '' },
                      r.participantMinutes === null ? '—' : r.participantMinutes.toFixed(2),
                    ),
                  ),
                ),
              ),
            ),
          ),
        ),
        h(
          'button',
          { class: 'link', 'data-action': 'refresh-usage', onclick: () => void loadUsage() },
          'Refresh',
        ),
      );
    } catch (e) {
      replace(usage, errorBox('Attendance is visible to members', e));
    }
  }
}

function fact(name: string, value: string): HTMLElement {
  return h('div', null, h('dt', null, name), h('dd', null, value));
}
