// The dashboard's shell: sign-in, the navigation and a hash router over the pages.
import { DEPARTMENT_LABELS, ROLE_LABELS } from '../labels.ts';
import { currentSession, signInPage, signOut } from './auth.ts';
import { disposeCharts } from './charts.ts';
import { h } from './dom.ts';
import { type Config, Graph } from './graph.ts';
import { moneyPage } from './pages/money.ts';
import { monitoringPage } from './pages/monitoring.ts';
import { overviewPage } from './pages/overview.ts';
import { personPage } from './pages/person.ts';
import { queuesPage } from './pages/queues.ts';

const config = JSON.parse(document.getElementById('lip-dashboard-config')!.textContent!) as Config;
const root = document.getElementById('app')!;

const PAGES = [
  { path: 'overview', zh: '总览', en: 'Overview' },
  { path: 'monitoring', zh: '监测预警', en: 'Monitoring' },
  { path: 'money', zh: '资金发放', en: 'Money' },
  { path: 'queues', zh: '待办', en: 'Queues' },
] as const;

async function render(graph: Graph) {
  const [path = 'overview', argument] = location.hash.replace(/^#\/?/, '').split('/');
  disposeCharts();
  const main = h('main', { 'aria-busy': 'true' }, h('p', { class: 'loading' }, '正在加载… Loading…'));
  const { identity } = graph.session;
  root.replaceChildren(
    h(
      'header',
      {},
      h('div', { class: 'brand' }, '三门峡市低收入人口监测', h('small', {}, 'Low-income population')),
      h(
        'nav',
        {},
        ...PAGES.map((p) => h('a', { href: `#/${p.path}`, class: p.path === path ? 'active' : '', 'data-page': p.path }, p.zh, h('small', {}, p.en))),
      ),
      h(
        'div',
        { class: 'who', 'data-testid': 'who' },
        `${ROLE_LABELS[identity.role] ?? identity.role}${identity.department ? ` · ${DEPARTMENT_LABELS[identity.department] ?? identity.department}` : ''} · ${identity.region}`,
        h('button', { type: 'button', class: 'link', onclick: () => void signOut(config).then(start) }, '退出 Sign out'),
      ),
    ),
    main,
  );
  try {
    const page =
      path === 'person' && argument
        ? await personPage(graph, decodeURIComponent(argument))
        : path === 'monitoring'
          ? await monitoringPage(graph)
          : path === 'money'
            ? await moneyPage(graph, argument)
            : path === 'queues'
              ? await queuesPage(graph)
              : await overviewPage(graph, config);
    main.replaceChildren(page);
  } catch (error) {
    main.replaceChildren(h('p', { class: 'error', role: 'alert', 'data-testid': 'page-error' }, `出错了 Something went wrong: ${(error as Error).message}`));
  }
  main.setAttribute('aria-busy', 'false');
}

let onHash: (() => void) | undefined;
async function start() {
  if (onHash) window.removeEventListener('hashchange', onHash);
  const session = await currentSession(config).catch(() => null);
  if (!session) {
    root.replaceChildren(signInPage(config, () => void start()));
    return;
  }
  const graph = new Graph(config, session);
  onHash = () => void render(graph);
  window.addEventListener('hashchange', onHash);
  await render(graph);
}

void start();
