// My study groups: the list, creating one, and opening or joining one by its id.
import { ApiError, type StudyGroup } from '../client/src/index.js';
import { formatTime, h, replace } from './dom.js';
import { errorBox } from './errors.js';
import type { App } from './main.js';

export function renderGroups(root: HTMLElement, app: App): void {
  const list = h(
    'ul',
    { class: 'groups', 'data-list': 'my-groups' },
    h('li', { class: 'muted' }, 'Loading…'),
  );
  const listStatus = h('div', { class: 'status' });
  const createStatus = h('div', { class: 'status' });
  const openStatus = h('div', { class: 'status' });

  const title = h('input', {
    name: 'title',
    required: true,
    maxlength: 255,
    placeholder: 'Bible Study - Gospel of John',
  });
  const description = h('input', {
    name: 'description',
    maxlength: 2000,
    placeholder: "Weekly study of John's Gospel",
  });
  const max = h('input', { name: 'maxParticipants', type: 'number', min: 1, max: 10000, value: 10 });
  const when = h('input', { name: 'scheduledTime', type: 'datetime-local' });
  const duration = h('input', { name: 'durationMinutes', type: 'number', min: 1, max: 1440, value: 60 });
  const e2ee = h('input', { name: 'e2ee', type: 'checkbox' });
  const approval = h('input', { name: 'approval', type: 'checkbox' });
  const groupId = h('input', {
    name: 'group-id',
    type: 'number',
    min: 1,
    required: true,
    placeholder: '123',
  });

  replace(
    root,
    h(
      'div',
      { class: 'columns', 'data-view': 'groups' },
      h('section', { class: 'card' }, h('h1', null, 'My study groups'), listStatus, list),
      h(
        'div',
        null,
        h(
          'section',
          { class: 'card' },
          h('h2', null, 'Create a group'),
          h(
            'form',
            { 'data-form': 'create-group', onsubmit: (ev: Event) => void create(ev) },
            label('Title', title),
            label('Description', description),
            h('div', { class: 'row' }, label('Capacity', max), label('Minutes', duration)),
            label('Starts (optional)', when),
            h('label', { class: 'check' }, e2ee, ' End-to-end encrypted calls'),
            h('label', { class: 'check' }, approval, ' Waiting room (a moderator lets each member in)'),
            h('button', { type: 'submit', class: 'primary' }, 'Create group'),
          ),
          createStatus,
        ),
        h(
          'section',
          { class: 'card' },
          h('h2', null, 'A group by its id'),
          h(
            'form',
            {
              class: 'inline',
              'data-form': 'open-group',
              onsubmit: (ev: Event) => void openOrJoin(ev, false),
            },
            groupId,
            h('button', { type: 'submit' }, 'Open'),
            h(
              'button',
              {
                type: 'button',
                class: 'primary',
                'data-action': 'join-group',
                onclick: (ev: Event) => void openOrJoin(ev, true),
              },
              'Join',
            ),
          ),
          openStatus,
        ),
      ),
    ),
  );
  void load();

  async function load(): Promise<void> {
    try {
      const page = await app.client.listGroups({ limit: 100 });
      replace(
        list,
        ...(page.groups.length
          ? page.groups.map(item)
          : [h('li', { class: 'muted' }, 'No groups yet: create one, or join one by its id.')]),
      );
    } catch (e) {
      if (e instanceof ApiError && e.code === 'unauthenticated') return app.signOut(e.message);
      replace(list);
      replace(listStatus, errorBox('Could not list your groups', e));
    }
  }

  async function create(ev: Event): Promise<void> {
    ev.preventDefault();
    replace(createStatus);
    try {
      const g = await app.client.createGroup({
        title: title.value.trim(),
        description: description.value.trim(),
        maxParticipants: Number(max.value) || undefined,
        durationMinutes: Number(duration.value) || undefined,
        scheduledTime: when.value ? new Date(when.value).toISOString() : undefined,
        videoProvider: 'livekit',
        useLiveKit: true,
        ...(e2ee.checked && { e2ee: true }),
        ...(approval.checked && { admission: 'approval' as const }),
      });
      app.go(`#/group/${g.id}`);
    } catch (e) {
      replace(createStatus, errorBox('Could not create the group', e));
    }
  }

  async function openOrJoin(ev: Event, join: boolean): Promise<void> {
    ev.preventDefault();
    replace(openStatus);
    const id = Number(groupId.value);
    if (!Number.isInteger(id) || id <= 0) {
      replace(openStatus, errorBox('No group', new Error('enter the group id, a positive whole number')));
      return;
    }
    try {
      if (join) await app.client.joinGroup(id);
      else await app.client.getGroup(id);
      app.go(`#/group/${id}`);
    } catch (e) {
      replace(openStatus, errorBox(join ? 'Could not join the group' : 'Could not open the group', e));
    }
  }
}

function item(g: StudyGroup): HTMLElement {
  return h(
    'li',
    { 'data-group-id': g.id },
    h('a', { href: `#/group/${g.id}` }, g.title),
    h(
      'small',
      null,
      ` #${g.id} · ${g.useLiveKit ? 'LiveKit' : 'Google Meet'} · up to ${g.maxParticipants}`,
      g.scheduledTime ? ` · ${formatTime(g.scheduledTime)}` : '',
    ),
  );
}

function label(text: string, input: HTMLElement): HTMLElement {
  return h('label', null, h('span', null, text), input);
}
