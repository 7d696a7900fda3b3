export { currentGauges, type CurrentGauges } from './gauges';
export type { CatalogCoverage } from './coverage';
export type { Percentiles } from './percentiles';
export { recordEventsIngested, recordHttpRequest, recordRecommendationCache, recordRecommendationServed, type ServedList } from './record';
export { tailorMetrics, type TailorMetrics } from './registry';
export { routePattern } from './route-pattern';
export { metricsSeries, type EndpointPoint, type MetricsPoint, type SeriesRange, type StrategyPoint } from './timeseries';
