// The explorer page's script (a browser module, no build step): GraphiQL 3 with the graph's
// ready-made operations as tabs and in an "Operations" side panel. React, ReactDOM and GraphiQL
// are the UMD globals of the classic scripts loaded before this module; the configuration
// (endpoint, default headers, operations, development sign-in lists) is the JSON in
// #lip-explorer-config, written by gateway/src/explorer.ts.
//
// Development sign-in: when the gateway runs on its development secret the page gets a token
// for a role, department and region chosen in the "Sign in" panel (first the default identity,
// the one `npm start` prints) and adds it to every request of every tab, including the schema
// introspection behind the Docs panel. An Authorization header typed into a tab wins.
const h = React.createElement;
const config = JSON.parse(document.getElementById('lip-explorer-config').textContent);
const operations = config.operations;
const devSignIn = config.devSignIn;
const SIGN_IN_KEY = 'lip-explorer:dev-sign-in';

let session = { token: null, identity: null, error: null };
const listeners = [];
function setSession(next) {
  session = next;
  for (const listener of listeners) listener(session);
}

function storedChoice() {
  let stored = null;
  try {
    stored = JSON.parse(window.sessionStorage.getItem(SIGN_IN_KEY) || 'null');
  } catch {
    /* a broken entry falls back to the default */
  }
  return stored?.role && stored.region ? stored : devSignIn.default;
}

function signIn(choice) {
  const query = new URLSearchParams({ role: choice.role, region: choice.region });
  if (choice.department) query.set('department', choice.department);
  return fetch(new URL(`${devSignIn.tokenPath}?${query}`, window.location.href).href, { headers: { 'x-lip-dev-sign-in': '1' } })
    .then((response) =>
      response.json().then((body) => {
        if (!response.ok) throw new Error(body.error || `HTTP ${response.status}`);
        window.sessionStorage.setItem(SIGN_IN_KEY, JSON.stringify(choice));
        setSession({ token: body.token, identity: body.identity, error: null });
      }),
    )
    .catch((error) => {
      setSession({ token: session.token, identity: session.identity, error: error.message });
    });
}

const baseFetcher = GraphiQL.createFetcher({ url: new URL(config.endpoint, window.location.href).href });
function fetcher(params, options) {
  const headers = { ...options?.headers };
  const typed = Object.keys(headers).some((name) => name.toLowerCase() === 'authorization');
  if (session.token && !typed) headers.Authorization = `Bearer ${session.token}`;
  return baseFetcher(params, { ...options, headers });
}

function useSession() {
  const [current, setCurrent] = React.useState(session);
  React.useEffect(() => {
    listeners.push(setCurrent);
    return () => {
      listeners.splice(listeners.indexOf(setCurrent), 1);
    };
  }, []);
  return current;
}

function describe(identity) {
  if (!identity) return 'not signed in';
  const region = devSignIn.regions.find((r) => r.code === identity.region);
  return `${identity.role}${identity.department ? ` · ${identity.department}` : ''} · ${region ? `${region.name} ` : ''}${identity.region}`;
}

function SignInPanel() {
  const schema = GraphiQL.React.useSchemaContext({ nonNull: true });
  const current = useSession();
  const choice = storedChoice();
  const [value, setValue] = React.useState({ role: choice.role, department: choice.department || '', region: choice.region });
  const [busy, setBusy] = React.useState(false);
  const set = (field) => (event) => setValue({ ...value, [field]: event.target.value });
  function submit(event) {
    event.preventDefault();
    setBusy(true);
    signIn({ role: value.role, department: value.department || undefined, region: value.region }).then(() => {
      setBusy(false);
      // What the Docs panel shows depends on who asks.
      schema.introspect();
    });
  }
  const select = (field, label, options) =>
    h('label', { className: 'lip-sign-in-field' }, label, h('select', { name: field, value: value[field], onChange: set(field) }, options));
  return h(
    'section',
    { className: 'lip-sign-in' },
    h('div', { className: 'graphiql-doc-explorer-title' }, 'Sign in'),
    h('p', { className: 'lip-sign-in-current' }, 'Signed in as ', h('strong', null, describe(current.identity))),
    h(
      'p',
      { className: 'lip-operations-intro' },
      'Development sign-in (开发环境登录): the gateway runs on its development secret, so this page mints a token ',
      'for the identity you choose and sends it with every tab. An Authorization header typed into a tab takes precedence.',
    ),
    h(
      'form',
      { onSubmit: submit },
      select(
        'role',
        'Role 角色',
        devSignIn.roles.map((role) => h('option', { key: role, value: role }, role)),
      ),
      select(
        'department',
        'Department 部门',
        [h('option', { key: '', value: '' }, '—')].concat(
          devSignIn.departments.map((department) => h('option', { key: department, value: department }, department)),
        ),
      ),
      select(
        'region',
        'Region 区域',
        devSignIn.regions.map((region) => {
          const indent = region.level === 'TOWNSHIP' ? '\u00a0\u00a0\u00a0\u00a0' : region.level === 'COUNTY' ? '\u00a0\u00a0' : '';
          return h('option', { key: region.code, value: region.code }, `${indent}${region.name} ${region.code}`);
        }),
      ),
      h('button', { type: 'submit', className: 'lip-sign-in-submit', disabled: busy }, busy ? 'Signing in…' : 'Sign in'),
    ),
    current.error ? h('p', { className: 'lip-sign-in-error', role: 'alert' }, current.error) : null,
  );
}

