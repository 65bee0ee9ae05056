declare module 'virtual:bank-index' {
  import type { BankIndexEntry } from './db/cards';
  const index: BankIndexEntry[];
  export default index;
}
