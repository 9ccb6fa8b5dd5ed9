// PostgreSQL's frontend/backend protocol (version 3), as much as the benchmark needs to see every
// statement a service sends, whoever sends it (Prisma, node-postgres, the audit log, the
// signature check): the client's messages are grouped into round trips (a simple Query, or
// Parse/Bind/Describe/Execute up to Sync), each closed by the server's ReadyForQuery.
// https://www.postgresql.org/docs/current/protocol-message-formats.html

/** One round trip on one connection, as the server saw it. */
export interface Statement {
  connection: number;
  /** The SQL text (for a named prepared statement, the text it was prepared with). */
  text: string;
  /** Bind parameters, decoded for reading (text format as text, binary as hex). */
  params: (string | null)[];
  /**
   * The round trip's messages with portal and unnamed statements' names blanked, ready to replay on any
   * connection. A named prepared statement stays named (its Bind refers to it): replayed after `parse`.
   */
  replay: Buffer;
  /**
   * A named prepared statement's Parse: the service prepares it once per connection and keeps its plan, so the
   * floor sends it once per replay connection too, not with every replay (planning is not part of the floor).
   */
  parse?: Buffer;
  /** Milliseconds (performance.now() of the recording process). */
  start: number;
  end: number;
}

const PROTOCOL_3 = 196608;

/** Splits a byte stream into typed messages (type byte, int32 length including itself, body). */
export class MessageReader {
  private pending: Buffer = Buffer.alloc(0);
  /** A client's first message has no type byte. */
  constructor(private untyped = false) {}

  push(chunk: Buffer): { type: string; body: Buffer; raw: Buffer }[] {
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    const messages: { type: string; body: Buffer; raw: Buffer }[] = [];
    for (;;) {
      const header = this.untyped ? 4 : 5;
      if (this.pending.length < header) break;
      const length = this.pending.readInt32BE(header - 4);
      const total = length + header - 4;
      if (this.pending.length < total) break;
      const raw = this.pending.subarray(0, total);
      messages.push({ type: this.untyped ? '' : String.fromCharCode(raw[0]!), body: raw.subarray(header), raw });
      this.pending = this.pending.subarray(total);
      this.untyped = false;
    }
    return messages;
  }
}

/** Reads null-terminated strings and integers from a message body. */
class Cursor {
  offset = 0;
  constructor(private body: Buffer) {}
  cstring() {
    const end = this.body.indexOf(0, this.offset);
    const value = this.body.toString('utf8', this.offset, end);
    this.offset = end + 1;
    return value;
  }
  int16() {
    const value = this.body.readInt16BE(this.offset);
    this.offset += 2;
    return value;
  }
  int32() {
    const value = this.body.readInt32BE(this.offset);
    this.offset += 4;
    return value;
  }
  bytes(length: number) {
    const value = this.body.subarray(this.offset, this.offset + length);
    this.offset += length;
    return value;
  }
  rest() {
    return this.body.subarray(this.offset);
  }
}

const cstring = (value: string) => Buffer.concat([Buffer.from(value, 'utf8'), Buffer.from([0])]);
const message = (type: string, body: Buffer) => {
  const header = Buffer.alloc(5);
  header.write(type, 0, 'latin1');
  header.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([header, body]);
};

/**
 * Follows one proxied connection: feed it the client's and the server's bytes, and it reports
 * each finished round trip. Connections that do not speak plain protocol 3 (TLS, GSS) are
 * passed through and not followed.
 */
export class ConnectionTracker {
  private fromClient = new MessageReader(true);
  private fromServer = new MessageReader();
  private followed = true;
  private ready = false;
  /** Prepared statements' Parse messages by name, so a Bind of a statement prepared earlier can be replayed. */
  private prepared = new Map<string, Buffer>();
  /** The round trip being assembled from the client's messages. */
  private current: Buffer[] = [];
  private currentParse: Buffer | undefined;
  private currentText = '';
  private currentParams: (string | null)[] = [];
  private currentStart = 0;
  /** Round trips sent and not yet answered by ReadyForQuery (pipelining keeps several). */
  private waiting: Omit<Statement, 'end'>[] = [];

