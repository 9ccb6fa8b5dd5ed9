// What each benchmark scenario asks, per subgraph, so the gateway query and the direct
// (no gateway) variant request exactly the same data.

/** Person fields by owning subgraph (civil-affairs first: it owns the entity). */
export const PERSON_FIELDS: Record<string, string> = {
  'civil-affairs': `idNumber name sex age regionCode hukouType extremePovertySupport activeCategories
    holdings { category status subtype validFrom } household { id memberCount }`,
  education: `currentStudentRecord { stage schoolName } educationAssistance { kind amount status }
    educationEntitlements { program status reason }`,
  housing: `latestDwellingAssessment { grade } urbanHousingAssistances { kind status } ruralRenovationCases { status }
    housingEntitlements { program status reason }`,
  'health-insurance': `medicalInsuranceEnrolments { year subsidyKind } medicalYearTotals { year outOfPocketTotal }
    healthInsuranceEntitlements { program status reason }`,
  union: `difficultWorkerFiles { id status reason filedOn } unionAssistance { kind amount grantedOn }
    unionEntitlements { program status reason }`,
};

/** Entitlement fields, for the coverage-gap scan. */
export const ENTITLEMENT_FIELDS: Record<string, string> = {
  education: 'educationEntitlements { program status }',
  housing: 'housingEntitlements { program status }',
  'health-insurance': 'healthInsuranceEntitlements { program status }',
  union: 'unionEntitlements { program status }',
};

export const allFields = (fields: Record<string, string>) => Object.values(fields).join('\n');

export const PERSON_360 = `query Person360($id: IdNumber!) { person(idNumber: $id) { ${allFields(PERSON_FIELDS)} } }`;

export const ROSTER = `query TownshipRoster($prefix: String!, $after: String, $first: Int = 100) {
  persons(filter: { regionPrefix: $prefix }, first: $first, after: $after) {
    totalCount pageInfo { endCursor hasNextPage }
    edges { node { ${allFields(PERSON_FIELDS)} } }
  }
}`;

export const COVERAGE_GAPS = `query CoverageGaps($prefix: String!, $after: String, $first: Int = 100) {
  persons(filter: { regionPrefix: $prefix, holdingStatus: ACTIVE }, first: $first, after: $after) {
    pageInfo { endCursor hasNextPage }
    edges { node { idNumber activeCategories hukouType extremePovertySupport ${allFields(ENTITLEMENT_FIELDS)} } }
  }
}`;

/** The _entities query a client would send to a department subgraph for the same fields. */
export const entitiesQuery = (fields: string) =>
  `query Entities($representations: [_Any!]!) { _entities(representations: $representations) { ... on Person { ${fields} } } }`;

/** Facts a department's @requires needs, copied from the civil-affairs answer. */
export const representation = (person: { idNumber: string; activeCategories: string[]; hukouType: string; extremePovertySupport: string | null }) => ({
  __typename: 'Person',
  idNumber: person.idNumber,
  activeCategories: person.activeCategories,
  hukouType: person.hukouType,
  extremePovertySupport: person.extremePovertySupport,
});
