// 4. 待办 Queues: what a township worker or department officer must act on, due soon first,
// each row a click from the person's full record.

import { both, DECIDING_DEPARTMENTS, zh } from '../../labels.ts';
import { gapRows, reviewRows } from '../../lists.ts';
import { h, number, personLink, section, table } from '../dom.ts';
import type { Graph } from '../graph.ts';
import { formatDate } from '../today.ts';
import { exportButton, notInGraph, pending, regionPicker, rootFields } from './common.ts';
import { scanRoster } from './overview.ts';

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
      section('预警与转办 Alerts and referrals', fields.has('referralQueue') ? pending() : notInGraph('监测服务 (monitoring) ')),
      section('认定申请 Recognition cases', fields.has('recognitionCases') ? pending() : notInGraph('认定申请 (recognition) ')),
    );
  };
  picker.addEventListener('change', () => void load());
  await picker.ready;
  void load();
  return h('div', { class: 'page queues' }, h('h1', {}, '待办', h('small', {}, 'Queues')), h('label', {}, '乡镇 Township ', picker), box);
}
