export * from './format';
export * from './crypto';
