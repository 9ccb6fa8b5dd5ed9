// The economic verification report for legal aid (三.2.6 出具家庭经济状况核对报告), as one
// self-contained HTML document styled for A4 print: no scripts, no external resources.
import type { Assessment } from './assessment.ts';
import type { VerificationReport } from './verification.ts';

const RELATIONSHIP: Record<string, string> = {
  HEAD: '户主',
  SPOUSE: '配偶',
  CHILD: '子女',
  CHILD_IN_LAW: '儿媳/女婿',
  PARENT: '父母',
  GRANDPARENT: '祖父母/外祖父母',
  GRANDCHILD: '孙子女/外孙子女',
  SIBLING: '兄弟姐妹',
  OTHER: '其他',
};
const CATEGORY: Record<string, string> = {
  SUBSISTENCE_ALLOWANCE: '最低生活保障',
  EXTREME_POVERTY: '特困人员',
  NEAR_SUBSISTENCE: '低保边缘家庭',
  ESSENTIAL_EXPENDITURE_HARDSHIP: '刚性支出困难家庭',
  OTHER_HARDSHIP: '其他困难人员',
  RELAPSE_MONITORING: '防止返贫监测对象',
};

/** Text for HTML content and attribute values. */
export const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!);

export interface LegalAidReportInput {
  issuedOn: string;
  requestedBy: string;
  applicant: { name: string; idNumber: string };
  address: string;
  region: string;
  members: readonly { name: string; idNumber: string; relationship: string }[];
  report: VerificationReport;
  assessment: Assessment | null;
  assessedOn: string | null;
}

export function renderLegalAidReport(input: LegalAidReportInput): string {
  const e = escapeHtml;
  const rows = (cells: readonly (readonly string[])[]) => cells.map((row) => `<tr>${row.map((cell) => `<td>${e(cell)}</td>`).join('')}</tr>`).join('\n');
  const members = rows(input.members.map((member) => [member.name, member.idNumber, RELATIONSHIP[member.relationship] ?? member.relationship]));
  const items = rows(input.report.items.map((item) => [item.source, item.idNumber ?? '全户', item.item, item.value, item.asOf]));
  const differences = input.report.differences.length
    ? `<ul>${input.report.differences.map((line) => `<li>${e(line)}</li>`).join('')}</ul>`
    : '<p>申报情况与核对情况一致。</p>';
  const unavailable = input.report.unavailable.length ? `<p class="note">以下来源暂未取得数据：${e(input.report.unavailable.join('、'))}。</p>` : '';
  const assessment = input.assessment
    ? `<h2>四、最近一次分类审核结论（${e(input.assessedOn ?? '')}）</h2>
<p>家庭月人均收入 ${e(input.assessment.perCapitaMonthlyIncome)} 元，适用低保标准 ${e(input.assessment.subsistenceLine)} 元。</p>
<table><thead><tr><th>类别</th><th>结论</th><th>理由</th></tr></thead><tbody>
${rows(input.assessment.results.map((result) => [CATEGORY[result.category] ?? result.category, result.outcome === 'QUALIFIES' ? '符合' : '不符合', result.reason]))}
</tbody></table>`
    : '<h2>四、分类审核结论</h2><p>该家庭暂无认定审核记录。</p>';
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>家庭经济状况核对报告</title>
<style>
@page { size: A4; margin: 20mm; }
body { font-family: "SimSun", "Songti SC", serif; font-size: 11pt; color: #000; }
h1 { text-align: center; font-size: 18pt; }
h2 { font-size: 13pt; margin-top: 1.2em; }
table { width: 100%; border-collapse: collapse; margin: 0.5em 0; }
th, td { border: 1px solid #000; padding: 3px 5px; text-align: left; vertical-align: top; }
.meta td { border: none; }
.note { font-size: 9pt; }
tr { page-break-inside: avoid; }
</style>
</head>
<body>
<h1>家庭经济状况核对报告</h1>
<p class="note">（用于法律援助经济困难状况审查）</p>
<table class="meta">
<tr><td>申请人：${e(input.applicant.name)}</td><td>身份证号码：${e(input.applicant.idNumber)}</td></tr>
<tr><td>所在地：${e(input.region)}</td><td>住址：${e(input.address)}</td></tr>
<tr><td>出具日期：${e(input.issuedOn)}</td><td>查询人：${e(input.requestedBy)}</td></tr>
</table>
<h2>一、家庭成员</h2>
<table><thead><tr><th>姓名</th><th>身份证号码</th><th>与户主关系</th></tr></thead><tbody>
${members}
</tbody></table>
<h2>二、核对项目</h2>
<table><thead><tr><th>来源</th><th>成员</th><th>项目</th><th>数值</th><th>数据日期</th></tr></thead><tbody>
${items}
</tbody></table>
${unavailable}
<h2>三、申报与核对差异</h2>
${differences}
${assessment}
<p class="note">本报告依据出具日各部门数据生成，仅供法律援助审查使用。</p>
<p style="text-align:right">三门峡市民政局（核对专用章）</p>
</body>
</html>
`;
}
