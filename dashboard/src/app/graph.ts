// The typed client: POSTs a generated document to the gateway with the session's bearer token.
import type { TypedDocumentString } from '../gql/graphql.ts';

export interface Session {
  token: string;
  identity: { subject: string; name?: string; role: string; department?: string; region: string };
  /** 'development' (minted by the gateway's development sign-in) or 'oidc'. */
  via: 'development' | 'oidc';
}

export interface Config {
  endpoint: string;
  exportPath: string;
  mapPath: string;
  devSignIn: {
    tokenPath: string;
    default: { role: string; region: string; department?: string };
    roles: string[];
    departments: string[];
    regions: { code: string; name: string; level: 'CITY' | 'COUNTY' | 'TOWNSHIP' }[];
  } | null;
  oidc: { issuer: string; clientId: string; scope?: string; resource?: string } | null;
}

export class GraphError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

export class Graph {
  constructor(
    private readonly config: Config,
    readonly session: Session,
  ) {}

  async request<Result, Variables>(document: TypedDocumentString<Result, Variables>, variables: Variables): Promise<Result> {
    const response = await fetch(this.config.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${this.session.token}` },
      body: JSON.stringify({ query: document.toString(), variables }),
    });
    const body = (await response.json()) as { data?: Result; errors?: { message: string; extensions?: { code?: string } }[] };
    if (body.errors?.length) throw new GraphError(body.errors.map((e) => e.message).join('; '), body.errors[0]?.extensions?.code);
    if (!body.data) throw new GraphError(`the graph answered ${response.status}`);
    return body.data;
  }

  /** Downloads an Excel export (the server reads the graph as this session). */
  async download(params: Record<string, string | undefined>): Promise<void> {
    const query = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => Boolean(e[1])));
    const response = await fetch(`${this.config.exportPath}?${query}`, { headers: { authorization: `Bearer ${this.session.token}` } });
    if (!response.ok) throw new GraphError(((await response.json().catch(() => ({}))) as { error?: string }).error ?? `export failed (${response.status})`);
    const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'export.xlsx';
    const url = URL.createObjectURL(await response.blob());
    const link = Object.assign(document.createElement('a'), { href: url, download: name });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}
