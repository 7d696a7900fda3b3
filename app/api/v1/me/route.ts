import { route } from '@/lib/api/route';
import { authenticate } from '@/lib/auth/authenticate';
import { permissionsOfRole } from '@/lib/auth/permissions';
import { PERMISSIONS } from '@/lib/auth/types';
import { can } from '@/lib/auth/principal';

/**
 * Who the caller is and what they may do, so a client can offer only what will work. Open to
 * anyone, but a key that is wrong or revoked is a 401 here as everywhere: never "anonymous".
 */
export const GET = route('public', async (request) => {
  const principal = await authenticate(request);
  const permissions = principal.kind === 'user' ? permissionsOfRole(principal.role) : PERMISSIONS.filter((permission) => can(principal, permission));
  return Response.json({ principal, permissions });
});
