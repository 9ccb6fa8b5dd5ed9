// Sign-in. Development: pick a role, department and region; the gateway's development sign-in
// (GET explorer/dev-token, the explorer's route) mints a token, and only while the gateway runs
// on the development secret. Production: the city's identity provider, OpenID Connect
// authorization code with PKCE (oidc-client-ts); the access token is the bearer token.
import { UserManager, WebStorageStateStore } from 'oidc-client-ts';
import { DEPARTMENT_LABELS, ROLE_LABELS } from '../labels.ts';
import { h } from './dom.ts';
import type { Config, Session } from './graph.ts';

const SESSION_KEY = 'lip-dashboard-session';

const claimsOf = (token: string): Record<string, unknown> => {
  try {
    return JSON.parse(atob(token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as Record<string, unknown>;
  } catch {
    return {};
  }
};

function identityOf(claims: Record<string, unknown>): Session['identity'] {
  return {
    subject: String(claims.sub ?? ''),
    name: typeof claims.name === 'string' ? claims.name : undefined,
    role: String(claims.role ?? ''),
    department: typeof claims.department === 'string' ? claims.department : undefined,
    region: String(claims.region ?? ''),
  };
}

const expired = (token: string) => {
  const exp = claimsOf(token).exp;
  return typeof exp === 'number' && exp * 1000 < Date.now() + 60_000;
};

function oidcManager(config: NonNullable<Config['oidc']>) {
  return new UserManager({
    authority: config.issuer,
    client_id: config.clientId,
    redirect_uri: `${location.origin}${location.pathname}`,
    response_type: 'code',
    scope: config.scope ?? 'openid profile',
    extraQueryParams: config.resource ? { resource: config.resource } : {},
    extraTokenParams: config.resource ? { resource: config.resource } : {},
    userStore: new WebStorageStateStore({ store: sessionStorage }),
    loadUserInfo: false,
  });
}

/** The current session, finishing an OpenID Connect redirect if this load is one. */
export async function currentSession(config: Config): Promise<Session | null> {
  if (config.oidc) {
    const manager = oidcManager(config.oidc);
    const params = new URLSearchParams(location.search);
    let user = null;
    if (params.has('code') && params.has('state')) {
      user = await manager.signinRedirectCallback();
      history.replaceState(null, '', `${location.pathname}${location.hash}`);
    } else user = await manager.getUser();
    if (!user || user.expired) return null;
    return { token: user.access_token, identity: identityOf({ ...user.profile, ...claimsOf(user.access_token) }), via: 'oidc' };
  }
  const stored = sessionStorage.getItem(SESSION_KEY);
  if (!stored) return null;
  const session = JSON.parse(stored) as Session;
  return expired(session.token) ? null : session;
}

export async function signOut(config: Config) {
  sessionStorage.removeItem(SESSION_KEY);
  if (config.oidc) await oidcManager(config.oidc).removeUser();
}

/** The sign-in page: the development lists, or the identity provider's button. */
export function signInPage(config: Config, done: () => void): HTMLElement {
  const message = h('p', { class: 'error', role: 'alert', 'data-testid': 'sign-in-error' });
  if (config.oidc) {
    // The provider sends errors back on the redirect (e.g. invalid_target): say so instead of offering the button silently again.
    const returned = new URLSearchParams(location.search);
    if (returned.has('error')) message.textContent = `登录失败 Sign-in failed: ${returned.get('error_description') ?? returned.get('error')}`;
    const oidc = config.oidc;
    return h(
      'div',
      { class: 'sign-in card' },
      h('h1', {}, '三门峡市低收入人口监测', h('small', {}, 'Sanmenxia low-income population dashboard')),
      h(
        'button',
        {
          type: 'button',
          'data-testid': 'oidc-sign-in',
          onclick: () =>
            void oidcManager(oidc)
              .signinRedirect()
              .catch((e: Error) => (message.textContent = e.message)),
        },
        '统一身份认证登录 Sign in with the city’s identity provider',
      ),
      message,
    );
  }
  const dev = config.devSignIn;
  if (!dev) {
    return h(
      'div',
      { class: 'sign-in card' },
      h(
        'p',
        { class: 'error' },
        '未配置登录方式：请设置 DASHBOARD_OIDC_ISSUER 和 DASHBOARD_OIDC_CLIENT_ID。No sign-in is configured: set DASHBOARD_OIDC_ISSUER and DASHBOARD_OIDC_CLIENT_ID.',
      ),
    );
  }
  const role = h('select', { name: 'role' }, ...dev.roles.map((r) => h('option', { value: r, selected: r === dev.default.role }, ROLE_LABELS[r] ?? r)));
  const department = h(
    'select',
    { name: 'department' },
    h('option', { value: '' }, '（无 none）'),
    ...dev.departments.map((d) => h('option', { value: d }, DEPARTMENT_LABELS[d] ?? d)),
  );
  const region = h(
    'select',
    { name: 'region' },
    ...dev.regions.map((r) =>
      h(
        'option',
        { value: r.code, selected: r.code === dev.default.region },
        `${r.level === 'TOWNSHIP' ? '\u3000\u3000' : r.level === 'COUNTY' ? '\u3000' : ''}${r.name} ${r.code}`,
      ),
    ),
  );
  const submit = async (event: Event) => {
    event.preventDefault();
    message.textContent = '';
    const query = new URLSearchParams({ role: role.value, region: region.value, ...(department.value ? { department: department.value } : {}) });
    const response = await fetch(`${dev.tokenPath}?${query}`, { headers: { 'x-lip-dev-sign-in': '1' } });
    const body = (await response.json()) as { token?: string; identity?: Session['identity']; error?: string };
    if (!response.ok || !body.token || !body.identity) {
      message.textContent = body.error ?? `登录失败 Sign-in failed (${response.status})`;
      return;
    }
    sessionStorage.setItem(SESSION_KEY, JSON.stringify({ token: body.token, identity: body.identity, via: 'development' } satisfies Session));
    done();
  };
  return h(
    'form',
    { class: 'sign-in card', onsubmit: (e) => void submit(e) },
    h('h1', {}, '三门峡市低收入人口监测', h('small', {}, 'Sanmenxia low-income population dashboard')),
    h(
      'p',
      { class: 'note' },
      '开发环境登录：选择角色、部门和地区，网关签发开发令牌。Development sign-in: the gateway mints a development token for the role, department and region chosen.',
    ),
    h('label', {}, '角色 Role', role),
    h('label', {}, '部门 Department', department),
    h('label', {}, '地区 Region', region),
    h('button', { type: 'submit', 'data-testid': 'dev-sign-in' }, '登录 Sign in'),
    message,
  );
}