function SignInIcon() {
  return h(
    'svg',
    { viewBox: '0 0 24 24', width: '1em', height: '1em', fill: 'none', stroke: 'currentColor', strokeWidth: 1.5, 'aria-hidden': 'true' },
    h('circle', { cx: 12, cy: 8, r: 4 }),
    h('path', { d: 'M4 21c0-4 4-6 8-6s8 2 8 6' }),
  );
}

const paragraphs = (text) => text.split(/\n(?=\S)/).map((line, index) => h('span', { key: index }, line, ' '));

function OperationsPanel() {
  const editor = GraphiQL.React.useEditorContext({ nonNull: true });
  const execution = GraphiQL.React.useExecutionContext({ nonNull: true });

  // Switch to the operation's tab if one is open, else open it in a new tab.
  function open(operation, run) {
    const index = editor.tabs.findIndex((tab) => tab.title === operation.name);
    if (index >= 0) editor.changeTab(index);
    else editor.addTab();
    setTimeout(() => {
      if (index < 0) {
        editor.queryEditor.setValue(operation.query);
        if (editor.variableEditor) editor.variableEditor.setValue(operation.variables);
      }
      // GraphiQL reads the operation name from the editor 100 ms after a change.
      if (run) setTimeout(() => execution.run(), 350);
    }, 0);
  }

  return h(
    'section',
    { className: 'lip-operations' },
    h('div', { className: 'graphiql-doc-explorer-title' }, 'Operations'),
    h(
      'p',
      { className: 'lip-operations-intro' },
      'Ready-made, documented queries (operations/*.graphql), with example variables from the demo data. ',
      'Open one in a tab, edit it, or run it as it is. ',
      devSignIn ? 'Requests go out as the identity chosen under "Sign in".' : 'Put a bearer token in the Headers tab below the editor.',
    ),
    h(
      'ul',
      null,
      operations.map((operation) =>
        h(
          'li',
          { key: operation.file, className: 'lip-operation', 'data-operation': operation.name },
          h(
            'div',
            { className: 'lip-operation-head' },
            h(
              'button',
              { type: 'button', className: 'lip-operation-open', title: `Open ${operation.file}`, onClick: () => open(operation, false) },
              operation.name,
            ),
            h(
              'button',
              {
                type: 'button',
                className: 'lip-operation-run',
                title: `Open and run ${operation.name}`,
                'aria-label': `Run ${operation.name}`,
                onClick: () => open(operation, true),
              },
              '▶ Run',
            ),
          ),
          h('p', { className: 'lip-operation-description' }, paragraphs(operation.description)),
          h('code', { className: 'lip-operation-file' }, `operations/${operation.file}`),
        ),
      ),
    ),
  );
}

function OperationsIcon() {
  return h(
    'svg',
    { viewBox: '0 0 24 24', width: '1em', height: '1em', fill: 'none', stroke: 'currentColor', strokeWidth: 1.5, 'aria-hidden': 'true' },
    h('path', { d: 'M4 5h16M4 12h16M4 19h10' }),
  );
}

const operationsPlugin = { title: 'Operations', icon: OperationsIcon, content: OperationsPanel };
const plugins = devSignIn ? [operationsPlugin, { title: 'Sign in', icon: SignInIcon, content: SignInPanel }] : [operationsPlugin];
// GraphiQL fills the first tab's variables editor from its `variables` prop, not from defaultTabs.
const firstVisit = !window.localStorage.getItem('graphiql:tabState');

function render() {
  ReactDOM.createRoot(document.getElementById('explorer')).render(
    h(
      GraphiQL,
      {
        fetcher,
        // Only on a first visit: afterwards GraphiQL restores the tabs the user left (localStorage).
        defaultTabs: operations.map((operation) => ({ query: operation.query, variables: operation.variables })),
        variables: firstVisit && operations.length ? operations[0].variables : undefined,
        defaultHeaders: config.defaultHeaders,
        defaultEditorToolsVisibility: 'variables',
        isHeadersEditorEnabled: true,
        // A bearer token must not outlive the browser tab unless the user asks (Settings).
        shouldPersistHeaders: false,
        plugins,
        visiblePlugin: operationsPlugin,
      },
      h(GraphiQL.Logo, null, '三门峡市低收入人口'),
    ),
  );
}

// Signed in before GraphiQL's first request, so the schema (Docs panel) loads at once.
if (devSignIn) signIn(storedChoice()).then(render);
else render();
