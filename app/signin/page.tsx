import { redirect } from 'next/navigation';
import { SignInForm } from '@/components/auth/sign-in-form';
import { currentConsoleUser } from '@/lib/auth/guard';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Sign in' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  const { callbackUrl } = await searchParams;
  const returnTo = typeof callbackUrl === 'string' && callbackUrl.startsWith('/') && !callbackUrl.startsWith('//') ? callbackUrl : '/';
  if (await currentConsoleUser()) redirect(returnTo);
  return (
    <div className="auth-page">
      <div className="card auth-card">
        <div className="brand" style={{ color: 'var(--text)', padding: '0 0 16px' }}>
          <span className="brand-mark" aria-hidden style={{ color: '#fff' }}>
            T
          </span>
          Tailor
        </div>
        <h1>Sign in</h1>
        <p className="subtle">The console for your recommendations.</p>
        <SignInForm returnTo={returnTo} />
      </div>
    </div>
  );
}
