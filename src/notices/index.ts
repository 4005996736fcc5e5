export { checkPlannedOutage, stockholmParts, type RuleViolation } from './rules.js';
