// 4. 待办 Queues: what a township worker or department officer must act on, due soon first,
// each row a click from the person's full record.

import { both, DECIDING_DEPARTMENTS, zh } from '../../labels.ts';
import { type AlertNode, alertQueueRows, gapRows, type ReferralNode, reviewRows } from '../../lists.ts';
import { OpenAlerts, OpenCases, ReferralQueue } from '../../operations.ts';
import { h, number, personLink, section, table } from '../dom.ts';
import type { Graph } from '../graph.ts';
import { formatDate } from '../today.ts';
import { exportButton, notInGraph, regionPicker, rootFields } from './common.ts';
import { scanRoster } from './overview.ts';

/** Every page of a connection (monitoring lists are at most 100 a page). */
async function allPages<Node>(
  read: (after: string | null) => Promise<{ pageInfo: { hasNextPage: boolean; endCursor?: string | null }; edges: { node: Node }[] }>,
) {
  const nodes: Node[] = [];
  let after: string | null = null;
  for (;;) {
    const page = await read(after);
    nodes.push(...page.edges.map((e) => e.node));
    if (!page.pageInfo.hasNextPage) return nodes;
    after = page.pageInfo.endCursor ?? null;
  }
}

const dueClass = (bucket: string | null | undefined) => (bucket === 'OVERDUE' ? 'overdue' : bucket === 'DUE_SOON' ? 'soon' : '');

