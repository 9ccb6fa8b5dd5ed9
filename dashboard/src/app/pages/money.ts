// 3. 资金发放 Money: a month's payroll by county with its totals, how many lines were paid by the
// due day (每月10日前发放到位) and how many were not, and the open supervision findings.

import { both } from '../../labels.ts';
import { CountyMoney, LatestPayroll, OpenFindings, Regions } from '../../operations.ts';
import { chart, PALETTE } from '../charts.ts';
import { h, number, personLink, section, table } from '../dom.ts';
import type { Graph } from '../graph.ts';
import { formatDate } from '../today.ts';
import { exportButton } from './common.ts';

/** The counties of the caller's region (the caller's own county for a township worker). */
async function countiesInScope(graph: Graph) {
  const region = graph.session.identity.region;
  const { regions } = await graph.request(Regions, {});
  return regions.filter((r) => r.level === 'COUNTY' && (r.code.startsWith(region) || region.startsWith(r.code)));
}

/** The latest month with a payroll in any of the counties (null when none has one). */
async function latestPayrollMonth(graph: Graph, countyCodes: string[]): Promise<string | null> {
  const answers = await Promise.all(countyCodes.map((countyCode) => graph.request(LatestPayroll, { countyCode })));
  return (
    answers
      .map((a) => a.latestCountyPayroll?.month ?? '')
      .sort()
      .at(-1) || null
  );
}

