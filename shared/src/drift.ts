// Drift check between a subgraph's schema.prisma and its hand-written migrations, made
// without Prisma's native schema engine: the structure the schema describes (read with
// Prisma's own WASM schema parser) is compared with the structure the migrations build.
// Partial indexes, triggers and functions are migration-only by design and not compared, and so is a
// relation documented `/// @noForeignKey` (its reference is checked by triggers, not a foreign key).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { SqlRunner } from './database.ts';

interface DmmfField {
  name: string;
  dbName?: string | null;
  kind: 'scalar' | 'enum' | 'object';
  type: string;
  isList: boolean;
  isRequired: boolean;
  nativeType?: [string, string[]] | null;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
  documentation?: string;
}
interface Dmmf {
  datamodel: {
    models: { name: string; dbName: string | null; fields: DmmfField[] }[];
    enums: { name: string; dbName?: string | null; values: { name: string; dbName?: string | null }[] }[];
    indexes: { model: string; type: 'id' | 'unique' | 'normal' | 'fulltext'; fields: { name: string }[] }[];
  };
}

const schemaWasm = createRequire(import.meta.url)('@prisma/prisma-schema-wasm') as { get_dmmf(params: string): string };

const SCALAR_TYPES: Record<string, string> = {
  String: 'text',
  Int: 'integer',
  BigInt: 'bigint',
  Float: 'double precision',
  Boolean: 'boolean',
  DateTime: 'timestamp(3)',
  Decimal: 'numeric(65,30)',
  Json: 'jsonb',
  Bytes: 'bytea',
};

function nativeType([name, args]: [string, string[]]): string {
  const n = args.join(',');
  const types: Record<string, string> = {
    Date: 'date',
    Text: 'text',
    Uuid: 'uuid',
    SmallInt: 'smallint',
    Integer: 'integer',
    BigInt: 'bigint',
    DoublePrecision: 'double precision',
    Real: 'real',
    Decimal: `numeric(${n})`,
    VarChar: `varchar(${n})`,
    Char: `char(${n})`,
    Timestamp: `timestamp(${n || 6})`,
    Timestamptz: `timestamptz(${n || 6})`,
    JsonB: 'jsonb',
  };
  return types[name] ?? `${name.toLowerCase()}(${n})`;
}

const NO_FOREIGN_KEY = '@noForeignKey';

/** The expected structure as sorted lines, e.g. `column Person.name text NOT NULL`. */
export function structureFromSchema(schemaPath: string): string[] {
  const dmmf = JSON.parse(schemaWasm.get_dmmf(JSON.stringify({ prismaSchema: [[schemaPath, readFileSync(schemaPath, 'utf8')]] }))) as Dmmf;
  const lines: string[] = [];
  const tables = new Map(dmmf.datamodel.models.map((model) => [model.name, model]));
  const column = (model: string, field: string) => {
    const found = tables.get(model)?.fields.find((f) => f.name === field);
    return found?.dbName ?? field;
  };
  for (const e of dmmf.datamodel.enums) {
    lines.push(`enum ${e.dbName ?? e.name} (${e.values.map((v) => v.dbName ?? v.name).join(', ')})`);
  }
  for (const model of dmmf.datamodel.models) {
    const table = model.dbName ?? model.name;
    for (const field of model.fields) {
      if (field.kind === 'object') {
        // `/// @noForeignKey …` on a relation: the migrations check the reference otherwise (e.g. once per statement).
        if (field.relationFromFields?.length && !field.documentation?.includes(NO_FOREIGN_KEY)) {
          const target = tables.get(field.type)!;
          const onDelete = field.relationOnDelete ?? (field.isRequired ? 'Restrict' : 'SetNull');
          lines.push(
            `foreign key ${table}(${field.relationFromFields.map((f) => column(model.name, f)).join(', ')}) -> ` +
              `${target.dbName ?? target.name}(${field.relationToFields!.map((f) => column(field.type, f)).join(', ')}) on delete ${onDelete}`,
          );
        }
        continue;
      }
      const base = field.kind === 'enum' ? field.type : field.nativeType ? nativeType(field.nativeType) : SCALAR_TYPES[field.type];
      lines.push(`column ${table}.${field.dbName ?? field.name} ${base}${field.isList ? '[]' : ''}${field.isRequired ? ' NOT NULL' : ''}`);
    }
  }
  for (const index of dmmf.datamodel.indexes) {
    if (index.type === 'fulltext') continue;
    const model = tables.get(index.model)!;
    const kind = index.type === 'id' ? 'primary key' : index.type === 'unique' ? 'unique index' : 'index';
    lines.push(`${kind} ${model.dbName ?? model.name}(${index.fields.map((f) => column(index.model, f.name)).join(', ')})`);
  }
  return lines.sort();
}

