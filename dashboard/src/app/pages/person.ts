// 人员全景 Person 360: everything the graph answers about one person, as a readable page.

import { PersonDocument } from '../../gql/graphql.ts';
import { zh } from '../../labels.ts';
import { h, personLink, section, type TableColumn, table } from '../dom.ts';
import type { Graph } from '../graph.ts';

const field = (label: string, value: unknown) =>
  h('div', { class: 'field' }, h('dt', {}, label), h('dd', {}, value === null || value === undefined || value === '' ? '—' : String(value)));
const entitlements = (rows: { program: string; status: string; reason: string }[] | null | undefined) =>
  table(
    'entitlements',
    [
      { header: '项目 Program', cell: (r) => zh('AssistanceProgram', r.program) },
      { header: '状态 Status', cell: (r) => h('span', { class: r.status === 'ENTITLED_MISSING' ? 'overdue' : '' }, zh('EntitlementStatus', r.status)) },
      { header: '依据 Reason', cell: (r) => r.reason },
    ],
    rows ?? [],
    undefined,
    '无 None',
  );

/** A department's records of the person; nothing when it has none (or the department is not in the graph). */
const records = <Row>(testId: string, columns: TableColumn<Row>[], rows: readonly Row[] | null | undefined) =>
  rows?.length ? table(testId, columns, rows) : null;

