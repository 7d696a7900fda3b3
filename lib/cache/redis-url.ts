/** Where Redis is: one server (`redis://`, `rediss://`) or a cluster (`redis+cluster://h1:p1,h2:p2`). */
export type RedisTarget =
  | { kind: 'single'; url: string }
  | { kind: 'cluster'; nodes: { host: string; port: number }[]; username?: string; password?: string; tls: boolean };

const CLUSTER_URL = /^(rediss?)\+cluster:\/\/(?:([^@/]*)@)?([^@/?#]+)\/?$/;
const NODE = /^(\[[^\]]+\]|[^:[\]]+)(?::(\d{1,5}))?$/;

/**
 * Reads a REDIS_URL. A cluster URL lists some of its nodes (the client finds the others) and may
 * carry credentials, shared by every node: `rediss+cluster://user:password@h1:7000,h2:7001`.
 * Throws an Error naming the problem.
 */
export function parseRedisUrl(url: string): RedisTarget {
  if (/^rediss?:\/\/.+/.test(url)) return { kind: 'single', url };
  const cluster = CLUSTER_URL.exec(url);
  if (!cluster) throw new Error('must be a redis://, rediss://, redis+cluster:// or rediss+cluster:// URL');
  const [, scheme, credentials, hosts] = cluster;
  const nodes = hosts!.split(',').map((entry) => {
    const node = NODE.exec(entry.trim());
    const port = Number(node?.[2] ?? 6379);
    if (!node || port < 1 || port > 65_535) throw new Error(`cluster node "${entry}" is not host:port`);
    return { host: node[1]!.replace(/^\[|\]$/g, ''), port };
  });
  const [username, password] = credentials === undefined ? [] : splitCredentials(credentials);
  return { kind: 'cluster', nodes, tls: scheme === 'rediss', ...(username ? { username } : {}), ...(password ? { password } : {}) };
}

/**
 * A URL for one server: the URL itself, or a cluster's first listed node. Enough for what needs no
 * routing by key, such as listening to PUBLISH, which a cluster passes to every node.
 */
export function singleNodeUrl(url: string): string {
  const target = parseRedisUrl(url);
  if (target.kind === 'single') return target.url;
  const { host, port } = target.nodes[0]!;
  const credentials = target.username || target.password ? `${encodeURIComponent(target.username ?? '')}:${encodeURIComponent(target.password ?? '')}@` : '';
  return `${target.tls ? 'rediss' : 'redis'}://${credentials}${host.includes(':') ? `[${host}]` : host}:${port}`;
}

function splitCredentials(credentials: string): [string, string] {
  const colon = credentials.indexOf(':');
  const [user, password] = colon < 0 ? ['', credentials] : [credentials.slice(0, colon), credentials.slice(colon + 1)];
  return [decodeURIComponent(user), decodeURIComponent(password)];
}
