/** A minimal GraphQL-over-HTTP client for tests: real fetch, one cookie jar per instance. */
export interface GraphqlResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  data?: T | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

export class GraphqlClient {
  readonly cookies = new Map<string, string>();
  bearer: string | undefined;

  constructor(readonly baseUrl: string) {}

  async query<T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<GraphqlResponse<T>> {
    const response = await this.post('/graphql', JSON.stringify({ query, variables }), {
      'content-type': 'application/json',
      ...headers,
    });
    const body = (await response.json()) as Omit<GraphqlResponse<T>, 'status' | 'headers'>;
    return { status: response.status, headers: response.headers, ...body };
  }

  /** Like query, but fails the test on any GraphQL error and returns data. */
  async data<T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const result = await this.query<T>(query, variables);
    if (result.errors?.length || !result.data) {
      throw new Error(`GraphQL errors: ${JSON.stringify(result.errors ?? result)}`);
    }
    return result.data;
  }

  async post(path: string, body: string, headers: Record<string, string>): Promise<Response> {
    const all: Record<string, string> = { ...headers };
    if (this.cookies.size > 0) all.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (this.bearer) all.authorization = `Bearer ${this.bearer}`;
    const response = await fetch(this.baseUrl + path, { method: 'POST', headers: all, body });
    this.absorb(response);
    return response;
  }

  async get(path: string): Promise<Response> {
    const response = await fetch(this.baseUrl + path);
    this.absorb(response);
    return response;
  }

  private absorb(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const index = pair.indexOf('=');
      const name = pair.slice(0, index).trim();
      const value = pair.slice(index + 1).trim();
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
}
