export * from './time';
export * from './touches';
export * from './constants';
export * from './birthday';
export * from './stages';
export * from './summary';
export * from './reasons';
export * from './rank';
