import { Capabilities, Regions } from '../../operations.ts';
import { h } from '../dom.ts';
import type { Graph } from '../graph.ts';

/** A region select within the caller's scope (counties and townships); `ready` resolves once filled. */
export function regionPicker(graph: Graph, testId: string, level: 'COUNTY' | 'TOWNSHIP' = 'COUNTY'): HTMLSelectElement & { ready: Promise<void> } {
  const select = h('select', { 'data-testid': testId }) as HTMLSelectElement & { ready: Promise<void> };
  const scope = graph.session.identity.region;
  select.ready = (async () => {
    if (scope.length >= 9) {
      const { regions: towns } = await graph.request(Regions, { countyCode: scope.slice(0, 6) });
      select.append(h('option', { value: scope }, towns.find((t) => t.code === scope)?.name ?? scope));
      return;
    }
    const counties = (await graph.request(Regions, {})).regions.filter((r) => r.level === 'COUNTY' && r.code.startsWith(scope));
    for (const county of counties) {
      const { regions: towns } = await graph.request(Regions, { countyCode: county.code });
      if (level === 'COUNTY') select.append(h('option', { value: county.code }, `${county.name} 全县`));
      for (const town of towns) select.append(h('option', { value: town.code }, `\u3000${town.name}`));
    }
  })();
  return select;
}

/** A button that downloads an Excel export of a list. */
export function exportButton(graph: Graph, label: string, params: Record<string, string | undefined>): HTMLElement {
  const status = h('span', { class: 'note' });
  const button = h(
    'button',
    {
      type: 'button',
      class: 'export',
      'data-testid': `export-${params.list}`,
      onclick: () => {
        status.textContent = '导出中… Exporting…';
        graph.download(params).then(
          () => (status.textContent = ''),
          (error: Error) => (status.textContent = `导出失败 Export failed: ${error.message}`),
        );
      },
    },
    label,
  );
  return h('div', { class: 'actions' }, button, status);
}

let capabilities: Promise<Set<string>> | undefined;
/** The graph's root query fields (cached for the session). */
export function rootFields(graph: Graph): Promise<Set<string>> {
  capabilities ??= graph.request(Capabilities, {}).then((r) => new Set((r.__schema.queryType.fields ?? []).map((f) => f.name)));
  return capabilities;
}

export const notInGraph = (what: string) =>
  h(
    'p',
    { class: 'empty', 'data-testid': 'not-in-graph' },
    `${what}尚未接入本图，接入后此处显示。 ${'This part of the graph is not composed yet; it shows here once it is.'}`,
  );
