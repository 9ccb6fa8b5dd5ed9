// Starts the housing subgraph on a fresh test database and talks GraphQL to it over HTTP.

import { addDays, formatDate, today } from '@lip/shared/calendar';
import { makeIdNumber } from '@lip/shared/id-number';
import { children } from '@lip/shared/regions';
import { type RunningSubgraph, startSubgraph } from '@lip/shared/subgraph';
import { expectRejectedWrite, type GraphQLResponse, openTestDatabase, postGraphQL } from '@lip/shared/testing';
import { expect } from 'vitest';
import type { PrismaClient } from '../src/generated/prisma/client.ts';
import { housing } from '../src/subgraph.ts';

export type { GraphQLResponse } from '@lip/shared/testing';

export async function startHousing(): Promise<RunningSubgraph<PrismaClient>> {
  return startSubgraph(housing, { db: await openTestDatabase('housing') });
}

/** A request straight to the subgraph, signed as the gateway would sign it for a city administrator. */
export const post = <T = any>(url: string, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>> =>
  postGraphQL<T>(url, query, variables, { direct: true });

const TABLES = ['DwellingAssessment', 'UrbanHousingAssistance', 'RuralRenovationCase', 'RuralRenovationStep'];

/** Every row of the housing tables, so a rejected write can be shown to have changed nothing. */
export async function snapshot(running: RunningSubgraph<PrismaClient>) {
  const rows: Record<string, unknown[]> = {};
  for (const table of TABLES) rows[table] = await running.db.sql.query(`SELECT * FROM "${table}" ORDER BY "id"`);
  return rows;
}

/** Runs a write that must fail: checks its code and that no row changed; returns the error. */
export const expectRejected = (running: RunningSubgraph<PrismaClient>, query: string, variables: Record<string, unknown>, code: string) =>
  expectRejectedWrite(
    () => post(running.url, query, variables),
    () => snapshot(running),
    code,
  );

/** Expects success and returns the data. */
export async function ok<T = any>(running: RunningSubgraph<PrismaClient>, query: string, variables?: Record<string, unknown>): Promise<T> {
  const result = await post<T>(running.url, query, variables);
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data!;
}

let sequence = 0;
/** A fresh valid ID number. */
export function newId(areaCode = '411224', birthDate = '1962-08-17') {
  sequence += 1;
  if (sequence > 999) throw new RangeError('newId: out of sequence numbers for one birth date');
  return makeIdNumber({ areaCode, birthDate, sequence });
}

/** The first village of a county. */
export const villageOf = (county: string) => children(children(county)[0]!.code)[0]!.code;

export const todayIso = () => formatDate(today()); // China's date, as the subgraph's
export const daysFromToday = (days: number) => formatDate(addDays(today(), days));
