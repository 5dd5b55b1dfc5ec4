export * from './org.js';
export * from './auth.js';
export * from './cases.js';
export * from './audit.js';
export * from './system.js';
export * from './workflow.js';
export * from './intake.js';
export * from './reference.js';
