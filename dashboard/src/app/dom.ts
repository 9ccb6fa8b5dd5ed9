// A few DOM helpers: the pages are plain TypeScript, no framework.
type Child = Node | string | number | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | boolean | ((event: Event) => void)> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (typeof value === 'function') element.addEventListener(name.replace(/^on/, ''), value);
    else if (value === true) element.setAttribute(name, '');
    else if (value !== false) element.setAttribute(name, value);
  }
  for (const child of children) if (child !== null && child !== undefined && child !== false) element.append(child instanceof Node ? child : String(child));
  return element;
}

export interface TableColumn<Row> {
  header: string;
  cell: (row: Row) => Child;
  numeric?: boolean;
}

/** A table; `testId` names it for the browser tests, `rowKey` names each row. */
export function table<Row>(
  testId: string,
  columns: TableColumn<Row>[],
  rows: readonly Row[],
  rowKey?: (row: Row) => string,
  empty = '暂无数据 Nothing to show',
): HTMLElement {
  if (!rows.length) return h('p', { class: 'empty', 'data-testid': testId, 'data-rows': '0' }, empty);
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { 'data-testid': testId, 'data-rows': String(rows.length) },
      h('thead', {}, h('tr', {}, ...columns.map((c) => h('th', c.numeric ? { class: 'num' } : {}, c.header)))),
      h(
        'tbody',
        {},
        ...rows.map((row) =>
          h('tr', rowKey ? { 'data-key': rowKey(row) } : {}, ...columns.map((c) => h('td', c.numeric ? { class: 'num' } : {}, c.cell(row)))),
        ),
      ),
    ),
  );
}

export const section = (title: string, ...children: Child[]) => h('section', { class: 'card' }, h('h2', {}, title), ...children);

export const number = (value: number) => value.toLocaleString('zh-CN');

/** A link to the person's page; a masked ID number (a masked role's) opens nothing, so it is plain text. */
export const personLink = (idNumber: string, text: string) =>
  idNumber.includes('*')
    ? h('span', { class: 'person-masked' }, text)
    : h('a', { href: `#/person/${encodeURIComponent(idNumber)}`, class: 'person-link' }, text);
