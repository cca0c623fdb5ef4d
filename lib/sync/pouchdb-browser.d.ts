/** The little of pouchdb-browser's constructor Kith uses (see pouch-browser.ts for why not @types/pouchdb-browser). */
declare module 'pouchdb-browser/lib/index.es.js' {
  const PouchDB: new (name: string, opts?: object) => unknown;
  export default PouchDB;
}
