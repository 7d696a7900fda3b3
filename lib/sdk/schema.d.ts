/**
 * Generated from the OpenAPI document (lib/api/openapi) by `npm run sdk:generate`. Do not edit.
 */

export interface paths {
    "/api/v1/recommendations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Personalised feed
         * @description The "For you" feed, or an item page's recommendations with `context=item`. Page on with `cursor` (the previous answer's `next_cursor`).
         *
         *     Requires `recommend`: an API key with scope `recommend` or `admin`, or a console session with role `admin` or `pm` or `editor` or `operator`.
         */
        get: operations["getRecommendations"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sessions/recommend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Recommendations for an anonymous session
         * @description From the session's recent items alone; nothing is stored.
         *
         *     Requires `recommend`: an API key with scope `recommend` or `admin`, or a console session with role `admin` or `pm` or `editor` or `operator`.
         */
        post: operations["postSessionsRecommend"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/items/{id}/similar": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Similar items
         * @description "You may also like": neighbours and content matches, so new items have answers too.
         *
         *     Requires `recommend`: an API key with scope `recommend` or `admin`, or a console session with role `admin` or `pm` or `editor` or `operator`.
         */
        get: operations["getItemsIdSimilar"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/trending": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Trending items
         * @description Requires `recommend`: an API key with scope `recommend` or `admin`, or a console session with role `admin` or `pm` or `editor` or `operator`.
         */
        get: operations["getTrending"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/recommendations/explain": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Why an item would or would not be shown
         * @description Requires `feeds:explain`: an API key with scope `admin`, or a console session with role `admin` or `pm` or `editor` or `operator`.
         */
        get: operations["getRecommendationsExplain"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/recommendations/explain/feed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A user's feed with reasons and score breakdowns
         * @description As it would be served now; nothing is logged.
         *
         *     Requires `feeds:explain`: an API key with scope `admin`, or a console session with role `admin` or `pm` or `editor` or `operator`.
         */
        get: operations["getRecommendationsExplainFeed"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/recommendations/explain/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Preview an unsaved strategy for a user
         * @description The user's feed under the strategy config sent, beside the default strategy's. Nothing is saved, served, cached or logged.
         *
         *     Requires `feeds:explain`: an API key with scope `admin`, or a console session with role `admin` or `pm` or `editor` or `operator`.
         */
        post: operations["postRecommendationsExplainPreview"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/recommendations/explain/strategies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A user's feed under up to three strategies
         * @description One feed per stored strategy, side by side; nothing is served or logged.
         *
         *     Requires `feeds:explain`: an API key with scope `admin`, or a console session with role `admin` or `pm` or `editor` or `operator`.
         */
        get: operations["getRecommendationsExplainStrategies"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/recommendations/why-not": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Why an item is not in a user's feed
         * @description Requires `feeds:explain`: an API key with scope `admin`, or a console session with role `admin` or `pm` or `editor` or `operator`.
         */
        get: operations["getRecommendationsWhyNot"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record events
         * @description One event, an array, `{ "events": [...] }` or NDJSON; up to 5,000 per request. Answers once they are durable and in the real-time profiles. A batch is validated whole: one bad event refuses it, naming its index.
         *
         *     Requires `events:write`: an API key with scope `events` or `admin`, or a console session with role `admin`.
         */
        post: operations["postEvents"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/items": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List items
         * @description Requires `catalog:read`: an API key with scope `catalog` or `admin`, or a console session with role `admin` or `pm` or `editor` or `operator`.
         */
        get: operations["getItems"];
        put?: never;
        /**
         * Create an item, or upsert up to 10,000
         * @description One item object creates it (201; 409 if it exists); an array, `{ "items": [...] }` or NDJSON upserts them and counts what changed.
         *
         *     Requires `catalog:write`: an API key with scope `catalog` or `admin`, or a console session with role `admin` or `editor`.
         */
        post: operations["postItems"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/items/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get an item
         * @description Requires `catalog:read`: an API key with scope `catalog` or `admin`, or a console session with role `admin` or `pm` or `editor` or `operator`.
         */
        get: operations["getItemsId"];
        /**
         * Create or replace an item
         * @description Requires `catalog:write`: an API key with scope `catalog` or `admin`, or a console session with role `admin` or `editor`.
         */
        put: operations["putItemsId"];
        post?: never;
        /**
         * Hide an item
         * @description Soft delete: hidden from every list and recommendation; its history stays.
         *
         *     Requires `catalog:write`: an API key with scope `catalog` or `admin`, or a console session with role `admin` or `editor`.
         */
        delete: operations["deleteItemsId"];
        options?: never;
        head?: never;
        /**
         * Change some of an item's fields
         * @description Requires `catalog:write`: an API key with scope `catalog` or `admin`, or a console session with role `admin` or `editor`.
         */
        patch: operations["patchItemsId"];
        trace?: never;
    };
    "/api/v1/items/{id}/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An item's impressions, clicks and CTR per day
         * @description Requires `catalog:read`: an API key with scope `catalog` or `admin`, or a console session with role `admin` or `pm` or `editor` or `operator`.
         */
        get: operations["getItemsIdStats"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List users
         * @description Requires `users:read`: an API key with scope `users` or `admin`, or a console session with role `admin`.
         */
        get: operations["getUsers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A user with their recent interactions and experiment exposures
         * @description Requires `users:read`: an API key with scope `users` or `admin`, or a console session with role `admin`.
         */
        get: operations["getUsersId"];
        /**
         * Create a user or replace their preferences
         * @description Requires `users:write`: an API key with scope `users` or `admin`, or a console session with role `admin`.
         */
        put: operations["putUsersId"];
        post?: never;
        /**
         * Forget a user
         * @description The right to be forgotten: removes the user and every event of theirs.
         *
         *     Requires `users:delete`: an API key with scope `users` or `admin`, or a console session with role `admin`.
         */
        delete: operations["deleteUsersId"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{id}/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Everything stored about a user
         * @description Profile, preferences, events and impressions, as a JSON download.
         *
         *     Requires `users:read`: an API key with scope `users` or `admin`, or a console session with role `admin`.
         */
        get: operations["getUsersIdExport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{id}/live": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A user's real-time profile
         * @description Requires `users:read`: an API key with scope `users` or `admin`, or a console session with role `admin`.
         */
        get: operations["getUsersIdLive"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/curation/rules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List curation rules
         * @description Requires `curation:read`: an API key with scope `catalog` or `admin`, or a console session with role `admin` or `editor`.
         */
        get: operations["getCurationRules"];
        put?: never;
        /**
         * Create a pin, boost, block or pick
         * @description Requires `curation:write`: an API key with scope `catalog` or `admin`, or a console session with role `admin` or `editor`.
         */
        post: operations["postCurationRules"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/curation/rules/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a curation rule
         * @description Requires `curation:read`: an API key with scope `catalog` or `admin`, or a console session with role `admin` or `editor`.
         */
        get: operations["getCurationRulesId"];
        put?: never;
        post?: never;
        /**
         * Delete a curation rule
         * @description Requires `curation:write`: an API key with scope `catalog` or `admin`, or a console session with role `admin` or `editor`.
         */
        delete: operations["deleteCurationRulesId"];
        options?: never;
        head?: never;
        /**
         * Change a curation rule
         * @description Requires `curation:write`: an API key with scope `catalog` or `admin`, or a console session with role `admin` or `editor`.
         */
        patch: operations["patchCurationRulesId"];
        trace?: never;
    };
    "/api/v1/curation/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A user's feed with and without the rules
         * @description Requires `curation:read`: an API key with scope `catalog` or `admin`, or a console session with role `admin` or `editor`.
         */
        get: operations["getCurationPreview"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/experiments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List experiments
         * @description Requires `experiments:read`: an API key with scope `admin`, or a console session with role `admin` or `pm`.
         */
        get: operations["getExperiments"];
        put?: never;
        /**
         * Create a draft experiment
         * @description Requires `experiments:write`: an API key with scope `admin`, or a console session with role `admin` or `pm`.
         */
        post: operations["postExperiments"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/experiments/plan": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Sample size and duration before starting
         * @description Users per variant to detect `mde` in the metric (baseline from the last 28 days of served lists), the active users a day and in all within `coverage_percent`, whether that audience can supply the sample at all (`reachable`), and the days it takes.
         *
         *     Requires `experiments:read`: an API key with scope `admin`, or a console session with role `admin` or `pm`.
         */
        get: operations["getExperimentsPlan"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/experiments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get an experiment
         * @description Requires `experiments:read`: an API key with scope `admin`, or a console session with role `admin` or `pm`.
         */
        get: operations["getExperimentsId"];
        put?: never;
        post?: never;
        /**
         * Delete a draft
         * @description Requires `experiments:write`: an API key with scope `admin`, or a console session with role `admin` or `pm`.
         */
        delete: operations["deleteExperimentsId"];
        options?: never;
        head?: never;
        /**
         * Change an experiment
         * @description A running or paused experiment keeps its variants, layer, targeting and type (409).
         *
         *     Requires `experiments:write`: an API key with scope `admin`, or a console session with role `admin` or `pm`.
         */
        patch: operations["patchExperimentsId"];
        trace?: never;
    };
    "/api/v1/experiments/{id}/start": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start a draft or resume a paused experiment
         * @description Requires `experiments:write`: an API key with scope `admin`, or a console session with role `admin` or `pm`.
         */
        post: operations["postExperimentsIdStart"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/experiments/{id}/pause": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Pause an experiment
         * @description Requires `experiments:write`: an API key with scope `admin`, or a console session with role `admin` or `pm`.
         */
        post: operations["postExperimentsIdPause"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/experiments/{id}/stop": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Stop an experiment for good
         * @description Requires `experiments:write`: an API key with scope `admin`, or a console session with role `admin` or `pm`.
         */
        post: operations["postExperimentsIdStop"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/experiments/{id}/ship": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Ship the winning variant
         * @description The variant's strategy becomes the default, and the experiment stops. A variant that is losing (under 50% chance to beat control, or worse) or breaches a guardrail needs `confirm_key` set to the experiment's key (409 otherwise, naming the risks). The audit entry carries a decision note: the verdict, each guardrail, and `note`.
         *
         *     Requires `experiments:write`: an API key with scope `admin`, or a console session with role `admin` or `pm`.
         */
        post: operations["postExperimentsIdShip"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/experiments/{id}/results": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Lifts, intervals, SRM and planning
         * @description Requires `experiments:read`: an API key with scope `admin`, or a console session with role `admin` or `pm`.
         */
        get: operations["getExperimentsIdResults"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/strategies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List strategies
         * @description Requires `experiments:read`: an API key with scope `admin`, or a console session with role `admin` or `pm`.
         */
        get: operations["getStrategies"];
        put?: never;
        /**
         * Create a strategy
         * @description Requires `experiments:write`: an API key with scope `admin`, or a console session with role `admin` or `pm`.
         */
        post: operations["postStrategies"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/strategies/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A strategy with its versions
         * @description Requires `experiments:read`: an API key with scope `admin`, or a console session with role `admin` or `pm`.
         */
        get: operations["getStrategiesId"];
        put?: never;
        post?: never;
        /**
         * Delete a strategy
         * @description Requires `experiments:write`: an API key with scope `admin`, or a console session with role `admin` or `pm`.
         */
        delete: operations["deleteStrategiesId"];
        options?: never;
        head?: never;
        /**
         * Edit a strategy (a new version)
         * @description Requires `experiments:write`: an API key with scope `admin`, or a console session with role `admin` or `pm`.
         */
        patch: operations["patchStrategiesId"];
        trace?: never;
    };
    "/api/v1/strategies/{id}/default": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Make a strategy the default
         * @description Requires `experiments:write`: an API key with scope `admin`, or a console session with role `admin` or `pm`.
         */
        post: operations["postStrategiesIdDefault"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/models/versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List model versions, newest first
         * @description Requires `models:read`: an API key with scope `admin`, or a console session with role `admin` or `operator`.
         */
        get: operations["getModelsVersions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/models/versions/{id}/promote": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Make a version the active one
         * @description Requires `models:operate`: an API key with scope `admin`, or a console session with role `admin` or `operator`.
         */
        post: operations["postModelsVersionsIdPromote"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/models/rollback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Re-activate the previous version
         * @description Requires `models:operate`: an API key with scope `admin`, or a console session with role `admin` or `operator`.
         */
        post: operations["postModelsRollback"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/models/train": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Queue a training run
         * @description Or returns the one already queued or running. Poll the run at the `location` header.
         *
         *     Requires `models:operate`: an API key with scope `admin`, or a console session with role `admin` or `operator`.
         */
        post: operations["postModelsTrain"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/models/runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List training runs, newest first
         * @description Requires `models:read`: an API key with scope `admin`, or a console session with role `admin` or `operator`.
         */
        get: operations["getModelsRuns"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/models/runs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A training run's status and progress
         * @description Requires `models:read`: an API key with scope `admin`, or a console session with role `admin` or `operator`.
         */
        get: operations["getModelsRunsId"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/metrics/ctr": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Click-through rate over a range, overall and per strategy
         * @description Requires `metrics:read`: an API key with scope `admin`, or a console session with role `admin` or `pm` or `editor` or `operator`.
         */
        get: operations["getMetricsCtr"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/metrics/instance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * This process's traffic, latency and ingest
         * @description Requires `metrics:read`: an API key with scope `admin`, or a console session with role `admin` or `pm` or `editor` or `operator`.
         */
        get: operations["getMetricsInstance"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Prometheus scrape endpoint
         * @description This process's metrics in the Prometheus text exposition format.
         *
         *     Public: no credentials needed.
         */
        get: operations["getMetrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/settings/cache": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Cache TTLs
         * @description Requires `settings:read`: an API key with scope `admin`, or a console session with role `admin`.
         */
        get: operations["getSettingsCache"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change cache TTLs
         * @description Requires `settings:write`: an API key with scope `admin`, or a console session with role `admin`.
         */
        patch: operations["patchSettingsCache"];
        trace?: never;
    };
    "/api/v1/settings/diversity": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Diversity defaults
         * @description Requires `settings:read`: an API key with scope `admin`, or a console session with role `admin`.
         */
        get: operations["getSettingsDiversity"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change diversity defaults
         * @description Requires `settings:write`: an API key with scope `admin`, or a console session with role `admin`.
         */
        patch: operations["patchSettingsDiversity"];
        trace?: never;
    };
    "/api/v1/settings/event-weights": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Event weights
         * @description Requires `settings:read`: an API key with scope `admin`, or a console session with role `admin`.
         */
        get: operations["getSettingsEventWeights"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change event weights
         * @description Requires `settings:write`: an API key with scope `admin`, or a console session with role `admin`.
         */
        patch: operations["patchSettingsEventWeights"];
        trace?: never;
    };
    "/api/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Who the caller is and what they may do
         * @description A wrong or revoked key is a 401 here as everywhere.
         *
         *     Public: no credentials needed.
         */
        get: operations["getMe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List API keys
         * @description Requires `access:manage`: an API key with scope `admin`, or a console session with role `admin`.
         */
        get: operations["getAdminKeys"];
        put?: never;
        /**
         * Create an API key
         * @description The answer is the only place the secret ever appears.
         *
         *     Requires `access:manage`: an API key with scope `admin`, or a console session with role `admin`.
         */
        post: operations["postAdminKeys"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke an API key
         * @description Requires `access:manage`: an API key with scope `admin`, or a console session with role `admin`.
         */
        delete: operations["deleteAdminKeysId"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List console users
         * @description Requires `access:manage`: an API key with scope `admin`, or a console session with role `admin`.
         */
        get: operations["getAdminUsers"];
        put?: never;
        /**
         * Create a console user
         * @description Requires `access:manage`: an API key with scope `admin`, or a console session with role `admin`.
         */
        post: operations["postAdminUsers"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Delete a console user
         * @description Requires `access:manage`: an API key with scope `admin`, or a console session with role `admin`.
         */
        delete: operations["deleteAdminUsersId"];
        options?: never;
        head?: never;
        /**
         * Change a console user
         * @description Requires `access:manage`: an API key with scope `admin`, or a console session with role `admin`.
         */
        patch: operations["patchAdminUsersId"];
        trace?: never;
    };
    "/api/v1/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The audit log, newest first
         * @description `from` and `to` bound when the change was made, both inclusive (a bare date as `to` means through that day, UTC); `from` after `to` is a 400.
         *
         *     Requires `access:manage`: an API key with scope `admin`, or a console session with role `admin`.
         */
        get: operations["getAudit"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/setup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create the first admin with the set-up token
         * @description 403 when the token is not valid: used already, expired, or the console has users.
         *
         *     Public: no credentials needed.
         */
        post: operations["postSetup"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Health of the instance and its dependencies
         * @description 200 while requests can be served (even degraded), 503 when the database is gone or the instance is draining (`stopping`).
         *
         *     Public: no credentials needed.
         */
        get: operations["getHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/livez": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Liveness probe
         * @description 200 whenever the process answers.
         *
         *     Public: no credentials needed.
         */
        get: operations["getLivez"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Readiness probe
         * @description 200 while the instance should receive traffic: the database answers, the serving model is loaded (or the intended fallback serves) and the instance is not draining; 503 with the reasons otherwise.
         *
         *     Public: no credentials needed.
         */
        get: operations["getReadyz"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/openapi.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * This document
         * @description Public: no credentials needed.
         */
        get: operations["getOpenapiJson"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        ApiKey: {
            id: number;
            name: string;
            displayPrefix: string;
            scopes: ("recommend" | "events" | "users" | "catalog" | "admin")[];
            createdBy: string;
            /** Format: date-time */
            createdAt: string;
            lastUsedAt: string | null;
            revokedAt: string | null;
        };
        ConsoleUser: {
            id: number;
            email: string;
            name: string;
            /** @enum {string} */
            role: "admin" | "pm" | "editor" | "operator";
            lastSignInAt: string | null;
            /** Format: date-time */
            createdAt: string;
        };
        CtrSeries: {
            /** @enum {string} */
            range: "1h" | "6h" | "24h" | "7d";
            /** Format: date-time */
            from: string;
            /** Format: date-time */
            to: string;
            step_seconds: number;
            /** @description Busiest first; past eight the rest are pooled as `other`. */
            strategies: string[];
            totals: {
                impressions: number;
                clicks: number;
                ctr: number | null;
                by_strategy: {
                    [key: string]: {
                        impressions: number;
                        clicks: number;
                        ctr: number | null;
                    };
                };
            };
            points: {
                impressions: number;
                clicks: number;
                ctr: number | null;
                /** @description Epoch milliseconds. */
                time: number;
                by_strategy: {
                    [key: string]: {
                        impressions: number;
                        clicks: number;
                        ctr: number | null;
                    };
                };
            }[];
        };
        CurationRule: {
            id: number;
            /** @enum {string} */
            kind: "pick" | "pin" | "boost" | "block";
            /** @enum {string} */
            target_type: "item" | "tag" | "category";
            target: string;
            position: number | null;
            boost: number | null;
            segment: string | null;
            starts_at: string | null;
            ends_at: string | null;
            note: string;
            collection: string | null;
            created_by: string | null;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
            /** @description The catalog item an item rule targets; null for tags, categories and ids the catalog does not have. */
            target_item: {
                title: string;
                category: string | null;
            } | null;
        };
        CurationRuleEffect: {
            rule: number;
            /** @enum {string} */
            action: "pinned" | "boosted" | "lowered" | "picked" | "blocked";
            text: string;
        };
        /**
         * @description Every failure has this shape; `fields` names each bad input field (with its index in a batch).
         * @example {
         *       "error": {
         *         "code": "invalid_request",
         *         "message": "invalid event batch: [1].type: Invalid option",
         *         "fields": [
         *           {
         *             "field": "[1].type",
         *             "index": 1,
         *             "message": "Invalid option"
         *           }
         *         ]
         *       }
         *     }
         */
        Error: {
            error: {
                /** @description Stable machine-readable code: invalid_request, unauthorized, forbidden, not_found, conflict, payload_too_large, unsupported_media_type, unavailable, internal_error. */
                code: string;
                message: string;
                fields?: {
                    field: string;
                    message: string;
                    index?: number;
                }[];
            };
        };
        /** @description Events whose `event_id` was seen before are counted as duplicates and not recorded again. */
        EventResult: {
            accepted: number;
            duplicates: number;
            duplicate_event_ids: string[];
        };
        Experiment: {
            key: string;
            name: string;
            hypothesis: string;
            /** @enum {string} */
            type: "ab" | "bandit";
            /** @enum {string} */
            status: "draft" | "running" | "paused" | "stopped";
            layer: string;
            coverage_percent: number;
            layer_range_percent: [
                number,
                number
            ] | null;
            targeting: string;
            control: string;
            variants: {
                key: string;
                strategy: string;
                weight: number;
                strategy_version: number | null;
            }[];
            primary_metric: string;
            secondary_metrics: string[];
            guardrails: {
                metric: string;
                max_degradation: number;
            }[];
            /** @description User attributes the results break the primary metric down by, besides device and new vs returning. */
            breakdown_attributes: string[];
            bandit: {
                reallocate_every_minutes: number;
                last_reallocated_at: string | null;
            } | null;
            shipped_variant: string | null;
            started_at: string | null;
            stopped_at: string | null;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
        };
        /** @description The primary metric by device, new vs returning and the chosen user attributes; p-values Holm-adjusted across all cells. */
        ExperimentBreakdowns: {
            /** @enum {string} */
            metric: "ctr" | "conversion" | "engagement" | "diversity";
            alpha: number;
            min_users_per_variant: number;
            max_cells: number;
            /** @description Comparisons the Holm correction spans: every compared variant in every cell with enough data, across all dimensions. */
            tests: number;
            dimensions: {
                /** @enum {string} */
                kind: "device" | "new_vs_returning" | "attribute";
                /** @description `device`, `returning`, or the attribute key. */
                key: string;
                cells: {
                    /** @description Null for users with no value recorded, and for the merged "other" cell. */
                    value: string | null;
                    other: boolean;
                    /** @description Values merged into the "other" cell; 1 otherwise. */
                    values: number;
                    users: {
                        [key: string]: number;
                    };
                    /** @description False below `min_users_per_variant` in some variant: no comparison is made. */
                    enough_data: boolean;
                    /** @description The variants the stats could compare with the control in this cell; empty without enough data, or without data for the metric. */
                    comparisons: {
                        variant: string;
                        relative_lift: number;
                        /** @description Fixed-horizon, by Fieller's method, not adjusted for the number of cells: never below −1; a null upper bound is unbounded. */
                        relative_interval: {
                            lower: number;
                            upper: number | null;
                        };
                        /** @description Fixed-horizon, as the interval: neither is adjusted for the number of cells. */
                        p_value: number;
                        /** @description Holm-adjusted across all cells of all dimensions. */
                        adjusted_p_value: number;
                        /** @description The adjusted p-value is below `alpha`. */
                        significant: boolean;
                    }[];
                }[];
            }[];
        };
        /** @description Sample size from the metric history, and whether and when the active users supply it. */
        ExperimentPlan: {
            /** @enum {string} */
            metric: "ctr" | "conversion";
            mde: number;
            power: number;
            alpha: number;
            window_days: number;
            baseline: number | null;
            history_users: number;
            sample_size_per_variant: number | null;
            /** @description Distinct active users a day within the coverage; absent without a sample size. */
            daily_users?: number;
            audience_users?: number;
            reachable?: boolean;
            duration_days?: number | null;
        };
        /** @description Per-variant lifts with sequential and fixed-horizon intervals, sample-ratio check, guardrails, planning and a daily series. */
        ExperimentResults: {
            experiment: string;
            /** @enum {string} */
            type: "ab" | "bandit";
            /** @enum {string} */
            status: "draft" | "running" | "paused" | "stopped";
            control: string;
            started_at: string | null;
            stopped_at: string | null;
            /** Format: date-time */
            generated_at: string;
            /** @constant */
            default_view: "sequential";
            alpha: number;
            variants: {
                key: string;
                strategy: string;
                strategy_version: number | null;
                weight: number;
                users: number;
                lists: number;
                impressions: number;
                clicks: number;
                ctr: number | null;
            }[];
            /** @description Sample-ratio mismatch check; null for a bandit, which moves its split on purpose. */
            srm: {
                chi_square: number;
                p_value: number;
                threshold: number;
                /**
                 * @description not_enough_data below 100 exposures in total or 5 expected in any variant: the p-value then decides nothing.
                 * @enum {string}
                 */
                status: "not_enough_data" | "passed" | "mismatch";
                mismatch: boolean;
                observed: {
                    [key: string]: number;
                };
                expected: {
                    [key: string]: number;
                };
            } | null;
            metrics: {
                /** @enum {string} */
                metric: "ctr" | "conversion" | "engagement" | "diversity" | "coverage" | "latency_p99";
                primary: boolean;
                /** @enum {string} */
                kind: "ratio" | "mean" | "aggregate";
                /** @description CUPED: the comparisons (lifts, intervals, p-values) are adjusted by each user's value of the metric over the pre-period before their first exposure; the variants' values stay as observed. Null for aggregate metrics. */
                cuped: {
                    applied: boolean;
                    /** @description Share of the estimates' variance removed (1 − adjusted / unadjusted); null when not applied. */
                    variance_reduction: number | null;
                    pre_period_days: number;
                    users_with_pre_period: number;
                    /** @description Why CUPED was not applied; null when it was. */
                    reason: ("too_little_data" | "few_pre_period_users" | "no_pre_period_variance") | null;
                } | null;
                variants: {
                    variant: string;
                    users: number;
                    value: number | null;
                    numerator?: number;
                    denominator?: number;
                }[];
                comparisons: ({
                    variant: string;
                    absolute_lift: number;
                    relative_lift: number;
                    /** @description The default, sequential (always-valid) view. */
                    ci: [
                        number,
                        number
                    ];
                    /** @description Relative lift interval by Fieller's method: never below −1 (−100%); a null upper bound is unbounded (the control mean cannot yet be told from 0). */
                    relative_ci: [
                        number,
                        number | null
                    ];
                    p_value: number;
                    chance_to_beat_control: number;
                    sequential: {
                        alpha: number;
                        absolute: {
                            estimate: number;
                            ci: [
                                number,
                                number
                            ];
                            p_value: number;
                        };
                        relative: {
                            estimate: number;
                            /** @description Relative lift interval by Fieller's method: never below −1 (−100%); a null upper bound is unbounded (the control mean cannot yet be told from 0). */
                            ci: [
                                number,
                                number | null
                            ];
                            p_value: number;
                        };
                    };
                    fixed_horizon: {
                        alpha: number;
                        absolute: {
                            estimate: number;
                            ci: [
                                number,
                                number
                            ];
                            p_value: number;
                            se: number;
                        };
                        relative: {
                            estimate: number;
                            /** @description Relative lift interval by Fieller's method: never below −1 (−100%); a null upper bound is unbounded (the control mean cannot yet be told from 0). */
                            ci: [
                                number,
                                number | null
                            ];
                            p_value: number;
                            se: number;
                        };
                        holm_p_value: number;
                    };
                    /** @enum {string} */
                    verdict: "better" | "worse" | "inconclusive" | "insufficient_sample" | "insufficient_data";
                } | {
                    variant: string;
                    /** @enum {string} */
                    verdict: "better" | "worse" | "inconclusive" | "insufficient_sample" | "insufficient_data";
                })[];
                minimum_sample_per_variant: number | null;
            }[];
            guardrails: {
                /** @enum {string} */
                metric: "ctr" | "conversion" | "engagement" | "diversity" | "coverage" | "latency_p99";
                max_degradation: number;
                variants: {
                    variant: string;
                    relative_change: number | null;
                    breached: boolean;
                }[];
            }[];
            planning: {
                /** @enum {string} */
                metric: "ctr" | "conversion" | "engagement" | "diversity" | "coverage" | "latency_p99";
                mde: number;
                power: number;
                alpha: number;
                baseline: number | null;
                sample_size_per_variant: number | null;
                users_per_variant: {
                    [key: string]: number;
                };
                ready: boolean;
                /** @description Distinct active users a day (any event) within the coverage, over the last 28 days. */
                daily_users: number | null;
                /** @description Distinct users active in the last 28 days within the coverage. */
                audience_users: number | null;
                /** @description False when the audience cannot supply the required sample in every variant: no verdict at this MDE. */
                reachable: boolean | null;
                duration_days: number | null;
                days_remaining: number | null;
            };
            /**
             * @description Hourly points while the experiment is under three days old; `date` is then `YYYY-MM-DDTHH:00Z`.
             * @enum {string}
             */
            timeseries_granularity: "hour" | "day";
            timeseries: {
                [key: string]: {
                    date: string;
                    exposures: number;
                    impressions: number;
                    clicks: number;
                    ctr: number | null;
                }[];
            };
            weight_history: {
                /** Format: date-time */
                at: string;
                reason: string;
                weights: {
                    [key: string]: number;
                };
            }[];
            breakdowns: components["schemas"]["ExperimentBreakdowns"];
        };
        Health: {
            /**
             * @description `stopping` (with 503): the process is shutting down; send it nothing new.
             * @enum {string}
             */
            status: "ok" | "degraded" | "down" | "stopping";
            version: string;
            build: string;
            /** Format: date-time */
            started_at: string;
            uptime_seconds: number;
            database: {
                /** @enum {string} */
                status: "up" | "down";
                kind: string;
                latency_ms: number | null;
                error?: string;
            };
            cache: {
                /** @enum {string} */
                status: "up" | "down";
                kind: string;
                latency_ms: number | null;
                error?: string;
            };
            sign_in_limits: {
                /** @enum {string} */
                counting: "shared" | "in-process";
                since: string | null;
                last_error: string | null;
            };
            serving: {
                model_version: number | null;
                model: {
                    degraded: boolean;
                    active_version: number | null;
                    serving_version: number | null;
                    reason: string | null;
                };
                feature_store: {
                    kind: string;
                    state: string;
                    last_error: string | null;
                };
                response_cache: {
                    kind: string;
                    state: string;
                    last_error: string | null;
                };
                fallbacks: string[];
            };
        };
        InstanceDashboard: {
            /** @enum {string} */
            range: "1h" | "6h" | "24h" | "7d";
            step_seconds: number;
            instance: {
                /** Format: date-time */
                started_at: string;
                /** Format: date-time */
                from: string;
                /** Format: date-time */
                to: string;
                partial: boolean;
            };
            totals: {
                requests: number;
                qps: number;
                errors: number;
                error_rate: number | null;
                latency_ms: {
                    p50: number;
                    p95: number;
                    p99: number;
                } | null;
                cache_hits: number;
                cache_misses: number;
                cache_hit_rate: number | null;
                events_ingested: number;
                events_per_second: number;
                lag_ms: {
                    p50: number;
                    p95: number;
                    p99: number;
                } | null;
            };
            endpoints: {
                endpoint: string;
                requests: number;
                qps: number;
                errors: number;
                client_errors: number;
                error_rate: number | null;
                latency_ms: {
                    p50: number;
                    p95: number;
                    p99: number;
                } | null;
            }[];
            points: {
                time: number;
                qps: number;
                error_rate: number | null;
                latency_ms: {
                    p50: number;
                    p95: number;
                    p99: number;
                } | null;
                cache_hit_rate: number | null;
                events_per_second: number;
                lag_ms: {
                    p50: number;
                    p95: number;
                    p99: number;
                } | null;
                endpoints: {
                    [key: string]: {
                        qps: number;
                        latency_ms: {
                            p50: number;
                            p95: number;
                            p99: number;
                        } | null;
                    };
                };
            }[];
            gauges: {
                model: {
                    version: number;
                    /** Format: date-time */
                    created_at: string;
                    age_seconds: number;
                } | null;
                coverage: {
                    served_items: number;
                    servable_items: number | null;
                    ratio: number;
                };
            };
        };
        Item: {
            id: string;
            title: string;
            description: string;
            category: string | null;
            tags: string[];
            attributes: {
                [key: string]: unknown;
            };
            is_hidden: boolean;
            published_at: string | null;
            expires_at: string | null;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
        };
        ItemStats: {
            item: string;
            days: number;
            impressions: number;
            clicks: number;
            recommended_clicks: number;
            other_clicks: number;
            /** @description Clicks on recommendations / impressions: the CTR definition the overview and experiments use. */
            ctr: number | null;
            daily: {
                day: string;
                impressions: number;
                recommended_clicks: number;
                other_clicks: number;
            }[];
        };
        Liveness: {
            /** @constant */
            status: "alive";
        };
        ModelVersion: {
            id: number;
            /** @enum {string} */
            status: "candidate" | "active" | "archived" | "failed";
            params: {
                [key: string]: unknown;
            };
            metrics: {
                [key: string]: unknown;
            };
            counts: {
                [key: string]: number;
            };
            data_from: string | null;
            data_to: string | null;
            artifact: {
                location: string;
                checksum: string;
                size_bytes: number;
            };
            training_run_id: number | null;
            /** Format: date-time */
            created_at: string;
            promoted_at: string | null;
            archived_at: string | null;
        };
        Readiness: {
            /** @enum {string} */
            status: "ready" | "not_ready";
            /** @description Why the instance is not ready: database, model still loading, or draining. */
            reasons?: string[];
        };
        /**
         * @example {
         *       "recommendation_id": "r-5f2c",
         *       "model_version": 3,
         *       "strategy": "hybrid",
         *       "experiment": null,
         *       "variant": null,
         *       "fallback": null,
         *       "items": [
         *         {
         *           "id": "i-7",
         *           "title": "Blue running shoes",
         *           "category": "shoes",
         *           "score": 0.9321,
         *           "reasons": [
         *             {
         *               "kind": "because_you_watched",
         *               "text": "Because you viewed Trail shoes",
         *               "item": "i-3"
         *             }
         *           ]
         *         }
         *       ],
         *       "next_cursor": "eyJyIjoiYTEiLCJvIjoyMH0",
         *       "timings_ms": {
         *         "total": 12.4
         *       }
         *     }
         */
        Recommendations: {
            /** @description Send it back as `recommendation_id` on the events the list leads to. */
            recommendation_id: string;
            model_version: number | null;
            strategy: string;
            experiment: string | null;
            variant: string | null;
            /** @description What served the list when the full pipeline could not; null when it could. */
            fallback: ("ranker" | "feature_store" | "neighbors_trending" | "no_model" | "popular") | null;
            items: components["schemas"]["ServedItem"][];
            next_cursor: string | null;
            timings_ms: {
                [key: string]: number;
            };
        };
        /** @description The ranker's score split into per-feature contributions that add up to score + exposure_penalty − baseline. */
        ScoreBreakdown: {
            baseline: number;
            contributions: {
                feature: string;
                value: number;
                contribution: number;
            }[];
            /** @description What the exposure penalty took from the ranker's score for the item being on many users' first pages already; 0 when none. */
            exposure_penalty: number;
        };
        ServedItem: {
            id: string;
            title: string;
            category: string | null;
            score: number;
            reasons: {
                /** @enum {string} */
                kind: "because_you_watched" | "editors_pick" | "new_arrival" | "trending" | "popular_in_category" | "matches_interest" | "similar_users";
                text: string;
                /** @description The history item behind a "because you watched" reason. */
                item?: string;
            }[];
            /** @description With `explain`: the candidate sources that proposed it. */
            sources?: ("collaborative" | "neighbors" | "ease" | "content" | "popular" | "trending" | "editorial" | "fresh")[];
            explanation?: components["schemas"]["ScoreBreakdown"] | null;
            /** @description With `explain`: the rank of its score before post-processing; null when placed (pinned, exploration), not ranked. */
            score_rank?: number | null;
            /** @description With `explain`: what moved the item from its score rank or placed it: boosts, diversity, exploration, pins. */
            adjustments?: {
                /** @enum {string} */
                kind: "boosted" | "lowered" | "moved_up_by_diversity" | "moved_down_by_diversity" | "exploration" | "pinned";
                text: string;
            }[];
        };
        Strategy: {
            key: string;
            name: string;
            description: string;
            version: number;
            config: {
                quotas: {
                    collaborative: number;
                    neighbors: number;
                    ease: number;
                    content: number;
                    popular: number;
                    trending: number;
                };
                /** @enum {string} */
                ranker: "active" | "none";
                blend: {
                    collaborative: number;
                    neighbors: number;
                    ease: number;
                    content: number;
                    popular: number;
                    trending: number;
                };
                diversityLambda: number | null;
                explorationShare: number;
                /** @enum {string} */
                fallback: "popular" | "trending";
            };
            preset: boolean;
            is_default: boolean;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
        };
        TrainingRun: {
            id: number;
            /** @enum {string} */
            status: "queued" | "running" | "succeeded" | "failed";
            /** @enum {string} */
            trigger: "manual" | "schedule" | "events" | "startup";
            stage: string;
            progress: number;
            version_id: number | null;
            error: string | null;
            /** Format: date-time */
            queued_at: string;
            started_at: string | null;
            finished_at: string | null;
        };
        UpsertResult: {
            created: number;
            updated: number;
            unchanged: number;
        };
        User: {
            id: string;
            preferences: {
                categories: string[];
                attributes: {
                    [key: string]: unknown;
                };
            };
            /** @enum {string} */
            data_sharing: "minimal" | "standard" | "enhanced";
            /** Format: date-time */
            created_at: string;
            last_active_at: string | null;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getRecommendations: {
        parameters: {
            query: {
                user: string;
                n?: number;
                context?: "home" | "item" | "search";
                item?: string;
                category?: string;
                exclude?: string;
                cursor?: string;
                explain?: "0" | "1" | "true" | "false";
                device?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Recommendations"];
                };
            };
            /** @description The input is invalid; `fields` names each problem. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials: the API key is missing, unknown or revoked. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials do not grant this operation (or a cookie session came from another site). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected server error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is unavailable; retry shortly (the SDK retries with backoff). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postSessionsRecommend: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "recent_items": [
                 *         "i-7",
                 *         "i-9"
                 *       ],
                 *       "n": 10
                 *     }
                 */
                "application/json": {
                    recent_items: string[];
                    /** @default 20 */
                    n?: number;
                    category?: string[];
                    exclude?: string[];
                    /** @default false */
                    explain?: boolean;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Recommendations"];
                };
            };
            /** @description The input is invalid; `fields` names each problem. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials: the API key is missing, unknown or revoked. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials do not grant this operation (or a cookie session came from another site). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is larger than this operation accepts. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not in a format this operation accepts. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected server error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is unavailable; retry shortly (the SDK retries with backoff). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getItemsIdSimilar: {
        parameters: {
            query?: {
                n?: number;
                user?: string;
                explain?: "0" | "1" | "true" | "false";
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Recommendations"];
                };
            };
            /** @description The input is invalid; `fields` names each problem. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials: the API key is missing, unknown or revoked. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials do not grant this operation (or a cookie session came from another site). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected server error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is unavailable; retry shortly (the SDK retries with backoff). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getTrending: {
        parameters: {
            query?: {
                variant?: "hot" | "rising" | "fresh";
                category?: string;
                n?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Recommendations"];
                };
            };
            /** @description The input is invalid; `fields` names each problem. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials: the API key is missing, unknown or revoked. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials do not grant this operation (or a cookie session came from another site). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected server error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is unavailable; retry shortly (the SDK retries with backoff). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getRecommendationsExplain: {
        parameters: {
            query: {
                user: string;
                item: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        user: string;
                        item: {
                            id: string;
                            title: string;
                            category: string | null;
                        };
                        would_show: boolean;
                        /** @description 1-based position in the user's feed, when it is among the items ranked for it. */
                        position: number | null;
                        score: number | null;
                        reasons: {
                            /** @enum {string} */
                            kind: "because_you_watched" | "editors_pick" | "new_arrival" | "trending" | "popular_in_category" | "matches_interest" | "similar_users";
                            text: string;
                            /** @description The history item behind a "because you watched" reason. */
                            item?: string;
                        }[];
                        excluded_because: string[];
                        breakdown: components["schemas"]["ScoreBreakdown"] | null;
                        model_version: number | null;
                    };
                };
            };
            /** @description The input is invalid; `fields` names each problem. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials: the API key is missing, unknown or revoked. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials do not grant this operation (or a cookie session came from another site). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected server error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is unavailable; retry shortly (the SDK retries with backoff). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getRecommendationsExplainFeed: {
        parameters: {
            query: {
                user: string;
                n?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        user: string;
                        /** @description What anyone who may explain a feed may know of the user: no preferences, attributes or history. */
                        profile: {
                            known: boolean;
                            data_sharing: ("minimal" | "standard" | "enhanced") | null;
                            interactions: number;
                        };
                        items: components["schemas"]["ServedItem"][];
                        /** @description What served the list when the full pipeline could not; null when it could. */
                        fallback: ("ranker" | "feature_store" | "neighbors_trending" | "no_model" | "popular") | null;
                        model_version: number | null;
                    };
                };
            };
            /** @description The input is invalid; `fields` names each problem. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials: the API key is missing, unknown or revoked. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials do not grant this operation (or a cookie session came from another site). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected server error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is unavailable; retry shortly (the SDK retries with backoff). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postRecommendationsExplainPreview: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "user": "u-42",
                 *       "config": {
                 *         "quotas": {
                 *           "collaborative": 0,
                 *           "neighbors": 0,
                 *           "ease": 0,
                 *           "content": 200,
                 *           "popular": 0,
                 *           "trending": 0
                 *         },
                 *         "ranker": "none",
                 *         "blend": {
                 *           "collaborative": 1,
                 *           "neighbors": 1,
                 *           "ease": 1,
                 *           "content": 1,
                 *           "popular": 1,
                 *           "trending": 1
                 *         },
                 *         "diversityLambda": null,
                 *         "explorationShare": 0.1,
                 *         "fallback": "popular"
                 *       },
                 *       "n": 10
                 *     }
                 */
                "application/json": {
                    user: string;
                    config: {
                        quotas: {
                            collaborative: number;
                            neighbors: number;
                            ease: number;
                            content: number;
                            popular: number;
                            trending: number;
                        };
                        /** @enum {string} */
                        ranker: "active" | "none";
                        blend: {
                            collaborative: number;
                            neighbors: number;
                            ease: number;
                            content: number;
                            popular: number;
                            trending: number;
                        };
                        diversityLambda: number | null;
                        explorationShare: number;
                        /** @enum {string} */
                        fallback: "popular" | "trending";
                    };
                    /** @default 20 */
                    n?: number;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        user: string;
                        model_version: number | null;
                        /** @description The feed under the config as sent, not saved. */
                        preview: {
                            strategy: string;
                            /** @description The stored version ranked with; null for an unsaved config. */
                            version: number | null;
                            /** @description What served the list when the full pipeline could not; null when it could. */
                            fallback: ("ranker" | "feature_store" | "neighbors_trending" | "no_model" | "popular") | null;
                            items: components["schemas"]["ServedItem"][];
                        };
                        /** @description The feed under the default strategy. */
                        default: {
                            strategy: string;
                            /** @description The stored version ranked with; null for an unsaved config. */
                            version: number | null;
                            /** @description What served the list when the full pipeline could not; null when it could. */
                            fallback: ("ranker" | "feature_store" | "neighbors_trending" | "no_model" | "popular") | null;
                            items: components["schemas"]["ServedItem"][];
                        };
                    };
                };
            };
            /** @description The input is invalid; `fields` names each problem. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials: the API key is missing, unknown or revoked. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials do not grant this operation (or a cookie session came from another site). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is larger than this operation accepts. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not in a format this operation accepts. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected server error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is unavailable; retry shortly (the SDK retries with backoff). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getRecommendationsExplainStrategies: {
        parameters: {
            query: {
                user: string;
                /** @description Strategy keys, comma-separated, 1 to 3. */
                strategies: string;
                n?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        user: string;
                        model_version: number | null;
                        /** @description One feed per strategy, in the order asked. */
                        feeds: {
                            strategy: string;
                            /** @description The stored version ranked with; null for an unsaved config. */
                            version: number | null;
                            /** @description What served the list when the full pipeline could not; null when it could. */
                            fallback: ("ranker" | "feature_store" | "neighbors_trending" | "no_model" | "popular") | null;
                            items: components["schemas"]["ServedItem"][];
                        }[];
                    };
                };
            };
            /** @description The input is invalid; `fields` names each problem. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials: the API key is missing, unknown or revoked. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials do not grant this operation (or a cookie session came from another site). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request conflicts with the resource's current state. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected server error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is unavailable; retry shortly (the SDK retries with backoff). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getRecommendationsWhyNot: {
        parameters: {
            query: {
                user: string;
                item: string;
                n?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        verdict: "shown" | "unavailable" | "blocked" | "disliked" | "seen" | "no_model" | "below_cut" | "not_a_candidate";
                        summary: string;
                        details: string[];
                        user: string;
                        item: {
                            id: string;
                            title: string;
                            category: string | null;
                        };
                        cut: number;
                        ranked: components["schemas"]["ServedItem"] | null;
                        last_shown: components["schemas"]["ServedItem"] | null;
                        model_version: number | null;
                    };
                };
            };
            /** @description The input is invalid; `fields` names each problem. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials: the API key is missing, unknown or revoked. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials do not grant this operation (or a cookie session came from another site). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected server error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is unavailable; retry shortly (the SDK retries with backoff). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postEvents: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "events": [
                 *         {
                 *           "event_id": "e-1",
                 *           "user_id": "u-42",
                 *           "item_id": "i-7",
                 *           "type": "click",
                 *           "timestamp": "2026-01-01T12:00:00Z",
                 *           "recommendation_id": "r-123"
                 *         }
                 *       ]
                 *     }
                 */
                "application/json": {
                    event_id: string;
                    user_id: string | number;
                    item_id: string | number;
                    /** @enum {string} */
                    type: "view" | "click" | "like" | "dislike" | "add_to_cart" | "purchase" | "rate" | "share" | "skip";
                    /** @default null */
                    value?: number | null;
                    timestamp?: string | number;
                    /** @default null */
                    session_id?: string | null;
                    /** @default null */
                    context?: ({
                        device?: string;
                        page?: string;
                        referrer?: string;
                    } & {
                        [key: string]: unknown;
                    }) | null;
                    /** @default null */
                    recommendation_id?: string | null;
                } | {
                    event_id: string;
                    user_id: string | number;
                    item_id: string | number;
                    /** @enum {string} */
                    type: "view" | "click" | "like" | "dislike" | "add_to_cart" | "purchase" | "rate" | "share" | "skip";
                    /** @default null */
                    value?: number | null;
                    timestamp?: string | number;
                    /** @default null */
                    session_id?: string | null;
                    /** @default null */
                    context?: ({
                        device?: string;
                        page?: string;
                        referrer?: string;
                    } & {
                        [key: string]: unknown;
                    }) | null;
                    /** @default null */
                    recommendation_id?: string | null;
                }[] | {
                    events: {
                        event_id: string;
                        user_id: string | number;
                        item_id: string | number;
                        /** @enum {string} */
                        type: "view" | "click" | "like" | "dislike" | "add_to_cart" | "purchase" | "rate" | "share" | "skip";
                        /** @default null */
                        value?: number | null;
                        timestamp?: string | number;
                        /** @default null */
                        session_id?: string | null;
                        /** @default null */
                        context?: ({
                            device?: string;
                            page?: string;
                            referrer?: string;
                        } & {
                            [key: string]: unknown;
                        }) | null;
                        /** @default null */
                        recommendation_id?: string | null;
                    }[];
                };
                "application/x-ndjson": string;
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EventResult"];
                };
            };
            /** @description The input is invalid; `fields` names each problem. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials: the API key is missing, unknown or revoked. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials do not grant this operation (or a cookie session came from another site). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is larger than this operation accepts. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not in a format this operation accepts. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected server error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is unavailable; retry shortly (the SDK retries with backoff). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getItems: {
        parameters: {
            query?: {
                category?: string;
                tag?: string;
                q?: string;
                hidden?: "true" | "false" | "any";
                sort?: "created_at" | "-created_at" | "title" | "-title" | "updated_at" | "-updated_at" | "published_at" | "-published_at";
                limit?: number;
                offset?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["Item"][];
                        total: number;
                        limit: number;
                        offset: number;
                    };
                };
            };
            /** @description The input is invalid; `fields` names each problem. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials: the API key is missing, unknown or revoked. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials do not grant this operation (or a cookie session came from another site). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected server error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is unavailable; retry shortly (the SDK retries with backoff). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postItems: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "id": "i-7",
                 *       "title": "Blue running shoes",
                 *       "category": "shoes",
                 *       "tags": [
                 *         "running"
                 *       ],
                 *       "attributes": {
                 *         "price": 89
                 *       }
                 *     }
                 */
                "application/json": {
                    id: string | number;
                    /** @default  */
                    title?: string;
                    /** @default  */
                    description?: string;
                    /** @default null */
                    category?: string | null;
                    /** @default [] */
                    tags?: string[];
                    /** @default {} */
                    attributes?: {
                        [key: string]: unknown;
                    };
                    /** @default false */
                    is_hidden?: boolean;
                    published_at?: (string | number) | null;
                    expires_at?: (string | number) | null;
                } | {
                    id: string | number;
                    /** @default  */
                    title?: string;
                    /** @default  */
                    description?: string;
                    /** @default null */
                    category?: string | null;
                    /** @default [] */
                    tags?: string[];
                    /** @default {} */
                    attributes?: {
                        [key: string]: unknown;
                    };
                    /** @default false */
                    is_hidden?: boolean;
                    published_at?: (string | number) | null;
                    expires_at?: (string | number) | null;
                }[] | {
                    items: {
                        id: string | number;
                        /** @default  */
                        title?: string;
                        /** @default  */
                        description?: string;
                        /** @default null */
                        category?: string | null;
                        /** @default [] */
                        tags?: string[];
                        /** @default {} */
                        attributes?: {
                            [key: string]: unknown;
                        };
                        /** @default false */
                        is_hidden?: boolean;
                        published_at?: (string | number) | null;
                        expires_at?: (string | number) | null;
                    }[];
                };
                "application/x-ndjson": string;
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UpsertResult"];
                };
            };
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Item"];
                };
            };
            /** @description The input is invalid; `fields` names each problem. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials: the API key is missing, unknown or revoked. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials do not grant this operation (or a cookie session came from another site). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request conflicts with the resource's current state. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is larger than this operation accepts. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not in a format this operation accepts. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected server error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is unavailable; retry shortly (the SDK retries with backoff). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getItemsId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Item"];
                };
            };
            /** @description The input is invalid; `fields` names each problem. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials: the API key is missing, unknown or revoked. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials do not grant this operation (or a cookie session came from another site). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected server error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is unavailable; retry shortly (the SDK retries with backoff). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    putItemsId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "id": "i-7",
                 *       "title": "Blue running shoes",
                 *       "category": "shoes",
                 *       "tags": [
                 *         "running"
                 *       ],
                 *       "attributes": {
                 *         "price": 89
                 *       }
                 *     }
                 */
                "application/json": {
                    id: string | number;
                    /** @default  */
                    title?: string;
                    /** @default  */
                    description?: string;
                    /** @default null */
                    category?: string | null;
                    /** @default [] */
                    tags?: string[];
                    /** @default {} */
                    attributes?: {
                        [key: string]: unknown;
                    };
                    /** @default false */
                    is_hidden?: boolean;
                    published_at?: (string | number) | null;
                    expires_at?: (string | number) | null;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Item"];
                };
            };
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Item"];
                };
            };
            /** @description The input is invalid; `fields` names each problem. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials: the API key is missing, unknown or revoked. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials do not grant this operation (or a cookie session came from another site). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is larger than this operation accepts. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not in a format this operation accepts. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected server error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is unavailable; retry shortly (the SDK retries with backoff). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteItemsId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Item"];
                };
            };
            /** @description The input is invalid; `fields` names each problem. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials: the API key is missing, unknown or revoked. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials do not grant this operation (or a cookie session came from another site). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected server error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is unavailable; retry shortly (the SDK retries with backoff). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    patchItemsId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "is_hidden": true
                 *     }
                 */
                "application/json": {
                    title?: string;
                    description?: string;
                    category?: string | null;
                    tags?: string[];
                    attributes?: {
                        [key: string]: unknown;
                    };
                    is_hidden?: boolean;
                    published_at?: (string | number) | null;
                    expires_at?: (string | number) | null;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Item"];
                };
            };
            /** @description The input is invalid; `fields` names each problem. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials: the API key is missing, unknown or revoked. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials do not grant this operation (or a cookie session came from another site). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is larger than this operation accepts. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not in a format this operation accepts. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected server error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is unavailable; retry shortly (the SDK retries with backoff). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getItemsIdStats: {
        parameters: {
            query?: {
                days?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ItemStats"];
                };
            };
            /** @description The input is invalid; `fields` names each problem. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials: the API key is missing, unknown or revoked. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials do not grant this operation (or a cookie session came from another site). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected server error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is unavailable; retry shortly (the SDK retries with backoff). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getUsers: {
        parameters: {
            query?: {
                q?: string;
                limit?: number;
                offset?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        users: {
                            id: string;
                            preferences: {
                                categories: string[];
                                attributes: {
                                    [key: string]: unknown;
                                };
                            };
                            /** @enum {string} */
                            data_sharing: "minimal" | "standard" | "enhanced";
                            /** Format: date-time */
                            created_at: string;
                            last_active_at: string | null;
                            event_count: number;
                        }[];
                        total: number;
                        limit: number;
                        offset: number;
                    };
                };
            };
            /** @description The input is invalid; `fields` names each problem. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials: the API key is missing, unknown or revoked. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials do not grant this operation (or a cookie session came from another site). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected server error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is unavailable; retry shortly (the SDK retries with backoff). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getUsersId: {
        parameters: {
            query?: {
                history?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        preferences: {
                            categories: string[];
                            attributes: {
                                [key: string]: unknown;
                            };
                        };
                        /** @enum {string} */
                        data_sharing: "minimal" | "standard" | "enhanced";
                        /** Format: date-time */
                        created_at: string;
                        last_active_at: string | null;
                        history: {
                            event_id: string;
                            /** @enum {string} */
                            type: "view" | "click" | "like" | "dislike" | "add_to_cart" | "purchase" | "rate" | "share" | "skip";
                            value: number | null;
                            /** Format: date-time */
                            timestamp: string;
                            item: {
                                id: string;
                                title: string;
                                category: string | null;
                            };
                        }[];
                        /** @description The experiments the user was served in and the variant each assigned them, earliest first. */
                        experiments: {
                            experiment: string;
                            variant: string;
                            /** Format: date-time */
                            first_exposed_at: string;
                            device: string | null;
                            returning: boolean | null;
                        }[];
                    };
                };
            };
            /** @description The input is invalid; `fields` names each problem. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials: the API key is missing, unknown or revoked. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials do not grant this operation (or a cookie session came from another site). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected server error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is unavailable; retry shortly (the SDK retries with backoff). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    putUsersId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "preferences": {
                 *         "categories": [
                 *           "shoes"
                 *         ]
                 *       },
                 *       "data_sharing": "standard"
                 *     }
                 */
                "application/json": {
                    id: string | number;
                    preferences?: {
                        categories?: string[];
                        attributes?: {
                            [key: string]: unknown;
                        };
                    };
                    /** @enum {string} */
                    data_sharing?: "minimal" | "standard" | "enhanced";
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            /** @description The input is invalid; `fields` names each problem. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials: the API key is missing, unknown or revoked. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials do not grant this operation (or a cookie session came from another site). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is larger than this operation accepts. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not in a format this operation accepts. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected server error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is unavailable; retry shortly (the SDK retries with backoff). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteUsersId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        /** @constant */
                        deleted: true;
                        deleted_events: number;
                    };
                };
            };
            /** @description The input is invalid; `fields` names each problem. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials: the API key is missing, unknown or revoked. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials do not grant this operation (or a cookie session came from another site). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected server error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is unavailable; retry shortly (the SDK retries with backoff). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getUsersIdExport: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        exported_at: string;
                        user: components["schemas"]["User"];
                        events: {
                            event_id: string;
                            /** @enum {string} */
                            type: "view" | "click" | "like" | "dislike" | "add_to_cart" | "purchase" | "rate" | "share" | "skip";
                            value: number | null;
                            /** Format: date-time */
                            timestamp: string;
                            item: {
                                id: string;
                                title: string;
                                category: string | null;
                            };
                            session_id: string | null;
                            recommendation_id: string | null;
                            context: {
                                [key: string]: unknown;
                            } | null;
                        }[];
                        impressions: {
                            recommendation_id: string;
                            /** Format: date-time */
                            served_at: string;
                            surface: string;
                            items: string[];
                            strategy: string;
                            experiment: string | null;
                            variant: string | null;
                        }[];
                        experiment_exposures: {
                            experiment: string;
                            variant: string;
                            /** Format: date-time */
                            first_exposed_at: string;
                            device: string | null;
                            returning: boolean | null;
                        }[];
                    };
                };
            };
            /** @description The input is invalid; `fields` names each problem. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials: the API key is missing, unknown or revoked. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials do not grant this operation (or a cookie session came from another site). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected server error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is unavailable; retry shortly (the SDK retries with backoff). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getUsersIdLive: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Newest first; `at` is epoch milliseconds. */
                        recent: {
                            itemId: string;
                            /** @enum {string} */
                            type: "view" | "click" | "like" | "dislike" | "add_to_cart" | "purchase" | "rate" | "share" | "skip";
                            at: number;
                            strength?: number;
                            title: string | null;
                            category: string | null;
                        }[];
                        session: {
                            id: string | null;
                            category: string | null;
                            views: number;
                            startedAt: number;
                            lastAt: number;
                        } | null;
                        /** @description Decayed to now, strongest first. */
                        affinities: {
                            category: string;
                            affinity: number;
                        }[];
                        updated_at: string | null;
                    };
                };
            };
            /** @description The input is invalid; `fields` names each problem. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials: the API key is missing, unknown or revoked. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials do not grant this operation (or a cookie session came from another site). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected server error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is unavailable; retry shortly (the SDK retries with backoff). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getCurationRules: {
        parameters: {
            query?: {
                kind?: "pick" | "pin" | "boost" | "block";
                target_type?: "item" | "tag" | "category";
                target?: string;
                collection?: string;
                active?: "true" | "false" | "any";
                limit?: number;
                offset?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        rules: components["schemas"]["CurationRule"][];
                        total: number;
                        limit: number;
                        offset: number;
                    };
                };
            };
            /** @description The input is invalid; `fields` names each problem. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials: the API key is missing, unknown or revoked. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials do not grant this operation (or a cookie session came from another site). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected server error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is unavailable; retry shortly (the SDK retries with backoff). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postCurationRules: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "kind": "pin",
                 *       "target_type": "item",
                 *       "target": "i-7",
                 *       "position": 1
                 *     }
                 */
                "application/json": {
                    /** @enum {string} */
                    kind: "pick" | "pin" | "boost" | "block";
                    /** @enum {string} */
                    target_type: "item" | "tag" | "category";
                    target: string | number;
                    /** @default null */
                    position?: number | null;
                    /** @default null */
                    boost?: number | null;
                    /** @default null */
                    segment?: string | null;
                    starts_at?: (string | number) | null;
                    ends_at?: (string | number) | null;
                    /** @default  */
                    note?: string;
                    /** @default null */
                    collection?: string | null;
                    /** @default null */
                    created_by?: string | null;
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CurationRule"];
                };
            };
            /** @description The input is invalid; `fields` names each problem. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials: the API key is missing, unknown or revoked. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials do not grant this operation (or a cookie session came from another site). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is larger than this operation accepts. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not in a format this operation accepts. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected server error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is unavailable; retry shortly (the SDK retries with backoff). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getCurationRulesId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CurationRule"];
                };
            };
            /** @description The input is invalid; `fields` names each problem. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials: the API key is missing, unknown or revoked. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials do not grant this operation (or a cookie session came from another site). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected server error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is unavailable; retry shortly (the SDK retries with backoff). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteCurationRulesId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CurationRule"];
                };
            };
            /** @description The input is invalid; `fields` names each problem. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials: the API key is missing, unknown or revoked. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials do not grant this operation (or a cookie session came from another site). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected server error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is unavailable; retry shortly (the SDK retries with backoff). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    patchCurationRulesId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "position": 2
                 *     }
                 */
                "application/json": {
                    /** @enum {string} */
                    kind?: "pick" | "pin" | "boost" | "block";
                    /** @enum {string} */
                    target_type?: "item" | "tag" | "category";
                    target?: string | number;
                    position?: number | null;
                    boost?: number | null;
                    segment?: string | null;
                    starts_at?: (string | number) | null;
                    ends_at?: (string | number) | null;
                    note?: string;
                    collection?: string | null;
                    created_by?: string | null;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CurationRule"];
                };
            };
            /** @description The input is invalid; `fields` names each problem. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials: the API key is missing, unknown or revoked. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials do not grant this operation (or a cookie session came from another site). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is larger than this operation accepts. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not in a format this operation accepts. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected server error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is unavailable; retry shortly (the SDK retries with backoff). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getCurationPreview: {
        parameters: {
            query: {
                user: string;
                n?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        user: string;
                        model_version: number | null;
                        /** @description What served the list when the full pipeline could not; null when it could. */
                        fallback: ("ranker" | "feature_store" | "neighbors_trending" | "no_model" | "popular") | null;
                        /** @description The rules in force for this user now, in the order serving applies them. */
                        rules: components["schemas"]["CurationRule"][];
                        curated: components["schemas"]["ServedItem"][];
                        uncurated: components["schemas"]["ServedItem"][];
                        /** @description Which rule acted on each item, matched as serving matches. */
                        attribution: {
                            /** @description Each curated item, in order, with the rules that pinned, boosted or picked it. */
                            curated: {
                                id: string;
                                rules: components["schemas"]["CurationRuleEffect"][];
                            }[];
                            /** @description Items of the feed without rules missing with them; `rules` names the blocks or lowering boosts that removed each, empty when others pushed it off the page. */
                            removed: {
                                id: string;
                                position: number;
                                rules: components["schemas"]["CurationRuleEffect"][];
                            }[];
                        };
                    };
                };
            };
            /** @description The input is invalid; `fields` names each problem. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials: the API key is missing, unknown or revoked. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials do not grant this operation (or a cookie session came from another site). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected server error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is unavailable; retry shortly (the SDK retries with backoff). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getExperiments: {
        parameters: {
            query?: {
                status?: "draft" | "running" | "paused" | "stopped";
                type?: "ab" | "bandit";
                layer?: string;
                limit?: number;
                offset?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        experiments: components["schemas"]["Experiment"][];
                        total: number;
                        limit: number;
                        offset: number;
                    };
                };
            };
            /** @description The input is invalid; `fields` names each problem. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials: the API key is missing, unknown or revoked. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials do not grant this operation (or a cookie session came from another site). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected server error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is unavailable; retry shortly (the SDK retries with backoff). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postExperiments: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "key": "ranker-test",
                 *       "name": "Ranker vs popular",
                 *       "variants": [
                 *         {
                 *           "key": "control",
                 *           "strategy": "hybrid"
                 *         },
                 *         {
                 *           "key": "popular",
                 *           "strategy": "popular"
                 *         }
                 *       ]
                 *     }
                 */
                "application/json": {
                    key: string;
                    name?: string;
                    /** @default  */
                    hypothesis?: string;
                    /**
                     * @default ab
                     * @enum {string}
                     */
                    type?: "ab" | "bandit";
                    /** @default default */
                    layer?: string;
                    /** @default 100 */
                    coverage_percent?: number;
                    /** @default all */
                    targeting?: string;
                    variants: {
                        key: string;
                        strategy: string;
                        weight?: number;
                    }[];
                    /**
                     * @default ctr
                     * @enum {string}
                     */
                    primary_metric?: "ctr" | "conversion" | "engagement" | "diversity";
                    /** @default [] */
                    secondary_metrics?: ("ctr" | "conversion" | "engagement" | "diversity" | "coverage" | "latency_p99")[];
                    /**
                     * @default [
                     *       {
                     *         "metric": "latency_p99",
                     *         "max_degradation": 0.2
                     *       }
                     *     ]
                     */
                    guardrails?: {
                        /** @enum {string} */
                        metric: "ctr" | "conversion" | "engagement" | "diversity" | "coverage" | "latency_p99";
                        max_degradation: number;
                    }[];
                    /** @default [] */
                    breakdown_attributes?: string[];
                    /** @default null */
                    bandit?: {
                        reallocate_every_minutes: number;
                    } | null;
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Experiment"];
                };
            };
            /** @description The input is invalid; `fields` names each problem. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials: the API key is missing, unknown or revoked. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials do not grant this operation (or a cookie session came from another site). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request conflicts with the resource's current state. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is larger than this operation accepts. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not in a format this operation accepts. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected server error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is unavailable; retry shortly (the SDK retries with backoff). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getExperimentsPlan: {
        parameters: {
            query?: {
                metric?: "ctr" | "conversion";
                mde?: number;
                coverage_percent?: number;
                variants?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExperimentPlan"];
                };
            };
            /** @description The input is invalid; `fields` names each problem. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials: the API key is missing, unknown or revoked. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials do not grant this operation (or a cookie session came from another site). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected server error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is unavailable; retry shortly (the SDK retries with backoff). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getExperimentsId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Experiment"];
                };
            };
            /** @description The input is invalid; `fields` names each problem. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials: the API key is missing, unknown or revoked. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials do not grant this operation (or a cookie session came from another site). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected server error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is unavailable; retry shortly (the SDK retries with backoff). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteExperimentsId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Experiment"];
                };
            };
            /** @description The input is invalid; `fields` names each problem. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials: the API key is missing, unknown or revoked. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials do not grant this operation (or a cookie session came from another site). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request conflicts with the resource's current state. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected server error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is unavailable; retry shortly (the SDK retries with backoff). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    patchExperimentsId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "coverage_percent": 50
                 *     }
                 */
                "application/json": {
                    name?: string;
                    hypothesis?: string;
                    /** @enum {string} */
                    type?: "ab" | "bandit";
                    layer?: string;
                    coverage_percent?: number;
                    targeting?: string;
                    variants?: {
                        key: string;
                        strategy: string;
                        weight?: number;
                    }[];
                    /** @enum {string} */
                    primary_metric?: "ctr" | "conversion" | "engagement" | "diversity";
                    secondary_metrics?: ("ctr" | "conversion" | "engagement" | "diversity" | "coverage" | "latency_p99")[];
                    guardrails?: {
                        /** @enum {string} */
                        metric: "ctr" | "conversion" | "engagement" | "diversity" | "coverage" | "latency_p99";
                        max_degradation: number;
                    }[];
                    breakdown_attributes?: string[];
                    bandit?: {
                        reallocate_every_minutes: number;
                    } | null;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Experiment"];
                };
            };
            /** @description The input is invalid; `fields` names each problem. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials: the API key is missing, unknown or revoked. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials do not grant this operation (or a cookie session came from another site). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request conflicts with the resource's current state. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is larger than this operation accepts. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not in a format this operation accepts. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected server error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is unavailable; retry shortly (the SDK retries with backoff). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postExperimentsIdStart: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Experiment"];
                };
            };
            /** @description The input is invalid; `fields` names each problem. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials: the API key is missing, unknown or revoked. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials do not grant this operation (or a cookie session came from another site). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request conflicts with the resource's current state. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected server error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is unavailable; retry shortly (the SDK retries with backoff). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postExperimentsIdPause: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Experiment"];
                };
            };
            /** @description The input is invalid; `fields` names each problem. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials: the API key is missing, unknown or revoked. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials do not grant this operation (or a cookie session came from another site). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request conflicts with the resource's current state. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected server error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is unavailable; retry shortly (the SDK retries with backoff). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postExperimentsIdStop: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Experiment"];
                };
            };
            /** @description The input is invalid; `fields` names each problem. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials: the API key is missing, unknown or revoked. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials do not grant this operation (or a cookie session came from another site). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request conflicts with the resource's current state. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected server error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is unavailable; retry shortly (the SDK retries with backoff). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postExperimentsIdShip: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "variant": "popular",
                 *       "note": "Clear CTR win; latency held."
                 *     }
                 */
                "application/json": {
                    variant: string;
                    note?: string;
                    confirm_key?: string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Experiment"];
                };
            };
            /** @description The input is invalid; `fields` names each problem. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials: the API key is missing, unknown or revoked. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials do not grant this operation (or a cookie session came from another site). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request conflicts with the resource's current state. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is larger than this operation accepts. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not in a format this operation accepts. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected server error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is unavailable; retry shortly (the SDK retries with backoff). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getExperimentsIdResults: {
        parameters: {
            query?: {
                mde?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExperimentResults"];
                };
            };
            /** @description The input is invalid; `fields` names each problem. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials: the API key is missing, unknown or revoked. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials do not grant this operation (or a cookie session came from another site). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request conflicts with the resource's current state. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected server error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is unavailable; retry shortly (the SDK retries with backoff). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getStrategies: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        strategies: components["schemas"]["Strategy"][];
                        default: string;
                    };
                };
            };
            /** @description No valid credentials: the API key is missing, unknown or revoked. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials do not grant this operation (or a cookie session came from another site). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected server error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is unavailable; retry shortly (the SDK retries with backoff). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postStrategies: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    key: string;
                    name?: string;
                    /** @default  */
                    description?: string;
                    config: {
                        quotas: {
                            collaborative: number;
                            neighbors: number;
                            ease: number;
                            content: number;
                            popular: number;
                            trending: number;
                        };
                        /** @enum {string} */
                        ranker: "active" | "none";
                        blend: {
                            collaborative: number;
                            neighbors: number;
                            ease: number;
                            content: number;
                            popular: number;
                            trending: number;
                        };
                        diversityLambda: number | null;
                        explorationShare: number;
                        /** @enum {string} */
                        fallback: "popular" | "trending";
                    };
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Strategy"];
                };
            };
            /** @description The input is invalid; `fields` names each problem. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials: the API key is missing, unknown or revoked. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials do not grant this operation (or a cookie session came from another site). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request conflicts with the resource's current state. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is larger than this operation accepts. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not in a format this operation accepts. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected server error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is unavailable; retry shortly (the SDK retries with backoff). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getStrategiesId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        key: string;
                        name: string;
                        description: string;
                        version: number;
                        config: {
                            quotas: {
                                collaborative: number;
                                neighbors: number;
                                ease: number;
                                content: number;
                                popular: number;
                                trending: number;
                            };
                            /** @enum {string} */
                            ranker: "active" | "none";
                            blend: {
                                collaborative: number;
                                neighbors: number;
                                ease: number;
                                content: number;
                                popular: number;
                                trending: number;
                            };
                            diversityLambda: number | null;
                            explorationShare: number;
                            /** @enum {string} */
                            fallback: "popular" | "trending";
                        };
                        preset: boolean;
                        is_default: boolean;
                        /** Format: date-time */
                        created_at: string;
                        /** Format: date-time */
                        updated_at: string;
                        versions: {
                            version: number;
                            name: string;
                            description: string;
                            config: {
                                quotas: {
                                    collaborative: number;
                                    neighbors: number;
                                    ease: number;
                                    content: number;
                                    popular: number;
                                    trending: number;
                                };
                                /** @enum {string} */
                                ranker: "active" | "none";
                                blend: {
                                    collaborative: number;
                                    neighbors: number;
                                    ease: number;
                                    content: number;
                                    popular: number;
                                    trending: number;
                                };
                                diversityLambda: number | null;
                                explorationShare: number;
                                /** @enum {string} */
                                fallback: "popular" | "trending";
                            };
                            /** Format: date-time */
                            created_at: string;
                        }[];
                    };
                };
            };
            /** @description The input is invalid; `fields` names each problem. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials: the API key is missing, unknown or revoked. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials do not grant this operation (or a cookie session came from another site). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected server error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is unavailable; retry shortly (the SDK retries with backoff). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteStrategiesId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Strategy"];
                };
            };
            /** @description The input is invalid; `fields` names each problem. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials: the API key is missing, unknown or revoked. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials do not grant this operation (or a cookie session came from another site). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request conflicts with the resource's current state. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected server error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is unavailable; retry shortly (the SDK retries with backoff). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    patchStrategiesId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "config": {
                 *         "quotas": {
                 *           "content": 0
                 *         }
                 *       }
                 *     }
                 */
                "application/json": {
                    name?: string;
                    description?: string;
                    config?: {
                        quotas?: {
                            [key: string]: unknown;
                        };
                        blend?: {
                            [key: string]: unknown;
                        };
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Strategy"];
                };
            };
            /** @description The input is invalid; `fields` names each problem. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials: the API key is missing, unknown or revoked. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials do not grant this operation (or a cookie session came from another site). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request conflicts with the resource's current state. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is larger than this operation accepts. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not in a format this operation accepts. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected server error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is unavailable; retry shortly (the SDK retries with backoff). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postStrategiesIdDefault: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Strategy"];
                };
            };
            /** @description The input is invalid; `fields` names each problem. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials: the API key is missing, unknown or revoked. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials do not grant this operation (or a cookie session came from another site). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request conflicts with the resource's current state. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected server error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is unavailable; retry shortly (the SDK retries with backoff). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getModelsVersions: {
        parameters: {
            query?: {
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        versions: components["schemas"]["ModelVersion"][];
                    };
                };
            };
            /** @description The input is invalid; `fields` names each problem. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials: the API key is missing, unknown or revoked. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials do not grant this operation (or a cookie session came from another site). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected server error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is unavailable; retry shortly (the SDK retries with backoff). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postModelsVersionsIdPromote: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ModelVersion"];
                };
            };
            /** @description The input is invalid; `fields` names each problem. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials: the API key is missing, unknown or revoked. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials do not grant this operation (or a cookie session came from another site). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request conflicts with the resource's current state. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected server error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is unavailable; retry shortly (the SDK retries with backoff). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postModelsRollback: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ModelVersion"];
                };
            };
            /** @description No valid credentials: the API key is missing, unknown or revoked. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials do not grant this operation (or a cookie session came from another site). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request conflicts with the resource's current state. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected server error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is unavailable; retry shortly (the SDK retries with backoff). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postModelsTrain: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Accepted */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TrainingRun"];
                };
            };
            /** @description No valid credentials: the API key is missing, unknown or revoked. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials do not grant this operation (or a cookie session came from another site). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected server error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is unavailable; retry shortly (the SDK retries with backoff). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getModelsRuns: {
        parameters: {
            query?: {
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        runs: components["schemas"]["TrainingRun"][];
                    };
                };
            };
            /** @description The input is invalid; `fields` names each problem. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials: the API key is missing, unknown or revoked. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials do not grant this operation (or a cookie session came from another site). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected server error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is unavailable; retry shortly (the SDK retries with backoff). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getModelsRunsId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TrainingRun"];
                };
            };
            /** @description The input is invalid; `fields` names each problem. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials: the API key is missing, unknown or revoked. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials do not grant this operation (or a cookie session came from another site). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected server error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is unavailable; retry shortly (the SDK retries with backoff). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getMetricsCtr: {
        parameters: {
            query?: {
                range?: "1h" | "6h" | "24h" | "7d";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CtrSeries"];
                };
            };
            /** @description The input is invalid; `fields` names each problem. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials: the API key is missing, unknown or revoked. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials do not grant this operation (or a cookie session came from another site). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected server error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is unavailable; retry shortly (the SDK retries with backoff). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getMetricsInstance: {
        parameters: {
            query?: {
                range?: "1h" | "6h" | "24h" | "7d";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InstanceDashboard"];
                };
            };
            /** @description The input is invalid; `fields` names each problem. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials: the API key is missing, unknown or revoked. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials do not grant this operation (or a cookie session came from another site). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected server error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is unavailable; retry shortly (the SDK retries with backoff). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getMetrics: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
            /** @description An unexpected server error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is unavailable; retry shortly (the SDK retries with backoff). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getSettingsCache: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        response_seconds: number;
                        list_seconds: number;
                    };
                };
            };
            /** @description No valid credentials: the API key is missing, unknown or revoked. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials do not grant this operation (or a cookie session came from another site). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected server error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is unavailable; retry shortly (the SDK retries with backoff). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    patchSettingsCache: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "response_seconds": 30
                 *     }
                 */
                "application/json": {
                    response_seconds?: number;
                    list_seconds?: number;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        response_seconds: number;
                        list_seconds: number;
                    };
                };
            };
            /** @description The input is invalid; `fields` names each problem. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials: the API key is missing, unknown or revoked. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials do not grant this operation (or a cookie session came from another site). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is larger than this operation accepts. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not in a format this operation accepts. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected server error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is unavailable; retry shortly (the SDK retries with backoff). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getSettingsDiversity: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        lambda: number;
                        max_per_category: number | null;
                    };
                };
            };
            /** @description No valid credentials: the API key is missing, unknown or revoked. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials do not grant this operation (or a cookie session came from another site). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected server error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is unavailable; retry shortly (the SDK retries with backoff). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    patchSettingsDiversity: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "lambda": 0.7
                 *     }
                 */
                "application/json": {
                    lambda?: number;
                    max_per_category?: number | null;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        lambda: number;
                        max_per_category: number | null;
                    };
                };
            };
            /** @description The input is invalid; `fields` names each problem. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials: the API key is missing, unknown or revoked. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials do not grant this operation (or a cookie session came from another site). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is larger than this operation accepts. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not in a format this operation accepts. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected server error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is unavailable; retry shortly (the SDK retries with backoff). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getSettingsEventWeights: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        view: number;
                        click: number;
                        like: number;
                        dislike: number;
                        add_to_cart: number;
                        purchase: number;
                        rate: number;
                        share: number;
                        skip: number;
                    };
                };
            };
            /** @description No valid credentials: the API key is missing, unknown or revoked. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials do not grant this operation (or a cookie session came from another site). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected server error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is unavailable; retry shortly (the SDK retries with backoff). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    patchSettingsEventWeights: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "purchase": 5
                 *     }
                 */
                "application/json": {
                    view?: number;
                    click?: number;
                    like?: number;
                    dislike?: number;
                    add_to_cart?: number;
                    purchase?: number;
                    rate?: number;
                    share?: number;
                    skip?: number;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        view: number;
                        click: number;
                        like: number;
                        dislike: number;
                        add_to_cart: number;
                        purchase: number;
                        rate: number;
                        share: number;
                        skip: number;
                    };
                };
            };
            /** @description The input is invalid; `fields` names each problem. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials: the API key is missing, unknown or revoked. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials do not grant this operation (or a cookie session came from another site). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is larger than this operation accepts. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not in a format this operation accepts. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected server error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is unavailable; retry shortly (the SDK retries with backoff). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        principal: {
                            /** @constant */
                            kind: "user";
                            id: number;
                            email: string;
                            name: string;
                            /** @enum {string} */
                            role: "admin" | "pm" | "editor" | "operator";
                        } | {
                            /** @constant */
                            kind: "key";
                            id: number;
                            name: string;
                            scopes: ("recommend" | "events" | "users" | "catalog" | "admin")[];
                        } | {
                            /** @constant */
                            kind: "anonymous";
                            scopes: ("recommend" | "events" | "users" | "catalog" | "admin")[];
                        };
                        permissions: ("recommend" | "events:write" | "catalog:read" | "catalog:write" | "curation:read" | "curation:write" | "experiments:read" | "experiments:write" | "models:read" | "models:operate" | "metrics:read" | "feeds:explain" | "users:read" | "users:write" | "users:delete" | "settings:read" | "settings:write" | "access:manage")[];
                    };
                };
            };
            /** @description No valid credentials: the API key is missing, unknown or revoked. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials do not grant this operation (or a cookie session came from another site). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected server error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is unavailable; retry shortly (the SDK retries with backoff). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getAdminKeys: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        keys: components["schemas"]["ApiKey"][];
                    };
                };
            };
            /** @description No valid credentials: the API key is missing, unknown or revoked. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials do not grant this operation (or a cookie session came from another site). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected server error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is unavailable; retry shortly (the SDK retries with backoff). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postAdminKeys: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "storefront",
                 *       "scopes": [
                 *         "recommend",
                 *         "events"
                 *       ]
                 *     }
                 */
                "application/json": {
                    name: string;
                    scopes: ("recommend" | "events" | "users" | "catalog" | "admin")[];
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: number;
                        name: string;
                        displayPrefix: string;
                        scopes: ("recommend" | "events" | "users" | "catalog" | "admin")[];
                        createdBy: string;
                        /** Format: date-time */
                        createdAt: string;
                        lastUsedAt: string | null;
                        revokedAt: string | null;
                        /** @description Shown once: store it now. */
                        secret: string;
                    };
                };
            };
            /** @description The input is invalid; `fields` names each problem. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials: the API key is missing, unknown or revoked. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials do not grant this operation (or a cookie session came from another site). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is larger than this operation accepts. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not in a format this operation accepts. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected server error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is unavailable; retry shortly (the SDK retries with backoff). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteAdminKeysId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKey"];
                };
            };
            /** @description The input is invalid; `fields` names each problem. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials: the API key is missing, unknown or revoked. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials do not grant this operation (or a cookie session came from another site). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected server error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is unavailable; retry shortly (the SDK retries with backoff). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getAdminUsers: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        users: components["schemas"]["ConsoleUser"][];
                    };
                };
            };
            /** @description No valid credentials: the API key is missing, unknown or revoked. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials do not grant this operation (or a cookie session came from another site). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected server error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is unavailable; retry shortly (the SDK retries with backoff). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postAdminUsers: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    email: string;
                    /** @default  */
                    name?: string;
                    /** @enum {string} */
                    role: "admin" | "pm" | "editor" | "operator";
                    password: string;
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConsoleUser"];
                };
            };
            /** @description The input is invalid; `fields` names each problem. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials: the API key is missing, unknown or revoked. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials do not grant this operation (or a cookie session came from another site). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request conflicts with the resource's current state. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is larger than this operation accepts. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not in a format this operation accepts. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected server error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is unavailable; retry shortly (the SDK retries with backoff). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteAdminUsersId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConsoleUser"];
                };
            };
            /** @description The input is invalid; `fields` names each problem. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials: the API key is missing, unknown or revoked. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials do not grant this operation (or a cookie session came from another site). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request conflicts with the resource's current state. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected server error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is unavailable; retry shortly (the SDK retries with backoff). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    patchAdminUsersId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "role": "editor"
                 *     }
                 */
                "application/json": {
                    name?: string;
                    /** @enum {string} */
                    role?: "admin" | "pm" | "editor" | "operator";
                    password?: string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConsoleUser"];
                };
            };
            /** @description The input is invalid; `fields` names each problem. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials: the API key is missing, unknown or revoked. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials do not grant this operation (or a cookie session came from another site). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request conflicts with the resource's current state. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is larger than this operation accepts. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not in a format this operation accepts. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected server error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is unavailable; retry shortly (the SDK retries with backoff). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getAudit: {
        parameters: {
            query?: {
                actor?: string;
                target_type?: string;
                target_id?: string;
                from?: string;
                to?: string;
                limit?: number;
                offset?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        entries: {
                            id: number;
                            /** Format: date-time */
                            at: string;
                            actor: string;
                            action: string;
                            targetType: string;
                            targetId: string;
                            details: {
                                [key: string]: unknown;
                            };
                        }[];
                        total: number;
                        limit: number;
                        offset: number;
                    };
                };
            };
            /** @description The input is invalid; `fields` names each problem. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid credentials: the API key is missing, unknown or revoked. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials do not grant this operation (or a cookie session came from another site). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected server error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is unavailable; retry shortly (the SDK retries with backoff). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postSetup: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    email: string;
                    /** @default  */
                    name?: string;
                    password: string;
                    token: string;
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConsoleUser"];
                };
            };
            /** @description The input is invalid; `fields` names each problem. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials do not grant this operation (or a cookie session came from another site). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is larger than this operation accepts. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not in a format this operation accepts. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected server error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is unavailable; retry shortly (the SDK retries with backoff). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
            /** @description An unexpected server error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is unavailable; retry shortly (the SDK retries with backoff). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
        };
    };
    getLivez: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Liveness"];
                };
            };
            /** @description An unexpected server error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is unavailable; retry shortly (the SDK retries with backoff). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getReadyz: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Readiness"];
                };
            };
            /** @description An unexpected server error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is unavailable; retry shortly (the SDK retries with backoff). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Readiness"];
                };
            };
        };
    };
    getOpenapiJson: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        openapi: string;
                        paths: {
                            [key: string]: unknown;
                        };
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description An unexpected server error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is unavailable; retry shortly (the SDK retries with backoff). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
}
