// The benchmark's reading of PostgreSQL's wire protocol (scripts/bench/wire.ts): statements a
// connection sends, with their text and parameters, replayable on another connection.
import { describe, expect, it } from 'vitest';
import { ConnectionTracker, dependencies, MessageReader, type Statement } from '../scripts/bench/wire.ts';

const cstring = (value: string) => Buffer.from(`${value}\0`, 'utf8');
const int16 = (value: number) => Buffer.from([(value >> 8) & 0xff, value & 0xff]);
const int32 = (value: number) => {
  const buffer = Buffer.alloc(4);
  buffer.writeInt32BE(value);
  return buffer;
};
const message = (type: string, ...parts: Buffer[]) => {
  const body = Buffer.concat(parts);
  return Buffer.concat([Buffer.from(type, 'latin1'), int32(body.length + 4), body]);
};
const startup = () => {
  const body = Buffer.concat([int32(196608), cstring('user'), cstring('postgres'), cstring('')]);
  return Buffer.concat([int32(body.length + 4), body]);
};
const parse = (name: string, text: string) => message('P', cstring(name), cstring(text), int16(0));
const bind = (statement: string, values: (string | null)[]) =>
  message(
    'B',
    cstring(''),
    cstring(statement),
    int16(0),
    int16(values.length),
    ...values.map((value) => (value === null ? int32(-1) : Buffer.concat([int32(Buffer.byteLength(value)), Buffer.from(value)]))),
    int16(0),
  );
const execute = () => message('E', cstring(''), int32(0));
const sync = () => message('S');
const ready = () => message('Z', Buffer.from('I'));

function follow() {
  let clock = 0;
  const statements: Statement[] = [];
  const tracker = new ConnectionTracker(
    7,
    () => clock++,
    (statement) => statements.push(statement),
  );
  tracker.client(startup());
  tracker.server(Buffer.concat([message('R', int32(0)), ready()]));
  return { tracker, statements };
}

describe('the wire protocol reader', () => {
  it('splits messages across chunks', () => {
    const reader = new MessageReader();
    const bytes = Buffer.concat([message('Q', cstring('SELECT 1')), sync()]);
    expect(reader.push(bytes.subarray(0, 3))).toEqual([]);
    expect(reader.push(bytes.subarray(3, 12)).map((m) => m.type)).toEqual([]);
    expect(reader.push(bytes.subarray(12)).map((m) => m.type)).toEqual(['Q', 'S']);
  });

  it('records a simple query and an extended one with its parameters, closed by ReadyForQuery', () => {
    const { tracker, statements } = follow();
    tracker.client(message('Q', cstring('BEGIN')));
    tracker.server(Buffer.concat([message('C', cstring('BEGIN')), ready()]));
    tracker.client(Buffer.concat([parse('', 'SELECT $1::int + $2'), bind('', ['1', null]), message('D', Buffer.from('P'), cstring('')), execute(), sync()]));
    expect(statements).toHaveLength(1);
    tracker.server(ready());
    expect(statements.map((s) => [s.connection, s.text, s.params])).toEqual([
      [7, 'BEGIN', []],
      [7, 'SELECT $1::int + $2', ['1', null]],
    ]);
    expect(statements[1]!.end).toBeGreaterThan(statements[1]!.start);
  });

  it('keeps a named prepared statement named, with its Parse to send once per replay connection, even when bound without parsing again', () => {
    const { tracker, statements } = follow();
    tracker.client(Buffer.concat([parse('s1', 'SELECT $1'), bind('s1', ['a']), execute(), sync()]));
    tracker.client(Buffer.concat([bind('s1', ['b']), message('D', Buffer.from('S'), cstring('s1')), execute(), sync()]));
    tracker.client(Buffer.concat([parse('', 'SELECT 2'), bind('', []), message('D', Buffer.from('P'), cstring('portal')), execute(), sync()]));
    tracker.server(Buffer.concat([ready(), ready(), ready()]));
    expect(statements.map((s) => [s.text, s.params])).toEqual([
      ['SELECT $1', ['a']],
      ['SELECT $1', ['b']],
      ['SELECT 2', []],
    ]);
    for (const statement of statements.slice(0, 2)) expect(statement.parse).toEqual(parse('s1', 'SELECT $1'));
    expect(new MessageReader().push(statements[0]!.replay).map((m) => m.raw)).toEqual([bind('s1', ['a']), execute(), sync()]);
    expect(new MessageReader().push(statements[1]!.replay).map((m) => m.raw)).toEqual([
      bind('s1', ['b']),
      message('D', Buffer.from('S'), cstring('s1')),
      execute(),
      sync(),
    ]);
    // An unnamed statement is replayed whole, its portal's name blanked.
    expect(statements[2]!.parse).toBeUndefined();
    expect(new MessageReader().push(statements[2]!.replay).map((m) => m.raw)).toEqual([
      parse('', 'SELECT 2'),
      bind('', []),
      message('D', Buffer.from('P'), cstring('')),
      execute(),
      sync(),
    ]);
  });

  it('counts no statement for a lone Sync', () => {
    const { tracker, statements } = follow();
    tracker.client(sync());
    tracker.server(ready());
    expect(statements).toEqual([]);
  });
});

describe('replay dependencies', () => {
  it('waits for what had ended before a statement started and overlaps the rest', () => {
    const timeline = [
      { start: 0, end: 2 },
      { start: 3, end: 6 },
      { start: 4, end: 5 },
      { start: 7, end: 8 },
    ];
    expect(dependencies(timeline)).toEqual([[], [0], [0], [0, 1, 2]]);
  });
});