  constructor(
    private connection: number,
    private now: () => number,
    private finished: (statement: Statement) => void,
  ) {}

  client(chunk: Buffer) {
    if (!this.followed) return;
    for (const { type, body, raw } of this.fromClient.push(chunk)) {
      if (type === '') {
        if (body.readInt32BE(0) !== PROTOCOL_3) this.followed = false;
        continue;
      }
      if (!this.ready) continue; // authentication
      this.clientMessage(type, body, raw);
    }
  }

  server(chunk: Buffer) {
    if (!this.followed) return;
    for (const { type } of this.fromServer.push(chunk)) {
      if (type !== 'Z') continue;
      if (!this.ready) {
        this.ready = true;
        continue;
      }
      const statement = this.waiting.shift();
      // A lone Sync (after an error, say) is a round trip but no statement.
      if (statement?.text) this.finished({ ...statement, end: this.now() });
    }
  }

  private clientMessage(type: string, body: Buffer, raw: Buffer) {
    if (!this.current.length) this.currentStart = this.now();
    const read = new Cursor(body);
    switch (type) {
      case 'Q': {
        this.currentText = read.cstring();
        this.current.push(raw);
        this.close();
        return;
      }
      case 'P': {
        const name = read.cstring();
        this.currentText = new Cursor(read.rest()).cstring();
        if (name) {
          this.prepared.set(name, Buffer.from(raw));
          this.currentParse = this.prepared.get(name);
        } else this.current.push(raw);
        return;
      }
      case 'B': {
        read.cstring(); // portal
        const name = read.cstring();
        const parse = name ? this.prepared.get(name) : undefined;
        if (parse && !this.currentParse) {
          this.currentParse = parse;
          const named = new Cursor(parse.subarray(5));
          named.cstring();
          this.currentText = named.cstring();
        }
        const values = read.rest();
        const formats = Array.from({ length: read.int16() }, () => read.int16());
        const count = read.int16();
        this.currentParams = Array.from({ length: count }, (_, index) => {
          const length = read.int32();
          if (length < 0) return null;
          const value = read.bytes(length);
          return (formats.length === 1 ? formats[0] : formats[index]) === 1 ? `\\x${value.toString('hex')}` : value.toString('utf8');
        });
        this.current.push(message('B', Buffer.concat([cstring(''), cstring(parse ? name : ''), values])));
        return;
      }
      case 'D': // a portal's or a statement's description: the statement keeps its name when it is a prepared one
        this.current.push(
          body[0] === 0x53 && this.prepared.has(new Cursor(body.subarray(1)).cstring())
            ? Buffer.from(raw)
            : message('D', Buffer.concat([body.subarray(0, 1), cstring('')])),
        );
        return;
      case 'E':
        this.current.push(message('E', Buffer.concat([cstring(''), body.subarray(body.indexOf(0) + 1)])));
        return;
      case 'S':
        this.current.push(raw);
        this.close();
        return;
      case 'C': // closing a named statement: nothing to replay with unnamed ones
        if (body[0] === 0x53) this.prepared.delete(new Cursor(body.subarray(1)).cstring());
        return;
      default: // Flush, Terminate, copy data: not part of a statement's replay
        return;
    }
  }

  private close() {
    this.waiting.push({
      connection: this.connection,
      text: this.currentText,
      params: this.currentParams,
      replay: Buffer.concat(this.current),
      ...(this.currentParse ? { parse: this.currentParse } : {}),
      start: this.currentStart,
    });
    this.current = [];
    this.currentParse = undefined;
    this.currentText = '';
    this.currentParams = [];
  }
}

/**
 * The statements each statement must wait for when replayed with the parallelism observed:
 * every statement that had ended before it started. Those that overlapped run side by side.
 */
export function dependencies(statements: Pick<Statement, 'start' | 'end'>[]): number[][] {
  return statements.map((statement) => statements.flatMap((other, index) => (other.end <= statement.start ? [index] : [])));
}
