declare module 'virtual:bank-index' {
  import type { BundledBankEntry } from './bank/new-order';
  const index: BundledBankEntry[];
  export default index;
}
