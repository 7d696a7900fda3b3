/** One served recommendation list, as logged. Ids are external; `items` is in served order. */
export interface Impression {
  recommendationId: string;
  userId: string;
  /** Where the list was shown: `feed`, `similar`, `trending`, `session`, … */
  surface: string;
  items: string[];
  strategy: string;
  modelVersion: number | null;
  experiment: string | null;
  variant: string | null;
  /** Why serving fell back from the model, if it did. */
  fallback: string | null;
  latencyMs: number;
  servedAt: Date;
}
