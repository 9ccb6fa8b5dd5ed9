// One gateway request about several members: `person(idNumber:)` once per member under aliases
// m0, m1…, so each answer is matched by its alias, never by an ID number in the answer (a
// service identity sees ID numbers masked).
export function memberQuery(name: string, idNumbers: readonly string[], selection: string) {
  const aliases = idNumbers.map((_, index) => `m${index}`);
  return {
    query: `query ${name}(${aliases.map((alias) => `$${alias}: IdNumber!`).join(', ')}) {\n${aliases.map((alias) => `  ${alias}: person(idNumber: $${alias}) { ${selection} }`).join('\n')}\n}`,
    variables: Object.fromEntries(idNumbers.map((idNumber, index) => [aliases[index]!, idNumber])),
    /** The answer for member `index`. */
    alias: (index: number) => aliases[index]!,
  };
}
