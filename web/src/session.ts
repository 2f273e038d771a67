// Who is signed in: the app token (from `#token=`, a paste, or `lkstudy dev`'s sign-in) and what
// its payload says about the user. The server verifies the token on every call; the page only
// reads it to show the name and to know the app role. Kept in sessionStorage (this tab only).

export interface Session {
  token: string;
  userId: string;
  name: string;
  email: string;
  role: string;
  /** unix seconds; 0 when the token has no exp */
  expiresAt: number;
}

const kKey = 'lkstudy.appToken';

function decodePayload(token: string): Record<string, unknown> {
  const parts = token.split('.');
  if (parts.length !== 3) throw new Error('that is not a JWT (expected three dot-separated parts)');
  const b64 = parts[1].replace(/-/g, '+').replace(/_/g, '/');
  const bytes = Uint8Array.from(atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4)), (c) => c.charCodeAt(0));
  const payload = JSON.parse(new TextDecoder().decode(bytes));
  if (!payload || typeof payload !== 'object') throw new Error('the token payload is not a JSON object');
  return payload as Record<string, unknown>;
}

/** The session for `token`, or an Error saying why the token cannot be used. */
export function sessionFromToken(raw: string): Session | Error {
  const token = raw.trim().replace(/^Bearer\s+/i, '');
  let p: Record<string, unknown>;
  try {
    p = decodePayload(token);
  } catch (e) {
    return new Error('This is not an app token: ' + (e as Error).message);
  }
  const id = p.userId ?? p.sub;
  const userId = typeof id === 'number' || typeof id === 'string' ? String(id) : '';
  if (!userId) return new Error('This app token names no user (no userId or sub claim).');
  const exp = typeof p.exp === 'number' ? p.exp : 0;
  if (exp && exp * 1000 < Date.now())
    return new Error('This app token has expired; get a new one from your app.');
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  return {
    token,
    userId,
    name: str(p.name) || `User ${userId}`,
    email: str(p.email),
    role: str(p.role),
    expiresAt: exp,
  };
}

export function saveSession(s: Session | null): void {
  try {
    if (s) sessionStorage.setItem(kKey, s.token);
    else sessionStorage.removeItem(kKey);
  } catch {
    // storage disabled: the session lasts as long as the page
  }
}

export function loadSession(): Session | null {
  let token: string | null = null;
  try {
    token = sessionStorage.getItem(kKey);
  } catch {
    return null;
  }
  if (!token) return null;
  const s = sessionFromToken(token);
  return s instanceof Error ? null : s;
}

export function isAdmin(s: Session): boolean {
  return s.role === 'admin';
}
