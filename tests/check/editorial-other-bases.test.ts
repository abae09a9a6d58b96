import { describeEditorialCases } from '../helpers/editorial-cases.js';

/** The editorial cases on content written for something else than the demo: another release, a four-chapter review. */
describeEditorialCases((base) => base !== 'base');
