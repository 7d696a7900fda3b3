import { errorStatuses } from './document';
import { OPERATIONS, type Operation } from './operations';
import { errorResponseSchema } from './responses';

/** The documented operation a request reaches: by method, and by path against the templates. */
export function findOperation(method: string, path: string): Operation | undefined {
  // Not normalised by URL: tests hand a route its id apart from the path, so the path may hold an
  // empty or a `..` id that a real request would never reach the route with.
  const pathname = path.split('?')[0]!;
  return OPERATIONS.find((operation) => operation.method === method.toLowerCase() && templatePattern(operation.path).test(pathname));
}

function templatePattern(template: string): RegExp {
  const escaped = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]*');
  return new RegExp(`^${escaped}$`);
}

/**
 * Why an answer breaks the documented contract, or null when it keeps it: the operation must be
 * documented, the status among its responses, and the body must match that response's schema.
 */
export function contractViolation(method: string, path: string, status: number, body: unknown): string | null {
  const operation = findOperation(method, path);
  if (!operation) return `${method} ${path} is not in the OpenAPI document`;
  const where = `${method} ${operation.path} answered ${status}`;
  const schema = operation.responses[status] ?? (errorStatuses(operation).includes(status) ? errorResponseSchema : undefined);
  if (!schema) return `${where}, which the document does not list`;
  const result = schema.safeParse(body);
  if (result.success) return null;
  const problems = result.error.issues.slice(0, 5).map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`);
  return `${where} with a body that does not match the document: ${problems.join('; ')}`;
}