const yuan = (amount: string) => Number(amount).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export async function moneyPage(graph: Graph, requestedMonth?: string): Promise<HTMLElement> {
  const counties = await countiesInScope(graph);
  const month =
    requestedMonth ??
    (await latestPayrollMonth(
      graph,
      counties.map((c) => c.code),
    )) ??
    formatDate().slice(0, 7);
  const rows = await Promise.all(
    counties.map(async (county) => {
      const answer = await graph.request(CountyMoney, { countyCode: county.code, month });
      const totals = answer.countyPayroll?.totals;
      const settledLate = answer.late.lateLineCount - answer.outstanding.lateLineCount;
      return {
        county,
        payroll: answer.countyPayroll,
        // Paid by the due day: paid lines less those paid after it.
        onTime: totals ? totals.paidCount - settledLate : 0,
        settledLate,
        outstanding: answer.outstanding.lateLineCount,
      };
    }),
  );
  const withPayroll = rows.filter((r) => r.payroll);

  const picker = h('input', { type: 'month', value: month, 'data-testid': 'money-month' }) as HTMLInputElement;
  picker.addEventListener('change', () => {
    if (picker.value) location.hash = `#/money/${picker.value}`;
  });

  const payrollTable = table(
    'payroll-by-county',
    [
      { header: '县区 County', cell: (r) => r.county.name },
      { header: '名册状态 Status', cell: (r) => (r.payroll ? both('PayrollStatus', r.payroll.status) : '未生成 Not generated') },
      {
        header: '笔数 Lines',
        numeric: true,
        cell: (r) => h('span', { 'data-county': r.county.code, 'data-lines': '' }, number(r.payroll?.totals.lineCount ?? 0)),
      },
      {
        header: '金额（元） Amount',
        numeric: true,
        cell: (r) =>
          h('span', { 'data-county': r.county.code, 'data-amount': r.payroll?.totals.totalAmount ?? '0' }, yuan(r.payroll?.totals.totalAmount ?? '0')),
      },
      { header: '已到账 Paid', numeric: true, cell: (r) => number(r.payroll?.totals.paidCount ?? 0) },
      { header: '10日前到账 Paid by the 10th', numeric: true, cell: (r) => h('span', { 'data-county': r.county.code, 'data-on-time': '' }, number(r.onTime)) },
      { header: '逾期到账 Paid late', numeric: true, cell: (r) => number(r.settledLate) },
      {
        header: '逾期未到账 Late, unpaid',
        numeric: true,
        cell: (r) => h('span', { 'data-county': r.county.code, 'data-outstanding': '', class: r.outstanding ? 'overdue' : '' }, number(r.outstanding)),
      },
      { header: '失败 Failed', numeric: true, cell: (r) => number(r.payroll?.totals.failedCount ?? 0) },
      { header: '对账 Reconciled', cell: (r) => (r.payroll ? (r.payroll.totals.reconciled ? '已对平 Yes' : '未对平 No') : '') },
    ],
    rows,
    (r) => r.county.code,
    '本辖区没有县级名册 No county payrolls in your region',
  );
  const bars = chart('payroll-chart', {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 50, right: 16, top: 40, bottom: 30 },
    xAxis: { type: 'category', data: withPayroll.map((r) => r.county.name) },
    yAxis: { type: 'value' },
    color: [PALETTE[5]!, PALETTE[6]!, PALETTE[0]!],
    series: [
      { name: '10日前到账 Paid by the 10th', type: 'bar', stack: 'lines', data: withPayroll.map((r) => r.onTime) },
      { name: '逾期到账 Paid late', type: 'bar', stack: 'lines', data: withPayroll.map((r) => r.settledLate) },
      { name: '逾期未到账 Late, unpaid', type: 'bar', stack: 'lines', data: withPayroll.map((r) => r.outstanding) },
    ],
  });

  const total = withPayroll.reduce((sum, r) => sum + Number(r.payroll!.totals.totalAmount), 0);
  const { role } = graph.session.identity;
  let findings: HTMLElement;
  if (role === 'AUDITOR' || role === 'CITY_ADMIN') {
    const { supervisionFindings } = await graph.request(OpenFindings, { first: 100, after: null });
    findings = h(
      'div',
      {},
      h('p', { class: 'note' }, '未整改 Open: ', h('strong', { 'data-testid': 'findings-total' }, number(supervisionFindings.totalCount))),
      table(
        'open-findings',
        [
          { header: '发现时间 Found', cell: (f) => f.foundAt.slice(0, 10) },
          { header: '类型 Kind', cell: (f) => both('FindingKind', f.kind) },
          { header: '县区 County', cell: (f) => counties.find((c) => c.code === f.countyCode)?.name ?? f.countyCode },
          { header: '月份 Month', cell: (f) => f.month ?? '' },
          { header: '对象 Person', cell: (f) => (f.personIdNumber ? personLink(f.personIdNumber, f.personIdNumber) : '') },
          { header: '说明 Detail', cell: (f) => f.detail },
        ],
        supervisionFindings.edges.map((e) => e.node),
        (f) => f.id,
        '没有未整改问题 No open findings',
      ),
      exportButton(graph, '导出监督问题 Export findings', { list: 'findings', regionPrefix: graph.session.identity.region }),
    );
  } else {
    findings = h(
      'p',
      { class: 'empty', 'data-testid': 'findings-not-allowed' },
      '监督发现仅审计人员和市级管理员可见。 Supervision findings are for auditors and the city administrator.',
    );
  }

  return h(
    'div',
    { class: 'page money' },
    h('h1', {}, '资金发放', h('small', {}, 'Money')),
    h('label', {}, '月份 Month ', picker),
    h(
      'div',
      { class: 'kpis' },
      h(
        'div',
        { class: 'kpi' },
        h('span', {}, '名册县数 Counties with a payroll'),
        h('strong', { 'data-testid': 'payroll-counties' }, number(withPayroll.length)),
      ),
      h('div', { class: 'kpi' }, h('span', {}, '发放总额（元） Total (yuan)'), h('strong', { 'data-testid': 'payroll-total' }, yuan(String(total)))),
    ),
    section(
      `${month} 分县发放 Payroll by county`,
      bars,
      payrollTable,
      exportButton(graph, '导出发放明细 Export payroll lines', { list: 'payroll', month, regionPrefix: graph.session.identity.region }),
    ),
    section('未整改监督问题 Open supervision findings', findings),
  );
}
