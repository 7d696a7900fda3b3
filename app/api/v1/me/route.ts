import { route } from '@/lib/api/route';
import { permissionsOfRole } from '@/lib/auth/permissions';
import { PERMISSIONS } from '@/lib/auth/types';
import { can } from '@/lib/auth/principal';

/** Who the caller is and what they may do, so a client can offer only what will work. */
export const GET = route('public', async (_request, _context, principal) => {
  const permissions = principal.kind === 'user' ? permissionsOfRole(principal.role) : PERMISSIONS.filter((permission) => can(principal, permission));
  return Response.json({ principal, permissions });
});
