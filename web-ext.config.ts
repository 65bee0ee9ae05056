import { defineWebExtConfig } from 'wxt';

// `npm start` opens the browser itself (scripts/start.mjs); WXT's dev runner needs a display.
export default defineWebExtConfig({ disabled: true });
