// The explorer page's script (plain browser JavaScript, no build step): GraphiQL 3 with the
// graph's ready-made operations as tabs and in an "Operations" side panel. React, ReactDOM and
// GraphiQL are the UMD globals loaded before this file; the configuration (endpoint, default
// headers, operations) is the JSON in #lip-explorer-config, written by gateway/src/explorer.ts.
(function () {
  'use strict';
  var h = React.createElement;
  var config = JSON.parse(document.getElementById('lip-explorer-config').textContent);
  var operations = config.operations;

  var fetcher = GraphiQL.createFetcher({ url: new URL(config.endpoint, window.location.href).href });

  function paragraphs(text) {
    return text.split(/\n(?=\S)/).map(function (line, index) {
      return h('span', { key: index }, line, ' ');
    });
  }

  function OperationsPanel() {
    var editor = GraphiQL.React.useEditorContext({ nonNull: true });
    var execution = GraphiQL.React.useExecutionContext({ nonNull: true });

    // Switch to the operation's tab if one is open, else open it in a new tab.
    function open(operation, run) {
      var index = editor.tabs.findIndex(function (tab) { return tab.title === operation.name; });
      if (index >= 0) editor.changeTab(index);
      else editor.addTab();
      setTimeout(function () {
        if (index < 0) {
          editor.queryEditor.setValue(operation.query);
          if (editor.variableEditor) editor.variableEditor.setValue(operation.variables);
        }
        // GraphiQL reads the operation name from the editor 100 ms after a change.
        if (run) setTimeout(function () { execution.run(); }, 350);
      }, 0);
    }

    return h('section', { className: 'lip-operations' },
      h('div', { className: 'graphiql-doc-explorer-title' }, 'Operations'),
      h('p', { className: 'lip-operations-intro' },
        'Ready-made, documented queries (operations/*.graphql), with example variables from the demo data. ',
        'Open one in a tab, edit it, or run it as it is. Put a token or identity in the Headers tab below the editor.'),
      h('ul', null, operations.map(function (operation) {
        return h('li', { key: operation.file, className: 'lip-operation', 'data-operation': operation.name },
          h('div', { className: 'lip-operation-head' },
            h('button', { type: 'button', className: 'lip-operation-open', title: 'Open ' + operation.file, onClick: function () { open(operation, false); } }, operation.name),
            h('button', { type: 'button', className: 'lip-operation-run', title: 'Open and run ' + operation.name, 'aria-label': 'Run ' + operation.name, onClick: function () { open(operation, true); } }, '▶ Run')),
          h('p', { className: 'lip-operation-description' }, paragraphs(operation.description)),
          h('code', { className: 'lip-operation-file' }, 'operations/' + operation.file));
      })));
  }

  function OperationsIcon() {
    return h('svg', { viewBox: '0 0 24 24', width: '1em', height: '1em', fill: 'none', stroke: 'currentColor', strokeWidth: 1.5, 'aria-hidden': 'true' },
      h('path', { d: 'M4 5h16M4 12h16M4 19h10' }));
  }

  var operationsPlugin = { title: 'Operations', icon: OperationsIcon, content: OperationsPanel };

  var root = ReactDOM.createRoot(document.getElementById('explorer'));
  root.render(h(GraphiQL, {
    fetcher: fetcher,
    // Only on a first visit: afterwards GraphiQL restores the tabs the user left (localStorage).
    defaultTabs: operations.map(function (operation) {
      return { query: operation.query, variables: operation.variables };
    }),
    defaultHeaders: config.defaultHeaders,
    defaultEditorToolsVisibility: 'variables',
    isHeadersEditorEnabled: true,
    // A bearer token must not outlive the browser tab unless the user asks (Settings).
    shouldPersistHeaders: false,
    plugins: [operationsPlugin],
    visiblePlugin: operationsPlugin,
  }, h(GraphiQL.Logo, null, '三门峡市低收入人口')));
})();
