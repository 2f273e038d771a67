// The study-group web client: sign in, groups, a group's page, the call. It talks to the REST API
// on this origin (through the typed client) and to LiveKit, nothing else. Views are picked from
// the location hash:
//   #token=<app token>[&group=<id>[&call=1]]   sign in with the host app's token (then removed)
//   #/groups  #/group/<id>  #/group/<id>/call
import './styles.css';

import { LkStudyClient } from '../client/src/index.js';
import { renderCall } from './call.js';
import { h, replace } from './dom.js';
import { renderGroup } from './group.js';
import { renderGroups } from './groups.js';
import { type Session, loadSession, saveSession, sessionFromToken } from './session.js';
import { renderSignIn } from './signin.js';

export interface App {
  client: LkStudyClient;
  session: Session | null;
  /** `lkstudy dev`: the page may offer its sign-in */
  dev: boolean;
  go(hash: string): void;
  signIn(token: string): Error | null;
  signOut(message?: string): void;
}

const root = document.getElementById('app') as HTMLElement;
const bar = document.getElementById('user') as HTMLElement;
let cleanup: (() => void) | null = null;
let signOutNotice = '';

const app: App = {
  client: new LkStudyClient({ token: () => app.session?.token }),
  session: null,
  dev: false,
  go(hash: string) {
    if (location.hash === hash) void route();
    else location.hash = hash;
  },
  signIn(token: string) {
    const s = sessionFromToken(token);
    if (s instanceof Error) return s;
    app.session = s;
    saveSession(s);
    signOutNotice = '';
    return null;
  },
  signOut(message = '') {
    app.session = null;
    saveSession(null);
    signOutNotice = message;
    app.go('#/');
  },
};

function renderUserBar(): void {
  const s = app.session;
  if (!s) {
    replace(bar);
    return;
  }
  replace(
    bar,
    h(
      'span',
      { class: 'who', 'data-user-id': s.userId },
      s.name,
      h('small', null, ` · user ${s.userId}`),
      s.role ? h('small', null, ` · ${s.role}`) : null,
    ),
    h('button', { class: 'link', 'data-action': 'sign-out', onclick: () => app.signOut() }, 'Sign out'),
  );
}

async function route(): Promise<void> {
  cleanup?.();
  cleanup = null;
  renderUserBar();
  if (!app.session) {
    renderSignIn(root, app, signOutNotice);
    return;
  }
  const m = /^#\/group\/(\d+)(\/call)?$/.exec(location.hash);
  if (m) {
    const id = Number(m[1]);
    cleanup = m[2] ? renderCall(root, app, id) : renderGroup(root, app, id);
    return;
  }
  renderGroups(root, app);
}

async function boot(): Promise<void> {
  // The host app's token in the fragment (never sent to a server); taken out of the address bar
  // and the history at once.
  const frag = new URLSearchParams(location.hash.startsWith('#token=') ? location.hash.slice(1) : '');
  let next = location.hash;
  const token = frag.get('token');
  if (token) {
    const error = app.signIn(token);
    const group = frag.get('group');
    next =
      group && /^\d+$/.test(group)
        ? `#/group/${group}${frag.get('call') === '1' ? '/call' : ''}`
        : '#/groups';
    if (error) {
      signOutNotice = error.message;
      next = '#/';
    }
    history.replaceState(null, '', location.pathname + location.search + next);
  } else {
    app.session = loadSession();
  }
  try {
    await app.client.devUsers();
    app.dev = true;
  } catch {
    app.dev = false;
  }
  window.addEventListener('hashchange', () => void route());
  await route();
}

void boot();
