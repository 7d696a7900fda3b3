'use client';

import { signOut } from 'next-auth/react';
import { useRouter } from 'next/navigation';

export function SignOutButton() {
  const router = useRouter();
  // No redirect from next-auth: its URLs come from NEXTAUTH_URL, which a demo server rarely sets.
  const leave = async () => {
    await signOut({ redirect: false });
    router.replace('/signin');
    router.refresh();
  };
  return (
    <button type="button" className="link-button" onClick={() => void leave()}>
      Sign out
    </button>
  );
}