export async function personPage(graph: Graph, idNumber: string): Promise<HTMLElement> {
  const { person } = await graph.request(PersonDocument, { idNumber });
  if (!person)
    return h(
      'div',
      { class: 'page' },
      h('p', { class: 'empty', 'data-testid': 'person-missing' }, `未找到或无权查看 ${idNumber}。 Not found, or outside your region.`),
    );
  const p = person;
  return h(
    'div',
    { class: 'page person', 'data-testid': 'person-page' },
    h('h1', {}, p.name, h('small', {}, `人员全景 Person 360 · ${p.idNumber}`)),
    section(
      '基本信息 Basics',
      h(
        'dl',
        { class: 'fields' },
        field('身份证号 ID number', p.idNumber),
        field('性别 Sex', zh('Sex', p.sex)),
        field('出生日期 Born', p.birthDate),
        field('年龄 Age', p.age),
        field('户籍 Hukou', zh('HukouType', p.hukouType)),
        field('电话 Phone', p.phone),
        field('地区 Region', p.region.fullName),
        field('与户主关系 Relationship', p.relationshipToHead ? zh('Relationship', p.relationshipToHead) : null),
        field('状态 Alive', p.alive ? '在世 Alive' : `已故 Deceased ${p.deceasedOn ?? ''}`),
        field('当前类别 Categories', p.activeCategories.map((c) => zh('LowIncomeCategory', c)).join('、') || '无 None'),
      ),
    ),
    p.household &&
      section(
        `家庭 Household · ${p.household.address}`,
        h(
          'dl',
          { class: 'fields' },
          field('人口 Members', p.household.memberCount),
          field('月收入 Monthly income', p.household.monthlyIncome),
          field('人均月收入 Per capita', p.household.perCapitaMonthlyIncome),
          field('金融资产 Financial assets', p.household.financialAssets),
          field('房产 Real estate', p.household.realEstateCount),
          field('车辆 Vehicles', p.household.vehicleCount),
        ),
        table(
          'household-members',
          [
            { header: '姓名 Name', cell: (m) => (m.idNumber === p.idNumber ? m.name : personLink(m.idNumber, m.name)) },
            { header: '关系 Relationship', cell: (m) => (m.relationshipToHead ? zh('Relationship', m.relationshipToHead) : '—') },
            { header: '年龄 Age', numeric: true, cell: (m) => m.age },
            { header: '类别 Categories', cell: (m) => m.activeCategories.map((c) => zh('LowIncomeCategory', c)).join('、') || '—' },
          ],
          p.household.members,
        ),
      ),
    section(
      '认定 Holdings',
      table(
        'holdings',
        [
          { header: '类别 Category', cell: (x) => zh('LowIncomeCategory', x.category) + (x.subtype ? ` · ${zh('HoldingSubtype', x.subtype)}` : '') },
          { header: '状态 Status', cell: (x) => zh('HoldingStatus', x.status) },
          { header: '期间 Period', cell: (x) => `${x.validFrom} — ${x.validTo ?? ''}` },
          { header: '月额 Monthly', numeric: true, cell: (x) => x.monthlyAmount ?? '—' },
          { header: '复核 Review', cell: (x) => x.nextReviewOn ?? '—' },
          { header: '供养 Care', cell: (x) => [x.careLevel && zh('CareLevel', x.careLevel), x.careInstitution].filter(Boolean).join(' · ') || '—' },
          { header: '认定机关 Recognised by', cell: (x) => x.recognizedBy },
          { header: '记录 History', cell: (x) => x.history.map((e) => `${e.at.slice(0, 10)} ${zh('HoldingAction', e.action)}：${e.reason}`).join('；') },
        ],
        p.holdings,
      ),
    ),
    h(
      'div',
      { class: 'grid-2' },
      section(
        '教育 Education',
        p.currentStudentRecord
          ? h('p', {}, `${p.currentStudentRecord.schoolName} · ${zh('EducationStage', p.currentStudentRecord.stage)} · ${p.currentStudentRecord.enrolmentYear}`)
          : h('p', { class: 'note' }, '无在读记录 No current student record'),
        records(
          'education-assistance',
          [
            { header: '学年 Year', cell: (a) => `${a.academicYear} ${zh('AcademicTerm', a.term)}` },
            { header: '资助 Kind', cell: (a) => zh('EducationAssistanceKind', a.kind) },
            { header: '金额 Amount', numeric: true, cell: (a) => a.amount },
            { header: '状态 Status', cell: (a) => zh('EducationAssistanceStatus', a.status) },
          ],
          p.educationAssistance,
        ),
        entitlements(p.educationEntitlements),
      ),
      section(
        '住房 Housing',
        h(
          'p',
          {},
          `房屋等级 Dwelling grade: ${p.latestDwellingAssessment ? `${p.latestDwellingAssessment.grade} (${p.latestDwellingAssessment.assessedOn})` : '—'}`,
        ),
        records(
          'urban-housing',
          [
            { header: '城镇住房保障 Urban housing', cell: (a) => zh('UrbanHousingAssistanceKind', a.kind) },
            { header: '状态 Status', cell: (a) => zh('UrbanHousingAssistanceStatus', a.status) },
            { header: '期间 Period', cell: (a) => `${a.startDate} — ${a.endDate ?? ''}` },
            { header: '月额 Monthly', numeric: true, cell: (a) => a.monthlyAmount ?? '—' },
          ],
          p.urbanHousingAssistances,
        ),
        records(
          'rural-renovation',
          [
            { header: '农村危房改造 Rural renovation', cell: (c) => zh('RuralRenovationStatus', c.status) },
            { header: '申请日期 Applied', cell: (c) => c.appliedOn },
            { header: '补助 Subsidy', numeric: true, cell: (c) => c.subsidyAmount ?? '—' },
          ],
          p.ruralRenovationCases,
        ),
        entitlements(p.housingEntitlements),
      ),
      section(
        '医保 Health insurance',
        h(
          'p',
          {},
          (p.medicalYearTotals ?? [])
            .map((y) => `${y.year}年 自付 out of pocket ${y.outOfPocketTotal} · 医疗救助 assistance ${y.medicalAssistanceTotal}`)
            .join('；') || '—',
        ),
        records(
          'insurance-enrolments',
          [
            { header: '参保年度 Year', cell: (e) => e.year },
            { header: '资助 Subsidy', cell: (e) => zh('PremiumSubsidyKind', e.subsidyKind) },
            { header: '金额 Amount', numeric: true, cell: (e) => e.subsidyAmount },
            { header: '身份 Identity', cell: (e) => (e.assistanceIdentity ? zh('LowIncomeCategory', e.assistanceIdentity) : '—') },
          ],
          p.medicalInsuranceEnrolments,
        ),
        entitlements(p.healthInsuranceEntitlements),
      ),
      section(
        '工会 Trade union',
        h(
          'p',
          {},
          (p.difficultWorkerFiles ?? []).map((f) => `${zh('DifficultWorkerFileStatus', f.status)} ${f.filedOn}`).join('；') || '无困难职工档案 No file',
        ),
        records(
          'union-assistance',
          [
            { header: '帮扶 Assistance', cell: (a) => zh('UnionAssistanceKind', a.kind) },
            { header: '金额 Amount', numeric: true, cell: (a) => a.amount },
            { header: '日期 Granted', cell: (a) => a.grantedOn },
          ],
          p.unionAssistance,
        ),
        entitlements(p.unionEntitlements),
      ),
    ),
  );
}
