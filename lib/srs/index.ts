export * from './card-state';
export * from './schedule';
export * from './queue';
export * from './scope';
export * from './day';
export * from './format';
export * from './replay';