const ON_DELETE: Record<string, string> = { a: 'NoAction', r: 'Restrict', c: 'Cascade', n: 'SetNull', d: 'SetDefault' };

/** The same lines read from a database the migrations were applied to. */
export async function structureFromDatabase(sql: SqlRunner): Promise<string[]> {
  const lines: string[] = [];
  const enums = await sql.query<{ name: string; values: string }>(`
    SELECT t.typname AS name, string_agg(e.enumlabel, ', ' ORDER BY e.enumsortorder) AS values
    FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
    WHERE n.nspname = current_schema() GROUP BY t.typname`);
  for (const e of enums) lines.push(`enum ${e.name} (${e.values})`);

  const columns = await sql.query<{
    table_name: string;
    column_name: string;
    data_type: string;
    udt_name: string;
    is_nullable: string;
    numeric_precision: number | null;
    numeric_scale: number | null;
    character_maximum_length: number | null;
    datetime_precision: number | null;
  }>(`SELECT table_name, column_name, data_type, udt_name, is_nullable, numeric_precision, numeric_scale,
        character_maximum_length, datetime_precision
      FROM information_schema.columns WHERE table_schema = current_schema() AND table_name <> '_prisma_migrations'`);
  for (const c of columns) {
    const type = (dataType: string, udt: string): string => {
      switch (dataType) {
        case 'USER-DEFINED':
          return udt;
        case 'ARRAY':
          return `${type(udt.slice(1) === 'int4' ? 'integer' : udt.slice(1), udt.slice(1))}[]`;
        case 'numeric':
          return `numeric(${c.numeric_precision},${c.numeric_scale})`;
        case 'timestamp without time zone':
          return `timestamp(${c.datetime_precision})`;
        case 'timestamp with time zone':
          return `timestamptz(${c.datetime_precision})`;
        case 'character varying':
          return `varchar(${c.character_maximum_length})`;
        case 'character':
          return `char(${c.character_maximum_length})`;
        default:
          return dataType;
      }
    };
    lines.push(`column ${c.table_name}.${c.column_name} ${type(c.data_type, c.udt_name)}${c.is_nullable === 'NO' ? ' NOT NULL' : ''}`);
  }

  const indexes = await sql.query<{ table_name: string; columns: string; is_primary: boolean; is_unique: boolean }>(`
    SELECT t.relname AS table_name, ix.indisprimary AS is_primary, ix.indisunique AS is_unique,
      (SELECT string_agg(a.attname, ', ' ORDER BY k.ord) FROM unnest(ix.indkey) WITH ORDINALITY k(attnum, ord)
        JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum) AS columns
    FROM pg_index ix JOIN pg_class t ON t.oid = ix.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace
    WHERE n.nspname = current_schema() AND ix.indpred IS NULL AND t.relname <> '_prisma_migrations'`);
  for (const i of indexes) {
    lines.push(`${i.is_primary ? 'primary key' : i.is_unique ? 'unique index' : 'index'} ${i.table_name}(${i.columns})`);
  }

  const keys = await sql.query<{ table_name: string; columns: string; target: string; target_columns: string; on_delete: string }>(`
    SELECT t.relname AS table_name, r.relname AS target, c.confdeltype::text AS on_delete,
      (SELECT string_agg(a.attname, ', ' ORDER BY k.ord) FROM unnest(c.conkey) WITH ORDINALITY k(attnum, ord)
        JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum) AS columns,
      (SELECT string_agg(a.attname, ', ' ORDER BY k.ord) FROM unnest(c.confkey) WITH ORDINALITY k(attnum, ord)
        JOIN pg_attribute a ON a.attrelid = r.oid AND a.attnum = k.attnum) AS target_columns
    FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_class r ON r.oid = c.confrelid
    JOIN pg_namespace n ON n.oid = t.relnamespace
    WHERE c.contype = 'f' AND n.nspname = current_schema()`);
  for (const k of keys) {
    lines.push(`foreign key ${k.table_name}(${k.columns}) -> ${k.target}(${k.target_columns}) on delete ${ON_DELETE[k.on_delete] ?? k.on_delete}`);
  }
  return lines.sort();
}

/** Lines only in the schema (`+`, a migration is missing) or only in the database (`-`). */
export function structureDiff(fromSchema: string[], fromDatabase: string[]): string[] {
  const database = new Set(fromDatabase);
  const schema = new Set(fromSchema);
  return [
    ...fromSchema.filter((line) => !database.has(line)).map((line) => `+ ${line}   (in schema.prisma, not in the migrations)`),
    ...fromDatabase.filter((line) => !schema.has(line)).map((line) => `- ${line}   (in the migrations, not in schema.prisma)`),
  ];
}
