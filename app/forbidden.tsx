import Link from 'next/link';

export const metadata = { title: 'Not allowed' };

export default function Forbidden() {
  return (
    <div className="auth-page">
      <div className="card auth-card" data-testid="forbidden">
        <h1>Not allowed</h1>
        <p className="subtle">Your role does not give access to this page. Ask an admin if you need it.</p>
        <Link href="/">Back to the console</Link>
      </div>
    </div>
  );
}
