// ECharts, only the parts the pages use (bars, lines, the county map), rendered on canvas.

import { BarChart, LineChart, MapChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, MapChart, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent, TitleComponent, CanvasRenderer]);

const charts = new Set<echarts.ECharts>();
let generation = 0; // bumped when a page is left: its charts that never mounted stop waiting
/** A box ECharts can lay out in: in the document and of some size (a map in a box of no size has no transform to invert). */
const measurable = (box: HTMLElement) => box.isConnected && box.clientWidth > 0 && box.clientHeight > 0;
window.addEventListener('resize', () => {
  for (const chart of charts) if (measurable(chart.getDom())) chart.resize();
});

/** A chart in a new box; it follows the window's size. */
export function chart(testId: string, option: echarts.EChartsCoreOption, height = 320): HTMLElement {
  const box = document.createElement('div');
  box.className = 'chart';
  box.dataset.testid = testId;
  box.style.height = `${height}px`;
  // ECharts measures its box: wait until the page holding it is in the document and laid out.
  const born = generation;
  const mount = () => {
    if (born !== generation) return;
    if (!measurable(box)) return void requestAnimationFrame(mount);
    const instance = echarts.init(box, undefined, { renderer: 'canvas' });
    instance.setOption({ animation: false, ...option });
    charts.add(instance);
  };
  requestAnimationFrame(mount);
  return box;
}

let mapLoaded: Promise<void> | undefined;
/** Registers the county map of 三门峡市 (served from the workspace) once. */
export function loadMap(path: string): Promise<void> {
  mapLoaded ??= fetch(path)
    .then((r) => r.json())
    .then((geo) => echarts.registerMap('sanmenxia', geo));
  return mapLoaded;
}

/** Disposes the charts of the page being left. */
export function disposeCharts() {
  generation += 1;
  for (const chart of charts) chart.dispose();
  charts.clear();
}

export const PALETTE = ['#c23531', '#2f4554', '#61a0a8', '#d48265', '#91c7ae', '#749f83', '#ca8622', '#bda29a'];
