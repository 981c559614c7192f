/** The summary lives in shared/ so the run charts read percentiles exactly as the tables do. */
export { summarise } from '../../../shared/bench/summary';
