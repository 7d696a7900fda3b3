import Link from 'next/link';
import { SetupForm } from '@/components/auth/setup-form';
import { getConnection } from '@/db';
import { isSetupTokenValid } from '@/lib/auth/setup';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Set up Tailor' };

export default async function SetupPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const valid = await isSetupTokenValid(await getConnection(), token);
  return (
    <div className="auth-page">
      <div className="card auth-card">
        <h1>Welcome to Tailor</h1>
        {valid ? (
          <>
            <p className="subtle">Create the first admin account. This link works once.</p>
            <SetupForm token={token} />
          </>
        ) : (
          <div className="error-box" role="alert">
            This set-up link is not valid: it was used already, has expired, or the console has users. Restart the server for a new link while
            no users exist, or <Link href="/signin">sign in</Link>.
          </div>
        )}
      </div>
    </div>
  );
}
