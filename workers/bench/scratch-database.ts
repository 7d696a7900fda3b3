import postgres from 'postgres';

/**
 * A throwaway database on the given server, so a benchmark never touches real data. No
 * connection stays open in between: an open one would keep the benchmark's process alive.
 */
export async function createScratchDatabase(adminUrl: string, name: string): Promise<{ url: string; drop(): Promise<void> }> {
  await withAdmin(adminUrl, async (admin) => {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.unsafe(`create database ${name}`);
  });
  return {
    url: scratchDatabaseUrl(adminUrl, name),
    drop: () => withAdmin(adminUrl, async (admin) => void (await admin.unsafe(`drop database if exists ${name} with (force)`))),
  };
}

/** The URL of a scratch database on the given server, whether or not it exists yet. */
export function scratchDatabaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function withAdmin<T>(adminUrl: string, work: (admin: postgres.Sql) => Promise<T>): Promise<T> {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => undefined });
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}
