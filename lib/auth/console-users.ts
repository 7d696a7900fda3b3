import 'server-only';
import { asc, count, eq } from 'drizzle-orm';
import type { DatabaseConnection } from '@/db/client';
import { consoleUsers, type ConsoleUserRow } from '@/db/schema';
import { hashPassword, verifyPassword } from './password';
import type { ConsoleUserInput, ConsoleUserPatch } from './schema';
import type { Role } from './types';

export interface ConsoleUser {
  id: number;
  email: string;
  name: string;
  role: Role;
  lastSignInAt: Date | null;
  createdAt: Date;
}

function toConsoleUser(row: ConsoleUserRow): ConsoleUser {
  return { id: row.id, email: row.email, name: row.name, role: row.role, lastSignInAt: row.lastSignInAt, createdAt: row.createdAt };
}

/** Null when the email is taken. */
export async function createConsoleUser(conn: DatabaseConnection, input: ConsoleUserInput): Promise<ConsoleUser | null> {
  const passwordHash = await hashPassword(input.password);
  const [row] = await conn.db
    .insert(consoleUsers)
    .values({ email: input.email, name: input.name, role: input.role, passwordHash })
    .onConflictDoNothing({ target: consoleUsers.email })
    .returning();
  return row ? toConsoleUser(row) : null;
}

export async function listConsoleUsers(conn: DatabaseConnection): Promise<ConsoleUser[]> {
  return (await conn.db.select().from(consoleUsers).orderBy(asc(consoleUsers.email))).map(toConsoleUser);
}

export async function getConsoleUser(conn: DatabaseConnection, id: number): Promise<ConsoleUser | null> {
  const [row] = await conn.db.select().from(consoleUsers).where(eq(consoleUsers.id, id)).limit(1);
  return row ? toConsoleUser(row) : null;
}

export async function countConsoleUsers(conn: DatabaseConnection): Promise<number> {
  const [row] = await conn.db.select({ value: count() }).from(consoleUsers);
  return row?.value ?? 0;
}

export async function updateConsoleUser(conn: DatabaseConnection, id: number, patch: ConsoleUserPatch): Promise<ConsoleUser | null> {
  const { password, ...rest } = patch;
  const passwordHash = password === undefined ? undefined : await hashPassword(password);
  const [row] = await conn.db
    .update(consoleUsers)
    .set({ ...rest, ...(passwordHash && { passwordHash }), updatedAt: new Date() })
    .where(eq(consoleUsers.id, id))
    .returning();
  return row ? toConsoleUser(row) : null;
}

export async function deleteConsoleUser(conn: DatabaseConnection, id: number): Promise<ConsoleUser | null> {
  const [row] = await conn.db.delete(consoleUsers).where(eq(consoleUsers.id, id)).returning();
  return row ? toConsoleUser(row) : null;
}

/** The user when the password matches; null for an unknown email or a wrong password alike. */
export async function verifyCredentials(conn: DatabaseConnection, email: string, password: string): Promise<ConsoleUser | null> {
  const [row] = await conn.db.select().from(consoleUsers).where(eq(consoleUsers.email, email)).limit(1);
  // Hash anyway for unknown emails, so timing does not tell which emails have accounts.
  const matches = await verifyPassword(password, row?.passwordHash ?? UNKNOWN_USER_HASH);
  if (!row || !matches) return null;
  await conn.db.update(consoleUsers).set({ lastSignInAt: new Date() }).where(eq(consoleUsers.id, row.id));
  return toConsoleUser(row);
}

// A real hash of nothing anybody knows, with the same parameters as the stored ones.
const UNKNOWN_USER_HASH = 'scrypt$131072$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
