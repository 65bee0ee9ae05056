export * from './schema';
export * from './open';
export * from './cards';
export * from './reviews';
export * from './views';
export * from './queue';
export * from './queue-keys';
export * from './history';
