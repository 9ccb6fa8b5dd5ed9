import { buildSchema, GraphQLError, parse, print } from 'graphql';
import { describe, expect, it } from 'vitest';
import { ROLES } from '../src/auth.ts';
import { makeIdNumber } from '../src/id-number.ts';
import { MASKING_POLICY, maskAddress, maskedValue, redactPersonalData, visibility } from '../src/masking.ts';
import { openCursorArguments, openCursors } from '../src/masking-schema.ts';
import { displayForm, isPersonReference, openCursor, openPersonReference, personReference, sealCursor } from '../src/person-reference.ts';
import { IdNumberScalar } from '../src/scalars.ts';

const id = makeIdNumber({ areaCode: '411224', birthDate: '1932-01-24', sequence: 902 });

describe('the masking policy', () => {
  it('shows personal data in full to case roles only, for every kind of data', () => {
    for (const data of Object.keys(MASKING_POLICY) as (keyof typeof MASKING_POLICY)[]) {
      expect(ROLES.filter((role) => visibility({ role, department: 'EDUCATION' }, data) === 'FULL')).toEqual([
        'CITY_ADMIN',
        'COUNTY_OFFICER',
        'TOWNSHIP_WORKER',
        'DEPARTMENT_OFFICER',
      ]);
    }
  });

  it('gives civil affairs’ own services (monitoring, payments) ID numbers whole, and nothing else', () => {
    const service = { role: 'SERVICE' as const, department: 'CIVIL_AFFAIRS' as const };
    expect(visibility(service, 'ID_NUMBER')).toBe('FULL');
    expect(visibility({ role: 'SERVICE', department: 'UNION' }, 'ID_NUMBER')).toBe('MASKED');
    for (const data of ['NAME', 'PHONE', 'BIRTH_DATE', 'AGE', 'ADDRESS'] as const) expect(visibility(service, data)).toBe('MASKED');
  });

  it('masks each kind of data so that nothing of the hidden digits is left', () => {
    const birthDate = new Date('1932-01-24T00:00:00Z');
    expect(maskedValue('BIRTH_DATE', birthDate, {})).toBe('1932-**-**');
    expect(maskedValue('AGE', 94, { birthDate })).toBe(new Date().getUTCFullYear() - 1932);
    expect(maskedValue('NAME', '王建国', {})).toBe('王**');
    expect(maskedValue('PHONE', '13912345678', {})).toBe('139****5678');
    expect(maskAddress('湖滨街道市场社区3号楼2单元')).toBe('湖滨街道****');
    expect(maskedValue('ID_NUMBER', [id], {})).toEqual([personReference(id)]);
    expect(redactPersonalData(`Person ${id} (13912345678) not found`)).toBe(`Person 411224********${id.slice(-4)} (139****5678) not found`);
  });
});

describe('person references', () => {
  it('are deterministic, show only the masked form and open to the ID number', () => {
    const reference = personReference(id);
    expect(reference).toBe(personReference(id));
    expect(isPersonReference(reference)).toBe(true);
    expect(displayForm(reference)).toBe(`411224********${id.slice(-4)}`);
    expect(reference).not.toContain('19320124');
    expect(openPersonReference(reference)).toBe(id);
    expect(IdNumberScalar.parseValue(reference)).toBe(id);
  });

  it('refuse an altered or forged reference', () => {
    const reference = personReference(id);
    const token = reference.split('.')[1]!;
    const flipped = `${token.slice(0, 20)}${token[20] === 'A' ? 'B' : 'A'}${token.slice(21)}`;
    expect(openPersonReference(`${displayForm(reference)}.${flipped}`)).toBeUndefined();
    const other = makeIdNumber({ areaCode: '411202', birthDate: '1980-01-01', sequence: 11 });
    expect(openPersonReference(`${displayForm(personReference(other))}.${token}`)).toBeUndefined();
    expect(() => IdNumberScalar.parseValue(`${displayForm(reference)}.${flipped}`)).toThrow(/not a person reference/);
  });

  it('seal cursors so that they do not decode, and open only sealed ones', () => {
    const plain = Buffer.from(`GPC:S:${id}`).toString('base64');
    const sealed = sealCursor(plain);
    expect(Buffer.from(sealed, 'base64url').toString('latin1')).not.toContain(id);
    expect(openCursor(sealed)).toBe(plain);
    expect(openCursor(plain)).toBeUndefined();
  });

  it('open every after/before cursor of an operation, nested, in fragments, inline or in a variable, and refuse one not issued', () => {
    const schema = buildSchema(`type Query { parent(after: String, note: String): Parent }
      type Parent { lines(first: Int, after: String, before: String): [String] }`);
    const [a, b, c] = ['YQ', 'Yg', 'Yw'].map((plain) => ({ plain, sealed: sealCursor(plain) }));
    const document = parse(`query($after: String, $note: String) { parent(after: ${JSON.stringify(a!.sealed)}, note: $note) { lines(after: $after) ...F } }
      fragment F on Parent { lines(first: 1, before: ${JSON.stringify(c!.sealed)}) }`);
    const opened = print(openCursorArguments(schema, document, { after: b!.sealed, note: a!.sealed }));
    expect(opened).toContain(`parent(after: "${a!.plain}", note: $note)`);
    expect(opened).toContain(`lines(after: "${b!.plain}")`);
    expect(opened).toContain(`lines(first: 1, before: "${c!.plain}")`);
    // The cached document stays as it was.
    expect(print(document)).toContain(a!.sealed);
    expect(() => openCursorArguments(schema, document, { after: a!.plain })).toThrow(GraphQLError);
    try {
      openCursorArguments(schema, document, { after: a!.plain });
    } catch (error) {
      expect((error as GraphQLError).extensions).toMatchObject({ code: 'INVALID_INPUT', field: 'after' });
    }
  });

  it('open cursors that come in variables of their own in the variables, leaving the cached document as it is', () => {
    const schema = buildSchema(`type Query { list(first: Int, after: String, before: String, note: String): [String] }`);
    const [a, b] = ['YQ', 'Yg'].map((plain) => ({ plain, sealed: sealCursor(plain) }));
    const paged = parse(`query($after: String, $before: String, $first: Int) { list(first: $first, after: $after) other: list(before: $before) }`);
    const opened = openCursors(schema, paged, { after: a!.sealed, before: b!.sealed, first: 5 });
    expect(opened.document).toBe(paged);
    expect(opened.variables).toEqual({ after: a!.plain, before: b!.plain, first: 5 });
    // Without cursors, or with null ones, nothing changes.
    const none = { first: 5, after: null };
    expect(openCursors(schema, paged, none).variables).toBe(none);
    expect(() => openCursors(schema, paged, { after: a!.plain })).toThrow(GraphQLError);
    try {
      openCursors(schema, paged, { before: 'not-a-cursor-at-all' });
    } catch (error) {
      expect((error as GraphQLError).extensions).toMatchObject({ code: 'INVALID_INPUT', field: 'before' });
    }
    // A variable that also feeds another argument is opened in the document, where only the cursor changes.
    const shared = parse(`query($after: String) { list(after: $after, note: $after) }`);
    const inDocument = openCursors(schema, shared, { after: a!.sealed });
    expect(print(inDocument.document)).toContain(`list(after: "${a!.plain}", note: $after)`);
    expect(inDocument.variables).toEqual({ after: a!.sealed });
  });
});
