// Sign in: with `lkstudy dev`, pick a user (its dev-only endpoint hands out an app token); with
// `lkstudy serve`, the host app opens the page with #token=..., or one pastes an app token.
import { h, replace } from './dom.js';
import { errorBox } from './errors.js';
import type { App } from './main.js';

export function renderSignIn(root: HTMLElement, app: App, notice: string): void {
  const status = h('div', { class: 'status' });
  const view = h(
    'section',
    { class: 'card signin', 'data-view': 'sign-in' },
    h('h1', null, 'Sign in'),
    notice ? h('p', { class: 'notice', role: 'status' }, notice) : null,
  );
  if (app.dev) {
    const list = h('div', { class: 'user-picker' });
    view.append(
      h('p', null, 'This is ', h('code', null, 'lkstudy dev'), ': pick a user to try the app as.'),
      list,
    );
    app.client
      .devUsers()
      .then((users) => {
        for (const u of users) {
          list.append(
            h(
              'button',
              { class: 'user', 'data-user-id': u.userId, onclick: () => void devSignIn(u.userId) },
              h('strong', null, u.name),
              h('small', null, ` user ${u.userId}${u.role ? ' · ' + u.role : ''}`),
            ),
          );
        }
      })
      .catch((e) => replace(status, errorBox('Could not list the users', e)));
    const other = h('input', {
      name: 'user-id',
      placeholder: 'another user id',
      pattern: '[A-Za-z0-9_-]{1,64}',
      required: true,
    });
    view.append(
      h(
        'form',
        {
          class: 'inline',
          onsubmit: (ev: Event) => {
            ev.preventDefault();
            void devSignIn(other.value.trim());
          },
        },
        other,
        h('button', { type: 'submit' }, 'Sign in'),
      ),
    );
  } else {
    const area = h('textarea', { name: 'app-token', rows: 4, placeholder: 'eyJhbGciOiJIUzI1NiIs...' });
    view.append(
      h(
        'p',
        null,
        'Your app opens this page with ',
        h('code', null, '#token=<app token>'),
        '. You can also paste an app token here:',
      ),
      h(
        'form',
        {
          onsubmit: (ev: Event) => {
            ev.preventDefault();
            const error = app.signIn(area.value);
            if (error) replace(status, errorBox('Could not sign in', error));
            else app.go('#/groups');
          },
        },
        area,
        h('button', { type: 'submit', class: 'primary' }, 'Sign in'),
      ),
    );
  }
  view.append(status);
  replace(root, view);

  async function devSignIn(userId: string): Promise<void> {
    try {
      const r = await app.client.devSignIn(userId);
      const error = app.signIn(r.token);
      if (error) throw error;
      app.go('#/groups');
    } catch (e) {
      replace(status, errorBox('Could not sign in', e));
    }
  }
}
