// Every operation the dashboard sends, typed by codegen (codegen.ts → src/gql/). The browser
// pages and the server's Excel exports share them, so a page and its export show the same rows.
import { graphql } from './gql/index.ts';

export const OverviewCounts = graphql(`
  query DashboardOverviewCounts($regionPrefix: String) {
    categoryCounts(regionPrefix: $regionPrefix) { countyCode countyName category persons }
    categoryTrend(regionPrefix: $regionPrefix, months: 12) { month category persons source }
  }
`);

graphql(`
  fragment RosterPerson on Person {
    idNumber
    name
    sex
    age
    phone
    region { code fullName }
    activeCategories
    holdings(status: [ACTIVE]) { id category nextReviewOn validFrom monthlyAmount }
    educationEntitlements { program status reason }
    housingEntitlements { program status reason }
    healthInsuranceEntitlements { program status reason }
    unionEntitlements { program status reason }
  }
`);

/** A page of the roster with every department's entitlement decision: the pages' lists (gaps, reviews). */
export const RosterPage = graphql(`
  query DashboardRosterPage($regionPrefix: String!, $category: LowIncomeCategory, $first: Int!, $after: String) {
    persons(filter: { regionPrefix: $regionPrefix, category: $category, holdingStatus: ACTIVE, alive: true }, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { ...RosterPerson } }
    }
  }
`);

/** The same rows for an Excel export: its own name, so the subgraphs' audit logs say it was an export. */
export const ExportRosterPage = graphql(`
  query DashboardExport($regionPrefix: String!, $category: LowIncomeCategory, $first: Int!, $after: String) {
    persons(filter: { regionPrefix: $regionPrefix, category: $category, holdingStatus: ACTIVE, alive: true }, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { ...RosterPerson } }
    }
  }
`);

export const Regions = graphql(`
  query DashboardRegions($countyCode: String) {
    regions(countyCode: $countyCode) { code name level }
  }
`);

export const Person360 = graphql(`
  query DashboardPerson($idNumber: IdNumber!) {
    person(idNumber: $idNumber) {
      idNumber name sex birthDate age alive deceasedOn hukouType phone relationshipToHead
      region { code fullName }
      household {
        id address memberCount monthlyIncome perCapitaMonthlyIncome financialAssets realEstateCount vehicleCount
        members { idNumber name sex age relationshipToHead activeCategories }
      }
      activeCategories
      extremePovertySupport
      holdings {
        id category status subtype validFrom validTo recognizedBy monthlyAmount careLevel careInstitution nextReviewOn
        history { action fromStatus toStatus reason actor at }
      }
      currentStudentRecord { schoolName stage enrolmentYear identifiedAsDifficult }
      educationAssistance { academicYear term kind amount status }
      educationEntitlements { program status reason }
      latestDwellingAssessment { grade assessedOn assessor }
      urbanHousingAssistances { kind status startDate endDate monthlyAmount }
      ruralRenovationCases { status appliedOn subsidyAmount }
      housingEntitlements { program status reason }
      medicalInsuranceEnrolments { year subsidyKind subsidyAmount assistanceIdentity }
      medicalYearTotals { year claimCount outOfPocketTotal medicalAssistanceTotal }
      healthInsuranceEntitlements { program status reason }
      difficultWorkerFiles { status reason filedOn }
      unionAssistance { kind amount grantedOn }
      unionEntitlements { program status reason }
    }
  }
`);

/** Which root fields the graph has: pages for subgraphs not yet composed say so instead of failing. */
export const Capabilities = graphql(`
  query DashboardCapabilities {
    __schema { queryType { fields { name } } }
  }
`);
