'use client';

import { EVENT_TYPES } from '@/lib/events/types';
import { SettingForm } from './setting-form';

export function EventWeightsSettings({ canWrite }: { canWrite: boolean }) {
  return (
    <SettingForm
      path="/api/v1/settings/event-weights"
      title="Event-type weights"
      description="How much each interaction says about taste. Negative signals (dislike, skip) push items down; a rating counts per star. Training and the real-time profile both use these."
      canWrite={canWrite}
      fields={EVENT_TYPES.map((type) => ({ key: type, label: type.replace(/_/g, ' '), step: 0.5, min: -100, max: 100 }))}
    />
  );
}

export function CacheAndDiversitySettings({ canWrite }: { canWrite: boolean }) {
  return (
    <div className="grid grid-2">
      <SettingForm
        path="/api/v1/settings/cache"
        title="Cache TTLs"
        description="A repeated feed request is answered from the response cache; ranked lists stay pageable with next_cursor for the list TTL."
        canWrite={canWrite}
        fields={[
          { key: 'response_seconds', label: 'Response cache (seconds)', hint: '0 turns the response cache off', step: 1, min: 0, max: 3600 },
          { key: 'list_seconds', label: 'Ranked list (seconds)', hint: 'How long a cursor stays valid', step: 1, min: 60, max: 86400 },
        ]}
      />
      <SettingForm
        path="/api/v1/settings/diversity"
        title="Diversity defaults"
        description="MMR trades relevance for variety. Strategies without a λ of their own (the shipped content, collaborative and hybrid presets) use this one; a strategy with its own λ keeps it. Cached responses keep their old order until they expire."
        canWrite={canWrite}
        fields={[
          { key: 'lambda', label: 'Default λ', hint: '1 is relevance only, 0 variety only', step: 0.05, min: 0, max: 1 },
          { key: 'max_per_category', label: 'Max items per category', hint: 'Empty for no cap', step: 1, min: 1, max: 100, nullable: true },
        ]}
      />
    </div>
  );
}
