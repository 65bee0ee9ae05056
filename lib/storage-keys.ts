/**
 * The extension's localStorage keys, in one dependency-free module so that prepaint.js
 * can share them without pulling in the settings code.
 */
export const SETTINGS_MIRROR_KEY = 'llm-cards:settings';
export const PREPARED_KEY_PREFIX = 'llm-cards:prepared:';
export const PACING_KEY = 'llm-cards:pacing';
