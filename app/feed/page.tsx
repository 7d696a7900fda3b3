import { FeedView } from '@/components/feed/feed-view';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'For you' };

export default function FeedPage() {
  return <FeedView />;
}