export async function queuesPage(graph: Graph): Promise<HTMLElement> {
  const { role, department } = graph.session.identity;
  const ownDepartment = role === 'DEPARTMENT_OFFICER' && DECIDING_DEPARTMENTS.some((d) => d.department === department) ? department : undefined;
  const picker = regionPicker(graph, 'queue-region', 'TOWNSHIP');
  const box = h('div', {});
  const fields = await rootFields(graph);
  const load = async () => {
    const status = h('p', { class: 'note', 'data-testid': 'queue-progress' }, '读取中… Reading…');
    box.replaceChildren(status);
    const persons = await scanRoster(
      graph,
      picker.value,
      (done, total) => (status.textContent = `已读取 ${done} / ${total} 人 Read ${done} of ${total} persons`),
    );
    const monitoring = fields.has('referralQueue');
    const recognition = fields.has('recognitionCases');
    const [referrals, alerts, cases] = await Promise.all([
      monitoring ? allPages<ReferralNode>(async (after) => (await graph.request(ReferralQueue, { first: 100, after })).referralQueue) : [],
      monitoring ? allPages<AlertNode>(async (after) => (await graph.request(OpenAlerts, { regionPrefix: picker.value, first: 100, after })).alerts) : [],
      recognition ? (await graph.request(OpenCases, { regionCode: picker.value })).recognitionCases : [],
    ]);
    const alertRows = alertQueueRows(alerts);
    const reviews = reviewRows(persons, formatDate());
    const gaps = gapRows(persons, ownDepartment);
    box.replaceChildren(
      status,
      section(
        `待复核 Reviews due (${number(reviews.length)})`,
        table(
          'queue-reviews',
          [
            { header: '复核日期 Due', cell: (r) => h('span', { class: r.daysLeft < 0 ? 'overdue' : r.daysLeft <= 14 ? 'soon' : '' }, r.nextReviewOn) },
            { header: '剩余天数 Days left', numeric: true, cell: (r) => r.daysLeft },
            { header: '姓名 Name', cell: (r) => personLink(r.idNumber, r.name) },
            { header: '身份证号 ID number', cell: (r) => h('span', { class: 'id' }, r.idNumber) },
            { header: '类别 Category', cell: (r) => zh('LowIncomeCategory', r.category) },
            { header: '地区 Region', cell: (r) => r.region },
          ],
          reviews,
          (r) => `${r.idNumber}/${r.category}`,
          '近期没有待复核 No reviews due soon',
        ),
        exportButton(graph, '导出待复核 Export reviews', { list: 'reviews', regionPrefix: picker.value }),
      ),
      section(
        `${ownDepartment ? '本部门' : '各部门'}应保未保 Coverage gaps to close (${number(gaps.length)})`,
        table(
          'queue-gaps',
          [
            { header: '姓名 Name', cell: (r) => personLink(r.idNumber, r.name) },
            { header: '身份证号 ID number', cell: (r) => h('span', { class: 'id' }, r.idNumber) },
            { header: '部门 Department', cell: (r) => DECIDING_DEPARTMENTS.find((d) => d.department === r.department)!.zh },
            { header: '项目 Program', cell: (r) => both('AssistanceProgram', r.program) },
            { header: '原因 Reason', cell: (r) => r.reason },
          ],
          gaps,
          (r) => `${r.idNumber}/${r.program}`,
          '没有应保未保 No coverage gaps',
        ),
        exportButton(graph, '导出应保未保 Export gaps', { list: 'gaps', regionPrefix: picker.value, department: ownDepartment }),
      ),
      section(
        `我的转办 My referrals (${number(referrals.length)})`,
        monitoring
          ? table(
              'queue-referrals',
              [
                { header: '办理期限 Due', cell: (r) => h('span', { class: dueClass(r.bucket) }, r.dueOn) },
                { header: '时限 Bucket', cell: (r) => (r.bucket ? zh('QueueBucket', r.bucket) : '') },
                { header: '姓名 Name', cell: (r) => personLink(r.personIdNumber, r.person?.name ?? r.personIdNumber) },
                { header: '身份证号 ID number', cell: (r) => h('span', { class: 'id' }, r.personIdNumber) },
                { header: '预警规则 Rule', cell: (r) => r.alert.rule.nameZh },
                { header: '承办单位 Office', cell: (r) => zh('ReferralOffice', r.office) },
                { header: '状态 Status', cell: (r) => zh('ReferralStatus', r.status) },
              ],
              referrals,
              (r) => r.id,
              '没有待办转办 No open referrals',
            )
          : notInGraph('监测服务 (monitoring) '),
        monitoring && exportButton(graph, '导出转办 Export referrals', { list: 'referrals', regionPrefix: graph.session.identity.region }),
      ),
      section(
        `未结预警 Open alerts (${number(alertRows.length)})`,
        monitoring
          ? table(
              'queue-alerts',
              [
                { header: '转办期限 Due', cell: (r) => r.dueOn ?? '未转办 Not referred' },
                { header: '姓名 Name', cell: (r) => personLink(r.alert.personIdNumber, r.alert.person?.name ?? r.alert.personIdNumber) },
                { header: '身份证号 ID number', cell: (r) => h('span', { class: 'id' }, r.alert.personIdNumber) },
                { header: '预警规则 Rule', cell: (r) => r.alert.rule.nameZh },
                { header: '等级 Severity', cell: (r) => zh('AlertSeverity', r.alert.severity) },
                { header: '状态 Status', cell: (r) => zh('AlertStatus', r.alert.status) },
                { header: '预警时间 Raised', cell: (r) => r.alert.raisedAt.slice(0, 10) },
              ],
              alertRows,
              (r) => r.alert.id,
              '没有未结预警 No open alerts',
            )
          : notInGraph('监测服务 (monitoring) '),
        monitoring && exportButton(graph, '导出预警 Export alerts', { list: 'alerts', regionPrefix: picker.value }),
      ),
      section(
        `认定申请 Recognition cases (${number(cases.length)})`,
        recognition
          ? table(
              'queue-cases',
              [
                { header: '本步期限 Step due', cell: (c) => h('span', { class: c.overdue ? 'overdue' : '' }, c.stepDueOn ?? '') },
                { header: '户主 Head of household', cell: (c) => (c.household.head ? personLink(c.household.head.idNumber, c.household.head.name) : '') },
                { header: '类型 Kind', cell: (c) => zh('CaseKind', c.kind) },
                { header: '步骤 Step', cell: (c) => zh('CaseStep', c.step) },
                { header: '申请日期 Submitted', cell: (c) => c.submittedOn },
                { header: '地区 Region', cell: (c) => c.regionCode },
              ],
              cases,
              (c) => c.id,
              '没有在办案件 No open cases',
            )
          : notInGraph('认定申请 (recognition) '),
        recognition && exportButton(graph, '导出认定申请 Export cases', { list: 'cases', regionPrefix: picker.value }),
      ),
    );
  };
  picker.addEventListener('change', () => void load());
  await picker.ready;
  void load();
  return h('div', { class: 'page queues' }, h('h1', {}, '待办', h('small', {}, 'Queues')), h('label', {}, '乡镇 Township ', picker), box);
}
